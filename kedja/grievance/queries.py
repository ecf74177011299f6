"""Reads and access helpers for grievances.

Who sees what:
- grievance handlers (those the secretariat's admins designate; the whole secretariat staff while
  nobody is designated) see every report, the reporter's contact details and
  the attachments; nobody else sees a report;
- a supplier contact sees only the questions the handler put to their own organisation, in the
  handler's words (never the report, the reporter or the attachments);
- the reporter sees their own report through the receipt code and the secret; a wrong secret and
  an unknown code look exactly the same;
- sites matched against the reported site name are shown through contracts.queries' masking.
"""

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median
from uuid import UUID

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kedja.contracts.models import Site
from kedja.contracts.queries import SiteView, site_views
from kedja.core.i18n import in_english
from kedja.organisations.models import Membership, OrganisationKind, Role
from kedja.organisations.queries import ActingUser, Actor, actor_for, get_or_404, grievance_handlers

from . import crypto
from .models import OPEN_STATUSES, Attachment, Grievance, GrievanceStatus, ReportedIssue, SupplierRequest

# Checked when a code is unknown, so a wrong code costs as much time as a wrong secret.
_DUMMY_HASH = make_password("kedja-grievance-no-such-code")


def may_handle(actor: Actor) -> bool:
    """The grievance role: the designated handlers, or the whole secretariat staff while nobody
    is designated."""
    return actor.is_secretariat and (actor.grievance_handler or not grievance_handlers().exists())


def handler_memberships() -> QuerySet[Membership]:
    """Who handles (and is reminded): the designated handlers, else every secretariat staff member."""
    designated = grievance_handlers()
    if designated.exists():
        return designated
    return Membership.objects.filter(
        user__is_active=True, role=Role.SECRETARIAT_STAFF, organisation__kind=OrganisationKind.SECRETARIAT
    )


def grievances_visible_to(actor: Actor) -> QuerySet[Grievance]:
    if not may_handle(actor):
        return Grievance.objects.none()
    return Grievance.objects.select_related("country")


def get_grievance_for_user(user: ActingUser, uuid: UUID | str) -> Grievance:
    """A report the user handles; forbidden and missing are the same 404."""
    return get_or_404(grievances_visible_to(actor_for(user)), uuid)


def get_attachment_for_user(
    user: ActingUser, grievance_uuid: UUID | str, attachment_uuid: UUID | str
) -> Attachment:
    grievance = get_grievance_for_user(user, grievance_uuid)
    attachment = grievance.attachments.filter(uuid=attachment_uuid).first()
    if attachment is None:
        raise Http404
    return attachment


def contact_details_for(user: ActingUser, grievance: Grievance) -> str:
    """The reporter's contact details, decrypted, for a grievance handler only."""
    if not may_handle(actor_for(user)):
        raise Http404
    return crypto.decrypt(grievance.contact_encrypted)


def normalise_code(code: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (code or "").upper())


def find_for_reporter(code: str, secret: str) -> Grievance | None:
    """The report with this receipt code if the secret matches; None otherwise, either way."""
    grievance = Grievance.objects.filter(receipt_code=normalise_code(code)).first()
    if grievance is None:
        check_password(normalise_secret(secret), _DUMMY_HASH)
        return None
    return grievance if check_password(normalise_secret(secret), grievance.secret_hash) else None


def normalise_secret(secret: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (secret or "").lower())


def matching_sites(grievance: Grievance, actor: Actor, limit: int = 10) -> list[SiteView]:
    """Known sites whose name or address shares a word with the reported site or place,
    confidential ones included, masked for actors who may not see them; best matches first."""
    words = set(re.findall(r"\w{3,}", f"{grievance.site_name} {grievance.place}".lower()))
    if not words:
        return []
    q = Q()
    for word in words:
        q |= Q(legal_name__icontains=word) | Q(address__icontains=word)
    candidates = list(Site.objects.filter(q).select_related("country")[:200])

    def score(site: Site) -> tuple[int, bool, str]:
        text = f"{site.legal_name} {site.address}".lower()
        same_country = grievance.country_id is not None and site.country_id == grievance.country_id
        return (-sum(word in text for word in words), not same_country, site.legal_name)

    best = sorted(candidates, key=score)[:limit]
    views = {view.pk: view for view in site_views(Site.objects.filter(pk__in=[s.pk for s in best]), actor)}
    return [views[site.pk] for site in best]


def linked_sites(grievance: Grievance, actor: Actor) -> list[SiteView]:
    return site_views(grievance.sites.all(), actor)


def supplier_requests_for(actor: Actor) -> QuerySet[SupplierRequest]:
    """Questions put to the actor's own supplier organisation(s)."""
    return SupplierRequest.objects.filter(supplier_id__in=actor.supplier_ids).select_related("supplier")


def get_supplier_request_for_user(user: ActingUser, uuid: UUID | str) -> SupplierRequest:
    return get_or_404(supplier_requests_for(actor_for(user)), uuid)


def decide_within_days() -> int:
    return settings.KEDJA_GRIEVANCE_DECIDE_DAYS


def due_for_reminder(today: date | None = None) -> QuerySet[Grievance]:
    """Open reports whose acknowledgement is due tomorrow or late, acknowledged ones still
    undecided past the decision deadline, or ones whose supplier has not answered by the date
    asked; each reminded at most once a day."""
    today = today or timezone.localdate()
    decide_cutoff = timezone.now() - timedelta(days=decide_within_days())
    unanswered = SupplierRequest.objects.filter(responded_at__isnull=True, respond_by__lt=today)
    return (
        Grievance.objects.filter(
            Q(status=GrievanceStatus.RECEIVED, acknowledge_by__lte=today + timedelta(days=1))
            | Q(status=GrievanceStatus.ACKNOWLEDGED, acknowledged_at__lte=decide_cutoff)
            | Q(status=GrievanceStatus.DECIDED, pk__in=unanswered.values("grievance_id"))
        )
        .exclude(last_reminded_on=today)
        .order_by("acknowledge_by")
    )


@dataclass
class Statistics:
    total: int
    open: int
    by_issue: list[tuple[str, int]]
    by_country: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    by_year: list[tuple[int, int]]
    by_month: list[tuple[str, int]]
    median_days_to_acknowledge: float | None
    median_days_to_close: float | None
    acknowledged: int
    closed: int
    acknowledged_late: int


def statistics(year: int | None = None) -> Statistics:
    """Counts and durations only: no text the reporter wrote, no contact details, no codes.
    Of the reports received in `year`, or of every report when no year is given."""
    reports = Grievance.objects.all() if year is None else Grievance.objects.filter(created_at__year=year)
    labels = dict(ReportedIssue.choices)
    by_issue = reports.values("issue").annotate(n=Count("id")).order_by("-n", "issue")
    by_country = reports.values("country__name_sv", "country__name_en").annotate(n=Count("id")).order_by("-n")
    by_category = (
        Grievance.categories.through.objects.filter(grievance__in=reports)
        .values("category__name_sv", "category__name_en")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    by_year = reports.values("created_at__year").annotate(n=Count("id")).order_by("created_at__year")
    timings = list(reports.values_list("created_at", "acknowledged_at", "closed_at", "acknowledge_by"))
    to_acknowledge = [(c, a) for c, a, _z, _d in timings if a]
    to_close = [(c, z) for c, _a, z, _d in timings if z]
    return Statistics(
        total=len(timings),
        open=reports.filter(status__in=OPEN_STATUSES).count(),
        by_issue=[(str(labels.get(r["issue"], r["issue"])), r["n"]) for r in by_issue],
        by_country=[(_bilingual(r, "country__") or "–", r["n"]) for r in by_country],
        by_category=[(_bilingual(r, "category__"), r["n"]) for r in by_category],
        by_year=[(r["created_at__year"], r["n"]) for r in by_year],
        by_month=sorted(Counter(f"{timezone.localtime(c):%Y-%m}" for c, *_rest in timings).items()),
        median_days_to_acknowledge=_median_days(to_acknowledge),
        median_days_to_close=_median_days(to_close),
        acknowledged=len(to_acknowledge),
        closed=len(to_close),
        acknowledged_late=sum(1 for _c, a, _z, due in timings if a and timezone.localdate(a) > due),
    )


def _bilingual(row: Mapping[str, object], prefix: str) -> str:
    english = row.get(prefix + "name_en")
    if in_english() and english:
        return str(english)
    return str(row.get(prefix + "name_sv") or "")


def _median_days(pairs: list[tuple[datetime, datetime]]) -> float | None:
    if not pairs:
        return None
    return round(median((end - start).total_seconds() / 86400 for start, end in pairs), 1)
