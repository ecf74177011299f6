"""Invitation delivery as the case team sees it, per invitation (per link): sent with its own
Message-ID, bounced (also days later, from a delivery-status notification read by
`followup_bounces`), the link opened and a password chosen through it, reminders sent."""

import io
import mailbox
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from kedja.contracts.models import SupplierContact
from kedja.core.models import AuditEntry
from kedja.followup import actions, tasks
from kedja.followup.models import AnswerRequest, Invitation
from kedja.organisations.models import OrganisationKind, User
from kedja.organisations.testing import _org

from . import factories

DEADLINE = timezone.localdate() + timedelta(days=30)
DSN = Path(__file__).parent / "dsn"
POSTFIX_ID = "<179605920312.4242.9876543210123456789.kedja-invitation@regionerna.example.se>"
EXCHANGE_ID = "<179605954101.4242.1122334455667788990.kedja-invitation@regionerna.example.se>"


@pytest.fixture
def invited(personas, clause, questionnaire, django_capture_on_commit_callbacks):
    """Leverantör Å AB: no portal account, only its due-diligence contact Åsa Öberg, invited."""
    supplier = _org(OrganisationKind.SUPPLIER, "Leverantör Å AB", "leverantor-a", org_number="556000-0011")
    SupplierContact.objects.create(supplier=supplier, name="Åsa Öberg", email="asa.oberg@leverantor-a.test")
    contract = factories.contract(supplier, [personas.skane], reference="Å-1", clause=clause)
    case = actions.start_case_from_contract(
        acting_user=personas.stina, contract=contract, lead=personas.skane
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_self_assessment(acting_user=personas.stina, case=case, deadline=DEADLINE)
    return Invitation.objects.select_related("user", "request").get(request__supplier=supplier)


def _sample(name: str, sample_id: str, invitation: Invitation) -> bytes:
    return (DSN / name).read_bytes().replace(sample_id.encode(), invitation.message_id.encode())


def _case_page(client, invitation, language="sv") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    case = invitation.request.cases.get()
    return client.get(f"/followup/cases/{case.uuid}/").content.decode()


def test_each_invitation_email_carries_its_own_stored_message_id(invited):
    assert invited.message_id.startswith("<") and invited.message_id.endswith(">")
    assert mail.outbox[-1].extra_headers["Message-ID"] == invited.message_id
    assert mail.outbox[-1].message()["Message-ID"] == invited.message_id


def test_the_password_link_records_opened_then_password_chosen(invited, client):
    link = tasks.invitation_link(invited).removeprefix(settings.KEDJA_BASE_URL)
    assert client.get(link).status_code == 200
    invited.refresh_from_db()
    assert invited.opened_at is not None and invited.password_chosen_at is None
    page = client.post(link, {"new_password1": "Långt-lösen-2026", "new_password2": "Långt-lösen-2026"})
    assert (
        page.status_code == 302
        and page["Location"] == f"/followup/portal/self-assessments/{invited.request.uuid}/"
    )
    invited.refresh_from_db()
    assert invited.password_chosen_at is not None
    assert User.objects.get(pk=invited.user_id).check_password("Långt-lösen-2026")
    assert AuditEntry.objects.filter(action="followup.invitation.password_chosen").count() == 1
    # The link is spent: a second visit may not set the password again.
    again = client.post(link, {"new_password1": "Annat-lösen-2027", "new_password2": "Annat-lösen-2027"})
    assert again.status_code == 400
    assert User.objects.get(pk=invited.user_id).check_password("Långt-lösen-2026")


def test_a_weak_password_is_refused_and_nothing_is_recorded(invited, client):
    link = tasks.invitation_link(invited).removeprefix(settings.KEDJA_BASE_URL)
    page = client.post(link, {"new_password1": "123", "new_password2": "123"})
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    invited.refresh_from_db()
    assert invited.password_chosen_at is None and not invited.user.has_usable_password()


def test_signing_in_another_way_does_not_make_the_link_look_used(invited, client_for, personas):
    invited.user.set_password("Något-annat-2026")
    invited.user.last_login = timezone.now() + timedelta(minutes=5)
    invited.user.save()
    invited.refresh_from_db()
    assert invited.opened_at is None and invited.password_chosen_at is None
    assert "Inte än" in _case_page(client_for(personas.stina), invited)


def test_an_existing_accounts_link_is_noted_once_and_leads_to_the_request(personas, sent_case, client):
    invitation = Invitation.objects.get(request=sent_case.answer_request, user=personas.lev)
    link = f"/followup/invitations/{invitation.uuid}/"
    page = client.get(link)
    assert page["Location"] == f"/followup/portal/self-assessments/{sent_case.answer_request.uuid}/"
    first = Invitation.objects.get(pk=invitation.pk).opened_at
    client.get(link)
    assert first is not None and Invitation.objects.get(pk=invitation.pk).opened_at == first


def test_an_unknown_link_is_404(client, invited):
    assert client.get("/followup/invitations/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/followup/invitations/00000000-0000-0000-0000-000000000000/x-y/").status_code == 404
    assert client.get(f"/followup/invitations/{invited.uuid}/wrong-token/").status_code == 400


def test_a_later_postfix_bounce_from_a_maildir_marks_the_invitation(invited, tmp_path, client_for, personas):
    box = mailbox.Maildir(tmp_path / "bounces")
    box.add(_sample("postfix_user_unknown.eml", POSTFIX_ID, invited))
    out = io.StringIO()
    call_command("followup_bounces", str(tmp_path / "bounces"), stdout=out)
    assert "1 invitations marked bounced" in out.getvalue()
    invited.refresh_from_db()
    assert invited.bounced_at is not None and invited.bounce_status == "5.1.1"
    assert "User unknown in virtual mailbox table" in invited.bounce_diagnostic
    stina = client_for(personas.stina)
    assert "Studsade" in _case_page(stina, invited) and "5.1.1" in _case_page(stina, invited)
    assert "Bounced" in _case_page(stina, invited, "en")


def test_an_exchange_ndr_on_stdin_marks_the_invitation(invited, monkeypatch):
    raw = _sample("exchange_mailbox_full.eml", EXCHANGE_ID, invited)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    call_command("followup_bounces", "-", stdout=io.StringIO())
    invited.refresh_from_db()
    assert invited.bounce_status == "5.2.2" and invited.bounce_diagnostic.endswith("mailbox full")


def test_an_mbox_marks_only_failures_and_a_second_run_changes_nothing(invited, tmp_path):
    path = tmp_path / "bounces.mbox"
    box = mailbox.mbox(path)
    box.add(_sample("postfix_delayed.eml", POSTFIX_ID, invited))
    box.add(b"From: lisa@textilia.demo\nSubject: Hej\n\nEtt vanligt brev, ingen rapport.\n")
    box.flush()
    call_command("followup_bounces", str(path), stdout=io.StringIO())
    invited.refresh_from_db()
    assert invited.bounced_at is None  # "delayed" is a warning, not a bounce
    box.add(_sample("postfix_user_unknown.eml", POSTFIX_ID, invited))
    box.flush()
    call_command("followup_bounces", str(path), stdout=io.StringIO())
    call_command("followup_bounces", str(path), stdout=io.StringIO())
    invited.refresh_from_db()
    assert invited.bounce_status == "5.1.1"
    assert AuditEntry.objects.filter(action="followup.invitation.bounced").count() == 1


def test_a_bounce_of_someone_elses_message_marks_nothing(invited, tmp_path):
    box = mailbox.Maildir(tmp_path / "bounces")
    box.add((DSN / "postfix_user_unknown.eml").read_bytes())
    err = io.StringIO()
    call_command("followup_bounces", str(tmp_path / "bounces"), stdout=io.StringIO(), stderr=err)
    assert "No invitation" in err.getvalue()
    assert not Invitation.objects.exclude(bounced_at=None).exists()


def test_a_missing_mailbox_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("followup_bounces", "/nonexistent/maildir")


def test_reminders_are_counted_on_each_invitation(invited, client_for, personas):
    AnswerRequest.objects.filter(pk=invited.request_id).update(
        deadline=timezone.localdate() + timedelta(days=7)
    )
    assert tasks.send_due_reminders.call() == 1
    invited.refresh_from_db()
    assert invited.reminders == 1 and invited.last_reminded_at is not None
    assert "Påminnelser" in _case_page(client_for(personas.stina), invited)
