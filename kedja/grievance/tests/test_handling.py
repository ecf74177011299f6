"""Handling by the grievance role: access for every persona, triage, decisions, evidence,
statistics and reminders."""

import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from kedja.core.audit import history
from kedja.followup.models import CaseNote
from kedja.grievance import actions
from kedja.grievance.models import Credibility, Decision, GrievanceStatus, SupplierRequest
from kedja.grievance.tasks import send_handler_reminders

PERSONAS = ["sara", "olle", "stina", "vera", "lev", "lisa", "alva", None]
# Who gets which page: 200 allowed, 404 refused, 302 sent to sign in.
HANDLER_PAGES = {
    "sara": 200,
    "olle": 404,
    "stina": 404,
    "vera": 404,
    "lev": 404,
    "lisa": 404,
    "alva": 404,
    None: 302,
}


@pytest.mark.parametrize("who", PERSONAS)
def test_access_table_for_handler_pages(personas, grievance, client_for, who):
    client = client_for(getattr(personas, who) if who else None)
    for url in (
        reverse("grievance:handler_list"),
        reverse("grievance:handler_detail", args=[grievance.uuid]),
        reverse("grievance:statistics"),
    ):
        assert client.get(url).status_code == HANDLER_PAGES[who], (who, url)
    post = client.post(reverse("grievance:handler_do", args=[grievance.uuid, "acknowledge"]), {})
    assert post.status_code == (302 if who in ("sara", None) else 404)
    grievance.refresh_from_db()
    assert grievance.status == (GrievanceStatus.ACKNOWLEDGED if who == "sara" else GrievanceStatus.RECEIVED)


@pytest.mark.parametrize("who", PERSONAS)
def test_access_table_for_public_pages(personas, client_for, db, who):
    client = client_for(getattr(personas, who) if who else None)
    for name in ("report", "follow"):
        assert client.get(reverse(f"grievance:{name}", kwargs={"lang": "sv"})).status_code == 200


def _ask_supplier_a(personas, grievance, question):
    """Sara links the report to supplier A and asks it `question`."""
    actions.link(
        acting_user=personas.sara,
        grievance=grievance,
        suppliers=[personas.supplier_a],
        contracts=[],
        sites=[],
        categories=[],
    )
    return actions.ask_supplier(
        acting_user=personas.sara, grievance=grievance, supplier=personas.supplier_a, question=question
    )


@pytest.mark.parametrize("who", PERSONAS)
def test_access_table_for_supplier_questions(personas, grievance, client_for, who):
    request = _ask_supplier_a(personas, grievance, "Do you keep passports?")
    client = client_for(getattr(personas, who) if who else None)
    expected = {"lev": 200, None: 302}.get(who, 404)
    assert client.get(reverse("grievance:supplier_respond", args=[request.uuid])).status_code == expected
    page = client.get(reverse("grievance:supplier_requests"))
    assert page.status_code == ({"lev": 200, "lisa": 200, None: 302}.get(who, 404))
    if who == "lisa":
        assert "passports" not in page.content.decode()


def test_handler_sees_decrypted_contact_details_only_on_the_handler_page(personas, grievance, client_for):
    page = client_for(personas.sara).get(reverse("grievance:handler_detail", args=[grievance.uuid]))
    assert "worker@example.org" in page.content.decode()
    for user in (personas.olle, personas.stina, personas.lev):
        assert (
            client_for(user).get(reverse("grievance:handler_detail", args=[grievance.uuid])).status_code
            == 404
        )


def test_supplier_reads_only_the_question_never_the_report_or_reporter(personas, grievance, client_for):
    request = _ask_supplier_a(personas, grievance, "Please explain.")
    client = client_for(personas.lev)
    page = client.get(reverse("grievance:supplier_respond", args=[request.uuid])).content.decode()
    assert "Please explain." in page
    for secret_part in ("passports", "worker@example.org", grievance.receipt_code):
        assert secret_part not in page
    response = client.post(
        reverse("grievance:supplier_respond", args=[request.uuid]), {"response": "We checked."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.response == "We checked."
    with pytest.raises(PermissionDenied):
        actions.respond_as_supplier(acting_user=personas.lisa, request=request, response="x")


def test_only_a_linked_supplier_can_be_asked(personas, grievance):
    with pytest.raises(ValidationError):
        actions.ask_supplier(
            acting_user=personas.sara, grievance=grievance, supplier=personas.supplier_b, question="?"
        )
    assert not SupplierRequest.objects.exists()


def test_reported_site_is_matched_including_confidential_ones_masked_for_others(
    personas, grievance, glove_site
):
    from kedja.grievance.queries import matching_sites
    from kedja.organisations.queries import actor_for

    for_sara = matching_sites(grievance, actor_for(personas.sara))
    assert [s.name for s in for_sara] == ["Glove Factory Sdn Bhd"]
    for_vera = matching_sites(grievance, actor_for(personas.vera))
    assert for_vera[0].masked and "Glove" not in for_vera[0].name


def test_linking_a_site_links_its_supplier_and_a_contract_its_category(
    personas, grievance, glove_site, contract_a
):
    actions.link(
        acting_user=personas.sara,
        grievance=grievance,
        suppliers=[],
        contracts=[contract_a],
        sites=[glove_site],
        categories=[],
    )
    assert list(grievance.suppliers.all()) == [personas.supplier_a]
    assert list(grievance.categories.all()) == [contract_a.category]
    with pytest.raises(PermissionDenied):
        actions.link(
            acting_user=personas.stina,
            grievance=grievance,
            suppliers=[],
            contracts=[],
            sites=[],
            categories=[],
        )


def test_link_form_on_the_page_links_a_matched_site(personas, grievance, glove_site, client_for):
    url = reverse("grievance:handler_do", args=[grievance.uuid, "link"])
    response = client_for(personas.sara).post(url, {"link-sites": [str(glove_site.uuid)]})
    assert response.status_code == 302
    assert list(grievance.sites.all()) == [glove_site]


def test_severity_uses_the_risk_methods_rule(personas, grievance):
    actions.assess(
        acting_user=personas.sara,
        grievance=grievance,
        credibility=Credibility.CREDIBLE,
        risk_issue=None,
        scale=5,
        scope_band=2,
        irremediability=4,
        vulnerable=True,
    )
    # Sev = max(Sc, Ir, ceil((5 + 3 + 4) / 3)) = 5 (docs/risk-method.md §2.2).
    assert grievance.severity == 5
    with pytest.raises(ValidationError):
        actions.assess(
            acting_user=personas.sara,
            grievance=grievance,
            credibility="credible",
            risk_issue=None,
            scale=5,
            scope_band=None,
            irremediability=None,
        )


def test_open_case_goes_through_followup_and_names_only_the_receipt_code(personas, linked, contract_a):
    grievance = linked
    case = actions.open_case(
        acting_user=personas.sara,
        grievance=grievance,
        supplier=personas.supplier_a,
        lead=personas.secretariat,
    )
    grievance.refresh_from_db()
    assert grievance.case == case and grievance.decision == Decision.FOLLOW_UP
    assert grievance.acknowledged_at is not None
    assert list(case.contracts.all()) == [contract_a]
    entry = case.events.get(message__startswith="Opened after grievance")
    assert not entry.shared_with_supplier  # the supplier must not learn that someone reported
    with translation.override("en"):
        text = entry.text
        assert (
            text == f"Opened after grievance {grievance.receipt_code} about {grievance.get_issue_display()}."
        )
    with translation.override("sv"):
        assert (
            entry.text
            == f"Öppnad efter klagomål {grievance.receipt_code} om {grievance.get_issue_display()}."
        )
    assert "passports" not in text and "worker@" not in text
    assert not CaseNote.objects.filter(case=case).exists()  # no note written in the handler's language


def test_refer_and_close_are_shown_to_the_reporter(personas, report, client_for):
    from .test_intake import _client, _open

    grievance, secret = report
    actions.refer(acting_user=personas.sara, grievance=grievance, referred_to="The national contact point")
    actions.close(
        acting_user=personas.sara, grievance=grievance, reason="Referred; nothing more for us to do."
    )
    client = _client()
    _open(client, grievance.receipt_code, secret)
    page = client.get(reverse("grievance:reporter_view", kwargs={"lang": "en"})).content.decode()
    assert "The national contact point" in page and "nothing more for us to do" in page
    with pytest.raises(ValidationError):
        actions.close(acting_user=personas.sara, grievance=grievance, reason="again")


def test_close_needs_a_reason(personas, grievance):
    with pytest.raises(ValidationError):
        actions.close(acting_user=personas.sara, grievance=grievance, reason=" ")
    grievance.refresh_from_db()
    assert grievance.is_open


def test_statistics_hold_no_personal_data(personas, grievance, client_for):
    actions.acknowledge(acting_user=personas.sara, grievance=grievance)
    page = client_for(personas.sara).get(reverse("grievance:statistics")).content.decode()
    assert "Tvångsarbete" in page  # the issue, counted
    for personal in ("passports", "worker@example.org", grievance.receipt_code, "Glove Factory"):
        assert personal not in page


def test_reminders_go_to_handlers_once_a_day(personas, grievance, settings):
    grievance.acknowledge_by = grievance.created_at.date()
    grievance.save()
    assert send_handler_reminders.call() == 1
    assert len(mail.outbox) == 1
    assert personas.sara.email in mail.outbox[0].to
    assert grievance.receipt_code in mail.outbox[0].body and "passports" not in mail.outbox[0].body
    assert send_handler_reminders.call() == 0


def test_a_reminder_is_in_the_reports_audit_trail(personas, grievance):
    grievance.acknowledge_by = grievance.created_at.date()
    grievance.save()
    send_handler_reminders.call()
    reminded = [entry for entry in history(grievance) if entry.action == "grievance.handlers_reminded"]
    assert len(reminded) == 1 and reminded[0].actor is None


def test_acknowledged_report_is_not_reminded_until_the_decision_is_late(personas, grievance):
    actions.acknowledge(acting_user=personas.sara, grievance=grievance)
    assert send_handler_reminders.call() == 0


def test_bad_form_on_the_handler_page_says_why_and_changes_nothing(personas, grievance, client_for):
    url = reverse("grievance:handler_do", args=[grievance.uuid, "close"])
    response = client_for(personas.sara).post(url, {"close-reason": ""})
    assert response.status_code == 400
    grievance.refresh_from_db()
    assert grievance.is_open


def test_linking_a_site_brings_the_contracts_it_serves(personas, grievance, glove_site, contract_a):
    glove_site.contracts.add(contract_a)
    actions.link(
        acting_user=personas.sara,
        grievance=grievance,
        suppliers=[],
        contracts=[],
        sites=[glove_site],
        categories=[],
    )
    assert list(grievance.contracts.all()) == [contract_a]
    assert list(grievance.categories.all()) == [contract_a.category]


def test_report_is_added_to_an_open_case_as_an_observation_without_the_reporters_words(
    personas, assessed, contract_a, client_for
):
    from kedja.followup import actions as followup_actions
    from kedja.followup.models import Finding
    from kedja.followup.tests import factories

    grievance = assessed
    other = followup_actions.start_case_from_contract(
        acting_user=personas.sara,
        contract=factories.contract(personas.supplier_b, [personas.skane]),
        lead=personas.skane,
    )
    with pytest.raises(ValidationError):  # supplier B is not linked to the report
        actions.add_to_case(acting_user=personas.sara, grievance=grievance, case=other)
    case = followup_actions.start_case_from_contract(
        acting_user=personas.stina, contract=contract_a, lead=personas.skane
    )
    page = client_for(personas.sara).get(reverse("grievance:handler_detail", args=[grievance.uuid]))
    assert "/do/add_to_case/" in page.content.decode()
    actions.add_to_case(
        acting_user=personas.sara,
        grievance=grievance,
        case=case,
        record_finding=True,
        summary="Workers report withheld passports at a tier-2 site.",
    )
    finding = Finding.objects.get(case=case)
    assert finding.kind == "observation" and grievance.receipt_code in finding.title
    assert "passports are kept" not in finding.description and "worker@" not in finding.description
    grievance.refresh_from_db()
    assert grievance.case == case and grievance.decision == Decision.FOLLOW_UP
    with pytest.raises(PermissionDenied):
        actions.add_to_case(acting_user=personas.stina, grievance=grievance, case=case)


def test_handler_list_costs_the_same_number_of_queries_for_many_reports(
    personas, client_for, django_assert_max_num_queries
):
    from kedja.followup.tests import factories

    client = client_for(personas.sara)
    for _ in range(3):
        actions.submit_report(language="sv", issue="wages", description="x", country=factories.country("MYS"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("grievance:handler_list"))
    for _ in range(20):
        actions.submit_report(language="sv", issue="wages", description="x", country=factories.country("THA"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("grievance:handler_list"))


@pytest.mark.parametrize("who", PERSONAS)
def test_access_table_for_attachments(personas, client_for, db, who):
    from .conftest import jpeg_with_gps

    grievance, _ = actions.submit_report(
        language="en", issue="safety", description="See photo.", files=[(jpeg_with_gps(), "jpeg")]
    )
    attachment = grievance.attachments.get()
    client = client_for(getattr(personas, who) if who else None)
    response = client.get(reverse("grievance:attachment", args=[grievance.uuid, attachment.uuid]))
    assert response.status_code == HANDLER_PAGES[who]
    if who == "sara":
        assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
        assert grievance.receipt_code in response["Content-Disposition"]


def test_reminder_command_enqueues_the_task(personas, grievance):
    from django.core.management import call_command

    grievance.acknowledge_by = grievance.created_at.date()
    grievance.save()
    call_command("grievance_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_gunicorn_access_log_keeps_no_client_address():
    import runpy
    from pathlib import Path

    conf = runpy.run_path(str(Path(__file__).resolve().parents[3] / "gunicorn.conf.py"))
    assert "%(h)s" not in conf["access_log_format"] and "%(a)s" not in conf["access_log_format"]
