"""Who is told what: each event someone must act on, turned into notifications for the people who
act on it. Follow-up's actions call these with one line; the daily run (`tasks.run_daily`) finds
the events that come with the calendar (actions falling due, summaries ready to publish).

Keys name the event, so calling twice (a retried task, the daily run on the same day) tells no one
twice.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.urls import reverse

from kedja.followup.models import (
    OPEN_STATUSES,
    ActionStatus,
    CorrectiveAction,
    DocumentRequest,
    Finding,
    FollowUpCase,
    PublishedSummary,
    SiteAudit,
    SummaryStatus,
)
from kedja.organisations.models import Membership, OrganisationKind, Role, User
from kedja.watchlists.models import Alert
from kedja.watchlists.queries import concerned

from .models import Kind
from .outbox import Event, notify, notify_many

# A corrective action is announced as due this many days before its deadline.
DUE_SOON_DAYS = 7


def supplier_contacts(case: FollowUpCase) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        memberships__organisation_id=case.supplier_id,
        memberships__role=Role.SUPPLIER_CONTACT,
    ).distinct()


def case_team(case: FollowUpCase, *, participating: bool = False) -> QuerySet[User]:
    """Those who act on a case: the lead region's officers and strategists (with `participating`,
    also the participating regions'); the secretariat's staff when the secretariat leads."""
    if case.lead_organisation.kind == OrganisationKind.SECRETARIAT and not participating:
        return secretariat_staff()
    regions = [case.lead_organisation_id]
    if participating:
        regions += list(case.participating_regions.values_list("pk", flat=True))
    return User.objects.filter(
        is_active=True,
        memberships__organisation_id__in=regions,
        memberships__role__in=[Role.OFFICER, Role.STRATEGIST],
    ).distinct()


def secretariat_staff() -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        memberships__role=Role.SECRETARIAT_STAFF,
        memberships__organisation__kind=OrganisationKind.SECRETARIAT,
    ).distinct()


def _case_params(case: FollowUpCase, **extra: object) -> dict[str, str]:
    return {
        "supplier": case.supplier.name,
        "buyer": case.lead_organisation.name,
        "case": case.products or str(case.year),
        **{k: str(v) for k, v in extra.items()},
    }


def _team_link(case: FollowUpCase) -> str:
    return reverse("followup:case_detail", args=[case.uuid])


def _portal_link(case: FollowUpCase) -> str:
    return reverse("followup:portal_case", args=[case.uuid])


def _tell_team(case: FollowUpCase, kind: str, key: str, **params: object) -> int:
    """Tell the case team about an event of `case`, linking to the case's page."""
    return notify(
        kind=kind,
        key=key,
        recipients=case_team(case),
        link=_team_link(case),
        params=_case_params(case, **params),
    )


def document_requested(request: DocumentRequest) -> int:
    case = request.office_audit.case
    return notify(
        kind=Kind.DOCUMENT_REQUESTED,
        key=f"document-requested:{request.pk}",
        recipients=supplier_contacts(case),
        link=_portal_link(case),
        params=_case_params(case, what=request.description[:200], deadline=request.deadline.isoformat()),
    )


def document_received(request: DocumentRequest, document_id: int) -> int:
    case = request.office_audit.case
    return _tell_team(
        case,
        Kind.SUPPLIER_RESPONSE,
        f"document-received:{request.pk}:{document_id}",
        what=request.description[:200],
    )


def supplier_responded(action: CorrectiveAction) -> int:
    case = action.case
    stamp = action.responded_at.isoformat() if action.responded_at else ""
    return _tell_team(
        case, Kind.SUPPLIER_RESPONSE, f"action-response:{action.pk}:{stamp}", what=action.description[:200]
    )


def self_assessment_submitted(case: FollowUpCase) -> int:
    return _tell_team(case, Kind.SELF_ASSESSMENT_SUBMITTED, f"submitted:{case.pk}:{case.self_assessment_id}")


def audit_reported(audit: SiteAudit) -> int:
    return _tell_team(audit.case, Kind.AUDIT_REPORTED, f"audit-reported:{audit.pk}")


def sanction_ground(finding: Finding) -> int:
    """A zero-tolerance deviation (found, or reported by the supplier) is a ground for a sanction:
    the case team and the secretariat are told at once; of a supplier's own report, also whether it
    came within the contract's deadline (a late report is a ground of its own) and its measures."""
    report = finding.source_report
    if report is None:
        kind, params = Kind.SANCTION_GROUND, _case_params(finding.case, what=finding.title[:200])
    else:
        kind = Kind.ZERO_TOLERANCE_REPORTED_LATE if report.on_time is False else Kind.ZERO_TOLERANCE_REPORTED
        params = _case_params(
            finding.case,
            what=finding.title[:200],
            days=report.days_to_report,
            late=report.days_late,
            deadline=report.deadline_days,
            taken=report.measures_taken[:500],
            planned=report.measures_planned[:500] or "–",
        )
    return notify(
        kind=kind,
        key=f"sanction-ground:{finding.pk}",
        recipients=[*case_team(finding.case, participating=True), *secretariat_staff()],
        link=_team_link(finding.case),
        params=params,
    )


def _people_of_regions(region_ids: set[int]) -> dict[int, list[User]]:
    """The active officers and strategists of each region, in one query."""
    people: dict[int, list[User]] = {}
    memberships = Membership.objects.filter(
        organisation_id__in=region_ids, role__in=[Role.OFFICER, Role.STRATEGIST], user__is_active=True
    ).select_related("user")
    for membership in memberships:
        people.setdefault(membership.organisation_id, []).append(membership.user)
    return people


def _joint_events(kind: str, cases: list[FollowUpCase], what: str) -> list[Event]:
    """One event per joint case for the people of its participating regions (not the lead's, who
    started or closed it). Regions that join later get the same key: each person is told once."""
    through = FollowUpCase.participating_regions.through
    regions: dict[int, set[int]] = {}
    for case_id, region_id in through.objects.filter(followupcase_id__in=[c.pk for c in cases]).values_list(
        "followupcase_id", "organisation_id"
    ):
        regions.setdefault(case_id, set()).add(region_id)
    people = _people_of_regions({r for ids in regions.values() for r in ids})
    return [
        Event(
            kind=kind,
            key=f"{what}:{case.pk}",
            recipients=[user for r in regions[case.pk] for user in people.get(r, [])],
            link=_team_link(case),
            params=_case_params(case),
        )
        for case in cases
        if case.pk in regions
    ]


def joint_cases_started(cases: list[FollowUpCase]) -> int:
    """The participating regions of each joint case learn that it started (or that their region
    was added to it); a constant number of queries for the yearly send-out's many cases."""
    return notify_many(_joint_events(Kind.JOINT_CASE_STARTED, cases, "joint-started"))


def joint_case_closed(case: FollowUpCase) -> int:
    return notify_many(_joint_events(Kind.JOINT_CASE_CLOSED, [case], "joint-closed"))


def _open_actions() -> QuerySet[CorrectiveAction]:
    return (
        CorrectiveAction.objects.filter(case__status__in=OPEN_STATUSES)
        .exclude(status=ActionStatus.CLOSED)
        .select_related("case__supplier", "case__lead_organisation")
    )


def _tell_about_action(action: CorrectiveAction, kind: str, people: Iterable[User], link: str) -> int:
    case = action.case
    return notify(
        kind=kind,
        key=f"{kind}:{action.pk}:{action.deadline.isoformat()}",
        recipients=people,
        link=link,
        params=_case_params(case, what=action.description[:200], deadline=action.deadline.isoformat()),
    )


def actions_falling_due(today: date) -> int:
    """Actions due within DUE_SOON_DAYS tell the supplier; overdue ones the supplier and the case
    team. Once per deadline: a moved deadline is a new event."""
    told = 0
    soon = _open_actions().filter(deadline__gte=today, deadline__lte=today + timedelta(days=DUE_SOON_DAYS))
    for action in soon:
        case = action.case
        told += _tell_about_action(action, Kind.ACTION_DUE, supplier_contacts(case), _portal_link(case))
    for action in _open_actions().filter(deadline__lt=today):
        case = action.case
        told += _tell_about_action(action, Kind.ACTION_OVERDUE, supplier_contacts(case), _portal_link(case))
        told += _tell_about_action(action, Kind.ACTION_OVERDUE, case_team(case), _team_link(case))
    return told


def summaries_ready(today: date) -> int:
    """Draft summaries whose comment period is over wait for the secretariat to publish them."""
    drafts = PublishedSummary.objects.filter(
        Q(comment_until=None) | Q(comment_until__lt=today), status=SummaryStatus.DRAFT
    ).select_related("case__supplier", "case__lead_organisation")
    staff = list(secretariat_staff())
    told = 0
    for summary in drafts:
        told += notify(
            kind=Kind.SUMMARY_READY,
            key=f"summary-ready:{summary.pk}:{summary.comment_until}",
            recipients=staff,
            link=reverse("followup:summary_edit", args=[summary.case.uuid]),
            params=_case_params(summary.case),
        )
    return told


def watchlist_alert(alert: Alert) -> int:
    """A supplier or site may be on a sanctions or forced-labour list: the officers and strategists
    of every region owning a contract concerned are told, the people who may see a confidential
    site's name (the secretariat when no region owns one). Once per alert: an unchanged entry of a
    later edition is the same alert."""
    regions = concerned(alert).values("owning_regions")
    team = User.objects.filter(
        is_active=True,
        memberships__organisation__in=regions,
        memberships__organisation__kind=OrganisationKind.REGION,
        memberships__organisation__is_active=True,
        memberships__role__in=[Role.OFFICER, Role.STRATEGIST],
    ).distinct()
    return notify(
        kind=Kind.WATCHLIST_ALERT,
        key=f"watchlist-alert:{alert.pk}",
        recipients=team if team.exists() else secretariat_staff(),
        link=reverse("watchlists:alert_detail", args=[alert.uuid]),
        params={
            "subject": alert.subject_name,
            "entry": alert.entry.name[:200],
            "score": str(alert.score),
        },
    )
