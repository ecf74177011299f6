from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kedja.core.audit import history
from kedja.followup import actions
from kedja.followup.models import CaseStatus, CostBearer, FollowUpCase

from . import factories


def test_case_from_contract_has_lead_participants_and_timeline(personas, case_a):
    assert case_a.status == CaseStatus.DRAFT and case_a.current_step == 1
    assert case_a.supplier == personas.supplier_a and case_a.lead_organisation == personas.skane
    assert list(case_a.participating_regions.all()) == [personas.stockholm]
    assert case_a.cost_bearer == CostBearer.REGION
    assert case_a.events.count() == 1 and history(case_a).filter(action="followup.case.started").exists()


def test_prioritised_category_defaults_to_national_cost_bearer(personas, clause):
    contract = factories.contract(
        personas.supplier_a, [personas.skane], cat=factories.category("textiles", prioritised=True)
    )
    case = actions.start_case_from_contract(
        acting_user=personas.sara, contract=contract, lead=personas.secretariat
    )
    assert case.cost_bearer == CostBearer.NATIONAL


def test_officer_cannot_start_a_case_led_by_another_region(personas, contract_a):
    with pytest.raises(PermissionDenied):
        actions.start_case_from_contract(acting_user=personas.olle, contract=contract_a, lead=personas.skane)
    with pytest.raises(PermissionDenied):
        actions.start_case_for_supplier(
            acting_user=personas.vera, supplier=personas.supplier_a, lead=personas.uppsala
        )
    assert not FollowUpCase.objects.exists()


def test_wrong_source_states_are_refused(personas, case_a, questionnaire):
    with pytest.raises(ValidationError):
        actions.close_case(acting_user=personas.stina, case=case_a)
    with pytest.raises(ValidationError):
        actions.escalate_to_step2(acting_user=personas.stina, case=case_a, reason="x", product="y")
    with pytest.raises(ValidationError):
        actions.conclude_step1(acting_user=personas.stina, case=case_a, recommendation="close", reason="x")
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.DRAFT


def test_sending_twice_is_refused(personas, sent_case, questionnaire):
    with pytest.raises(ValidationError):
        actions.send_self_assessment(
            acting_user=personas.stina,
            case=sent_case,
            questionnaire=questionnaire,
            deadline=timezone.localdate() + timedelta(days=5),
        )


def test_whole_path_to_closure(personas, step3_case):
    case = step3_case
    assert case.status == CaseStatus.STEP3 and case.current_step == 3
    actions.close_case(acting_user=personas.stina, case=case)
    assert case.status == CaseStatus.CLOSED and case.closed_on == timezone.localdate()
    with pytest.raises(ValidationError):
        actions.cancel_case(acting_user=personas.stina, case=case, reason="late")


def test_case_with_open_deviation_cannot_close(personas, step2_case):
    actions.record_finding(
        acting_user=personas.stina,
        case=step2_case,
        kind="deviation",
        title="No risk analysis",
        requirement=step2_case.self_assessment.assessments.first().requirement,
    )
    with pytest.raises(ValidationError):
        actions.close_case(acting_user=personas.stina, case=step2_case)
    actions.start_corrective_action(acting_user=personas.stina, case=step2_case)
    assert step2_case.status == CaseStatus.CORRECTIVE_ACTION


def test_direct_entry_at_step2_needs_a_passed_step1(personas, contract_a, assessed_case):
    with pytest.raises(ValidationError):
        actions.start_case_at_step2(
            acting_user=personas.stina,
            supplier=personas.supplier_b,
            lead=personas.skane,
            products="Gowns",
            reason="New product",
        )
    case = actions.start_case_at_step2(
        acting_user=personas.stina,
        supplier=personas.supplier_a,
        lead=personas.skane,
        products="Gowns",
        reason="New product",
        contracts=[contract_a],
    )
    assert case.status == CaseStatus.STEP2 and case.current_step == 2


def test_yearly_send_out_creates_one_case_per_supplier_once(personas, clause):
    cat = factories.category("gloves")
    factories.contract(personas.supplier_a, [personas.skane], reference="A1", cat=cat)
    factories.contract(personas.supplier_a, [personas.stockholm], reference="A2", cat=cat)
    factories.contract(personas.supplier_b, [personas.skane], reference="B1", cat=cat)
    created = actions.start_cases_for_category(acting_user=personas.sara, category=cat, year=2026)
    assert len(created) == 2 and created[0].contracts.count() == 2
    assert actions.start_cases_for_category(acting_user=personas.sara, category=cat, year=2026) == []
    with pytest.raises(PermissionDenied):
        actions.start_cases_for_category(acting_user=personas.stina, category=cat, year=2027)


def test_viewer_and_supplier_cannot_transition(personas, case_a):
    for user in (personas.vera, personas.lev, personas.olle):
        with pytest.raises(PermissionDenied):
            actions.cancel_case(acting_user=user, case=case_a, reason="no")


def test_transition_view_refuses_wrong_state_with_a_message(personas, case_a, client_for):
    response = client_for(personas.stina).post(f"/followup/cases/{case_a.uuid}/do/close/", follow=True)
    assert response.status_code == 200
    assert "Allowed" in response.content.decode() or "Tillåtet" in response.content.decode()
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.DRAFT
    assert client_for(personas.stina).get(f"/followup/cases/{case_a.uuid}/do/close/").status_code == 405
