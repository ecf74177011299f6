"""Writes of the category action plans: drafting, approval and the progress recorded against them."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.core.audit import diff, record
from kedja.organisations.models import (
    Organisation,
    OrganisationKind,
    User,
)
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category, PriorityPeriod
from kedja.reference.queries import responsibility

from .. import queries
from ..models import (
    ActionPlan,
    ActivityKind,
    GoalArea,
    Horizon,
    HoursReport,
    PlanGoal,
    PlannedActivity,
    PlanStatus,
    PrioritisedProduct,
    RegionExpectation,
)
from ._common import check_region

# Action plans ------------------------------------------------------------------------------------


def _check_edit(acting_user: User, plan: ActionPlan, *, draft: bool = True) -> None:
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
    acting_user: User,
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
def update_plan(
    *, acting_user: User, plan: ActionPlan, summary: str, risk_analysis_version: str
) -> ActionPlan:
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
def add_product(*, acting_user: User, plan: ActionPlan, name: str, rationale: str) -> PrioritisedProduct:
    """Add a prioritised product or sub-category with its risk rationale."""
    _check_edit(acting_user, plan)
    if not name.strip() or not rationale.strip():
        raise ValidationError(_("Name the product and give the risk rationale."))
    product = PrioritisedProduct.objects.create(plan=plan, name=name.strip(), rationale=rationale.strip())
    record("plans.plan.product_added", plan, actor=acting_user, changes={"product": product.name})
    return product


@transaction.atomic
def add_goal(
    *,
    acting_user: User,
    plan: ActionPlan,
    goal_area: str,
    horizon: str,
    text: str,
    year: int | None = None,
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
    acting_user: User,
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
    check_region(responsible_region, "responsible_region")
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
def remove_activity(*, acting_user: User, activity: PlannedActivity) -> None:
    """Remove a planned activity from a draft plan."""
    _check_edit(acting_user, activity.plan)
    record(
        "plans.plan.activity_removed", activity.plan, actor=acting_user, changes={"activity": activity.title}
    )
    activity.delete()


@transaction.atomic
def set_expectation(
    *,
    acting_user: User,
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
    check_region(region)
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
def approve_plan(*, acting_user: User, plan: ActionPlan) -> ActionPlan:
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
def reopen_plan(*, acting_user: User, plan: ActionPlan, reason: str) -> ActionPlan:
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


def _check_progress(acting_user: User, activity: PlannedActivity) -> None:
    if not queries.may_record_progress(actor_for(acting_user), activity):
        raise PermissionDenied(_("Only the plan's editors and the responsible region record progress."))


@transaction.atomic
def complete_activity(*, acting_user: User, activity: PlannedActivity, completed_on: date) -> PlannedActivity:
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
def explain_delay(*, acting_user: User, activity: PlannedActivity, reason: str) -> PlannedActivity:
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
    *, acting_user: User, plan: ActionPlan, region: Organisation, year: int, hours: int, note: str = ""
) -> HoursReport:
    """A region reports the hours it spent on the plan (the only contribution Kedja cannot compute)."""
    check_region(region)
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
