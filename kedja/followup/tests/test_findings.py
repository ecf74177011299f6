from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kedja.followup import actions, queries
from kedja.followup.models import ActionStatus, DeviationStatus, Finding, FollowUpCase
from kedja.followup.rules import TrafficLight
from kedja.reference.severity import severity

from . import factories

TODAY = date(2026, 3, 1)


@pytest.mark.parametrize(
    ("sc", "so", "ir", "vulnerable", "expected"),
    [
        (2, 1, 1, False, 2),
        (1, 5, 1, False, 3),
        (5, 1, 1, False, 5),
        (1, 1, 4, False, 4),
        (3, 4, 3, True, 4),
        (2, 2, 2, True, 3),
    ],
)
def test_severity_follows_the_risk_method(sc, so, ir, vulnerable, expected):
    assert severity(sc, so, ir, vulnerable=vulnerable).sev == expected


def test_finding_severity_is_computed_from_the_issue_defaults(personas, step2_case):
    finding = factories.deviation(
        personas,
        step2_case,
        title="Recruitment fees",
        issue=factories.issue(),
        scope_band=3,
        vulnerable_groups=True,
        supplier_involvement="contribute",
    )
    assert (finding.scale, finding.irremediability, finding.severity) == (4, 2, 4)
    assert not finding.is_zero_tolerance and finding.status == DeviationStatus.OPEN


def test_zero_tolerance_alerts_the_case_team_at_once(
    personas, step2_case, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        finding = factories.deviation(
            personas,
            step2_case,
            title="Children in the packing unit",
            issue=factories.issue("child_labour", zero_tolerance=True, scale=5, irr=5),
        )
    assert finding.is_zero_tolerance and finding.needs_sanction_decision
    alerts = [message for message in mail.outbox if "Children in the packing unit" in message.body]
    recipients = {to for message in alerts for to in message.to}
    assert len(alerts) == len(recipients)
    assert {personas.stina.email, personas.sara.email, personas.olle.email} <= recipients
    assert personas.lev.email not in recipients and personas.vera.email not in recipients


def test_observation_cannot_be_zero_tolerance(personas, step2_case):
    with pytest.raises(ValidationError):
        actions.record_finding(
            acting_user=personas.stina, case=step2_case, kind="observation", title="x", zero_tolerance=True
        )


def test_deviation_names_what_was_breached(personas, step2_case):
    with pytest.raises(ValidationError):
        actions.record_finding(
            acting_user=personas.stina, case=step2_case, kind="deviation", title="Something"
        )


def test_officer_and_other_suppliers_cannot_record_findings(personas, step2_case):
    for user in (personas.olle, personas.lev, personas.alva, personas.vera):
        with pytest.raises(PermissionDenied):
            actions.record_finding(acting_user=user, case=step2_case, kind="observation", title="x")


def _stored_light(case) -> str:
    """The light lists and counts read: the case's stored light, which every action must keep."""
    return FollowUpCase.objects.annotate(light=queries.light_expression()).get(pk=case.pk).light


def test_corrective_action_plan_runs_open_progress_closed(personas, step2_case):
    finding = factories.deviation(personas, step2_case)
    deadline = timezone.localdate() + timedelta(days=60)
    first = factories.corrective_action(
        personas, finding, description="Repay the fees", owner="HR manager", deadline=deadline
    )
    second = factories.corrective_action(
        personas,
        finding,
        description="Change agency",
        owner="Purchasing",
        deadline=deadline - timedelta(days=30),
        verification_method="visit",
    )
    finding.refresh_from_db()
    assert finding.deadline == deadline and queries.compute_light(step2_case) == TrafficLight.YELLOW
    assert _stored_light(step2_case) == TrafficLight.YELLOW
    with pytest.raises(PermissionDenied):
        actions.respond_to_action(acting_user=personas.lisa, action=first, response="done")
    actions.respond_to_action(acting_user=personas.lev, action=first, response="Repaid 142 workers")
    finding.refresh_from_db()
    assert first.status == ActionStatus.PROGRESS and finding.status == DeviationStatus.PROGRESS
    with pytest.raises(PermissionDenied):
        actions.verify_action(acting_user=personas.lev, action=first, accepted=True, note="self-verified")
    factories.verified_without_evidence(
        personas, first, note="Bank records checked", reason="Records shown at the meeting"
    )
    factories.verified_without_evidence(personas, second, note="Visited", reason="Seen")
    finding.refresh_from_db()
    assert finding.status == DeviationStatus.CLOSED and finding.closed_on == timezone.localdate()
    assert queries.compute_light(step2_case) == TrafficLight.GREEN
    assert _stored_light(step2_case) == TrafficLight.GREEN
    actions.close_case(acting_user=personas.stina, case=step2_case)


def test_overdue_action_turns_the_case_red(personas, step2_case):
    finding = factories.deviation(personas, step2_case)
    action = factories.corrective_action(personas, finding, deadline=timezone.localdate() + timedelta(days=5))
    assert not action.is_overdue
    action.deadline = timezone.localdate() - timedelta(days=1)
    action.save()
    assert action.is_overdue and queries.compute_light(step2_case) == TrafficLight.RED
    annotated = queries.with_overview(queries.cases_visible_to(queries.actor_for(personas.vera))).get(
        pk=step2_case.pk
    )
    assert annotated.light == TrafficLight.RED


def test_remediation_is_recorded_apart_from_the_actions(personas, step2_case):
    finding = factories.deviation(personas, step2_case, supplier_involvement="contribute")
    remedy = actions.record_remediation(
        acting_user=personas.stina,
        finding=finding,
        affected_group="Migrant workers",
        people_affected=142,
        description="Repayment of recruitment fees",
        amount=1200000,
        currency="myr",
    )
    assert remedy.currency == "MYR" and not finding.actions.exists()
    actions.set_remediation_status(acting_user=personas.stina, remediation=remedy, status="completed")
    assert remedy.completed_on == timezone.localdate()


def test_an_action_stores_its_findings_case(personas, step2_case):
    """The dashboards count actions by their stored case; it must be the finding's, however the
    action is made (the action, or the ORM as the admin and imports do)."""
    added = factories.corrective_action(personas, factories.deviation(personas, step2_case))
    other_case = FollowUpCase.objects.create(
        supplier=personas.supplier_a, lead_organisation=personas.stockholm, origin="contract", year=2026
    )
    other = Finding.objects.create(case=other_case, step=1, kind="deviation", title="Overtime")
    made_directly = other.actions.create(description="Train", owner="HR", deadline=TODAY)
    assert added.case == step2_case
    assert made_directly.case == other_case
    assert list(step2_case.corrective_actions.all()) == [added]
