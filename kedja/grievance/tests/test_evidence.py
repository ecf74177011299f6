"""A report in the risk analysis: the method's "open grievance" evidence raises likelihood only
while the report is open here; closing or referring it closes the evidence, which stays on the
risk item with its link and history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.core.audit import history
from kedja.grievance import actions
from kedja.grievance.models import Credibility
from kedja.reference.models import Issue, PriorityPeriod
from kedja.reference.testing import load_test_reference
from kedja.risk import actions as risk_actions
from kedja.risk.models.analysis import EvidenceKindChoice


@pytest.fixture
def risk_item(personas, grievance, contract_a):
    """A draft risk item (forced labour, manufacturing in Malaysia) of the contract's category."""
    load_test_reference()
    period = PriorityPeriod.objects.order_by("-starts_on").first()
    analysis = risk_actions.start_analysis(
        category=contract_a.category, period=period, acting_user=personas.sara
    )
    stage = risk_actions.add_stage(
        analysis=analysis, stage="manufacturing", countries=[grievance.country], acting_user=personas.sara
    )
    return risk_actions.add_item(
        analysis=analysis,
        stage=stage,
        issue=Issue.objects.get(code="forced_labour"),
        country=grievance.country,
        acting_user=personas.sara,
    )


def _likelihood(item) -> int:
    item.refresh_from_db()
    return item.likelihood


def test_credible_report_becomes_open_grievance_evidence_that_raises_likelihood(personas, linked, risk_item):
    grievance = linked
    with pytest.raises(ValidationError):  # credibility not assessed yet
        actions.record_as_evidence(acting_user=personas.sara, grievance=grievance, item=risk_item)
    actions.assess(
        acting_user=personas.sara,
        grievance=grievance,
        credibility=Credibility.CREDIBLE,
        risk_issue=None,
        scale=None,
        scope_band=None,
        irremediability=None,
    )
    evidence = actions.record_as_evidence(acting_user=personas.sara, grievance=grievance, item=risk_item)
    assert evidence.kind == EvidenceKindChoice.GRIEVANCE and evidence.is_open and evidence.credible
    assert evidence.supplier_specific and grievance.receipt_code in evidence.source
    assert _likelihood(risk_item) == 5  # docs/risk-method.md §2.5 step 4: an open credible grievance
    grievance.refresh_from_db()
    assert grievance.evidence == evidence
    with pytest.raises(ValidationError):
        actions.record_as_evidence(acting_user=personas.sara, grievance=grievance, item=risk_item)
    with pytest.raises(PermissionDenied):
        actions.record_as_evidence(acting_user=personas.stina, grievance=grievance, item=risk_item)


def test_closing_the_report_stops_its_evidence_raising_likelihood(personas, assessed, risk_item, client_for):
    without = _likelihood(risk_item)
    assert without < 5, "the test item must not be at the top already"
    evidence = actions.record_as_evidence(acting_user=personas.sara, grievance=assessed, item=risk_item)
    assert _likelihood(risk_item) == 5

    actions.close(
        acting_user=personas.sara, grievance=assessed, reason="The employer returned the passports."
    )

    assert _likelihood(risk_item) == without
    evidence.refresh_from_db()
    assessed.refresh_from_db()
    assert not evidence.is_open and evidence.item == risk_item
    assert assessed.evidence == evidence, "the link stays on the report"
    entry = history(risk_item).filter(action="risk.evidence.closed").get()
    assert assessed.receipt_code in entry.changes["reason"] and entry.changes["likelihood"] == without
    item_page = (
        client_for(personas.sara).get(reverse("risk:item_edit", args=[risk_item.uuid])).content.decode()
    )
    assert assessed.receipt_code in item_page and "höjer inte längre sannolikheten" in item_page


def test_referring_the_report_closes_its_evidence_too(personas, assessed, risk_item):
    without = _likelihood(risk_item)
    evidence = actions.record_as_evidence(acting_user=personas.sara, grievance=assessed, item=risk_item)
    with pytest.raises(PermissionDenied):  # an officer may not change the area's analysis
        risk_actions.close_evidence(evidence=evidence, acting_user=personas.olle, reason="settled")
    actions.refer(
        acting_user=personas.sara, grievance=assessed, referred_to="The national labour inspectorate"
    )
    evidence.refresh_from_db()
    assert not evidence.is_open and _likelihood(risk_item) == without


def test_a_referred_report_recorded_later_is_closed_evidence_from_the_start(personas, assessed, risk_item):
    without = _likelihood(risk_item)
    actions.refer(
        acting_user=personas.sara, grievance=assessed, referred_to="The national labour inspectorate"
    )
    evidence = actions.record_as_evidence(acting_user=personas.sara, grievance=assessed, item=risk_item)
    assert not evidence.is_open and _likelihood(risk_item) == without


def test_closing_a_report_without_evidence_touches_no_risk_item(personas, assessed, risk_item):
    actions.close(acting_user=personas.sara, grievance=assessed, reason="Not about our suppliers.")
    assert not history(risk_item).filter(action="risk.evidence.closed").exists()
