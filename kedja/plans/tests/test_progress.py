"""Planned against done, per plan and per region, computed from the follow-up cases."""

from datetime import date

import pytest

from kedja.followup.models import CaseStatus
from kedja.plans import actions
from kedja.plans.models import ActivityKind
from kedja.plans.progress import plan_progress, progress_of_plans, region_totals

from .conftest import make_case, plan_activity

TODAY = date(2025, 11, 1)


@pytest.fixture
def planned(personas, textiles_plan):
    """Skåne leads two follow-ups and takes part in one; Stockholm takes part in two."""
    plan = textiles_plan
    for region, led, joined in ((personas.skane, 2, 1), (personas.stockholm, 0, 2)):
        actions.set_expectation(
            acting_user=personas.stina,
            plan=plan,
            region=region,
            year=2025,
            followups_led=led,
            followups_joined=joined,
            coordinator_hours=40,
            joint_audits=1,
        )
    activities = [
        {
            "kind": ActivityKind.FOLLOW_UP,
            "title": "",
            "quarter": 2,
            "supplier": personas.supplier_a,
            "step": 1,
        },
        {
            "kind": ActivityKind.FOLLOW_UP,
            "title": "Office audit B",
            "quarter": 3,
            "supplier": personas.supplier_b,
            "product": "Scrubs",
            "step": 2,
        },
    ]
    for activity in activities:
        actions.add_activity(
            acting_user=personas.stina, plan=plan, year=2025, responsible_region=personas.skane, **activity
        )
    plan_activity(
        personas,
        plan,
        kind=ActivityKind.TRAINING,
        title="Buyer training",
        quarter=4,
        responsible_region=personas.stockholm,
    )
    return plan


def test_contribution_is_counted_from_cases(personas, division, planned):
    make_case(personas, division.textiles, personas.skane, participants=[personas.stockholm])
    make_case(
        personas,
        division.textiles,
        personas.skane,
        supplier=personas.supplier_b,
        participants=[personas.stockholm],
        status=CaseStatus.STEP2,
        step=2,
    )
    # Not counted: a draft, another year, another category.
    make_case(personas, division.textiles, personas.skane, status=CaseStatus.DRAFT)
    make_case(personas, division.textiles, personas.skane, year=2024)
    make_case(personas, division.it, personas.skane)

    progress = plan_progress(planned, 2025, today=TODAY)
    rows = {r.region.slug: r for r in progress.regions}
    skane, stockholm = rows["region-skane"], rows["region-stockholm"]
    assert (skane.led, skane.joined, skane.joint_audits) == (2, 0, 1)
    assert (stockholm.led, stockholm.joined, stockholm.joint_audits) == (0, 2, 1)
    assert (skane.expected_led, skane.expected_joined) == (2, 1)
    # Skåne: led 2/2, joined 0/1, joint audits 1/1 → 3 of 4.
    assert skane.fulfilment == 75
    assert stockholm.fulfilment == 100


def test_planned_follow_up_is_done_when_its_case_finished_the_step(personas, division, planned):
    make_case(personas, division.textiles, personas.skane)  # supplier A, step 1 assessed
    make_case(
        personas,
        division.textiles,
        personas.skane,
        supplier=personas.supplier_b,
        status=CaseStatus.STEP2,
        step=2,
    )
    progress = plan_progress(planned, 2025, today=TODAY)
    by_title = {a.activity.title: a for a in progress.activities}
    assert by_title[str(personas.supplier_a)].done
    # Step 2 reached but not finished: not done, and Q3 has passed → late.
    assert not by_title["Office audit B"].done and by_title["Office audit B"].late
    assert not by_title["Buyer training"].done and not by_title["Buyer training"].late
    assert (progress.planned, progress.done, len(progress.late)) == (3, 1, 1)


def test_marking_and_explaining_activities(personas, division, planned):
    training = planned.activities.get(kind=ActivityKind.TRAINING)
    actions.complete_activity(acting_user=personas.olle, activity=training, completed_on=date(2025, 10, 1))
    late = planned.activities.get(title="Office audit B")
    actions.explain_delay(acting_user=personas.stina, activity=late, reason="The supplier moved the audit.")
    progress = plan_progress(planned, 2025, today=TODAY)
    assert progress.done == 1
    late.refresh_from_db()
    assert late.delay_reason == "The supplier moved the audit."


def test_follow_up_cannot_be_ticked_off_by_hand(personas, planned):
    from django.core.exceptions import ValidationError

    follow_up = planned.activities.filter(kind=ActivityKind.FOLLOW_UP).first()
    with pytest.raises(ValidationError):
        actions.complete_activity(
            acting_user=personas.stina, activity=follow_up, completed_on=date(2025, 5, 1)
        )


def test_region_totals_add_up_over_plans(personas, division, planned):
    it_plan = actions.create_plan(acting_user=personas.sara, period=division.period, category=division.it)
    actions.set_expectation(
        acting_user=personas.sara,
        plan=it_plan,
        region=personas.stockholm,
        year=2025,
        followups_led=1,
        followups_joined=0,
        coordinator_hours=10,
        joint_audits=0,
    )
    make_case(personas, division.it, personas.stockholm)
    actions.report_hours(
        acting_user=personas.olle, plan=it_plan, region=personas.stockholm, year=2025, hours=12
    )
    totals = {
        r.region.slug: r for r in region_totals(progress_of_plans([planned, it_plan], 2025, today=TODAY))
    }
    stockholm = totals["region-stockholm"]
    assert (stockholm.expected_led, stockholm.led, stockholm.hours) == (1, 1, 12)
    assert stockholm.expected_joined == 2


def test_progress_uses_constant_queries(personas, division, planned, django_assert_max_num_queries):
    for _ in range(5):
        make_case(personas, division.textiles, personas.skane, participants=[personas.stockholm])
    with django_assert_max_num_queries(6):
        progress_of_plans([planned], 2025, today=TODAY)
