"""Reads of the steering layer and the access helpers its views and actions start from.

Everything here is "shared in the collaboration": whoever `sees_shared` reads it; suppliers,
auditors and anonymous visitors see none of it (404). Editing an action plan is for the secretariat
and the coordinators of the responsible area; the yearly plan is consolidated by the secretariat.
"""

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from kedja.organisations.models import Organisation, ProcurementArea
from kedja.organisations.queries import ActingUser, Actor, actor_for, get_or_404, get_visible, suppliers
from kedja.reference.models import Category, CategoryResponsibility, PriorityPeriod
from kedja.reference.queries import responsibilities_in
from kedja.risk.models import RiskAnalysis, SpendScreening
from kedja.risk.spend import normalise_supplier

from .models import (
    ActionPlan,
    DivisionDecision,
    PlanEntry,
    PlannedActivity,
    Proposal,
    ResponsibilityContact,
    YearlyFollowUpPlan,
    YearPlanStatus,
)

# Division ----------------------------------------------------------------------------------------


def periods() -> QuerySet[PriorityPeriod]:
    return PriorityPeriod.objects.select_related("division_decision__replaces").order_by(
        "-starts_on", "-created_at"
    )


def get_period_for_user(user: ActingUser, uuid: UUID | str) -> PriorityPeriod:
    """A period for someone who sees shared data; otherwise 404."""
    if not actor_for(user).sees_shared:
        raise Http404
    return get_or_404(periods(), uuid)


def responsibilities_of(period: PriorityPeriod) -> QuerySet[CategoryResponsibility]:
    return period.responsibilities.select_related("category", "area").order_by(
        "area__letter", "category__name_sv"
    )


def division_by_area(
    period: PriorityPeriod,
) -> list[tuple[ProcurementArea | None, list[CategoryResponsibility]]]:
    """The period's prioritised categories grouped by responsible area (area None last)."""
    grouped: dict[ProcurementArea | None, list[CategoryResponsibility]] = {}
    for resp in responsibilities_of(period).filter(prioritised=True):
        grouped.setdefault(resp.area, []).append(resp)
    return sorted(grouped.items(), key=lambda item: item[0].letter if item[0] else "~")


def contacts_during(period: PriorityPeriod) -> QuerySet[ResponsibilityContact]:
    """Designations that overlapped the period, so an earlier period shows its own people."""
    return (
        ResponsibilityContact.objects.in_force_during(period.starts_on, period.ends_on)
        .select_related("area", "region", "person")
        .order_by("role", "area__letter", "region__name", "valid_from")
    )


def decisions() -> QuerySet[DivisionDecision]:
    return DivisionDecision.objects.select_related("period", "replaces", "recorded_by")


def may_decide_division(actor: Actor) -> bool:
    """The secretariat records the steering group's decisions."""
    return actor.is_secretariat


def may_name_contacts(actor: Actor) -> bool:
    """Who gets the contact form (and reports a region's hours): the secretariat and regions' officers."""
    return actor.is_secretariat or bool(actor.officer_region_ids)


def may_be_named(person: ActingUser) -> bool:
    """Only people of the collaboration (secretariat or a region) can be a contact or coordinator,
    never a supplier's or an audit firm's account."""
    person_actor = actor_for(person)
    return person_actor.sees_shared and not person_actor.is_supplier and not person_actor.is_auditor


def may_set_contact(actor: Actor, role: str, region_id: int) -> bool:
    """Coordinators are designated by the secretariat; a region names its own contact persons."""
    if actor.is_secretariat:
        return True
    return role != "coordinator" and region_id in actor.officer_region_ids


# Action plans ------------------------------------------------------------------------------------


def creatable_plan_categories(actor: Actor, period: PriorityPeriod) -> QuerySet[Category]:
    """Categories prioritised in the period with a responsible area the user may plan for, and no plan yet."""
    planned = set(ActionPlan.objects.filter(period=period).values_list("category_id", flat=True))
    creatable = [
        category.pk
        for category, resp in responsibilities_in(period).items()
        if resp.prioritised
        and resp.area is not None
        and category.pk not in planned
        and (actor.is_secretariat or resp.area.pk in actor.coordinated_area_ids)
    ]
    return Category.objects.filter(pk__in=creatable).order_by("name_sv")


def plans_visible_to(actor: Actor) -> QuerySet[ActionPlan]:
    """Action plans are shared in the collaboration: all of them, or none."""
    qs = ActionPlan.objects.select_related("period", "category", "area")
    return qs if actor.sees_shared else qs.none()


def may_edit_plan(actor: Actor, plan: ActionPlan) -> bool:
    """The secretariat and the responsible area's coordinators edit a plan."""
    return actor.is_secretariat or plan.area_id in actor.coordinated_area_ids


def may_create_plan(actor: Actor, area_id: int) -> bool:
    return actor.is_secretariat or area_id in actor.coordinated_area_ids


def may_approve_plan(actor: Actor) -> bool:
    return actor.is_secretariat


def may_record_progress(actor: Actor, activity: PlannedActivity) -> bool:
    """Marking an activity done or explaining a delay: plan editors and the responsible region."""
    if may_edit_plan(actor, activity.plan):
        return True
    return (
        activity.responsible_region_id is not None
        and activity.responsible_region_id in actor.officer_region_ids
    )


def get_plan_for_user(user: ActingUser, uuid: UUID | str, *, write: bool = False) -> ActionPlan:
    """One plan the user may read (with write: edit); otherwise 404, forbidden or missing alike."""
    return get_visible(user, uuid, plans_visible_to, may_edit_plan if write else None)


def plan_detail_data(plan: ActionPlan) -> ActionPlan:
    """The plan with its parts prefetched for the detail page."""
    return (
        ActionPlan.objects.select_related("period", "category", "area", "approved_by")
        .prefetch_related(
            "products",
            "goals",
            Prefetch(
                "activities",
                queryset=PlannedActivity.objects.select_related("supplier", "responsible_region", "case"),
            ),
            "expectations__region",
        )
        .get(pk=plan.pk)
    )


def risk_analyses_of(plan: ActionPlan) -> list[RiskAnalysis]:
    """The category's risk analyses the plan can rely on: the plan's period first, then earlier."""
    return list(
        RiskAnalysis.objects.filter(category_id=plan.category_id, period__starts_on__lte=plan.period.ends_on)
        .select_related("period")
        .order_by("-period__starts_on")
    )


def get_activity_for_user(user: ActingUser, plan: ActionPlan, uuid: UUID | str) -> PlannedActivity:
    return get_or_404(plan.activities.select_related("plan", "supplier", "responsible_region"), uuid)


# Yearly follow-up plan ---------------------------------------------------------------------------


def year_plans_visible_to(actor: Actor) -> QuerySet[YearlyFollowUpPlan]:
    qs = YearlyFollowUpPlan.objects.all()
    return qs if actor.sees_shared else qs.none()


def get_year_plan_for_user(user: ActingUser, year: int) -> YearlyFollowUpPlan:
    try:
        return year_plans_visible_to(actor_for(user)).get(year=year)
    except YearlyFollowUpPlan.DoesNotExist:
        raise Http404 from None


def may_propose(actor: Actor, region_id: int) -> bool:
    """A region's officers and strategists propose for their region; the secretariat for any."""
    return actor.is_secretariat or region_id in actor.officer_region_ids


def proposals_of(year_plan: YearlyFollowUpPlan) -> QuerySet[Proposal]:
    return year_plan.proposals.select_related("region", "supplier", "category", "proposed_by", "entry")


def entries_of(year_plan: YearlyFollowUpPlan) -> QuerySet[PlanEntry]:
    return year_plan.entries.select_related("supplier", "category", "lead_region", "case").prefetch_related(
        "participating_regions", "proposals__region"
    )


def accepts_proposals(year_plan: YearlyFollowUpPlan) -> bool:
    return year_plan.status in (YearPlanStatus.OPEN, YearPlanStatus.CONSOLIDATED)


def get_proposal_for_user(user: ActingUser, year_plan: YearlyFollowUpPlan, uuid: UUID | str) -> Proposal:
    """A proposal its region (or the secretariat) may withdraw; otherwise 404."""
    actor = actor_for(user)
    proposal = get_or_404(year_plan.proposals.select_related("region"), uuid)
    if not may_propose(actor, proposal.region_id):
        raise Http404
    return proposal


def screened_suppliers(screening: SpendScreening) -> list[dict[str, Any]]:
    """The screening's suppliers that Kedja knows, each with its organisation and its average risk
    weight (risk-weighted spend ÷ spend, 0–1), highest risk first."""
    by_key: dict[str, Organisation] = {}
    for supplier in suppliers():
        for name in (supplier.name, supplier.org_number):
            if name:
                by_key.setdefault(normalise_supplier(name), supplier)
    rows = []
    for entry in (screening.result or {}).get("by_supplier", []):
        known = by_key.get(entry["key"])
        spend = Decimal(entry["spend"])
        if known is not None and spend > 0:
            rows.append({**entry, "organisation": known, "risk": Decimal(str(entry["weighted"])) / spend})
    return sorted(rows, key=lambda row: (-row["risk"], -Decimal(row["spend"])))


def planned_supplier_ids(year_plan: YearlyFollowUpPlan, region: Organisation) -> set[int]:
    """Suppliers already on the year's plan: proposed by the region, or an entry of the plan."""
    proposed = year_plan.proposals.filter(region=region).values_list("supplier_id", flat=True)
    return set(proposed) | set(year_plan.entries.values_list("supplier_id", flat=True))
