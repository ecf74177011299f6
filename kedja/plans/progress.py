"""Planned against done, computed from what is recorded in Kedja — never typed in twice.

A region's contribution to a plan in a year is read from the follow-up cases of the plan's
category: cases it leads, cases it takes part in, and joint audits (cases at step 2 or 3 with more
than one region on the team). Hours come from the regions' own hour reports. A planned follow-up
counts as done when a matching case has completed the planned step; other activities when marked done.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Sum
from django.utils import timezone

from kedja.followup.models import CaseStatus, FollowUpCase
from kedja.organisations.models import Organisation

from .models import ActionPlan, ActivityKind, HoursReport, PlannedActivity, RegionExpectation

NOT_COUNTED = (CaseStatus.DRAFT, CaseStatus.CANCELLED)
# Statuses in which the step the case stands at has been carried out.
STEP_FINISHED = {
    1: {CaseStatus.STEP1_ASSESSED, CaseStatus.CORRECTIVE_ACTION, CaseStatus.CLOSED},
    2: {CaseStatus.CORRECTIVE_ACTION, CaseStatus.CLOSED},
    3: {CaseStatus.CORRECTIVE_ACTION, CaseStatus.CLOSED},
}


def quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def step_completed(case: FollowUpCase, step: int) -> bool:
    """Has the case carried out the planned step (not merely reached it)?"""
    if case.status in NOT_COUNTED or case.current_step < step:
        return False
    return case.current_step > step or case.status in STEP_FINISHED[step]


def team_ids(case: FollowUpCase) -> set[int]:
    return {case.lead_organisation_id, *(r.pk for r in case.participating_regions.all())}


@dataclass
class ActivityProgress:
    activity: PlannedActivity
    done: bool
    late: bool
    case: FollowUpCase | None = None

    @property
    def due(self) -> date:
        return quarter_end(self.activity.year, self.activity.quarter)


@dataclass
class RegionContribution:
    """Expected (from the plan) and actual (computed) contribution of one region in one year."""

    region: Organisation
    year: int
    expected_led: int = 0
    expected_joined: int = 0
    expected_hours: int = 0
    expected_joint_audits: int = 0
    led: int = 0
    joined: int = 0
    joint_audits: int = 0
    hours: int = 0
    activities_planned: int = 0
    activities_done: int = 0

    @property
    def expected_total(self) -> int:
        return self.expected_led + self.expected_joined + self.expected_joint_audits

    @property
    def actual_total(self) -> int:
        """Actual, capped per measure at what was expected, so over-delivery in one measure
        does not hide a gap in another."""
        return (
            min(self.led, self.expected_led)
            + min(self.joined, self.expected_joined)
            + min(self.joint_audits, self.expected_joint_audits)
        )

    @property
    def fulfilment(self) -> int | None:
        """Per cent of the expected follow-up contribution delivered (None when nothing was expected)."""
        if not self.expected_total:
            return None
        return round(100 * self.actual_total / self.expected_total)

    def add(self, other: "RegionContribution") -> None:
        for name in (
            "expected_led",
            "expected_joined",
            "expected_hours",
            "expected_joint_audits",
            "led",
            "joined",
            "joint_audits",
            "hours",
            "activities_planned",
            "activities_done",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class PlanProgress:
    plan: ActionPlan
    year: int
    activities: list[ActivityProgress] = field(default_factory=list)
    regions: list[RegionContribution] = field(default_factory=list)

    @property
    def planned(self) -> int:
        return len(self.activities)

    @property
    def done(self) -> int:
        return sum(1 for a in self.activities if a.done)

    @property
    def late(self) -> list[ActivityProgress]:
        return [a for a in self.activities if a.late]

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.planned) if self.planned else None


def _cases_by_category(category_ids, year: int) -> dict[int, list[FollowUpCase]]:
    cases = (
        FollowUpCase.objects.filter(category_id__in=category_ids, year=year)
        .exclude(status__in=NOT_COUNTED)
        .only(
            "pk",
            "uuid",
            "supplier_id",
            "category_id",
            "lead_organisation_id",
            "status",
            "current_step",
            "year",
        )
        .prefetch_related("participating_regions")
    )
    grouped: dict[int, list[FollowUpCase]] = defaultdict(list)
    for case in cases:
        grouped[case.category_id].append(case)
    return grouped


def _matching_case(activity: PlannedActivity, cases: list[FollowUpCase]) -> FollowUpCase | None:
    """The linked case, or a case of the same supplier (if named) and region that finished the step."""
    if activity.case_id:
        return next((c for c in cases if c.pk == activity.case_id), None)
    for case in cases:
        if activity.supplier_id and case.supplier_id != activity.supplier_id:
            continue
        if activity.responsible_region_id and activity.responsible_region_id not in team_ids(case):
            continue
        if step_completed(case, activity.step or 1):
            return case
    return None


def _activity_progress(activity: PlannedActivity, cases: list[FollowUpCase], today: date) -> ActivityProgress:
    if activity.kind == ActivityKind.FOLLOW_UP:
        case = _matching_case(activity, cases)
        done = case is not None and step_completed(case, activity.step or 1)
    else:
        case, done = None, activity.completed_on is not None
    late = not done and quarter_end(activity.year, activity.quarter) < today
    return ActivityProgress(activity=activity, done=done, late=late, case=case)


def _contributions(plan, year, cases, expectations, hours, regions_by_id, activities):
    by_region: dict[int, RegionContribution] = {}

    def row(region_id: int) -> RegionContribution:
        if region_id not in by_region:
            by_region[region_id] = RegionContribution(region=regions_by_id[region_id], year=year)
        return by_region[region_id]

    for exp in expectations:
        r = row(exp.region_id)
        r.expected_led, r.expected_joined = exp.followups_led, exp.followups_joined
        r.expected_hours, r.expected_joint_audits = exp.coordinator_hours, exp.joint_audits
    for case in cases:
        team = team_ids(case)
        for region_id in team & regions_by_id.keys():
            r = row(region_id)
            if region_id == case.lead_organisation_id:
                r.led += 1
            else:
                r.joined += 1
            if len(team) > 1 and case.current_step >= 2:
                r.joint_audits += 1
    for region_id, total in hours.items():
        row(region_id).hours = total
    for progress in activities:
        region_id = progress.activity.responsible_region_id
        if region_id in regions_by_id:
            row(region_id).activities_planned += 1
            row(region_id).activities_done += int(progress.done)
    return sorted(by_region.values(), key=lambda r: r.region.name)


def progress_of_plans(plans: list[ActionPlan], year: int, today: date | None = None) -> list[PlanProgress]:
    """Progress of several plans in one year, in a constant number of queries."""
    today = today or timezone.localdate()
    plan_ids = [p.pk for p in plans]
    cases = _cases_by_category({p.category_id for p in plans}, year)
    activities: dict[int, list[PlannedActivity]] = defaultdict(list)
    for a in PlannedActivity.objects.filter(plan_id__in=plan_ids, year=year).select_related(
        "supplier", "responsible_region"
    ):
        activities[a.plan_id].append(a)
    expectations: dict[int, list[RegionExpectation]] = defaultdict(list)
    for e in RegionExpectation.objects.filter(plan_id__in=plan_ids, year=year):
        expectations[e.plan_id].append(e)
    hours: dict[int, dict[int, int]] = defaultdict(dict)
    for h in (
        HoursReport.objects.filter(plan_id__in=plan_ids, year=year)
        .values("plan_id", "region_id")
        .annotate(total=Sum("hours"))
    ):
        hours[h["plan_id"]][h["region_id"]] = h["total"]
    regions_by_id = {o.pk: o for o in Organisation.objects.filter(kind="region")}
    result = []
    for plan in plans:
        plan_cases = cases.get(plan.category_id, [])
        acts = [_activity_progress(a, plan_cases, today) for a in activities[plan.pk]]
        contributions = _contributions(
            plan, year, plan_cases, expectations[plan.pk], hours[plan.pk], regions_by_id, acts
        )
        result.append(PlanProgress(plan=plan, year=year, activities=acts, regions=contributions))
    return result


def plan_progress(plan: ActionPlan, year: int, today: date | None = None) -> PlanProgress:
    return progress_of_plans([plan], year, today)[0]


def region_totals(progress: list[PlanProgress]) -> list[RegionContribution]:
    """Each region's contribution summed over the given plans."""
    totals: dict[int, RegionContribution] = {}
    for p in progress:
        for r in p.regions:
            total = totals.setdefault(r.region.pk, RegionContribution(region=r.region, year=r.year))
            total.add(r)
    return sorted(totals.values(), key=lambda r: r.region.name)
