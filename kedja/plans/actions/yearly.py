"""Actions of the yearly follow-up plan: proposals, consolidation, approval and the step-1 launch.

Step 1 covers the whole company (docs/domain-rules.md §4.1), so proposals at step 1 of the same supplier are one
entry whatever product they name; at steps 2 and 3 the product also tells entries apart.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.contracts.models import Contract, ContractStatus
from kedja.core.audit import record
from kedja.followup.actions import cases as followup_cases
from kedja.followup.actions import send_out
from kedja.followup.actions.answers import SendOut
from kedja.followup.models import CaseStatus, CostBearer, FollowUpCase, Questionnaire
from kedja.organisations.models import Organisation, OrganisationKind, User
from kedja.organisations.queries import actor_for, coordinating_region
from kedja.reference.models import Category
from kedja.reference.queries import current_period, responsible_area

from .. import queries
from ..models import PlanEntry, Proposal, YearlyFollowUpPlan, YearPlanStatus


def _entry_key(supplier_id: int, product: str, step: int) -> tuple[int, str, int]:
    """What makes two proposals the same line of the national plan."""
    product_key = "" if step == 1 else " ".join(product.lower().split())
    return supplier_id, product_key, step


def _check_secretariat(acting_user: User) -> None:
    if not actor_for(acting_user).is_secretariat:
        raise PermissionDenied(_("Only the secretariat plans the national follow-up year."))


def _require(year_plan: YearlyFollowUpPlan, allowed: list[str]) -> None:
    if year_plan.status not in allowed:
        raise ValidationError(
            _("This cannot be done while the plan is “%(status)s”.")
            % {"status": year_plan.get_status_display()}
        )


@transaction.atomic
def open_year_plan(*, acting_user: User, year: int) -> YearlyFollowUpPlan:
    """Open next year's national follow-up plan for the regions' proposals."""
    _check_secretariat(acting_user)
    if year < 2000 or year > timezone.localdate().year + 5:
        raise ValidationError({"year": _("Choose a plausible year.")})
    year_plan, created = YearlyFollowUpPlan.objects.get_or_create(year=year)
    if not created:
        raise ValidationError({"year": _("The plan for this year is already open.")})
    record("plans.yearplan.opened", year_plan, actor=acting_user, changes={"year": year})
    return year_plan


@transaction.atomic
def propose(
    *,
    acting_user: User,
    year_plan: YearlyFollowUpPlan,
    region: Organisation,
    supplier: Organisation,
    category: Category | None = None,
    product: str = "",
    step: int = 1,
    motivation: str = "",
) -> Proposal:
    """A region proposes a supplier (and product) for next year's follow-up."""
    if region.kind != OrganisationKind.REGION:
        raise ValidationError({"region": _("Choose a region.")})
    if not queries.may_propose(actor_for(acting_user), region.pk):
        raise PermissionDenied(_("You may only propose for your own region."))
    if not queries.accepts_proposals(year_plan):
        raise ValidationError(_("The plan no longer accepts proposals."))
    if supplier.kind != OrganisationKind.SUPPLIER:
        raise ValidationError({"supplier": _("Choose a supplier.")})
    if step not in (1, 2, 3):
        raise ValidationError({"step": _("The step is 1, 2 or 3.")})
    if step > 1 and not product.strip():
        raise ValidationError(
            {"product": _("An office or on-site audit is product-specific: name the product.")}
        )
    key = _entry_key(supplier.pk, product, step)
    if any(
        _entry_key(p.supplier_id, p.product, p.step) == key for p in year_plan.proposals.filter(region=region)
    ):
        raise ValidationError(_("Your region has already proposed this supplier and product."))
    proposal = Proposal.objects.create(
        year_plan=year_plan,
        region=region,
        supplier=supplier,
        category=category,
        product=product.strip(),
        step=step,
        motivation=motivation.strip(),
        proposed_by=acting_user,
    )
    record(
        "plans.proposal.added",
        proposal,
        actor=acting_user,
        changes={"year": year_plan.year, "supplier": supplier, "product": product, "step": step},
    )
    return proposal


@transaction.atomic
def withdraw_proposal(*, acting_user: User, proposal: Proposal) -> None:
    """Withdraw a proposal that has not yet been consolidated into the plan."""
    if not queries.may_propose(actor_for(acting_user), proposal.region_id):
        raise PermissionDenied(_("You may only withdraw your own region's proposals."))
    if proposal.entry_id is not None:
        raise ValidationError(_("The proposal is already part of the national plan."))
    record(
        "plans.proposal.withdrawn", proposal.year_plan, actor=acting_user, changes={"proposal": str(proposal)}
    )
    proposal.delete()


def _default_lead(proposal: Proposal) -> Organisation:
    """An entry is led by the region that coordinates its category's area; without one (no category,
    no responsible area or no coordinator), by the first proposing region."""
    period = current_period(date(proposal.year_plan.year, 1, 1))
    area = responsible_area(proposal.category, period) if proposal.category else None
    return (coordinating_region(area) if area else None) or proposal.region


@transaction.atomic
def consolidate(*, acting_user: User, year_plan: YearlyFollowUpPlan) -> list[PlanEntry]:
    """Merge the proposals not yet in the plan into entries: the same supplier and product proposed
    by several regions becomes one entry, led by the region coordinating the category's area (else
    the first proposing region), with the proposing regions taking part.
    Running it again only adds proposals made since."""
    _check_secretariat(acting_user)
    _require(year_plan, [YearPlanStatus.OPEN, YearPlanStatus.CONSOLIDATED])
    entries = {_entry_key(e.supplier_id, e.product, e.step): e for e in year_plan.entries.all()}
    touched: dict[int, PlanEntry] = {}
    for proposal in (
        year_plan.proposals.filter(entry__isnull=True).select_related("region").order_by("created_at", "pk")
    ):
        key = _entry_key(proposal.supplier_id, proposal.product, proposal.step)
        entry = entries.get(key)
        if entry is None:
            lead = _default_lead(proposal)
            entry = PlanEntry.objects.create(
                year_plan=year_plan,
                supplier_id=proposal.supplier_id,
                category_id=proposal.category_id,
                product=proposal.product if proposal.step > 1 else "",
                step=proposal.step,
                lead_region=lead,
                cost_bearer=CostBearer.NATIONAL,
            )
            entries[key] = entry
        if proposal.region_id != entry.lead_region_id:
            entry.participating_regions.add(proposal.region)
        if entry.category_id is None and proposal.category_id:
            entry.category_id = proposal.category_id
            entry.save(update_fields=["category", "updated_at"])
        proposal.entry = entry
        proposal.save(update_fields=["entry", "updated_at"])
        touched[entry.pk] = entry
    year_plan.status = YearPlanStatus.CONSOLIDATED
    year_plan.save(update_fields=["status", "updated_at"])
    record(
        "plans.yearplan.consolidated",
        year_plan,
        actor=acting_user,
        changes={"entries": len(entries), "changed": [str(e) for e in touched.values()]},
    )
    return list(touched.values())


@transaction.atomic
def update_entry(
    *,
    acting_user: User,
    entry: PlanEntry,
    lead_region: Organisation,
    quarter: int | None,
    cost_bearer: str,
    cost_note: str = "",
) -> PlanEntry:
    """Change an entry's lead region, quarter or cost bearer (with its note) before the plan is approved.
    "Other (see note)" needs the note that names who bears the cost."""
    _check_secretariat(acting_user)
    _require(entry.year_plan, [YearPlanStatus.CONSOLIDATED])
    if lead_region.kind != OrganisationKind.REGION:
        raise ValidationError({"lead_region": _("Choose a region.")})
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("The quarter is 1, 2, 3 or 4.")})
    if cost_bearer not in CostBearer.values:
        raise ValidationError({"cost_bearer": _("Unknown cost bearer.")})
    if cost_bearer == CostBearer.OTHER and not cost_note.strip():
        raise ValidationError({"cost_note": _("Say in the note who bears the cost.")})
    old_lead = entry.lead_region
    changes = {
        "lead_region": [old_lead, lead_region],
        "quarter": [entry.quarter, quarter],
        "cost_bearer": [entry.cost_bearer, cost_bearer],
        "cost_note": [entry.cost_note, cost_note.strip()],
    }
    if lead_region.pk != old_lead.pk:
        entry.participating_regions.remove(lead_region)
        entry.participating_regions.add(old_lead)
    entry.lead_region, entry.quarter, entry.cost_bearer = lead_region, quarter, cost_bearer
    entry.cost_note = cost_note.strip()
    entry.save()
    record("plans.entry.changed", entry, actor=acting_user, changes=changes)
    return entry


@transaction.atomic
def approve_year_plan(*, acting_user: User, year_plan: YearlyFollowUpPlan) -> YearlyFollowUpPlan:
    """Approve the consolidated national plan; every proposal must be part of it."""
    _check_secretariat(acting_user)
    _require(year_plan, [YearPlanStatus.CONSOLIDATED])
    if year_plan.proposals.filter(entry__isnull=True).exists():
        raise ValidationError(_("New proposals have arrived: consolidate again before approving."))
    if not year_plan.entries.exists():
        raise ValidationError(_("The plan has no entries to approve."))
    year_plan.status, year_plan.approved_at, year_plan.approved_by = (
        YearPlanStatus.APPROVED,
        timezone.now(),
        acting_user,
    )
    year_plan.save()
    record("plans.yearplan.approved", year_plan, actor=acting_user, changes={"status": "approved"})
    return year_plan


def _plan_reason(entry: PlanEntry) -> str:
    """Why a planned case enters at its step: the plan, and the proposing regions' motivations."""
    reason = _("Planned at step %(step)s in the approved follow-up plan %(year)s.") % {
        "step": entry.step,
        "year": entry.year_plan.year,
    }
    motivations = [
        f"{p.region.name}: {p.motivation}" for p in entry.proposals.select_related("region") if p.motivation
    ]
    return " ".join([reason, *motivations])


def _start_case(acting_user: User, entry: PlanEntry) -> FollowUpCase:
    """Start the entry's follow-up case at the entry's step through the follow-up app's own action,
    with the plan's year and category (the computed contributions read them)."""
    # The supplier's active contracts in the entry's category give the case its category.
    contracts = (
        list(
            Contract.objects.filter(
                supplier=entry.supplier, category=entry.category, status=ContractStatus.ACTIVE
            )
        )
        if entry.category_id
        else []
    )
    case = followup_cases.start_planned_case(
        acting_user=acting_user,
        supplier=entry.supplier,
        lead=entry.lead_region,
        step=entry.step,
        reason=_plan_reason(entry),
        contracts=contracts,
        products=entry.product,
        cost_bearer=entry.cost_bearer,
        category=entry.category,
        year=entry.year_plan.year,
    )
    participating = list(entry.participating_regions.all())
    if participating or entry.cost_note:
        followup_cases.update_case(
            acting_user=acting_user,
            case=case,
            products=case.products,
            cost_bearer=case.cost_bearer,
            cost_note=entry.cost_note,
            participating=participating,
        )
    return case


@transaction.atomic
def launch_year_plan(
    *,
    acting_user: User,
    year_plan: YearlyFollowUpPlan,
    questionnaire: Questionnaire | None = None,
    deadline: date | None = None,
) -> list[FollowUpCase]:
    """Start a follow-up case for every entry and, when a questionnaire is given, send step 1 to the
    suppliers of the step-1 entries in bulk. Entries at step 2 or 3 get their case; the lead region
    runs the audit from the case page."""
    _check_secretariat(acting_user)
    _require(year_plan, [YearPlanStatus.APPROVED])
    if questionnaire is not None and (deadline is None or deadline <= timezone.localdate()):
        raise ValidationError({"deadline": _("Give the suppliers a deadline in the future.")})
    started, to_send = [], []
    for entry in year_plan.entries.filter(case__isnull=True).select_related("supplier", "lead_region"):
        case = _start_case(acting_user, entry)
        if questionnaire is not None and entry.step == 1 and case.status == CaseStatus.DRAFT:
            to_send.append(case)
        entry.case = case
        entry.save(update_fields=["case", "updated_at"])
        started.append(case)
    # Each case gets the questionnaire of its contracts' clause version and joins the supplier's
    # open request; suppliers nobody can be reached at stay in draft and are named in the note.
    sent: SendOut = {"sent": [], "unreachable": [], "refused": []}
    if to_send and deadline is not None:  # cases to send mean a questionnaire, whose deadline was checked
        sent = send_out.send_self_assessments(acting_user=acting_user, cases=to_send, deadline=deadline)
    not_sent = sent["unreachable"] + [case for case, _reason in sent["refused"]]
    year_plan.status, year_plan.launched_at = YearPlanStatus.LAUNCHED, timezone.now()
    year_plan.launch_note = (
        _("%(count)s cases started; self-assessments sent.")
        if questionnaire
        else _("%(count)s cases started.")
    ) % {"count": len(started)}
    if not_sent:
        year_plan.launch_note += " " + _(
            "Not sent, no reachable contact or no matching questionnaire: %(names)s."
        ) % {"names": ", ".join(sorted(case.supplier.name for case in not_sent))}
    year_plan.save()
    record("plans.yearplan.launched", year_plan, actor=acting_user, changes={"cases": len(started)})
    return started
