"""A form posted with bad input changes nothing and says why on the page it returns to."""

import pytest
from django.urls import reverse

from kedja.followup import actions
from kedja.followup.models import IntervieweeRole, SiteAuditStatus

from . import factories

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_empty_note_is_refused_with_a_message(personas, case_a, client_for):
    response = client_for(personas.stina).post(
        reverse("followup:note_add", args=[case_a.uuid]), {"text": ""}, follow=True
    )
    assert case_a.notes.count() == 0
    assert _messages(response), "the page must say why nothing was saved"


@pytest.mark.parametrize(
    "url_name, case_fixture",
    [("followup:office_audit_conclude", "step2_case"), ("followup:step1_conclude", "submitted_case")],
)
def test_conclusion_without_outcome_is_refused_with_a_message(
    personas, client_for, request, url_name, case_fixture
):
    case = request.getfixturevalue(case_fixture)
    before = case.status
    response = client_for(personas.stina).post(reverse(url_name, args=[case.uuid]), {}, follow=True)
    case.refresh_from_db()
    assert case.status == before
    assert _messages(response)


def test_site_audit_report_with_a_negative_interview_count_is_refused_with_a_message(
    personas, step3_case, client_for
):
    audit = factories.site_audit(personas, step3_case, announcement="unannounced", days=2)
    response = client_for(personas.alva).post(
        reverse("followup:site_audit_report", args=[audit.uuid]), {"worker_interviews": "-1"}, follow=True
    )
    audit.refresh_from_db()
    assert audit.status != SiteAuditStatus.REPORTED
    assert _messages(response)


def test_interview_with_a_name_longer_than_its_column_is_refused_with_a_message(
    personas, step2_case, client_for
):
    """PostgreSQL refused the 201st character with a server error; the form now says so."""
    audit = actions.open_office_audit(acting_user=personas.stina, case=step2_case, product="Nitrile gloves")
    response = client_for(personas.stina).post(
        reverse("followup:office_audit_add", args=[step2_case.uuid, "interview"]),
        {
            "held_on": "2026-06-15",
            "role": IntervieweeRole.values[0],
            "name": "N" * 201,
        },
        follow=True,
    )
    assert response.status_code == 200 and not audit.interviews.exists()
    assert any("200" in message for message in _messages(response))
