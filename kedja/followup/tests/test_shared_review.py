"""One shared review of the supplier's answer serves every region: the secretariat or the lead
region of the joint case makes it, others read it and may add their own step 2, and a second save
made from a stale copy is refused with a clear message and changes nothing (optimistic lock)."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kedja.followup import actions
from kedja.followup.models import RequirementAssessment, SelfAssessment
from kedja.organisations.models import Role
from kedja.organisations.testing import _person

from . import factories
from .conftest import answer_and_submit

DEADLINE = timezone.localdate() + timedelta(days=30)


@pytest.fixture
def two_regions(personas, clause, questionnaire, django_capture_on_commit_callbacks):
    """Region Skåne leads the joint case (Stockholm takes part); Stockholm also has its own case.
    Both rely on supplier A's one answer, submitted."""
    joint = factories.contract(
        personas.supplier_a, [personas.skane, personas.stockholm], reference="J-1", clause=clause
    )
    own = factories.contract(personas.supplier_a, [personas.stockholm], reference="S-1", clause=clause)
    with django_capture_on_commit_callbacks(execute=True):
        skane_case = actions.start_case_from_contract(
            acting_user=personas.stina, contract=joint, lead=personas.skane
        )
        actions.send_self_assessment(acting_user=personas.stina, case=skane_case, deadline=DEADLINE)
        stockholm_case = actions.start_case_from_contract(
            acting_user=personas.olle, contract=own, lead=personas.stockholm
        )
        actions.send_self_assessment(acting_user=personas.olle, case=stockholm_case, deadline=DEADLINE)
    skane_case.refresh_from_db()
    answer_and_submit(skane_case, personas.lev)
    stockholm_case.refresh_from_db()
    assert stockholm_case.self_assessment_id == skane_case.self_assessment_id
    ake = _person("ake.strom@stockholm.test", "Åke Ström", personas.stockholm, Role.STRATEGIST)
    return skane_case, stockholm_case, ake


def _rating_post(page: str, rating: str, comment: str) -> dict:
    """The review form as the browser would post it: every field from the page, with new values."""
    data = {"version": re.search(r'name="version" value="(\d+)"', page).group(1)}
    for requirement_id in re.findall(r'name="rating_(\d+)"', page):
        data[f"rating_{requirement_id}"], data[f"comment_{requirement_id}"] = rating, comment
    return data


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_second_concurrent_save_is_refused_and_changes_nothing(personas, two_regions, client_for):
    skane_case, _stockholm_case, _ake = two_regions
    url = f"/followup/cases/{skane_case.uuid}/self-assessment/"
    stina, sara = client_for(personas.stina), client_for(personas.sara)
    stina_page, sara_page = stina.get(url).content.decode(), sara.get(url).content.decode()
    first = stina.post(url, _rating_post(stina_page, "fulfilled", "Granskat av Region Skåne"))
    assert first.status_code == 302 and "Bedömningarna sparades" in _messages(first)
    second = sara.post(url, _rating_post(sara_page, "not_fulfilled", "Kansliets ändring"))
    assert second.status_code == 302
    assert "efter att du öppnade den" in _messages(second)
    sheet = SelfAssessment.objects.get(pk=skane_case.self_assessment_id)
    assert sheet.review_version == 1
    rows = RequirementAssessment.objects.filter(self_assessment=sheet)
    assert set(rows.values_list("rating", flat=True)) == {"fulfilled"}
    assert set(rows.values_list("comment", flat=True)) == {"Granskat av Region Skåne"}
    # Read afresh, the secretariat's page starts from version 1 and its save goes through.
    again = sara.post(url, _rating_post(sara.get(url).content.decode(), "not_fulfilled", "Kansliets ändring"))
    assert again.status_code == 302
    assert set(rows.values_list("rating", flat=True)) == {"not_fulfilled"}


def test_another_region_reads_the_shared_review_and_cannot_overwrite_it(personas, two_regions, client_for):
    skane_case, stockholm_case, ake = two_regions
    sheet = skane_case.self_assessment
    stockholm_url = f"/followup/cases/{stockholm_case.uuid}/self-assessment/"
    ake_client = client_for(ake)
    page = ake_client.get(stockholm_url).content.decode()
    assert 'id="review-readonly"' in page and "Region Skåne" in page and 'name="rating_' not in page
    forged = {"version": "0"}
    for row in sheet.assessments.all():
        forged[f"rating_{row.requirement_id}"], forged[f"comment_{row.requirement_id}"] = (
            "not_fulfilled",
            "Stockholm",
        )
    refused = ake_client.post(stockholm_url, forged)
    assert "Region Skåne" in _messages(refused)
    sheet.refresh_from_db()
    assert sheet.review_version == 0
    assert not RequirementAssessment.objects.filter(self_assessment=sheet).exclude(rating="").exists()


@translation.override("en")
def test_two_regions_saving_the_same_review_leave_one_review(personas, two_regions):
    skane_case, stockholm_case, ake = two_regions
    ratings = {a.requirement_id: ("fulfilled", "Skåne") for a in skane_case.self_assessment.assessments.all()}
    actions.assess_requirements(acting_user=personas.stina, case=skane_case, ratings=ratings, version=0)
    stockholm_ratings = dict.fromkeys(ratings, ("not_fulfilled", "Stockholm"))
    with pytest.raises(ValidationError, match="Region Skåne"):
        actions.assess_requirements(
            acting_user=ake, case=stockholm_case, ratings=stockholm_ratings, version=1
        )
    with pytest.raises(ValidationError, match="after you opened it"):
        actions.assess_requirements(
            acting_user=personas.sara, case=skane_case, ratings=stockholm_ratings, version=0
        )
    assert set(skane_case.self_assessment.assessments.values_list("comment", flat=True)) == {"Skåne"}
    # Stockholm builds on the shared review: concludes its own case and goes on to its own step 2.
    actions.conclude_step1(
        acting_user=ake,
        case=stockholm_case,
        recommendation="escalate",
        reason="Högriskprodukt",
        override_reason="Högrisk",
    )
    actions.escalate_to_step2(
        acting_user=ake, case=stockholm_case, reason="Handskar från Malaysia", product="Handskar"
    )
    stockholm_case.refresh_from_db()
    assert stockholm_case.status == "step2"


def test_the_secretariat_may_always_review(personas, two_regions):
    skane_case, stockholm_case, _ake = two_regions
    ratings = {
        a.requirement_id: ("fulfilled", "Kansliet") for a in skane_case.self_assessment.assessments.all()
    }
    actions.assess_requirements(acting_user=personas.sara, case=stockholm_case, ratings=ratings, version=0)
    assert SelfAssessment.objects.get(pk=skane_case.self_assessment_id).review_version == 1
