"""Reads of the follow-up and the access helpers every view and action starts from.

Shared parts of a case (status, step, traffic light, findings summary) are visible to everyone who
`sees_shared`; confidential parts (evidence, audit reports, internal notes, confidential site names,
interview notes) only to the secretariat and to strategists of the lead or participating regions.
Suppliers see their own organisation's cases; auditors only the site audits assigned to their firm.
"""

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from kedja.organisations.queries import Actor, actor_for

from .models import (
    ActionStatus,
    CaseEvent,
    CorrectiveAction,
    DeviationStatus,
    EvidenceDocument,
    Finding,
    FindingKind,
    FollowUpCase,
    PublishedSummary,
    SiteAudit,
    SummaryStatus,
)
from .rules import DeviationFacts, TrafficLight, traffic_light


def cases_visible_to(actor: Actor) -> QuerySet[FollowUpCase]:
    """Cases a person may open: all for the collaboration, their own organisation's for suppliers."""
    qs = FollowUpCase.objects.all()
    if actor.sees_shared:
        return qs
    if actor.supplier_ids:
        return qs.filter(supplier_id__in=actor.supplier_ids)
    return qs.none()


def may_change(actor: Actor, case: FollowUpCase) -> bool:
    """The secretariat and the lead region's officers and strategists change a case."""
    return actor.is_secretariat or case.lead_organisation_id in actor.officer_region_ids


def may_assess(actor: Actor, case: FollowUpCase) -> bool:
    """Assessments, findings, CAP verification and sanctions: secretariat and lead-region strategists."""
    return actor.is_secretariat or case.lead_organisation_id in actor.strategist_region_ids


def team_region_ids(case: FollowUpCase) -> set[int]:
    return {case.lead_organisation_id, *(r.pk for r in case.participating_regions.all())}


def may_see_confidential(actor: Actor, case: FollowUpCase) -> bool:
    """Secretariat, and strategists of the lead or a participating region."""
    if actor.is_secretariat:
        return True
    return bool(actor.strategist_region_ids & team_region_ids(case))


def is_case_supplier(actor: Actor, case: FollowUpCase) -> bool:
    return case.supplier_id in actor.supplier_ids


def light_expression(*, per_row: bool = False) -> Case:
    """The traffic light of each case as a SQL expression (same rule as `rules.traffic_light`).

    By default the subqueries are not correlated: the database evaluates each once per query (a
    hashed set of case ids), which suits counts and filters over thousands of cases. `per_row`
    correlates them with each case instead, which is cheaper for a page of a few dozen cases.
    """
    today = timezone.localdate()
    deviations = Finding.objects.filter(kind=FindingKind.DEVIATION)
    actions = CorrectiveAction.objects.filter(finding__kind=FindingKind.DEVIATION, deadline__lt=today)
    if per_row:
        deviations = deviations.filter(case=OuterRef("pk"))
        actions = actions.filter(finding__case=OuterRef("pk"))
    open_deviations = deviations.exclude(status=DeviationStatus.CLOSED)
    late = open_deviations.filter(deadline__lt=today) | deviations.filter(
        status=DeviationStatus.CLOSED, closed_on__gt=F("deadline")
    )
    overdue = actions.exclude(Q(status=ActionStatus.CLOSED) | Q(finding__status=DeviationStatus.CLOSED))
    if per_row:
        red, yellow = Exists(late) | Exists(overdue), Exists(open_deviations)
    else:
        red = Q(pk__in=late.values("case_id")) | Q(pk__in=overdue.values("finding__case_id"))
        yellow = Q(pk__in=open_deviations.values("case_id"))
    return Case(
        When(red, then=Value(TrafficLight.RED.value)),
        When(yellow, then=Value(TrafficLight.YELLOW.value)),
        default=Value(TrafficLight.GREEN.value),
        output_field=CharField(),
    )


def _count_of(findings: QuerySet[Finding]) -> Coalesce:
    counted = findings.order_by().values("case").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_overview(qs: QuerySet[FollowUpCase]) -> QuerySet[FollowUpCase]:
    """List-page data in a constant number of queries: the traffic light and deviation counts are
    correlated subqueries, so no join multiplies the rows however many findings there are."""
    deviations = Finding.objects.filter(case=OuterRef("pk"), kind=FindingKind.DEVIATION)
    return qs.select_related("supplier", "lead_organisation", "category").annotate(
        n_deviations=_count_of(deviations),
        n_open_deviations=_count_of(deviations.exclude(status=DeviationStatus.CLOSED)),
        light=light_expression(per_row=True),
    )


def overview_of(ids: list[int]) -> list[FollowUpCase]:
    """One page of cases with the list annotations, in the order of `ids` (paginate ids first, so
    the annotations are computed for the page only, not for every case that matches)."""
    by_pk = {case.pk: case for case in with_overview(FollowUpCase.objects.filter(pk__in=ids))}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def filter_light(qs: QuerySet[FollowUpCase], light: str) -> QuerySet[FollowUpCase]:
    """Narrow a queryset to one traffic light, in the database."""
    if light not in TrafficLight.values:
        return qs
    if "light" not in qs.query.annotations:
        qs = qs.annotate(light=light_expression())
    return qs.filter(light=light)


def light_of(case: FollowUpCase) -> str:
    """The case's traffic light: from the annotation on list pages, else from its findings."""
    return getattr(case, "light", None) or compute_light(case)


def compute_light(case: FollowUpCase) -> str:
    today = timezone.localdate()
    deviations = case.findings.filter(kind=FindingKind.DEVIATION).prefetch_related("actions")
    return traffic_light(
        (
            DeviationFacts(
                closed=d.status == DeviationStatus.CLOSED,
                deadline=d.deadline,
                closed_on=d.closed_on,
                has_overdue_action=any(a.is_overdue for a in d.actions.all()),
            )
            for d in deviations
        ),
        today,
    )


def get_case_for_user(user, uuid, *, write: bool = False) -> FollowUpCase:
    """One case the user may see (with write: may change); otherwise 404, forbidden or missing alike."""
    actor = actor_for(user)
    try:
        case = (
            cases_visible_to(actor).select_related("supplier", "lead_organisation", "category").get(uuid=uuid)
        )
    except (FollowUpCase.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not may_change(actor, case):
        raise Http404
    return case


def supplier_case_for_user(user, uuid) -> FollowUpCase:
    """A case of the user's own supplier organisation (the portal); otherwise 404."""
    actor = actor_for(user)
    try:
        return FollowUpCase.objects.select_related("supplier", "lead_organisation").get(
            uuid=uuid, supplier_id__in=actor.supplier_ids
        )
    except (FollowUpCase.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def timeline(case: FollowUpCase, *, for_supplier: bool = False) -> QuerySet[CaseEvent]:
    qs = case.events.select_related("actor")
    return qs.filter(shared_with_supplier=True) if for_supplier else qs


def findings_of(case: FollowUpCase) -> QuerySet[Finding]:
    return case.findings.select_related("requirement", "issue", "site_audit").prefetch_related(
        Prefetch("actions", queryset=CorrectiveAction.objects.order_by("deadline")), "remediations"
    )


def site_audits_visible_to(actor: Actor) -> QuerySet[SiteAudit]:
    """Site audits: all for those who see shared data, the assigned firm's for auditors."""
    qs = SiteAudit.objects.select_related("case__supplier", "site__country", "audit_firm")
    if actor.sees_shared:
        return qs
    if actor.audit_firm_ids:
        return qs.filter(audit_firm_id__in=actor.audit_firm_ids)
    return qs.none()


def get_site_audit_for_user(user, uuid) -> SiteAudit:
    """One site audit the user may open; auditors only their firm's assignments. Otherwise 404."""
    try:
        return site_audits_visible_to(actor_for(user)).get(uuid=uuid)
    except (SiteAudit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def may_record_site_findings(actor: Actor, audit: SiteAudit) -> bool:
    return audit.audit_firm_id in actor.audit_firm_ids or may_assess(actor, audit.case)


def may_see_site_name(actor: Actor, audit: SiteAudit) -> bool:
    """The assigned firm must know where to go; otherwise the confidential-parts rule applies."""
    if not audit.site.is_confidential or audit.audit_firm_id in actor.audit_firm_ids:
        return True
    return may_see_confidential(actor, audit.case)


def get_document_for_user(user, uuid) -> EvidenceDocument:
    """An evidence document: case team with confidential access, or the supplier that uploaded it."""
    actor = actor_for(user)
    try:
        doc = EvidenceDocument.objects.select_related("case").get(uuid=uuid)
    except (EvidenceDocument.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if may_see_confidential(actor, doc.case):
        return doc
    if doc.from_supplier and is_case_supplier(actor, doc.case):
        return doc
    if any(
        a.audit_firm_id in actor.audit_firm_ids and a.report_id == doc.pk for a in doc.case.site_audits.all()
    ):
        return doc
    raise Http404


def published_summaries() -> QuerySet[PublishedSummary]:
    return PublishedSummary.objects.filter(status=SummaryStatus.PUBLISHED).order_by("-published_at")


def get_published_summary(uuid) -> PublishedSummary:
    try:
        return published_summaries().get(uuid=uuid)
    except (PublishedSummary.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
