"""The traffic light (docs/domain-rules.md §4.6 with §3.5): the rule with its reasons, the closed-case decision,
and the property test that keeps the SQL twin equal to the Python rule over generated cases."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import override
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kedja.followup import actions, queries
from kedja.followup.models import (
    CorrectiveAction,
    DecisionStatus,
    Finding,
    FollowUpCase,
    SanctionDecision,
    ZeroToleranceReport,
)
from kedja.followup.rules import (
    DeviationFacts,
    LightFacts,
    TrafficLight,
    light_on,
    stored_light,
    traffic_light,
)

from . import factories

TODAY = date(2026, 3, 1)


def light(**facts):
    return traffic_light(LightFacts(**facts), TODAY)


def texts(result) -> list[str]:
    with override("en"):
        return [reason.text for reason in result.reasons]


def test_no_deviations_is_green_with_its_reason():
    result = light()
    assert result == TrafficLight.GREEN and texts(result) == ["no deviations"]


def test_deviations_closed_on_time_are_green():
    on_time = DeviationFacts(closed=True, deadline=TODAY, closed_on=TODAY - timedelta(days=2))
    result = light(deviations=(on_time,))
    assert result == TrafficLight.GREEN and texts(result) == ["deviations closed on time: 1"]


def test_open_deviations_within_the_plan_are_yellow_with_the_next_deadline():
    running = DeviationFacts(closed=False, deadline=TODAY + timedelta(days=9), closed_on=None)
    no_plan = DeviationFacts(closed=False, deadline=None, closed_on=None)
    result = light(deviations=(running, no_plan))
    assert result == TrafficLight.YELLOW
    assert texts(result) == ["open deviations: 2, handled within the plan; next deadline 2026-03-10"]
    assert texts(light(deviations=(no_plan,))) == ["open deviations: 1, the plan's deadlines not yet set"]


def test_missed_deadlines_are_red_and_named():
    missed = DeviationFacts(closed=False, deadline=TODAY - timedelta(days=3), closed_on=None, label="“Fees”")
    late = DeviationFacts(closed=True, deadline=TODAY - timedelta(days=10), closed_on=TODAY, label="“Hours”")
    action = DeviationFacts(
        closed=False,
        deadline=TODAY + timedelta(days=30),
        closed_on=None,
        open_action_deadline=TODAY - timedelta(days=1),
        label="“Wages”",
    )
    result = light(deviations=(missed, late, action))
    assert result == TrafficLight.RED
    assert texts(result) == [
        "“Fees” overdue since 2026-02-26",
        "“Hours” closed 10 days after its deadline",
        "corrective action for “Wages” overdue since 2026-02-28",
    ]


def test_sanction_grounds_are_red_first_even_with_everything_fixed():
    fixed = DeviationFacts(closed=True, deadline=TODAY, closed_on=TODAY)
    child_labour = DeviationFacts(
        closed=True, deadline=TODAY, closed_on=TODAY, zero_tolerance=True, label="child labour"
    )
    result = light(
        deviations=(fixed, child_labour), late_reports=(15,), decisions=(TODAY - timedelta(days=1),)
    )
    assert result == TrafficLight.RED
    assert texts(result) == [
        "zero-tolerance report 15 days late",
        "zero-tolerance deviation: child labour",
        "sanction decision of 2026-02-28",
    ]


def test_closed_case_with_a_past_ground_stays_red_and_says_it_was_closed():
    """The decision: a closed case keeps the light its history earned, so a late zero-tolerance
    report never reads as if nothing happened once the deviations are fixed and the case closed."""
    fixed = DeviationFacts(closed=True, deadline=TODAY, closed_on=TODAY - timedelta(days=1))
    result = light(deviations=(fixed,), late_reports=(4,), closed_on=TODAY)
    assert result == TrafficLight.RED
    assert texts(result) == ["zero-tolerance report 4 days late", "case closed on 2026-03-01"]
    assert light(deviations=(fixed,), closed_on=TODAY) == TrafficLight.GREEN


def test_reasons_read_in_swedish():
    with override("sv"):
        assert light(late_reports=(15,)).reason.text == "nolltoleransrapport 15 dagar för sent"


def test_late_zero_tolerance_report_turns_the_case_red(personas, case_a, contract_a):
    issue = factories.issue("child_labour", zero_tolerance=True)
    factories.zero_tolerance_report(
        personas,
        contract_a,
        issue,
        days_ago=29,
        facts="Children found at a sub-supplier",
        measures_taken="Removed from work, schooling paid",
    )
    result = queries.compute_light(case_a)
    with override("en"):
        assert result == TrafficLight.RED
        assert result.reason.text == "zero-tolerance report 15 days late"
    sql = FollowUpCase.objects.annotate(light=queries.light_expression()).get(pk=case_a.pk).light
    assert sql == TrafficLight.RED


def test_withdrawn_sanction_decision_no_longer_turns_the_case_red(personas, case_a, contract_a):
    decision = factories.sanction(personas, case_a, contract_a, reason="Warning only")
    assert queries.compute_light(case_a) == TrafficLight.RED
    actions.withdraw_sanction(acting_user=personas.stina, decision=decision, reason="Wrong supplier")
    assert queries.compute_light(case_a) == TrafficLight.GREEN


# The property test: the SQL twin equals the rule -------------------------------------------------

offsets = st.one_of(st.none(), st.integers(-20, 20))
action_shape = st.tuples(st.integers(-20, 20), st.sampled_from(["open", "progress", "closed"]))
deviation_shape = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["open", "progress", "closed"]),
        "deadline": offsets,
        "closed_on": offsets,
        "zero_tolerance": st.booleans(),
        "actions": st.lists(action_shape, max_size=3),
    }
)
case_shape = st.fixed_dictionaries(
    {
        "deviations": st.lists(deviation_shape, max_size=4),
        "observations": st.integers(0, 2),
        "reports": st.lists(
            st.tuples(st.integers(0, 40), st.one_of(st.none(), st.integers(0, 30))), max_size=2
        ),
        "decisions": st.lists(
            st.sampled_from([DecisionStatus.IN_FORCE, DecisionStatus.WITHDRAWN]), max_size=2
        ),
        "closed": st.booleans(),
    }
)


def _build(shape, *, personas, contract, issue) -> FollowUpCase:
    today = timezone.localdate()

    def day(offset):
        return None if offset is None else today + timedelta(days=offset)

    case = FollowUpCase.objects.create(
        supplier=personas.supplier_a,
        lead_organisation=personas.skane,
        origin="contract",
        year=today.year,
        status="closed" if shape["closed"] else "step2",
        closed_on=today if shape["closed"] else None,
    )
    for d in shape["deviations"]:
        finding = Finding.objects.create(
            case=case,
            kind="deviation",
            title="Deviation",
            status=d["status"],
            deadline=day(d["deadline"]),
            closed_on=day(d["closed_on"]) if d["status"] == "closed" else None,
            is_zero_tolerance=d["zero_tolerance"],
            issue=issue if d["zero_tolerance"] else None,
        )
        for offset, status in d["actions"]:
            CorrectiveAction.objects.create(
                finding=finding, description="a", owner="o", deadline=day(offset), status=status
            )
    for _n in range(shape["observations"]):
        Finding.objects.create(case=case, kind="observation", title="Observation", status="closed")
    for days, limit in shape["reports"]:
        ZeroToleranceReport.objects.create(
            supplier=personas.supplier_a,
            contract=contract,
            case=case,
            issue=issue,
            aware_since=today - timedelta(days=days),
            facts="f",
            measures_taken="m",
            days_to_report=days,
            deadline_days=limit,
            on_time=None if limit is None else days <= limit,
        )
    for n, status in enumerate(shape["decisions"]):
        SanctionDecision.objects.create(
            case=case,
            contract=contract,
            ground="failure_to_report",
            kind="none",
            ground_since=today - timedelta(days=n + 1),
            counted_until=today,
            reason="r",
            status=status,
        )
    return case


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=case_shape)
def test_sql_twin_equals_the_rule(shape, personas, contract_a):
    issue = factories.issue("child_labour", zero_tolerance=True)
    case = _build(shape, personas=personas, contract=contract_a, issue=issue)
    python = queries.compute_light(case).colour
    cases = FollowUpCase.objects.filter(pk=case.pk)
    assert cases.annotate(light=queries.light_expression()).get().light == python
    assert queries.filter_light(FollowUpCase.objects.all(), python).filter(pk=case.pk).exists()
    # The deviation counts stored with the light (the reports' trend sums them).
    case.refresh_from_db()
    closed = sum(d["status"] == "closed" for d in shape["deviations"])
    assert (case.deviations_open, case.deviations_closed) == (len(shape["deviations"]) - closed, closed)


days = st.one_of(st.none(), st.integers(-30, 30).map(lambda n: TODAY + timedelta(days=n)))
deviation_facts = st.builds(
    DeviationFacts,
    closed=st.booleans(),
    deadline=days,
    closed_on=days,
    open_action_deadline=days,
    zero_tolerance=st.booleans(),
)
light_facts = st.builds(
    LightFacts,
    deviations=st.lists(deviation_facts, max_size=4).map(tuple),
    late_reports=st.lists(st.integers(1, 30), max_size=1).map(tuple),
    decisions=st.lists(st.just(TODAY), max_size=1).map(tuple),
)


@given(facts=light_facts, offset=st.integers(-40, 40))
def test_stored_light_read_on_any_day_equals_the_rule(facts, offset):
    """What a case stores (colour while no deadline passes, and the earliest open deadline) gives
    the rule's colour on every later day, without being stored again."""
    on = TODAY + timedelta(days=offset)
    assert light_on(*stored_light(facts), on) == traffic_light(facts, on).colour
