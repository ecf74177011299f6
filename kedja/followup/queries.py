"""Reads of the follow-up and the access helpers every view and action starts from.

Shared parts of a case (status, step, traffic light, findings summary) are visible to everyone who
`sees_shared`; confidential parts (evidence, audit reports, internal notes, confidential site names,
interview notes) only to the secretariat and to strategists of the lead or participating regions.
Suppliers see their own organisation's cases; auditors only the site audits assigned to their firm.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TypedDict
from uuid import UUID

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Min,
    Model,
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
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import WithAnnotations

from kedja.contracts.models import Contract, Site
from kedja.contracts.queries import contracts_visible_to, site_views
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.organisations.queries import ActingUser, Actor, actor_for, get_or_404
from kedja.reference.models import CodeArea, Issue, Requirement

from .models import (
    OPEN_STATUSES,
    ActionStatus,
    Announcement,
    CaseEvent,
    CaseStatus,
    ChecklistItem,
    CorrectiveAction,
    CostShare,
    DecisionStatus,
    DeviationStatus,
    DocumentRequest,
    EvidenceDocument,
    Finding,
    FindingKind,
    FollowUpCase,
    Involvement,
    JointTask,
    PlanProposal,
    PublishedSummary,
    Question,
    Remediation,
    SanctionDecision,
    SanctionGround,
    SanctionKind,
    SelfAssessment,
    SiteAudit,
    SiteAuditStatus,
    SummaryStatus,
    ZeroToleranceReport,
)
from .rules import (
    DeviationFacts,
    Light,
    LightFacts,
    TrafficLight,
    confidential_mentions,
    traffic_light,
)


def cases_visible_to(actor: Actor) -> QuerySet[FollowUpCase]:
    """Cases a person may open: all for the collaboration, their own organisation's for suppliers."""
    qs = FollowUpCase.objects.all()
    if actor.sees_shared:
        return qs
    if actor.supplier_ids:
        return qs.filter(supplier_id__in=actor.supplier_ids)
    return qs.none()


def filter_cases(
    qs: QuerySet[FollowUpCase], *, q: str = "", status: str = "", step: str = ""
) -> QuerySet[FollowUpCase]:
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
    """Assessments, findings, CAP verification and sanctions: secretariat and lead-region strategists,
    and the lead region's officers where the region lets them (`Organisation.officers_assess`)."""
    lead = case.lead_organisation_id
    return (
        actor.is_secretariat
        or lead in actor.strategist_region_ids
        or lead in actor.assessing_officer_region_ids
    )


def team_region_ids(case: FollowUpCase) -> set[int]:
    return {case.lead_organisation_id, *(r.pk for r in case.participating_regions.all())}


def in_case_team(actor: Actor, case: FollowUpCase) -> bool:
    """The case team: the secretariat, and officers and strategists of the lead or a participating
    region (a viewer, or a region outside the case, sees the case but not its team's bookkeeping)."""
    if actor.is_secretariat:
        return True
    return bool(actor.officer_region_ids & team_region_ids(case))


def may_see_confidential(actor: Actor, case: FollowUpCase) -> bool:
    """Secretariat, and strategists of the lead or a participating region."""
    if actor.is_secretariat or case.lead_organisation_id in actor.assessing_officer_region_ids:
        return True
    return bool(actor.strategist_region_ids & team_region_ids(case))


def is_case_supplier(actor: Actor, case: FollowUpCase) -> bool:
    return case.supplier_id in actor.supplier_ids


def light_expression() -> Case:
    """The traffic light of each case as a SQL expression over its two stored fields, which
    `lights.py` keeps equal to `rules.traffic_light` (the property tests in tests/test_light.py):
    red once `red_after` has passed, else the stored colour. No subquery, so counting lights over
    every case of the country is a plain scan of the cases."""
    return Case(
        When(red_after__lt=timezone.localdate(), then=Value(TrafficLight.RED.value)),
        default=F("stored_light"),
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
        light=light_expression(),
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
    if "light" in qs.query.annotations:
        return qs.filter(Q(light=light))  # a list page has annotated it already
    return qs.alias(light=light_expression()).filter(light=light)


class _ActionDeadline(TypedDict):
    open_action_deadline: date | None  # the earliest deadline of the deviation's open actions


# Lazily evaluated (a type statement): WithAnnotations takes its two arguments only when type checking.
type _DeviationRow = WithAnnotations[Finding, _ActionDeadline]


def _deviation_facts(finding: _DeviationRow) -> DeviationFacts:
    what = finding.issue.name if finding.is_zero_tolerance and finding.issue else f"“{finding.title}”"
    return DeviationFacts(
        closed=finding.status == DeviationStatus.CLOSED,
        deadline=finding.deadline,
        closed_on=finding.closed_on,
        open_action_deadline=finding.open_action_deadline,
        zero_tolerance=finding.is_zero_tolerance,
        label=what,
    )


def light_facts(ids: list[int]) -> dict[int, LightFacts]:
    """What the light of each case depends on, in three queries however many cases. The case's
    closing date is left out: it only adds a reason to a light (see `lights_for`)."""
    deviations: dict[int, list[DeviationFacts]] = {pk: [] for pk in ids}
    findings = (
        Finding.objects.filter(case_id__in=ids, kind=FindingKind.DEVIATION)
        .select_related("issue")
        .annotate(
            open_action_deadline=Min("actions__deadline", filter=~Q(actions__status=ActionStatus.CLOSED))
        )
        .order_by("created_at", "pk")
    )
    for finding in findings:
        deviations[finding.case_id].append(_deviation_facts(finding))
    late: dict[int, list[int]] = {pk: [] for pk in ids}
    for case_id, days, limit in ZeroToleranceReport.objects.filter(
        case_id__in=ids, on_time=False
    ).values_list("case_id", "days_to_report", "deadline_days"):
        late[case_id].append(days - (limit or 0))
    decided: dict[int, list[date]] = {pk: [] for pk in ids}
    for case_id, at in SanctionDecision.objects.filter(
        case_id__in=ids, status=DecisionStatus.IN_FORCE
    ).values_list("case_id", "created_at"):
        decided[case_id].append(timezone.localdate(at))
    return {
        pk: LightFacts(
            deviations=tuple(deviations[pk]), late_reports=tuple(late[pk]), decisions=tuple(decided[pk])
        )
        for pk in ids
    }


def lights_for(cases: list[FollowUpCase]) -> dict[int, Light]:
    """The light with its reasons of each case, in three queries however many cases (a list page,
    a dashboard section). `rules.traffic_light` decides; this only gathers its facts."""
    facts = light_facts([case.pk for case in cases])
    today = timezone.localdate()
    return {
        case.pk: traffic_light(
            replace(facts[case.pk], closed_on=case.closed_on if case.status == CaseStatus.CLOSED else None),
            today,
        )
        for case in cases
    }


def compute_light(case: FollowUpCase) -> Light:
    """One case's light with its reasons."""
    return lights_for([case])[case.pk]


def _one[M: Model](qs: QuerySet[M], **lookup: object) -> M:
    """The single object matching `lookup`, or a 404 for a missing one and a malformed key alike."""
    try:
        return qs.get(**lookup)
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError):
        raise Http404 from None


def _check_case_right(actor: Actor, case: FollowUpCase, *, write: bool, assess: bool) -> None:
    """404 unless the actor may change (write) or assess (assess) the case; forbidden looks missing."""
    if (write and not may_change(actor, case)) or (assess and not may_assess(actor, case)):
        raise Http404


def get_case_for_user(
    user: ActingUser, uuid: UUID | str, *, write: bool = False, assess: bool = False
) -> FollowUpCase:
    """One case the user may see; with `write` one they may change, with `assess` one they may assess.
    Otherwise 404, forbidden or missing alike."""
    actor = actor_for(user)
    qs = cases_visible_to(actor).select_related("supplier", "lead_organisation", "category")
    case = _one(qs, uuid=uuid)
    _check_case_right(actor, case, write=write, assess=assess)
    return case


def get_team_case_for_user(
    user: ActingUser, uuid: UUID | str, *, write: bool = False, assess: bool = False
) -> FollowUpCase:
    """A case for the case team's pages: people who see shared data only (suppliers use the portal)."""
    if not actor_for(user).sees_shared:
        raise Http404
    return get_case_for_user(user, uuid, write=write, assess=assess)


def supplier_cases(actor: Actor) -> QuerySet[FollowUpCase]:
    """The cases of the actor's own supplier organisations (empty for everyone else)."""
    return FollowUpCase.objects.filter(supplier_id__in=actor.supplier_ids)


def supplier_case_for_user(user: ActingUser, uuid: UUID | str) -> FollowUpCase:
    """A case of the user's own supplier organisation (the portal); otherwise 404."""
    qs = supplier_cases(actor_for(user)).select_related("supplier", "lead_organisation")
    return _one(qs, uuid=uuid)


def _team_child[M: Model](
    user: ActingUser,
    qs: QuerySet[M],
    case_path: str,
    uuid: UUID | str,
    *,
    case_of: Callable[[M], FollowUpCase],
    write: bool,
    assess: bool,
) -> M:
    """A child object of a case, reached through the case's access rule (case-team pages only):
    `case_path` is the lookup from the child to its case, `case_of` the same walk on an object."""
    actor = actor_for(user)
    if not actor.sees_shared:
        raise Http404
    obj = _one(qs.filter(**{f"{case_path}__in": cases_visible_to(actor)}), uuid=uuid)
    _check_case_right(actor, case_of(obj), write=write, assess=assess)
    return obj


def get_finding_for_user(user: ActingUser, uuid: UUID | str, *, assess: bool = False) -> Finding:
    """A finding of a case the user may see (case team); with `assess` one they may assess."""
    qs = Finding.objects.select_related(
        "case__supplier", "case__lead_organisation", "case__category", "requirement", "issue"
    )
    return _team_child(user, qs, "case", uuid, case_of=lambda f: f.case, write=False, assess=assess)


def get_action_for_user(user: ActingUser, uuid: UUID | str, *, assess: bool = False) -> CorrectiveAction:
    """A corrective action of a case the user may see (case team); with `assess` one they may verify."""
    qs = CorrectiveAction.objects.select_related(
        "finding__case__supplier", "finding__case__lead_organisation"
    )
    return _team_child(
        user, qs, "finding__case", uuid, case_of=lambda a: a.finding.case, write=False, assess=assess
    )


def get_remediation_for_user(user: ActingUser, uuid: UUID | str, *, assess: bool = False) -> Remediation:
    """A remediation record of a case the user may see (case team); with `assess` one they may change."""
    qs = Remediation.objects.select_related("finding__case__supplier", "finding__case__lead_organisation")
    return _team_child(
        user, qs, "finding__case", uuid, case_of=lambda r: r.finding.case, write=False, assess=assess
    )


def get_checklist_item_for_user(user: ActingUser, uuid: UUID | str, *, assess: bool = False) -> ChecklistItem:
    """An office-audit checklist row of a case the user may see; with `assess` one they may fill in."""
    qs = ChecklistItem.objects.select_related("office_audit__case__lead_organisation", "requirement")
    return _team_child(
        user,
        qs,
        "office_audit__case",
        uuid,
        case_of=lambda c: c.office_audit.case,
        write=False,
        assess=assess,
    )


def get_summary_for_user(user: ActingUser, uuid: UUID | str, *, write: bool = False) -> PublishedSummary:
    """The summary record of a case the user may see (case team); with `write` one they may change."""
    qs = PublishedSummary.objects.select_related("case__supplier", "case__lead_organisation")
    return _team_child(user, qs, "case", uuid, case_of=lambda s: s.case, write=write, assess=False)


def draft_summary_for_supplier(case: FollowUpCase) -> PublishedSummary | None:
    """The draft summary the supplier may read and comment on (none once published or withdrawn)."""
    summary = PublishedSummary.objects.filter(case=case, status=SummaryStatus.DRAFT).first()
    return summary


def get_sanction_for_user(user: ActingUser, uuid: UUID | str, *, assess: bool = False) -> SanctionDecision:
    """A sanction decision of a case the user may see (case team); with `assess` one they may change."""
    qs = SanctionDecision.objects.select_related("case__supplier", "case__lead_organisation", "contract")
    return _team_child(user, qs, "case", uuid, case_of=lambda d: d.case, write=False, assess=assess)


def sanctions_of(case: FollowUpCase) -> list[SanctionDecision]:
    """The case's decisions, newest first; a call-off stop tells how long it has lasted in whole
    months (`stop_months`) and whether that reached the contract's limit (`termination_possible`)."""
    return list(case.sanctions.select_related("contract", "decided_by", "withdrawn_by", "replaces"))


def call_off_stop_days(case: FollowUpCase, contract: Contract, today: date) -> int:
    """How long the call-off stop in force on this contract has lasted (0 without one)."""
    stop = (
        case.sanctions.filter(
            contract=contract, kind=SanctionKind.CALL_OFF_STOP, status=DecisionStatus.IN_FORCE
        )
        .order_by("stop_starts_on")
        .first()
    )
    if stop is None or stop.stop_starts_on is None:
        return 0
    return max(0, ((stop.stop_ends_on or today) - stop.stop_starts_on).days)


def late_reports(case: FollowUpCase) -> QuerySet[ZeroToleranceReport]:
    """The case's zero-tolerance reports made after the contract's reporting deadline."""
    return case.zero_tolerance_reports.filter(on_time=False).select_related("contract", "issue")


def sanction_prefill(case: FollowUpCase) -> dict[str, object]:
    """The sanction form's start: a late zero-tolerance report makes "failure to report" the ground,
    arisen the day after its reporting deadline passed."""
    report = late_reports(case).order_by("-created_at").first()
    if report is None:
        return {}
    arose = report.aware_since + timedelta(days=(report.deadline_days or 0) + 1)
    return {"contract": report.contract, "ground": SanctionGround.FAILURE_TO_REPORT, "ground_since": arose}


# The free-text fields checked against confidential site names and addresses, with their labels.
CHECKED_FIELDS = {
    "text_sv": gettext_noop("Summary (Swedish)"),
    "text_en": gettext_noop("Summary (English)"),
    "products": gettext_noop("Products"),
    "site_audit_reason": gettext_noop("Why a site audit"),
    "findings": gettext_noop("Findings"),
    "steps": gettext_noop("Steps"),
}


def _field_texts(summary: PublishedSummary) -> dict[str, str]:
    texts = {name: getattr(summary, name) for name in ("text_sv", "text_en", "products", "site_audit_reason")}
    texts["findings"] = " | ".join(str(v) for f in summary.findings for v in f.values())
    texts["steps"] = " | ".join(str(v) for s in summary.steps for v in s.values())
    return texts


def publication_problems(summary: PublishedSummary) -> list[tuple[str, str]]:
    """(field, confidential name or address) for every confidential site of the supplier that a
    field of the summary names. Publication is refused while there are any (docs/domain-rules.md §6)."""
    sites = Site.objects.filter(supplier_id=summary.case.supplier_id, is_confidential=True)
    names = [value for site in sites for value in (site.legal_name, site.address) if value]
    return confidential_mentions(_field_texts(summary), names)


def problem_text(field: str, name: str) -> str:
    return gettext(
        "The field “%(field)s” names the confidential site “%(name)s”. Remove it before publishing."
    ) % {
        "field": gettext(CHECKED_FIELDS[field]),
        "name": name,
    }


def get_supplier_action_for_user(user: ActingUser, uuid: UUID | str) -> CorrectiveAction:
    """A corrective action of one of the user's own supplier organisation's cases; otherwise 404."""
    qs = CorrectiveAction.objects.select_related("finding__case__supplier")
    return _one(qs.filter(finding__case__in=supplier_cases(actor_for(user))), uuid=uuid)


def get_supplier_finding_for_user(user: ActingUser, uuid: UUID | str) -> Finding:
    """A deviation of one of the user's own supplier organisation's cases that the supplier may know
    of (none from an unannounced audit not yet held); otherwise 404."""
    qs = Finding.objects.select_related("case__supplier").filter(
        case__in=supplier_cases(actor_for(user)), kind=FindingKind.DEVIATION
    )
    finding = _one(qs, uuid=uuid)
    if finding.site_audit_id and hidden_site_audits(finding.case).filter(pk=finding.site_audit_id).exists():
        raise Http404
    return finding


def get_supplier_remediation_for_user(user: ActingUser, uuid: UUID | str) -> Remediation:
    """A remedy asked of the user's own supplier organisation; otherwise 404."""
    qs = Remediation.objects.select_related("finding__case__supplier").filter(
        finding__case__in=supplier_cases(actor_for(user)), asked_of_supplier=True
    )
    return _one(qs, uuid=uuid)


def get_plan_proposal_for_user(user: ActingUser, uuid: UUID | str, *, assess: bool = False) -> PlanProposal:
    """A supplier's proposed plan on a case the user may see (case team); with `assess` one they may review."""
    qs = PlanProposal.objects.select_related("finding__case__supplier", "finding__case__lead_organisation")
    return _team_child(
        user, qs, "finding__case", uuid, case_of=lambda p: p.finding.case, write=False, assess=assess
    )


def get_supplier_request_for_user(user: ActingUser, uuid: UUID | str) -> DocumentRequest:
    """A document request of one of the user's own supplier organisation's cases; otherwise 404."""
    qs = DocumentRequest.objects.select_related("office_audit__case__supplier")
    return _one(qs.filter(office_audit__case__in=supplier_cases(actor_for(user))), uuid=uuid)


def question_of(sheet: SelfAssessment, key: str) -> Question:
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


def remedy_planned(case: FollowUpCase) -> bool:
    """Whether remedy for people is still planned: closing then needs a recorded decision on it."""
    return Remediation.objects.filter(finding__case=case, status="planned").exists()


def hidden_site_audits(case: FollowUpCase) -> QuerySet[SiteAudit]:
    """Unannounced on-site audits that have not taken place yet (not reported, last day not passed):
    the supplier must not learn of them, so the portal leaves them and their findings out."""
    return case.site_audits.filter(
        announcement=Announcement.UNANNOUNCED,
        status=SiteAuditStatus.PLANNED,
        ends_on__gte=timezone.localdate(),
    )


def findings_of(case: FollowUpCase, *, for_supplier: bool = False) -> QuerySet[Finding]:
    qs = case.findings.select_related("requirement", "issue", "site_audit").prefetch_related(
        Prefetch("actions", queryset=CorrectiveAction.objects.order_by("deadline")),
        "actions__evidence",
        "actions__reports",
        "remediations__reports",
        "plan_proposals",
    )
    return qs.exclude(site_audit__in=hidden_site_audits(case)) if for_supplier else qs


def supplier_status(case: FollowUpCase) -> tuple[str, int | None]:
    """The status label and step a supplier sees. While step 3 is decided but no audit the
    supplier may know of exists (none yet, or only unannounced ones not yet held), the portal says
    only that the follow-up is in progress: it never announces an unannounced audit."""
    if case.status != CaseStatus.STEP3:
        return case.get_status_display(), case.current_step
    known = case.site_audits.exclude(pk__in=hidden_site_audits(case).values("pk")).exists()
    if known:
        return case.get_status_display(), case.current_step
    return str(_("Follow-up in progress")), None


def site_audits_visible_to(actor: Actor) -> QuerySet[SiteAudit]:
    """Site audits: all for those who see shared data, the assigned firm's for auditors."""
    qs = SiteAudit.objects.select_related("case__supplier", "site__country", "audit_firm")
    if actor.sees_shared:
        return qs
    if actor.audit_firm_ids:
        return qs.filter(audit_firm_id__in=actor.audit_firm_ids)
    return qs.none()


def get_site_audit_for_user(user: ActingUser, uuid: UUID | str) -> SiteAudit:
    """One site audit the user may open; auditors only their firm's assignments. Otherwise 404."""
    return get_or_404(site_audits_visible_to(actor_for(user)), uuid)


def may_record_site_findings(actor: Actor, audit: SiteAudit) -> bool:
    return audit.audit_firm_id in actor.audit_firm_ids or may_assess(actor, audit.case)


def may_see_site_name(actor: Actor, audit: SiteAudit) -> bool:
    """The assigned firm must know where to go; otherwise the confidential-parts rule applies."""
    if not audit.site.is_confidential or audit.audit_firm_id in actor.audit_firm_ids:
        return True
    return may_see_confidential(actor, audit.case)


def get_document_for_user(user: ActingUser, uuid: UUID | str) -> EvidenceDocument:
    """An evidence document: case team with confidential access, or the supplier that uploaded it."""
    actor = actor_for(user)
    doc = get_or_404(EvidenceDocument.objects.select_related("case"), uuid)
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


def get_published_summary(uuid: UUID | str) -> PublishedSummary:
    return get_or_404(published_summaries(), uuid)


def has_passed_step1(supplier: Organisation, *, exclude: FollowUpCase | None = None) -> bool:
    """A supplier passed step 1 when one of its cases has an assessed self-assessment."""
    qs = FollowUpCase.objects.filter(supplier=supplier).exclude(step1_recommendation="")
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.exists()


def open_cases_of(actor: Actor, supplier: Organisation, products: str = "") -> list[FollowUpCase]:
    """The supplier's open cases, one for the same products first: starting another would ask the
    supplier twice, so the start page offers to join one."""
    key = " ".join(products.lower().split())
    cases = cases_visible_to(actor).filter(supplier=supplier, status__in=OPEN_STATUSES)
    found = list(cases.select_related("lead_organisation").order_by("-created_at"))
    return sorted(found, key=lambda case: " ".join(case.products.lower().split()) != key)


def lead_choices(acting_user: ActingUser) -> QuerySet[Organisation]:
    """Organisations the user may start a case for: the secretariat and/or their own regions."""
    actor = actor_for(acting_user)
    q = Q(pk__in=actor.officer_region_ids)
    if actor.is_secretariat:
        q |= Q(kind=OrganisationKind.SECRETARIAT)
    return Organisation.objects.filter(q).order_by("kind", "name")


def _check_score(name: str, value: int | None) -> None:
    if value is not None and not 1 <= value <= 5:
        raise ValidationError({name: _("Use a value from 1 to 5.")})


def validate_finding_fields(
    *,
    kind: str,
    title: str,
    issue: Issue | None,
    requirement: Requirement | None,
    scale: int | None,
    scope_band: int | None,
    irremediability: int | None,
    buyer_involvement: str,
    supplier_involvement: str,
    code_area: str = "",
    deadline: date | None = None,
) -> None:
    """Domain checks on a finding's fields, shared by the form path and the report import."""
    if kind not in FindingKind.values:
        raise ValidationError({"kind": _("Unknown kind of finding.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the finding a title.")})
    for name, score in (("scale", scale), ("scope_band", scope_band), ("irremediability", irremediability)):
        _check_score(name, score)
    for name, involvement in (
        ("buyer_involvement", buyer_involvement),
        ("supplier_involvement", supplier_involvement),
    ):
        if involvement and involvement not in Involvement.values:
            raise ValidationError({name: _("Unknown involvement.")})
    if code_area and code_area not in CodeArea.values:
        raise ValidationError({"code_area": _("Unknown code of conduct area.")})
    if kind == FindingKind.DEVIATION and requirement is None and not code_area:
        raise ValidationError({"requirement": _("A deviation names the breached requirement or code area.")})
    if kind == FindingKind.DEVIATION and deadline is not None and deadline < date(2000, 1, 1):
        raise ValidationError({"deadline": _("Enter a realistic deadline.")})


# Joint cases ------------------------------------------------------------------------------------


def case_regions(case: FollowUpCase) -> QuerySet[Organisation]:
    """The regions of a case (its lead when a region leads, and those taking part), which alone
    can take tasks and parts of the cost of a joint case."""
    return Organisation.objects.filter(pk__in=team_region_ids(case), kind=OrganisationKind.REGION).order_by(
        "name"
    )


def may_see_joint_split(actor: Actor, case: FollowUpCase) -> bool:
    """The secretariat and the people of the case's regions (viewers too); never the supplier or a
    region outside the case."""
    return actor.is_secretariat or bool(actor.region_ids & team_region_ids(case))


def joint_tasks_of(case: FollowUpCase) -> QuerySet[JointTask]:
    return case.joint_tasks.select_related("region").order_by("due_on", "region__name", "pk")


def cost_shares_of(case: FollowUpCase) -> QuerySet[CostShare]:
    return case.cost_shares.select_related("region").order_by("region__name")


def get_joint_task_for_user(user: ActingUser, uuid: UUID | str) -> JointTask:
    """A task of a joint case the user's organisation may change (the lead's team); otherwise 404."""
    qs = JointTask.objects.select_related("case__lead_organisation", "region")
    return _team_child(user, qs, "case", uuid, case_of=lambda t: t.case, write=True, assess=False)
