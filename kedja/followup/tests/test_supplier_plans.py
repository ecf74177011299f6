"""The supplier writes the corrective action plan of each deviation; the case team approves or asks
for changes; every version and every report is kept; remedy is asked of the supplier only where it
caused or contributed; evidence-less verification and closing with remedy planned need reasons."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kedja.followup import actions
from kedja.followup.models import ActionStatus, CaseStatus, PlanStatus, RemediationStatus
from kedja.followup.rules import closing_needs_remedy_decision, remedy_asked_of_supplier

from . import factories


def _row(description="Return the passports", days=30):
    deadline = (timezone.localdate() + timedelta(days=days)).isoformat()
    return {
        "description": description,
        "owner": "Plant manager",
        "deadline": deadline,
        "evidence": "Signed list",
    }


@pytest.fixture
def deviation(personas, step2_case):
    return factories.deviation(
        personas, step2_case, title="Passports held", supplier_involvement="contribute"
    )


def test_remedy_is_asked_of_the_supplier_only_where_it_caused_or_contributed():
    assert remedy_asked_of_supplier("cause") and remedy_asked_of_supplier("contribute")
    assert not remedy_asked_of_supplier("linked") and not remedy_asked_of_supplier("")
    assert closing_needs_remedy_decision(["completed", "planned"])
    assert not closing_needs_remedy_decision(["under_way", "verified"])


def test_supplier_proposes_team_asks_for_changes_supplier_revises_history_kept(personas, deviation):
    first = actions.propose_plan(
        acting_user=personas.lev, finding=deviation, root_cause="No rule", actions=[_row()]
    )
    with pytest.raises(ValidationError):  # awaiting review: no second version yet
        actions.propose_plan(acting_user=personas.lev, finding=deviation, root_cause="x", actions=[_row()])
    with pytest.raises(ValidationError):  # asking for changes needs a comment
        actions.review_plan(acting_user=personas.stina, proposal=first, approve=False, comment=" ")
    actions.review_plan(acting_user=personas.stina, proposal=first, approve=False, comment="Add lockers.")
    second = actions.propose_plan(
        acting_user=personas.lev,
        finding=deviation,
        root_cause="No rule in the agency contract",
        actions=[_row(), _row("Install lockers", 40)],
    )
    first.refresh_from_db()
    assert (first.version, first.status, first.review_comment) == (
        1,
        PlanStatus.CHANGES_REQUESTED,
        "Add lockers.",
    )
    assert first.root_cause == "No rule" and len(first.actions) == 1  # never overwritten
    assert second.version == 2 and second.status == PlanStatus.PROPOSED
    actions.review_plan(acting_user=personas.stina, proposal=second, approve=True)
    created = list(deviation.actions.order_by("deadline"))
    assert [a.description for a in created] == ["Return the passports", "Install lockers"]
    assert (
        created[0].root_cause == "No rule in the agency contract"
        and created[0].required_evidence == "Signed list"
    )
    with pytest.raises(ValidationError):  # reviewed once
        actions.review_plan(acting_user=personas.stina, proposal=second, approve=True)
    with pytest.raises(ValidationError):  # approved: no further versions
        actions.propose_plan(acting_user=personas.lev, finding=deviation, root_cause="x", actions=[_row()])


def test_plan_refusals_for_other_organisations_and_bad_rows(personas, deviation):
    with pytest.raises(PermissionDenied):
        actions.propose_plan(acting_user=personas.lisa, finding=deviation, root_cause="x", actions=[_row()])
    with pytest.raises(ValidationError):
        actions.propose_plan(
            acting_user=personas.lev, finding=deviation, root_cause="x", actions=[{**_row(), "evidence": ""}]
        )
    with pytest.raises(ValidationError):
        actions.propose_plan(
            acting_user=personas.lev, finding=deviation, root_cause="x", actions=[_row(days=-1)]
        )
    proposal = actions.propose_plan(
        acting_user=personas.lev, finding=deviation, root_cause="x", actions=[_row()]
    )
    for outsider in (personas.olle, personas.vera, personas.lev):
        with pytest.raises(PermissionDenied):
            actions.review_plan(acting_user=outsider, proposal=proposal, approve=True)
    assert deviation.plan_proposals.count() == 1 and not deviation.actions.exists()


def test_plan_pages_are_refused_to_other_suppliers_and_outsiders(personas, deviation, client_for):
    url = reverse("followup:portal_plan", args=[deviation.uuid])
    assert client_for(personas.lev).get(url).status_code == 200
    assert client_for(personas.lisa).get(url).status_code == 404
    assert client_for(personas.stina).get(url).status_code == 404
    proposal = actions.propose_plan(
        acting_user=personas.lev, finding=deviation, root_cause="x", actions=[_row()]
    )
    review = reverse("followup:plan_review", args=[proposal.uuid])
    assert client_for(personas.olle).post(review, {"decision": "approve"}).status_code == 404
    assert client_for(personas.lev).post(review, {"decision": "approve"}).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == PlanStatus.PROPOSED


def test_every_report_is_kept_beside_the_action_with_its_evidence(personas, deviation, client_for):
    action = factories.corrective_action(personas, deviation, required_evidence="Photos")
    actions.respond_to_action(acting_user=personas.lev, action=action, response="Half returned")
    actions.respond_to_action(
        acting_user=personas.lev,
        action=action,
        response="All returned",
        uploaded=SimpleUploadedFile("list.pdf", b"%PDF-1.4 list", content_type="application/pdf"),
    )
    assert [r.text for r in action.reports.all()] == ["Half returned", "All returned"]
    page = client_for(personas.stina).get(reverse("followup:finding_detail", args=[deviation.uuid]))
    assert "Half returned" in page.text and "All returned" in page.text and "list.pdf" in page.text
    portal = client_for(personas.lev).get(reverse("followup:portal_case", args=[deviation.case.uuid]))
    assert "Half returned" in portal.text and "list.pdf" in portal.text


def test_verifying_without_evidence_needs_a_written_reason(personas, deviation):
    action = factories.corrective_action(personas, deviation)
    with pytest.raises(ValidationError):
        actions.verify_action(acting_user=personas.stina, action=action, accepted=True, note="Seen at visit")
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    factories.verified_without_evidence(
        personas, action, note="Seen at visit", reason="Checked in person; no documents exist."
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.CLOSED and "no documents exist" in action.verification_note


def test_remedy_asked_of_a_contributing_supplier_is_reported_on(personas, deviation, client_for):
    remedy = actions.record_remediation(
        acting_user=personas.stina,
        finding=deviation,
        affected_group="Migrant workers",
        description="Compensate",
    )
    assert remedy.asked_of_supplier
    with pytest.raises(PermissionDenied):
        actions.report_on_remediation(acting_user=personas.lisa, remediation=remedy, text="x")
    url = reverse("followup:portal_remedy_report", args=[remedy.uuid])
    assert client_for(personas.lisa).post(url, {"text": "x"}).status_code == 404
    assert client_for(personas.lev).post(url, {"text": "Paid 60 workers"}).status_code == 302
    remedy.refresh_from_db()
    assert remedy.status == RemediationStatus.UNDER_WAY and remedy.reports.get().text == "Paid 60 workers"


def test_remedy_where_only_linked_is_not_asked_of_the_supplier(personas, step2_case, client_for):
    linked = factories.deviation(personas, step2_case, title="Fees", supplier_involvement="linked")
    remedy = actions.record_remediation(
        acting_user=personas.stina,
        finding=linked,
        affected_group="Workers",
        description="Leverage with agency",
    )
    assert not remedy.asked_of_supplier
    with pytest.raises(ValidationError):
        actions.report_on_remediation(acting_user=personas.lev, remediation=remedy, text="x")
    url = reverse("followup:portal_remedy_report", args=[remedy.uuid])
    assert client_for(personas.lev).post(url, {"text": "x"}).status_code == 404


def test_a_case_with_remedy_still_planned_closes_only_with_a_recorded_decision(personas, deviation):
    action = factories.corrective_action(personas, deviation)
    actions.record_remediation(
        acting_user=personas.stina, finding=deviation, affected_group="W", description="Pay"
    )
    factories.verified_without_evidence(personas, action, note="ok", reason="Seen")
    case = deviation.case
    case.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.close_case(acting_user=personas.stina, case=case)
    case.refresh_from_db()
    assert case.status != CaseStatus.CLOSED
    actions.close_case(
        acting_user=personas.stina, case=case, remedy_decision="Followed up in next year's audit."
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.remedy_decision == "Followed up in next year's audit."
