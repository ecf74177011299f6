"""Reads of the start page's inbox: what needs the signed-in person now, per role, with counts and
deadlines. Every list starts from the follow-up's, contracts' and watch lists' access helpers
(`cases_visible_to`, `contracts_visible_to`, `site_audits_visible_to`, `alerts_visible_to`) and is
then narrowed to the person's own region, area, supplier or audit firm, so nothing appears that the
person may not open.

The page's query count does not grow with the data: one statement counts every section at once
(each count a scalar subquery of the same SELECT), then one statement per section reads its first
SHOWN rows; the rest are on the section's own page (`rows_of`, paginated), linked as "show all".
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, F, Func, IntegerField, Model, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from kedja.contracts.models import Contract, ContractStatus
from kedja.contracts.queries import contracts_visible_to
from kedja.followup.dashboard import my_cases_q, overdue_actions, overdue_answers
from kedja.followup.models import (
    OPEN_STATUSES,
    ActionStatus,
    AnswerRequest,
    AnswerRequestStatus,
    CaseStatus,
    CorrectiveAction,
    DeviationStatus,
    DocumentRequest,
    Finding,
    FindingKind,
    FollowUpCase,
    JointTask,
    PublishedSummary,
    RequestStatus,
    SiteAudit,
    SiteAuditStatus,
    SummaryStatus,
)
from kedja.followup.queries import cases_visible_to, site_audits_visible_to
from kedja.organisations.models import ProcurementArea, User
from kedja.organisations.queries import Actor
from kedja.reference.queries import categories_of_area, current_period
from kedja.watchlists.models import Alert, AlertStatus
from kedja.watchlists.queries import alerts_visible_to

# Rows shown per section; the count is always the full one.
SHOWN = 10
# A contract is due for follow-up when no case of its own was open or closed within this time.
FOLLOW_UP_EVERY = timedelta(days=365)


@dataclass(frozen=True)
class Item:
    text: str
    link: str
    deadline: date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class Source:
    """A section before it is read: its rows in order and how each becomes an item."""

    key: str
    title: str
    rows: QuerySet[Any]
    item: Callable[[Any], Item]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    total: int
    items: list[Item]


def _section[M: Model](key: str, title: str, qs: QuerySet[M], item: Callable[[M], Item]) -> Source:
    return Source(key, title, qs, item)


class _CountDistinct(Func):
    template = "COUNT(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def _counts(user: User, sources: list[Source]) -> list[int]:
    """Every section's count in one statement: scalar subqueries selected from the reader's own
    user row (a row that always exists). COUNT(DISTINCT pk) also counts a joined query right."""
    subqueries = {
        f"n{i}": Subquery(
            source.rows.order_by().annotate(n=_CountDistinct(F("pk"))).values("n")[:1],
            output_field=IntegerField(),
        )
        for i, source in enumerate(sources)
    }
    row = User.objects.filter(pk=user.pk).annotate(**subqueries).values(*subqueries).get()
    return [row[f"n{i}"] or 0 for i in range(len(sources))]


def _case_text(case: FollowUpCase) -> str:
    return f"{case.supplier.name} – {case.products or case.category or case.year}"


def _case_item(case: FollowUpCase) -> Item:
    return Item(_case_text(case), reverse("followup:case_detail", args=[case.uuid]))


def summaries_ready_to_publish(today: date) -> QuerySet[PublishedSummary]:
    """Draft summaries whose supplier comment period is over (or that have none)."""
    return PublishedSummary.objects.filter(
        Q(comment_until=None) | Q(comment_until__lt=today), status=SummaryStatus.DRAFT
    ).select_related("case__supplier", "case__lead_organisation", "case__category")


def _awaiting_assessment(cases: QuerySet[FollowUpCase]) -> QuerySet[FollowUpCase]:
    return (
        cases.filter(status=CaseStatus.STEP1_SUBMITTED)
        .select_related("supplier", "category", "self_assessment")
        .order_by("self_assessment__submitted_at", "pk")
    )


def _action_item(today: date, *, portal: bool = False) -> Callable[[CorrectiveAction], Item]:
    def item(action: CorrectiveAction) -> Item:
        case = action.case
        name = "followup:portal_case" if portal else "followup:case_detail"
        text = f"{action.description[:120]} ({case.supplier.name})"
        return Item(text, reverse(name, args=[case.uuid]), action.deadline, action.deadline < today)

    return item


def zero_tolerance_alerts(actor: Actor) -> QuerySet[Finding]:
    """Open zero-tolerance deviations of open cases, for the secretariat (which sees every case).

    The open-case condition is a join on each finding's own case, not `case IN (open cases)`
    (followup.dashboard.open_zero_tolerance): with every case visible the IN list is every open
    case, and both databases then walk it case by case, 8 times slower at 30,000 findings
    (bench/inbox_pages.py --profile).
    """
    if not actor.is_secretariat:
        return Finding.objects.none()
    return (
        Finding.objects.filter(
            kind=FindingKind.DEVIATION, is_zero_tolerance=True, case__status__in=OPEN_STATUSES
        )
        .exclude(status=DeviationStatus.CLOSED)
        .select_related("case__supplier")
        .order_by("-created_at", "-pk")
    )


def secretariat_sections(actor: Actor, today: date) -> list[Source]:
    cases = cases_visible_to(actor)
    summaries = summaries_ready_to_publish(today).order_by("comment_until", "pk")
    return [
        _section("reviews", _("Self-assessments to review"), _awaiting_assessment(cases), _case_item),
        _section(
            "summaries",
            _("Summaries to publish"),
            summaries,
            lambda s: Item(_case_text(s.case), reverse("followup:summary_edit", args=[s.case.uuid])),
        ),
        _section(
            "zero_tolerance",
            _("Zero-tolerance alerts"),
            zero_tolerance_alerts(actor),
            lambda f: Item(
                f"{f.title} ({f.case.supplier.name})", reverse("followup:case_detail", args=[f.case.uuid])
            ),
        ),
    ]


def _strategist_cases(actor: Actor) -> QuerySet[FollowUpCase]:
    """Cases the strategist's regions lead or take part in, and cases of their areas' categories."""
    q = my_cases_q(actor)
    period = current_period()
    areas = ProcurementArea.objects.filter(pk__in=actor.strategist_area_ids | actor.coordinated_area_ids)
    for letter in areas.values_list("letter", flat=True):
        q |= Q(category__in=categories_of_area(letter, period))
    return cases_visible_to(actor).filter(q)


def strategist_sections(actor: Actor, today: date) -> list[Source]:
    cases = _strategist_cases(actor)
    return [
        _section(
            "awaiting_assessment",
            _("Cases awaiting assessment"),
            _awaiting_assessment(cases),
            _case_item,
        ),
        _section(
            "overdue_actions",
            _("Overdue corrective actions"),
            overdue_actions(cases),
            _action_item(today),
        ),
    ]


def _region_cases(actor: Actor) -> QuerySet[FollowUpCase]:
    return cases_visible_to(actor).filter(lead_organisation_id__in=actor.officer_region_ids)


def contracts_due(actor: Actor, today: date) -> QuerySet[Contract]:
    """The region's active contracts with no case of their own open, or closed within a year."""
    recent = FollowUpCase.objects.filter(contracts=OuterRef("pk")).filter(
        Q(status__in=OPEN_STATUSES) | Q(closed_on__gte=today - FOLLOW_UP_EVERY)
    )
    # The regions' contracts as an id subquery, not a join: a join needs DISTINCT over whole rows,
    # which sorted all of a region's 15,000 contracts at national scale.
    owned = Contract.owning_regions.through.objects.filter(organisation_id__in=actor.officer_region_ids)
    return (
        contracts_visible_to(actor)
        .filter(pk__in=owned.values("contract_id"), status=ContractStatus.ACTIVE)
        .exclude(Exists(recent))
        .select_related("supplier")
        .order_by("ends_on", "pk")
    )


def officer_sections(actor: Actor, today: date) -> list[Source]:
    cases = _region_cases(actor)
    waiting = cases.filter(status__in=[CaseStatus.DRAFT, CaseStatus.STEP1_SUBMITTED]).select_related(
        "supplier", "category"
    )
    return [
        _section(
            "region_cases",
            _("The region's cases to take forward"),
            waiting.order_by("created_at", "pk"),
            _case_item,
        ),
        _section(
            "overdue_answers",
            _("Answers overdue from suppliers"),
            overdue_answers(cases),
            lambda c: Item(
                _case_text(c),
                reverse("followup:case_detail", args=[c.uuid]),
                c.answer_request.deadline if c.answer_request else None,
                True,
            ),
        ),
        _section(
            "contracts_due",
            _("Contracts due for follow-up"),
            contracts_due(actor, today),
            lambda k: Item(
                f"{k.title} ({k.supplier.name})",
                reverse("contracts:contract_detail", args=[k.uuid]),
                k.ends_on,
            ),
        ),
    ]


def supplier_sections(actor: Actor, today: date) -> list[Source]:
    requests = AnswerRequest.objects.filter(
        supplier_id__in=actor.supplier_ids, status=AnswerRequestStatus.OPEN
    ).order_by("deadline", "pk")
    documents = (
        DocumentRequest.objects.filter(
            office_audit__case__in=cases_visible_to(actor).filter(status__in=OPEN_STATUSES).values("pk"),
            status=RequestStatus.REQUESTED,
        )
        .select_related("office_audit__case")
        .order_by("deadline", "pk")
    )
    actions = (
        CorrectiveAction.objects.filter(
            case__in=cases_visible_to(actor).filter(status__in=OPEN_STATUSES).values("pk"),
            status=ActionStatus.OPEN,
        )
        .select_related("case__supplier")
        .order_by("deadline", "pk")
    )
    return [
        _section(
            "requests",
            _("Self-assessments to answer"),
            requests.select_related("questionnaire"),
            lambda r: Item(
                str(r.questionnaire.title),
                reverse("followup:portal_request", args=[r.uuid]),
                r.deadline,
                r.deadline < today,
            ),
        ),
        _section(
            "documents",
            _("Documents requested of you"),
            documents,
            lambda d: Item(
                d.description[:120],
                reverse("followup:portal_case", args=[d.office_audit.case.uuid]),
                d.deadline,
                d.deadline < today,
            ),
        ),
        _section(
            "actions",
            _("Corrective actions to report on"),
            actions,
            _action_item(today, portal=True),
        ),
    ]


def auditor_sections(actor: Actor, today: date) -> list[Source]:
    planned = site_audits_visible_to(actor).filter(
        audit_firm_id__in=actor.audit_firm_ids, status=SiteAuditStatus.PLANNED
    )

    def item(audit: SiteAudit) -> Item:
        text = f"{audit.case.supplier.name} – {audit.site.country}"
        return Item(
            text,
            reverse("followup:site_audit_detail", args=[audit.uuid]),
            audit.ends_on,
            audit.ends_on < today,
        )

    return [
        _section(
            "assigned",
            _("Audits assigned to you"),
            planned.filter(ends_on__gte=today).order_by("starts_on", "pk"),
            item,
        ),
        _section(
            "reports_due",
            _("Audit reports due"),
            planned.filter(ends_on__lt=today).order_by("ends_on", "pk"),
            item,
        ),
    ]


def _alert_item(alert: Alert) -> Item:
    return Item(
        f"{alert.subject_name} – {alert.entry.name}", reverse("watchlists:alert_detail", args=[alert.uuid])
    )


def watchlist_sections(actor: Actor) -> list[Source]:
    """Open watch-list alerts of the person's case teams: only those who may see the matched site."""
    alerts = alerts_visible_to(actor).filter(status=AlertStatus.OPEN).order_by("created_at", "pk")
    return [_section("watchlist_alerts", _("Watch-list alerts to decide"), alerts, _alert_item)]


def joint_tasks_of_my_regions(actor: Actor) -> QuerySet[JointTask]:
    """Tasks given to the person's regions in open joint cases, not yet done, earliest first."""
    return (
        JointTask.objects.filter(
            region_id__in=actor.officer_region_ids,
            done=False,
            case__in=cases_visible_to(actor).filter(status__in=OPEN_STATUSES).values("pk"),
        )
        .select_related("case__supplier", "region")
        .order_by("due_on", "pk")
    )


def joint_task_section(actor: Actor, today: date) -> Source:
    return _section(
        "joint_tasks",
        _("Your region's tasks in joint cases"),
        joint_tasks_of_my_regions(actor),
        lambda t: Item(
            f"{t.description[:120]} ({t.case.supplier.name}, {t.region.name})",
            reverse("followup:case_detail", args=[t.case.uuid]),
            t.due_on,
            t.due_on < today,
        ),
    )


def sources_for(actor: Actor, today: date) -> list[Source]:
    """The sections of each of the person's roles, in a fixed order, not yet read."""
    sections: list[Source] = []
    if actor.is_secretariat:
        sections += secretariat_sections(actor, today)
    if actor.strategist_region_ids:
        sections += strategist_sections(actor, today)
    if actor.officer_region_ids - actor.strategist_region_ids:
        sections += officer_sections(actor, today)
    if actor.officer_region_ids:
        sections.append(joint_task_section(actor, today))
    if actor.supplier_ids:
        sections += supplier_sections(actor, today)
    if actor.audit_firm_ids:
        sections += auditor_sections(actor, today)
    if actor.is_secretariat or actor.officer_region_ids:
        sections += watchlist_sections(actor)
    return sections


def sections_for(actor: Actor, today: date) -> list[Section]:
    """The inbox of one person: each section's count and first SHOWN items."""
    return read(actor, sources_for(actor, today))


def read(actor: Actor, sources: list[Source]) -> list[Section]:
    """Sections read: one statement for all their counts, one per section for its first rows."""
    if not sources or actor.user is None:
        return []
    totals = _counts(actor.user, sources)
    return [
        Section(
            source.key,
            source.title,
            total,
            [source.item(row) for row in source.rows[:SHOWN]],
        )
        for source, total in zip(sources, totals, strict=True)
    ]


def source_of(actor: Actor, today: date, key: str) -> Source | None:
    """One section of the person's inbox, for its page listing every item."""
    return next((s for s in sources_for(actor, today) if s.key == key), None)
