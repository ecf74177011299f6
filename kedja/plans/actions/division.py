"""Every write to the division of responsibilities and the category action plans.

The yearly follow-up plan's actions are in `yearly.py`.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.core.audit import diff, record
from kedja.organisations.models import (
    AreaCoordinatorship,
    Membership,
    Organisation,
    OrganisationKind,
    ProcurementArea,
)
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category, CategoryResponsibility, PriorityPeriod
from kedja.reference.queries import responsibility

from . import queries
from .models import (
    ActionPlan,
    ActivityKind,
    ContactRole,
    DivisionDecision,
    GoalArea,
    Horizon,
    HoursReport,
    PlanGoal,
    PlannedActivity,
    PlanStatus,
    PrioritisedProduct,
    RegionExpectation,
    ResponsibilityContact,
)

# Division of responsibilities --------------------------------------------------------------------


def _check_secretariat(acting_user) -> None:
    if not queries.may_decide_division(actor_for(acting_user)):
        raise PermissionDenied(_("Only the secretariat records the steering group's decisions."))


def _check_region(org: Organisation | None, field: str = "region") -> None:
    if org is not None and org.kind != OrganisationKind.REGION:
        raise ValidationError({field: _("Choose a region.")})


@transaction.atomic
def decide_division(
    *,
    acting_user,
    name: str,
    starts_on: date,
    ends_on: date,
    decided_on: date,
    decision_text: str,
    based_on: PriorityPeriod | None,
    changes: list[tuple[Category, ProcurementArea | None, bool]],
) -> PriorityPeriod:
    """Record a steering-group decision that changes the division: a new period is created from
    `based_on` with `changes` applied (category, responsible area, prioritised). The earlier period
    and everything planned against it stay exactly as they were."""
    _check_secretariat(acting_user)
    name = name.strip()
    if not name or not decision_text.strip():
        raise ValidationError(_("Give the period a name and write down the decision."))
    if PriorityPeriod.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A period with this name already exists.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The period cannot end before it starts.")})
    if based_on is not None and starts_on <= based_on.starts_on:
        raise ValidationError({"starts_on": _("A new division must start after the period it replaces.")})
    rows = {}
    if based_on is not None:
        rows = {
            r.category_id: (r.category, r.area, r.prioritised)
            for r in based_on.responsibilities.select_related("category", "area")
        }
    summary = []
    for category, area, prioritised in changes:
        if prioritised and area is None:
            raise ValidationError(
                _("The prioritised category “%(category)s” needs a responsible area.")
                % {"category": category}
            )
        before = rows.get(category.pk)
        if before is None or (before[1], before[2]) != (area, prioritised):
            summary.append(_change_line(category, before, area, prioritised))
        rows[category.pk] = (category, area, prioritised)
    period = PriorityPeriod.objects.create(
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        decided_on=decided_on,
        decision_text=decision_text.strip(),
    )
    CategoryResponsibility.objects.bulk_create(
        CategoryResponsibility(period=period, category=c, area=a, prioritised=p) for c, a, p in rows.values()
    )
    decision = DivisionDecision.objects.create(
        period=period,
        replaces=based_on,
        decided_on=decided_on,
        decision_text=decision_text.strip(),
        changes=summary,
        recorded_by=acting_user,
    )
    record(
        "plans.division.decided", decision, actor=acting_user, changes={"period": name, "changes": summary}
    )
    return period


def _change_line(category, before, area, prioritised) -> dict:
    return {
        "category": category.slug,
        "area_before": before[1].letter if before and before[1] else None,
        "area": area.letter if area else None,
        "prioritised_before": before[2] if before else None,
        "prioritised": prioritised,
    }


@transaction.atomic
def record_period_decision(
    *, acting_user, period: PriorityPeriod, decided_on: date, decision_text: str
) -> DivisionDecision:
    """Attach the steering-group decision to a period created by the reference loader."""
    _check_secretariat(acting_user)
    if DivisionDecision.objects.filter(period=period).exists():
        raise ValidationError(_("This period already has its decision recorded."))
    if not decision_text.strip():
        raise ValidationError({"decision_text": _("Write down the decision.")})
    decision = DivisionDecision.objects.create(
        period=period, decided_on=decided_on, decision_text=decision_text.strip(), recorded_by=acting_user
    )
    record("plans.division.recorded", decision, actor=acting_user, changes={"period": period.name})
    return decision


@transaction.atomic
def assign_contact(
    *,
    acting_user,
    role: str,
    region: Organisation,
    name: str,
    valid_from: date,
    area: ProcurementArea | None = None,
    person=None,
    email: str = "",
) -> ResponsibilityContact:
    """Designate an area coordinator or a region's contact person from a date. The designation in
    force for the same role (and area) ends the day before, so earlier periods keep their people."""
    if role not in ContactRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    _check_region(region)
    if not queries.may_set_contact(actor_for(acting_user), role, region.pk):
        raise PermissionDenied(_("You may not name contact people for this region."))
    if role == ContactRole.COORDINATOR and area is None:
        raise ValidationError({"area": _("A coordinator coordinates an area: choose it.")})
    name = name.strip() or (person.full_name if person else "")
    if not name:
        raise ValidationError({"name": _("Give the person's name.")})
    same = ResponsibilityContact.objects.filter(role=role, valid_to__isnull=True)
    same = same.filter(area=area) if role == ContactRole.COORDINATOR else same.filter(region=region)
    for previous in same.select_for_update():
        if previous.valid_from >= valid_from:
            raise ValidationError({"valid_from": _("The new designation must start after the current one.")})
        previous.valid_to = valid_from - timedelta(days=1)
        previous.save(update_fields=["valid_to", "updated_at"])
    contact = ResponsibilityContact.objects.create(
        role=role,
        region=region,
        area=area if role == ContactRole.COORDINATOR else None,
        person=person,
        name=name,
        email=email or (person.email if person else ""),
        valid_from=valid_from,
    )
    if role == ContactRole.COORDINATOR and person is not None:
        _grant_coordinator_access(area=area, region=region, person=person, valid_from=valid_from)
    record("plans.contact.assigned", contact, actor=acting_user, changes={"role": role, "region": region})
    return contact


def _grant_coordinator_access(*, area, region: Organisation, person, valid_from: date) -> None:
    """Access follows the designation: the coordinator's region membership becomes the area's
    coordinatorship, and the previous coordinator's ends, so the two records never drift apart."""
    membership = Membership.objects.filter(user=person, organisation=region).first()
    if membership is None:
        raise ValidationError({"person": _("The coordinator must be a member of the region.")})
    AreaCoordinatorship.objects.filter(area=area, valid_to__isnull=True, valid_from__lt=valid_from).update(
        valid_to=valid_from - timedelta(days=1)
    )
    AreaCoordinatorship.objects.get_or_create(membership=membership, area=area, valid_from=valid_from)


# Action plans ------------------------------------------------------------------------------------


def _check_edit(acting_user, plan: ActionPlan, *, draft: bool = True) -> None:
    if not queries.may_edit_plan(actor_for(acting_user), plan):
        raise PermissionDenied(_("Only the secretariat and the area's coordinators edit this plan."))
    if draft and plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("An approved plan cannot be changed; ask the secretariat to reopen it."))


def _check_period_year(plan: ActionPlan, year: int) -> None:
    if not plan.period.starts_on.year <= year <= plan.period.ends_on.year:
        raise ValidationError(
            {"year": _("The year must fall within the period %(period)s.") % {"period": plan.period.name}}
        )


@transaction.atomic
def create_plan(
    *,
    acting_user,
    period: PriorityPeriod,
    category: Category,
    summary: str = "",
    risk_analysis_version: str = "",
) -> ActionPlan:
    """Start the action plan of a category prioritised in the period, for its responsible area."""
    resp = responsibility(category, period)
    if not resp.prioritised or resp.area is None:
        raise ValidationError(_("The category is not prioritised with a responsible area in this period."))
    if not queries.may_create_plan(actor_for(acting_user), resp.area.pk):
        raise PermissionDenied(_("Only the secretariat and the area's coordinators write its action plans."))
    if ActionPlan.objects.filter(period=period, category=category).exists():
        raise ValidationError(_("This category already has an action plan for the period."))
    plan = ActionPlan.objects.create(
        period=period,
        category=category,
        area=resp.area,
        summary=summary.strip(),
        risk_analysis_version=risk_analysis_version.strip(),
    )
    record(
        "plans.plan.created",
        plan,
        actor=acting_user,
        changes={"period": period.name, "area": resp.area.letter},
    )
    return plan


@transaction.atomic
def update_plan(*, acting_user, plan: ActionPlan, summary: str, risk_analysis_version: str) -> ActionPlan:
    """Change the plan's summary and the risk-analysis version it relies on (draft only)."""
    _check_edit(acting_user, plan)
    values = {"summary": summary.strip(), "risk_analysis_version": risk_analysis_version.strip()}
    changes = diff(plan, values)
    for key, value in values.items():
        setattr(plan, key, value)
    plan.save()
    record("plans.plan.changed", plan, actor=acting_user, changes=changes)
    return plan


@transaction.atomic
def add_product(*, acting_user, plan: ActionPlan, name: str, rationale: str) -> PrioritisedProduct:
    """Add a prioritised product or sub-category with its risk rationale."""
    _check_edit(acting_user, plan)
    if not name.strip() or not rationale.strip():
        raise ValidationError(_("Name the product and give the risk rationale."))
    product = PrioritisedProduct.objects.create(plan=plan, name=name.strip(), rationale=rationale.strip())
    record("plans.plan.product_added", plan, actor=acting_user, changes={"product": product.name})
    return product


@transaction.atomic
def add_goal(
    *, acting_user, plan: ActionPlan, goal_area: str, horizon: str, text: str, year: int | None = None
) -> PlanGoal:
    """Add a long-term or yearly goal in one of the four goal areas."""
    _check_edit(acting_user, plan)
    if goal_area not in GoalArea.values or horizon not in Horizon.values:
        raise ValidationError(_("Choose a goal area and a horizon."))
    if not text.strip():
        raise ValidationError({"text": _("Write the goal.")})
    if horizon == Horizon.YEARLY:
        if year is None:
            raise ValidationError({"year": _("A yearly goal needs its year.")})
        _check_period_year(plan, year)
    goal = PlanGoal.objects.create(
        plan=plan,
        goal_area=goal_area,
        horizon=horizon,
        year=year if horizon == Horizon.YEARLY else None,
        text=text.strip(),
    )
    record("plans.plan.goal_added", plan, actor=acting_user, changes={"goal": goal.text[:100]})
    return goal


@transaction.atomic
def add_activity(
    *,
    acting_user,
    plan: ActionPlan,
    kind: str,
    title: str,
    year: int,
    quarter: int,
    supplier: Organisation | None = None,
    product: str = "",
    step: int | None = None,
    responsible_region: Organisation | None = None,
) -> PlannedActivity:
    """Plan a follow-up (supplier or product, step, quarter, region), a dialogue, training or update."""
    _check_edit(acting_user, plan)
    if kind not in ActivityKind.values:
        raise ValidationError({"kind": _("Choose the kind of activity.")})
    _check_period_year(plan, year)
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("The quarter is 1, 2, 3 or 4.")})
    _check_region(responsible_region, "responsible_region")
    if supplier is not None and supplier.kind != OrganisationKind.SUPPLIER:
        raise ValidationError({"supplier": _("Choose a supplier.")})
    if kind == ActivityKind.FOLLOW_UP:
        if step not in (1, 2, 3):
            raise ValidationError({"step": _("A follow-up is planned at step 1, 2 or 3.")})
        if supplier is None and not product.strip():
            raise ValidationError(_("Name the supplier or the product to follow up."))
    else:
        step = None
    title = title.strip() or " ".join(x for x in (str(supplier or ""), product.strip()) if x)
    if not title:
        raise ValidationError({"title": _("Give the activity a title.")})
    activity = PlannedActivity.objects.create(
        plan=plan,
        kind=kind,
        title=title,
        supplier=supplier,
        product=product.strip(),
        step=step,
        year=year,
        quarter=quarter,
        responsible_region=responsible_region,
    )
    record(
        "plans.plan.activity_added",
        plan,
        actor=acting_user,
        changes={"activity": title, "kind": kind, "when": f"{year} Q{quarter}", "region": responsible_region},
    )
    return activity


@transaction.atomic
def remove_activity(*, acting_user, activity: PlannedActivity) -> None:
    """Remove a planned activity from a draft plan."""
    _check_edit(acting_user, activity.plan)
    record(
        "plans.plan.activity_removed", activity.plan, actor=acting_user, changes={"activity": activity.title}
    )
    activity.delete()


@transaction.atomic
def set_expectation(
    *,
    acting_user,
    plan: ActionPlan,
    region: Organisation,
    year: int,
    followups_led: int,
    followups_joined: int,
    coordinator_hours: int,
    joint_audits: int,
) -> RegionExpectation:
    """State what the plan expects of a region in a year (replaces an earlier statement)."""
    _check_edit(acting_user, plan)
    _check_region(region)
    _check_period_year(plan, year)
    values = {
        "followups_led": followups_led,
        "followups_joined": followups_joined,
        "coordinator_hours": coordinator_hours,
        "joint_audits": joint_audits,
    }
    if any(v is None or v < 0 for v in values.values()):
        raise ValidationError(_("Expectations are whole numbers, zero or more."))
    expectation, _created = RegionExpectation.objects.update_or_create(
        plan=plan, region=region, year=year, defaults=values
    )
    record(
        "plans.plan.expectation_set",
        plan,
        actor=acting_user,
        changes={"region": region, "year": year, **values},
    )
    return expectation


@transaction.atomic
def approve_plan(*, acting_user, plan: ActionPlan) -> ActionPlan:
    """The secretariat approves a draft plan that names products and planned activities."""
    if not queries.may_approve_plan(actor_for(acting_user)):
        raise PermissionDenied(_("Only the secretariat approves action plans."))
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be approved."))
    if not plan.products.exists() or not plan.activities.exists():
        raise ValidationError(_("A plan needs at least one prioritised product and one planned activity."))
    plan.status, plan.approved_at, plan.approved_by = PlanStatus.APPROVED, timezone.now(), acting_user
    plan.save()
    record(
        "plans.plan.approved",
        plan,
        actor=acting_user,
        changes={"status": [PlanStatus.DRAFT, PlanStatus.APPROVED]},
    )
    return plan


@transaction.atomic
def reopen_plan(*, acting_user, plan: ActionPlan, reason: str) -> ActionPlan:
    """The secretariat reopens an approved plan for revision; the reason is kept in the history."""
    if not queries.may_approve_plan(actor_for(acting_user)):
        raise PermissionDenied(_("Only the secretariat reopens approved plans."))
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Only an approved plan can be reopened."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for reopening.")})
    plan.status, plan.approved_at, plan.approved_by = PlanStatus.DRAFT, None, None
    plan.save()
    record("plans.plan.reopened", plan, actor=acting_user, changes={"reason": reason.strip()})
    return plan


# Progress ----------------------------------------------------------------------------------------


def _check_progress(acting_user, activity: PlannedActivity) -> None:
    if not queries.may_record_progress(actor_for(acting_user), activity):
        raise PermissionDenied(_("Only the plan's editors and the responsible region record progress."))


@transaction.atomic
def complete_activity(*, acting_user, activity: PlannedActivity, completed_on: date) -> PlannedActivity:
    """Mark a dialogue, training or risk-analysis update done. Follow-ups are done when their case is."""
    _check_progress(acting_user, activity)
    if activity.kind == ActivityKind.FOLLOW_UP:
        raise ValidationError(_("A follow-up counts as done when its case has completed the step."))
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("The date cannot be in the future.")})
    activity.completed_on = completed_on
    activity.save(update_fields=["completed_on", "updated_at"])
    record(
        "plans.activity.completed",
        activity.plan,
        actor=acting_user,
        changes={"activity": activity.title, "on": completed_on},
    )
    return activity


@transaction.atomic
def explain_delay(*, acting_user, activity: PlannedActivity, reason: str) -> PlannedActivity:
    """Record why an activity is late (kept on the activity and in the plan's history)."""
    _check_progress(acting_user, activity)
    if not reason.strip():
        raise ValidationError({"reason": _("Write the reason.")})
    changes = {"activity": activity.title, "reason": [activity.delay_reason, reason.strip()]}
    activity.delay_reason = reason.strip()
    activity.save(update_fields=["delay_reason", "updated_at"])
    record("plans.activity.delay_explained", activity.plan, actor=acting_user, changes=changes)
    return activity


@transaction.atomic
def report_hours(
    *, acting_user, plan: ActionPlan, region: Organisation, year: int, hours: int, note: str = ""
) -> HoursReport:
    """A region reports the hours it spent on the plan (the only contribution Kedja cannot compute)."""
    _check_region(region)
    if not queries.may_propose(actor_for(acting_user), region.pk):
        raise PermissionDenied(_("Only the region itself reports its hours."))
    _check_period_year(plan, year)
    if hours is None or hours <= 0:
        raise ValidationError({"hours": _("Report a positive number of hours.")})
    report = HoursReport.objects.create(
        plan=plan, region=region, year=year, hours=hours, note=note.strip(), reported_by=acting_user
    )
    record(
        "plans.plan.hours_reported",
        plan,
        actor=acting_user,
        changes={"region": region, "year": year, "hours": hours},
    )
    return report
