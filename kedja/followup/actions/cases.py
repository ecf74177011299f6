"""Starting, changing, closing and cancelling follow-up cases."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.contracts.models import Contract, ContractStatus
from kedja.core.audit import record, record_many
from kedja.notifications import events as notify
from kedja.organisations.models import Organisation, OrganisationKind, User
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category
from kedja.reference.queries import is_prioritised

from ..models import (
    OPEN_STATUSES,
    CaseEvent,
    CaseNote,
    CaseOrigin,
    CaseStatus,
    CostBearer,
    DeviationStatus,
    EventKind,
    Finding,
    FindingKind,
    FollowUpCase,
    Remediation,
)
from ..queries import has_passed_step1
from ..rules import closing_needs_remedy_decision
from ._common import check_may_change, enter_step, event, require_status, transition


def _check_lead(acting_user: User, lead: Organisation) -> None:
    if lead.kind not in (OrganisationKind.SECRETARIAT, OrganisationKind.REGION):
        raise ValidationError(_("A case is led by the secretariat or by a region."))
    actor = actor_for(acting_user)
    if not (actor.is_secretariat or lead.pk in actor.officer_region_ids):
        raise PermissionDenied(_("You may only start cases that your own organisation leads."))


def _create(
    *,
    acting_user: User | None,
    supplier: Organisation,
    lead: Organisation,
    origin: str,
    contracts: list[Contract],
    products: str = "",
    category: Category | None = None,
    year: int | None = None,
    cost_bearer: str | None = None,
    participating: list[Organisation] | None = None,
) -> FollowUpCase:
    """Create a case; the caller has checked that the acting user may lead it (or Kedja opens it)."""
    if supplier.kind != OrganisationKind.SUPPLIER:
        raise ValidationError(_("Only suppliers can be followed up."))
    if any(c.supplier_id != supplier.pk for c in contracts):
        raise ValidationError(_("Every contract in scope must be with this supplier."))
    category = category or (contracts[0].category if contracts else None)
    if cost_bearer is None:
        cost_bearer = CostBearer.NATIONAL if is_prioritised(category) else CostBearer.REGION
    case = FollowUpCase.objects.create(
        supplier=supplier,
        lead_organisation=lead,
        origin=origin,
        products=products,
        category=category,
        year=year or timezone.localdate().year,
        cost_bearer=cost_bearer,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    case.contracts.set(contracts)
    regions = {r for c in contracts for r in c.owning_regions.all()} | set(participating or [])
    case.participating_regions.set(
        [r for r in regions if r.pk != lead.pk and r.kind == OrganisationKind.REGION]
    )
    record(
        "followup.case.started",
        case,
        actor=acting_user,
        changes={"supplier": supplier.name, "lead": lead.name, "origin": origin, "contracts": contracts},
    )
    event(
        case,
        EventKind.STARTED,
        gettext_noop("Follow-up started by %(lead)s."),
        actor=acting_user,
        lead=lead.name,
    )
    notify.joint_cases_started([case])
    return case


@transaction.atomic
def start_case_from_contract(
    *,
    acting_user: User,
    contract: Contract,
    lead: Organisation,
    products: str = "",
    cost_bearer: str | None = None,
) -> FollowUpCase:
    """Start a follow-up of the contract's supplier, with this contract in scope."""
    _check_lead(acting_user, lead)
    return _create(
        acting_user=acting_user,
        supplier=contract.supplier,
        lead=lead,
        origin=CaseOrigin.CONTRACT,
        contracts=[contract],
        products=products,
        cost_bearer=cost_bearer,
    )


@transaction.atomic
def open_case_for_report(*, contract: Contract) -> FollowUpCase:
    """The case Kedja opens itself when a supplier reports a zero-tolerance deviation on a contract
    without an open case: led by the contract's first owning region (else the secretariat)."""
    lead = contract.owning_regions.order_by("name").first() or Organisation.objects.get(
        kind=OrganisationKind.SECRETARIAT
    )
    return _create(
        acting_user=None,
        supplier=contract.supplier,
        lead=lead,
        origin=CaseOrigin.ZERO_TOLERANCE,
        contracts=[contract],
    )


@transaction.atomic
def start_case_for_supplier(
    *,
    acting_user: User,
    supplier: Organisation,
    lead: Organisation,
    contracts: list[Contract] | None = None,
    products: str = "",
    cost_bearer: str | None = None,
    category: Category | None = None,
    year: int | None = None,
) -> FollowUpCase:
    """Start a follow-up of a supplier (whole company), optionally naming contracts in scope.

    `year` is the follow-up year it counts for (default: this year); the yearly plan passes its
    own year so that next year's send-out counts for next year."""
    _check_lead(acting_user, lead)
    return _create(
        acting_user=acting_user,
        supplier=supplier,
        lead=lead,
        origin=CaseOrigin.SUPPLIER,
        contracts=list(contracts or []),
        products=products,
        cost_bearer=cost_bearer,
        category=category,
        year=year,
    )


@transaction.atomic
def start_case_at_step2(
    *,
    acting_user: User,
    supplier: Organisation,
    lead: Organisation,
    products: str,
    reason: str,
    contracts: list[Contract] | None = None,
    cost_bearer: str | None = None,
) -> FollowUpCase:
    """Enter directly at step 2 for products not yet covered, when the supplier already passed step 1."""
    _check_lead(acting_user, lead)
    if not has_passed_step1(supplier):
        raise ValidationError(
            _("Direct entry at step 2 needs an earlier, assessed self-assessment of this supplier.")
        )
    if not products.strip() or not reason.strip():
        raise ValidationError(_("Name the products and give a reason for entering at step 2."))
    case = _create(
        acting_user=acting_user,
        supplier=supplier,
        lead=lead,
        origin=CaseOrigin.STEP2,
        contracts=list(contracts or []),
        products=products,
        cost_bearer=cost_bearer,
    )
    enter_step(case, 2, acting_user=acting_user, reason=reason)
    return case


@transaction.atomic
def start_planned_case(
    *,
    acting_user: User,
    supplier: Organisation,
    lead: Organisation,
    step: int,
    reason: str,
    contracts: list[Contract],
    products: str = "",
    cost_bearer: str | None = None,
    category: Category | None = None,
    year: int | None = None,
) -> FollowUpCase:
    """A case of the approved yearly plan, entering at the plan's step: a planned office or on-site
    audit starts at step 2 or 3, never as a step-1 case. The approved plan is the decision, so unlike
    `start_case_at_step2` no earlier self-assessment is required; the reason is the plan's."""
    _check_lead(acting_user, lead)
    if step not in (1, 2, 3):
        raise ValidationError(_("The step is 1, 2 or 3."))
    if step > 1 and (not products.strip() or not reason.strip()):
        raise ValidationError(_("Name the products and give a reason for entering at step 2."))
    case = _create(
        acting_user=acting_user,
        supplier=supplier,
        lead=lead,
        origin=CaseOrigin.PLAN,
        contracts=contracts,
        products=products,
        cost_bearer=cost_bearer,
        category=category,
        year=year,
    )
    if step > 1:
        enter_step(case, step, acting_user=acting_user, reason=reason)
    return case


@transaction.atomic
def start_cases_for_category(
    *, acting_user: User, category: Category, year: int, lead: Organisation | None = None
) -> list[FollowUpCase]:
    """The yearly send-out: one case per supplier with an active contract in the category.

    Suppliers that already have an open case for the category this year are skipped, so a repeated
    send-out does not duplicate cases.
    """
    actor = actor_for(acting_user)
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the secretariat runs the yearly send-out."))
    lead = lead or Organisation.objects.get(kind=OrganisationKind.SECRETARIAT)
    _check_lead(acting_user, lead)
    contracts = Contract.objects.filter(category=category, status=ContractStatus.ACTIVE).select_related(
        "supplier"
    )
    by_supplier: dict[Organisation, list[Contract]] = {}
    for contract in contracts:
        by_supplier.setdefault(contract.supplier, []).append(contract)
    existing = set(
        FollowUpCase.objects.filter(category=category, year=year, status__in=OPEN_STATUSES).values_list(
            "supplier_id", flat=True
        )
    )
    chosen = [
        (supplier, supplier_contracts)
        for supplier, supplier_contracts in sorted(by_supplier.items(), key=lambda item: item[0].name)
        if supplier.pk not in existing
    ]
    return _create_many(acting_user=acting_user, lead=lead, category=category, year=year, chosen=chosen)


def _create_many(
    *,
    acting_user: User,
    lead: Organisation,
    category: Category,
    year: int,
    chosen: list[tuple[Organisation, list[Contract]]],
) -> list[FollowUpCase]:
    """`_create` for many suppliers at once (the yearly send-out): bulk inserts of the cases, their
    contracts and participating regions, with the audit entries and timeline events batched."""
    cost_bearer = CostBearer.NATIONAL if is_prioritised(category) else CostBearer.REGION
    created_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    cases = FollowUpCase.objects.bulk_create(
        [
            FollowUpCase(
                supplier=supplier,
                lead_organisation=lead,
                origin=CaseOrigin.BULK,
                category=category,
                year=year,
                cost_bearer=cost_bearer,
                created_by=created_by,
            )
            for supplier, _contracts in chosen
        ],
        batch_size=500,
    )
    pairs = [
        (case, contract)
        for case, (_s, contracts) in zip(cases, chosen, strict=True)
        for contract in contracts
    ]
    in_scope = FollowUpCase.contracts.through
    in_scope.objects.bulk_create(
        [in_scope(followupcase_id=case.pk, contract_id=contract.pk) for case, contract in pairs],
        batch_size=1000,
    )
    _add_owning_regions(pairs, lead)
    notify.joint_cases_started(cases)
    record_many(
        [
            (
                "followup.case.started",
                case,
                {
                    "supplier": case.supplier.name,
                    "lead": lead.name,
                    "origin": CaseOrigin.BULK,
                    "contracts": contracts,
                },
            )
            for case, (_s, contracts) in zip(cases, chosen, strict=True)
        ],
        actor=acting_user,
    )
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=case,
                kind=EventKind.STARTED,
                message=gettext_noop("Follow-up started by %(lead)s."),
                params={"lead": lead.name},
                actor=created_by,
            )
            for case in cases
        ],
        batch_size=500,
    )
    return cases


def _add_owning_regions(pairs: list[tuple[FollowUpCase, Contract]], lead: Organisation) -> None:
    """The regions owning each case's contracts take part in it (the lead excepted), in two queries."""
    owners = Contract.owning_regions.through.objects.filter(
        contract_id__in={contract.pk for _case, contract in pairs}, organisation__kind=OrganisationKind.REGION
    ).values_list("contract_id", "organisation_id")
    by_contract: dict[int, set[int]] = {}
    for contract_id, region_id in owners:
        by_contract.setdefault(contract_id, set()).add(region_id)
    taking_part = {
        (case.pk, r) for case, contract in pairs for r in by_contract.get(contract.pk, ()) if r != lead.pk
    }
    through = FollowUpCase.participating_regions.through
    through.objects.bulk_create(
        [
            through(followupcase_id=case_id, organisation_id=region_id)
            for case_id, region_id in sorted(taking_part)
        ],
        batch_size=1000,
    )


@transaction.atomic
def update_case(
    *,
    acting_user: User,
    case: FollowUpCase,
    products: str,
    cost_bearer: str,
    cost_note: str,
    participating: list[Organisation],
) -> FollowUpCase:
    """Change the scope, the cost bearer and the participating regions."""
    check_may_change(acting_user, case)
    if cost_bearer not in CostBearer.values:
        raise ValidationError(_("Unknown cost bearer."))
    changes = {
        k: [getattr(case, k), v]
        for k, v in {"products": products, "cost_bearer": cost_bearer, "cost_note": cost_note}.items()
        if getattr(case, k) != v
    }
    case.products, case.cost_bearer, case.cost_note = products, cost_bearer, cost_note
    case.save()
    regions = [
        r for r in participating if r.kind == OrganisationKind.REGION and r.pk != case.lead_organisation_id
    ]
    case.participating_regions.set(regions)
    record("followup.case.changed", case, actor=acting_user, changes={**changes, "participating": regions})
    if case.is_open:
        notify.joint_cases_started([case])
    return case


@transaction.atomic
def join_case(*, acting_user: User, case: FollowUpCase, region: Organisation) -> FollowUpCase:
    """A region takes part in the supplier's open case instead of starting a second one."""
    if region.kind != OrganisationKind.REGION:
        raise ValidationError(_("Only a region joins a case; the secretariat takes part in every case."))
    if region.pk not in actor_for(acting_user).officer_region_ids:
        raise PermissionDenied(_("You may only join a case for your own region."))
    require_status(case, OPEN_STATUSES)
    if region.pk == case.lead_organisation_id or case.participating_regions.filter(pk=region.pk).exists():
        raise ValidationError(_("Your region already takes part in this case."))
    case.participating_regions.add(region)
    record("followup.case.joined", case, actor=acting_user, changes={"region": region.name})
    event(
        case,
        EventKind.STARTED,
        gettext_noop("%(region)s joined the follow-up."),
        actor=acting_user,
        region=region.name,
    )
    notify.joint_cases_started([case])
    return case


@transaction.atomic
def add_note(*, acting_user: User, case: FollowUpCase, text: str) -> CaseNote:
    """An internal note of the case team (confidential)."""
    check_may_change(acting_user, case)
    if not text.strip():
        raise ValidationError(_("The note is empty."))
    note = CaseNote.objects.create(case=case, author=acting_user, text=text.strip())
    record("followup.note.added", case, actor=acting_user, changes={"note": note.pk})
    return note


@transaction.atomic
def log_grievance(*, acting_user: User, case: FollowUpCase, receipt_code: str, issue: str) -> CaseEvent:
    """Tell the case team that a grievance opened the case. A timeline entry the supplier does not
    see (it must not learn that someone reported), naming only the receipt code and the reported
    issue's code, so that each reader reads it in their own language."""
    check_may_change(acting_user, case)
    entry = event(
        case,
        EventKind.STARTED,
        gettext_noop("Opened after grievance %(code)s about %(grievance_issue)s."),
        actor=acting_user,
        shared_with_supplier=False,
        code=receipt_code,
        grievance_issue=issue,
    )
    record("followup.case.grievance_logged", case, actor=acting_user, changes={"grievance": receipt_code})
    return entry


def _open_deviations(case: FollowUpCase) -> QuerySet[Finding]:
    return case.findings.filter(kind=FindingKind.DEVIATION).exclude(status=DeviationStatus.CLOSED)


CLOSABLE = [CaseStatus.STEP1_ASSESSED, CaseStatus.STEP2, CaseStatus.STEP3, CaseStatus.CORRECTIVE_ACTION]


@transaction.atomic
def start_corrective_action(*, acting_user: User, case: FollowUpCase) -> FollowUpCase:
    """Conclude the audit steps and follow the corrective action plan until the deviations are closed."""
    check_may_change(acting_user, case)
    require_status(case, [CaseStatus.STEP1_ASSESSED, CaseStatus.STEP2, CaseStatus.STEP3])
    if not _open_deviations(case).exists():
        raise ValidationError(_("There are no open deviations to follow up; close the case instead."))
    transition(case, CaseStatus.CORRECTIVE_ACTION, acting_user=acting_user)
    return case


@transaction.atomic
def close_case(
    *, acting_user: User, case: FollowUpCase, reason: str = "", remedy_decision: str = ""
) -> FollowUpCase:
    """Close the follow-up: allowed once every deviation is closed (docs/domain-rules.md §2 step 7); with
    remedy for people still planned, only with a recorded decision on it."""
    check_may_change(acting_user, case)
    require_status(case, CLOSABLE)
    if _open_deviations(case).exists():
        raise ValidationError(_("The case cannot be closed while deviations are open."))
    statuses = list(Remediation.objects.filter(finding__case=case).values_list("status", flat=True))
    if closing_needs_remedy_decision(statuses):
        if not remedy_decision.strip():
            raise ValidationError(
                {"remedy_decision": _("Remedy for people is still planned: record your decision on it.")}
            )
        case.remedy_decision = remedy_decision.strip()
        case.save(update_fields=["remedy_decision", "updated_at"])
        record(
            "followup.case.remedy_decided",
            case,
            actor=acting_user,
            changes={"decision": case.remedy_decision},
        )
    transition(case, CaseStatus.CLOSED, acting_user=acting_user, reason=reason)
    notify.joint_case_closed(case)
    return case


@transaction.atomic
def cancel_case(*, acting_user: User, case: FollowUpCase, reason: str) -> FollowUpCase:
    """Cancel a case started by mistake or overtaken by events; the reason is required."""
    check_may_change(acting_user, case)
    require_status(case, OPEN_STATUSES)
    if not reason.strip():
        raise ValidationError(_("Give a reason for cancelling."))
    from .answers import leave_request

    leave_request(acting_user=acting_user, case=case)
    transition(case, CaseStatus.CANCELLED, acting_user=acting_user, reason=reason)
    return case
