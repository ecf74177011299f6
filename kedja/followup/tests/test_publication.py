import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kedja.followup import actions
from kedja.followup.models import SummaryStatus

from . import factories


@pytest.fixture
def closed_case(personas, step3_case):
    actions.add_note(acting_user=personas.stina, case=step3_case, text="INTERNAL-NOTE")
    audit = factories.site_audit(
        personas, step3_case, site_name="SECRET-FACTORY Sdn Bhd", announcement="unannounced"
    )
    actions.record_finding(
        acting_user=personas.alva,
        case=step3_case,
        site_audit=audit,
        kind="positive",
        title="Good dormitories",
        confidential_details="INTERVIEWEE-NAME",
        code_area="labour_rights",
    )
    actions.close_case(acting_user=personas.stina, case=step3_case)
    return step3_case


def test_summary_only_holds_allowed_fields_and_needs_a_closed_case(personas, closed_case, step2_case=None):
    summary = actions.prepare_summary(
        acting_user=personas.stina, case=closed_case, text_sv="Uppföljningen avslutad."
    )
    blob = str(summary.__dict__)
    for secret in ("SECRET-FACTORY", "INTERNAL-NOTE", "INTERVIEWEE-NAME", "Lot 7"):
        assert secret not in blob
    assert summary.site_countries == [{"sv": "Malaysia", "en": "Malaysia"}]
    assert (
        summary.positives == 1
        and summary.traffic_light == "green"
        and [s["step"] for s in summary.steps] == [1, 2, 3]
    )


def test_only_secretariat_publishes_and_public_sees_it(personas, closed_case, client_for):
    summary = actions.prepare_summary(
        acting_user=personas.stina, case=closed_case, text_sv="Avslutad utan avvikelser."
    )
    anonymous = client_for(None)
    assert anonymous.get(f"/followup/public/{summary.uuid}/").status_code == 404
    with pytest.raises(PermissionDenied):
        actions.publish_summary(acting_user=personas.stina, summary=summary)
    actions.edit_summary_texts(
        acting_user=personas.sara, summary=summary, text_sv=summary.text_sv, text_en="Closed, no deviations."
    )
    actions.publish_summary(acting_user=personas.sara, summary=summary)
    assert summary.status == SummaryStatus.PUBLISHED
    body = anonymous.get(f"/followup/public/{summary.uuid}/").content.decode()
    assert "Avslutad utan avvikelser." in body and "Malaysia" in body
    for secret in ("SECRET-FACTORY", "INTERNAL-NOTE", "INTERVIEWEE-NAME", "Lot 7"):
        assert secret not in body
    assert personas.supplier_a.name in anonymous.get("/followup/public/").content.decode()
    with pytest.raises(ValidationError):
        actions.publish_summary(acting_user=personas.sara, summary=summary)


def test_open_case_is_not_summarised(personas, step2_case):
    with pytest.raises(ValidationError):
        actions.prepare_summary(acting_user=personas.stina, case=step2_case, text_sv="x")


def test_public_list_query_count_is_constant(
    personas, closed_case, client_for, django_assert_max_num_queries
):
    summary = actions.prepare_summary(
        acting_user=personas.stina, case=closed_case, text_sv="Avslutad.", text_en="Closed."
    )
    actions.publish_summary(acting_user=personas.sara, summary=summary)
    with django_assert_max_num_queries(6):
        response = client_for(None).get("/followup/public/?light=green")
    assert personas.supplier_a.name in response.content.decode()


def test_reminder_command_enqueues_the_task(db, capsys):
    from django.core.management import call_command

    call_command("followup_reminders")
    assert "Enqueued" in capsys.readouterr().out
