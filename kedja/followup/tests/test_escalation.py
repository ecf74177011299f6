"""Kedja suggests the next step after step 1 with its reasons; the case team accepts or overrides it
with a reason; a reviewer returns answers for completion; a second case for the same supplier is
offered to be joined instead."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.followup import actions, escalation
from kedja.followup.escalation import ProductRisk
from kedja.followup.models import CaseStatus
from kedja.followup.rules import NEXT_CLOSE, NEXT_STEP2, NEXT_STEP3, suggest_next_step

ALL_FULFILLED = {"PR1 Policy": "fulfilled", "PR7 Remedy": "not_applicable"}


def _messages(suggestion) -> list[str]:
    return [reason.message for reason in suggestion.reasons]


def test_everything_fulfilled_at_low_risk_suggests_closing():
    suggestion = suggest_next_step(ratings=ALL_FULFILLED, product_risk="low")
    assert suggestion.step == NEXT_CLOSE
    assert _messages(suggestion) == [
        "every requirement fulfilled or not applicable",
        "the product's risk is low",
    ]


def test_not_fulfilled_never_suggests_closing_whatever_the_risk():
    for risk in (None, "low", "medium", "high", "critical"):
        suggestion = suggest_next_step(
            ratings={**ALL_FULFILLED, "PR2 Risk": "not_fulfilled"}, product_risk=risk
        )
        assert suggestion.step != NEXT_CLOSE
        assert suggestion.reasons[0].params == {"what": "PR2 Risk"}


def test_partly_fulfilled_or_unrated_suggest_the_office_audit_weightiest_first():
    ratings = {"PR1 Policy": "partly", "PR2 Risk": "", "PR3 Chain": "not_fulfilled"}
    suggestion = suggest_next_step(ratings=ratings, product_risk=None)
    assert suggestion.step == NEXT_STEP2
    assert [r.params["what"] for r in suggestion.reasons] == ["PR3 Chain", "PR1 Policy", "PR2 Risk"]


def test_a_high_risk_product_goes_to_step_2_even_when_everything_is_fulfilled():
    suggestion = suggest_next_step(ratings=ALL_FULFILLED, product_risk="high")
    assert suggestion.step == NEXT_STEP2 and _messages(suggestion) == ["the product's risk is high"]


def test_a_known_high_risk_site_goes_straight_to_step_3():
    suggestion = suggest_next_step(
        ratings=ALL_FULFILLED, product_risk="critical", high_risk_countries=("Malaysia", "Brazil")
    )
    assert suggestion.step == NEXT_STEP3
    assert suggestion.reasons[0].params == {"countries": "Brazil, Malaysia"}


def test_no_risk_register_says_so():
    assert "no risk register for the product" in _messages(
        suggest_next_step(ratings=ALL_FULFILLED, product_risk=None)
    )


@pytest.fixture
def risk(monkeypatch):
    """The product's risk as the register would give it (the register itself is tested in risk)."""

    def use(rating=None, countries=()):
        monkeypatch.setattr(escalation, "_risk_source", lambda case: ProductRisk(rating, tuple(countries)))

    return use


def _rate(case, user, rating):
    sheet = case.self_assessment
    ratings = {a.requirement_id: (rating, "") for a in sheet.assessments.all()}
    actions.assess_requirements(acting_user=user, case=case, ratings=ratings, version=sheet.review_version)


def test_accepting_the_suggestion_is_recorded_with_its_reasons(personas, submitted_case, risk):
    risk("low")
    _rate(submitted_case, personas.stina, "fulfilled")
    actions.conclude_step1(
        acting_user=personas.stina, case=submitted_case, recommendation="close", reason="All good"
    )
    submitted_case.refresh_from_db()
    assert submitted_case.step1_suggestion == "close" and submitted_case.step1_override_reason == ""
    assert (
        submitted_case.step1_suggestion_reasons[0]["message"]
        == "every requirement fulfilled or not applicable"
    )


def test_overriding_needs_a_reason_and_records_it(personas, submitted_case, risk):
    risk("low")
    _rate(submitted_case, personas.stina, "not_fulfilled")
    with pytest.raises(ValidationError):
        actions.conclude_step1(
            acting_user=personas.stina, case=submitted_case, recommendation="close", reason="ok"
        )
    submitted_case.refresh_from_db()
    assert submitted_case.status == CaseStatus.STEP1_SUBMITTED
    actions.conclude_step1(
        acting_user=personas.stina,
        case=submitted_case,
        recommendation="close",
        reason="ok",
        override_reason="The supplier showed the routine at the meeting.",
    )
    submitted_case.refresh_from_db()
    assert submitted_case.step1_suggestion == "escalate"
    assert submitted_case.step1_override_reason == "The supplier showed the routine at the meeting."


def test_straight_to_step_3_from_step_1(personas, submitted_case, risk):
    risk("high", ["Malaysia"])
    _rate(submitted_case, personas.stina, "fulfilled")
    actions.conclude_step1(
        acting_user=personas.stina, case=submitted_case, recommendation="step3", reason="Site"
    )
    with pytest.raises(PermissionDenied):
        actions.escalate_to_step3(acting_user=personas.lev, case=submitted_case, reason="x", product="Gloves")
    actions.escalate_to_step3(
        acting_user=personas.stina, case=submitted_case, reason="Site", product="Gloves"
    )
    submitted_case.refresh_from_db()
    assert (submitted_case.status, submitted_case.current_step) == (CaseStatus.STEP3, 3)
    with pytest.raises(ValidationError):  # wrong state now
        actions.escalate_to_step3(
            acting_user=personas.stina, case=submitted_case, reason="x", product="Gloves"
        )


def test_review_page_presets_the_outcome_to_the_suggestion(personas, submitted_case, risk, client_for):
    risk("low")
    _rate(submitted_case, personas.stina, "not_fulfilled")
    page = client_for(personas.stina).get(reverse("followup:step1_review", args=[submitted_case.uuid]))
    form = page.context["outcome_form"]
    assert form["outcome"].value() == "escalate"
    assert 'id="suggestion"' in page.text and "return" in page.text


def test_returning_for_completion_is_shown_to_the_supplier(personas, submitted_case, client_for):
    with pytest.raises(PermissionDenied):
        actions.return_self_assessment(acting_user=personas.olle, case=submitted_case, reason="Upload")
    response = client_for(personas.stina).post(
        reverse("followup:case_transition", args=[submitted_case.uuid, "return"]),
        {"reason": "Upload your code of conduct."},
    )
    assert response.status_code == 302
    submitted_case.refresh_from_db()
    assert submitted_case.status == CaseStatus.STEP1_SENT
    assert submitted_case.events.filter(message__startswith="Answers returned").exists()
    portal = client_for(personas.lev).get(
        reverse("followup:portal_request", args=[submitted_case.answer_request.uuid])
    )
    assert "Upload your code of conduct." in portal.text
    other = client_for(personas.lisa).get(
        reverse("followup:portal_request", args=[submitted_case.answer_request.uuid])
    )
    assert other.status_code == 404
    with pytest.raises(ValidationError):  # no longer submitted: cannot return again
        actions.return_self_assessment(acting_user=personas.stina, case=submitted_case, reason="Again")


def test_a_second_case_for_the_same_supplier_joins_the_open_one_by_default(personas, case_a, client_for):
    case_a.participating_regions.clear()
    url = reverse("followup:case_start") + f"?supplier={personas.supplier_a.uuid}"
    page = client_for(personas.olle).get(url)
    assert 'id="open-cases"' in page.text and str(case_a.uuid) in page.text
    assert page.context["form"]["join"].value() == case_a.pk
    response = client_for(personas.olle).post(url, {"lead": personas.stockholm.pk, "join": case_a.pk})
    assert response.status_code == 302, response.context["form"].errors
    assert str(case_a.uuid) in response["Location"]
    assert personas.stockholm in case_a.participating_regions.all()
    assert case_a.supplier.followup_cases.count() == 1
    with pytest.raises(ValidationError):  # already taking part
        actions.join_case(acting_user=personas.olle, case=case_a, region=personas.stockholm)


def test_joining_is_refused_for_another_region_and_a_closed_case(personas, case_a):
    case_a.participating_regions.clear()
    with pytest.raises(PermissionDenied):
        actions.join_case(acting_user=personas.olle, case=case_a, region=personas.uppsala)
    actions.cancel_case(acting_user=personas.stina, case=case_a, reason="Mistake")
    with pytest.raises(ValidationError):
        actions.join_case(acting_user=personas.olle, case=case_a, region=personas.stockholm)
    assert not case_a.participating_regions.exists()


def test_starting_a_new_case_anyway_is_possible(personas, case_a, client_for):
    url = reverse("followup:case_start") + f"?supplier={personas.supplier_a.uuid}"
    response = client_for(personas.olle).post(url, {"lead": personas.stockholm.pk, "join": ""})
    assert response.status_code == 302
    assert case_a.supplier.followup_cases.count() == 2
