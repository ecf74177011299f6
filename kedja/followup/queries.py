"""Reads of the follow-up and the access helpers every view and action starts from.

Shared parts of a case (status, step, traffic light, findings summary) are visible to everyone who
`sees_shared`; confidential parts (evidence, audit reports, internal notes, confidential site names,
interview notes) only to the secretariat and to strategists of the lead or participating regions.
Suppliers see their own organisation's cases; auditors only the site audits assigned to their firm.
"""

from django.core.exceptions import ValidationError
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

from kedja.contracts.models import Contract
from kedja.contracts.queries import contracts_visible_to, site_views
from kedja.organisations.queries import Actor, actor_for

from .models import (
    ActionStatus,
    CaseEvent,
    CaseStatus,
    ChecklistItem,
    CorrectiveAction,
    DeviationStatus,
    DocumentRequest,
    EvidenceDocument,
    Finding,
    FindingKind,
    FollowUpCase,
    PublishedSummary,
    Question,
    Remediation,
    SiteAudit,
    SummaryStatus,
    ZeroToleranceReport,
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


def filter_cases(qs: QuerySet[FollowUpCase], *, q: str = "", status: str = "", step: str = ""):
    """The case list's filters (page and API alike); an unknown status or step is ignored."""
    if q:
        qs = qs.filter(
            Q(supplier__name__icontains=q) | Q(products__icontains=q) | Q(category__name_sv__icontains=q)
        )
    if status in CaseStatus.values:
        qs = qs.filter(status=status)
    if step in ("1", "2", "3"):
        qs = qs.filter(current_step=int(step))
    return qs


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


def _one(qs: QuerySet, **lookup):
    """The single object matching `lookup`, or a 404 for a missing one and a malformed key alike."""
    try:
        return qs.get(**lookup)
    except (qs.model.DoesNotExist, ValidationError, ValueError, TypeError):
        raise Http404 from None


def _check_case_right(actor: Actor, case: FollowUpCase, *, write: bool, assess: bool) -> None:
    """404 unless the actor may change (write) or assess (assess) the case; forbidden looks missing."""
    if (write and not may_change(actor, case)) or (assess and not may_assess(actor, case)):
        raise Http404


def get_case_for_user(user, uuid, *, write: bool = False, assess: bool = False) -> FollowUpCase:
    """One case the user may see; with `write` one they may change, with `assess` one they may assess.
    Otherwise 404, forbidden or missing alike."""
    actor = actor_for(user)
    qs = cases_visible_to(actor).select_related("supplier", "lead_organisation", "category")
    case = _one(qs, uuid=uuid)
    _check_case_right(actor, case, write=write, assess=assess)
    return case


def get_team_case_for_user(user, uuid, *, write: bool = False, assess: bool = False) -> FollowUpCase:
    """A case for the case team's pages: people who see shared data only (suppliers use the portal)."""
    if not actor_for(user).sees_shared:
        raise Http404
    return get_case_for_user(user, uuid, write=write, assess=assess)


def supplier_cases(actor: Actor) -> QuerySet[FollowUpCase]:
    """The cases of the actor's own supplier organisations (empty for everyone else)."""
    return FollowUpCase.objects.filter(supplier_id__in=actor.supplier_ids)


def supplier_case_for_user(user, uuid) -> FollowUpCase:
    """A case of the user's own supplier organisation (the portal); otherwise 404."""
    qs = supplier_cases(actor_for(user)).select_related("supplier", "lead_organisation")
    return _one(qs, uuid=uuid)


def _team_child(user, qs: QuerySet, case_path: str, uuid, *, write: bool, assess: bool):
    """A child object of a case, reached through the case's access rule (case-team pages only)."""
    actor = actor_for(user)
    if not actor.sees_shared:
        raise Http404
    obj = _one(qs.filter(**{f"{case_path}__in": cases_visible_to(actor)}), uuid=uuid)
    case = obj
    for part in case_path.split("__"):
        case = getattr(case, part)
    _check_case_right(actor, case, write=write, assess=assess)
    return obj


def get_finding_for_user(user, uuid, *, assess: bool = False) -> Finding:
    """A finding of a case the user may see (case team); with `assess` one they may assess."""
    qs = Finding.objects.select_related(
        "case__supplier", "case__lead_organisation", "case__category", "requirement", "issue"
    )
    return _team_child(user, qs, "case", uuid, write=False, assess=assess)


def get_action_for_user(user, uuid, *, assess: bool = False) -> CorrectiveAction:
    """A corrective action of a case the user may see (case team); with `assess` one they may verify."""
    qs = CorrectiveAction.objects.select_related(
        "finding__case__supplier", "finding__case__lead_organisation"
    )
    return _team_child(user, qs, "finding__case", uuid, write=False, assess=assess)


def get_remediation_for_user(user, uuid, *, assess: bool = False) -> Remediation:
    """A remediation record of a case the user may see (case team); with `assess` one they may change."""
    qs = Remediation.objects.select_related("finding__case__supplier", "finding__case__lead_organisation")
    return _team_child(user, qs, "finding__case", uuid, write=False, assess=assess)


def get_checklist_item_for_user(user, uuid, *, assess: bool = False) -> ChecklistItem:
    """An office-audit checklist row of a case the user may see; with `assess` one they may fill in."""
    qs = ChecklistItem.objects.select_related("office_audit__case__lead_organisation", "requirement")
    return _team_child(user, qs, "office_audit__case", uuid, write=False, assess=assess)


def get_summary_for_user(user, uuid, *, write: bool = False) -> PublishedSummary:
    """The summary record of a case the user may see (case team); with `write` one they may change."""
    qs = PublishedSummary.objects.select_related("case__supplier", "case__lead_organisation")
    return _team_child(user, qs, "case", uuid, write=write, assess=False)


def get_supplier_action_for_user(user, uuid) -> CorrectiveAction:
    """A corrective action of one of the user's own supplier organisation's cases; otherwise 404."""
    qs = CorrectiveAction.objects.select_related("finding__case__supplier")
    return _one(qs.filter(finding__case__in=supplier_cases(actor_for(user))), uuid=uuid)


def get_supplier_request_for_user(user, uuid) -> DocumentRequest:
    """A document request of one of the user's own supplier organisation's cases; otherwise 404."""
    qs = DocumentRequest.objects.select_related("office_audit__case__supplier")
    return _one(qs.filter(office_audit__case__in=supplier_cases(actor_for(user))), uuid=uuid)


def question_of(sheet, key: str) -> Question:
    """A question of the answer's questionnaire; 404 without such a key."""
    return _one(Question.objects.filter(questionnaire_id=sheet.questionnaire_id), key=key)


def supplier_contracts(actor: Actor) -> QuerySet[Contract]:
    """The contracts a supplier contact may report for: their own organisation's only."""
    return contracts_visible_to(actor).filter(supplier_id__in=actor.supplier_ids)


def supplier_reports(actor: Actor) -> QuerySet[ZeroToleranceReport]:
    """Zero-tolerance reports filed by the actor's own supplier organisations."""
    return ZeroToleranceReport.objects.filter(supplier_id__in=actor.supplier_ids).select_related(
        "issue", "contract"
    )


def site_choices(case: FollowUpCase, actor: Actor) -> list[tuple[int, str]]:
    """The supplier's sites for the site-audit form, named as the actor may see them: a confidential
    site's name is masked by the contract pages' rule (`contracts.queries.site_views`)."""
    views = site_views(case.supplier.supply_chain_sites.all(), actor)
    return [(v.pk, f"{v.name} ({v.country.name if v.country else '–'})") for v in views]


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
