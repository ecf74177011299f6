"""Reaching the people who must answer: invitations for contacts without accounts, failures on
record, and a case nobody can be reached for refused before anything is sent."""

from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.utils import timezone, translation

from kedja.contracts.models import SupplierContact
from kedja.followup import actions, tasks
from kedja.followup.answer_queries import invitations_of
from kedja.followup.models import AnswerRequest, CaseStatus, Invitation
from kedja.organisations.models import Membership, OrganisationKind, Role, User
from kedja.organisations.testing import _org

from . import factories

DEADLINE = timezone.localdate() + timedelta(days=30)


@pytest.fixture
def supplier_c(db):
    """A supplier with no portal account, only a named due-diligence contact."""
    supplier = _org(OrganisationKind.SUPPLIER, "Leverantör C AB", "supplier-c", org_number="556000-0003")
    SupplierContact.objects.create(supplier=supplier, name="Cecilia Contact", email="Cecilia@Supplier-C.test")
    return supplier


@pytest.fixture
def case_c(personas, supplier_c, clause, questionnaire):
    contract = factories.contract(supplier_c, [personas.skane], reference="C-1", clause=clause)
    return actions.start_case_from_contract(
        acting_user=personas.stina, contract=contract, lead=personas.skane
    )


def test_contact_without_account_is_invited_to_choose_a_password(
    personas, case_c, supplier_c, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_self_assessment(acting_user=personas.stina, case=case_c, deadline=DEADLINE)
    user = User.objects.get(email="cecilia@supplier-c.test")
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user, organisation=supplier_c)
    assert membership.role == Role.SUPPLIER_CONTACT and membership.is_due_diligence_contact
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    invitation = Invitation.objects.get()
    assert f"/followup/invitations/{invitation.uuid}/" in mail.outbox[0].body
    assert invitation.created_account and invitation.sent_at is not None and invitation.opened_at is None
    assert list(invitations_of(case_c)) == [invitation]


def test_a_failed_email_is_recorded_not_dropped(personas, case_c, django_capture_on_commit_callbacks):
    with (
        mock.patch.object(EmailMessage, "send", side_effect=SMTPException("550 mailbox unavailable")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        actions.send_self_assessment(acting_user=personas.stina, case=case_c, deadline=DEADLINE)
    invitation = Invitation.objects.get()
    assert invitation.sent_at is None and invitation.failed_at is not None
    assert "550" in invitation.failure


def test_a_case_without_reachable_contact_is_refused_before_sending(personas, clause, questionnaire):
    lonely = _org(OrganisationKind.SUPPLIER, "Leverantör D AB", "supplier-d", org_number="556000-0004")
    contract = factories.contract(lonely, [personas.skane], reference="D-1", clause=clause)
    case = actions.start_case_from_contract(
        acting_user=personas.stina, contract=contract, lead=personas.skane
    )
    with translation.override("en"), pytest.raises(ValidationError, match="no reachable contact"):
        actions.send_self_assessment(acting_user=personas.stina, case=case, deadline=DEADLINE)
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT
    assert not AnswerRequest.objects.exists() and not mail.outbox


def test_bulk_send_out_reports_the_unreachable_and_sends_the_rest(
    personas, clause, questionnaire, contract_a
):
    lonely = _org(OrganisationKind.SUPPLIER, "Leverantör D AB", "supplier-d", org_number="556000-0004")
    factories.contract(lonely, [personas.skane], reference="D-1", clause=clause, cat=contract_a.category)
    cases = actions.start_cases_for_category(
        acting_user=personas.sara, category=contract_a.category, year=2030
    )
    result = actions.send_self_assessments(acting_user=personas.sara, cases=cases, deadline=DEADLINE)
    assert [c.supplier for c in result["unreachable"]] == [lonely]
    assert [r.supplier for r in result["sent"]] == [personas.supplier_a]
    assert {c.supplier.slug: c.status for c in cases} == {"supplier-a": "step1_sent", "supplier-d": "draft"}


def test_an_address_that_belongs_to_someone_else_gets_no_access(personas, supplier_c, clause, questionnaire):
    """A named contact whose e-mail already has an account elsewhere is never made the supplier's
    contact by the send-out: that would hand over access on an e-mail address alone."""
    SupplierContact.objects.filter(supplier=supplier_c).update(email=personas.olle.email)
    contract = factories.contract(supplier_c, [personas.skane], reference="C-2", clause=clause)
    case = actions.start_case_from_contract(
        acting_user=personas.stina, contract=contract, lead=personas.skane
    )
    with pytest.raises(ValidationError):
        actions.send_self_assessment(acting_user=personas.stina, case=case, deadline=DEADLINE)
    assert not Membership.objects.filter(user=personas.olle, organisation=supplier_c).exists()


def test_reminders_go_once_per_request_and_show_on_every_case(personas, sent_case, contract_a):
    other = actions.start_case_from_contract(
        acting_user=personas.olle, contract=contract_a, lead=personas.stockholm
    )
    actions.send_self_assessment(acting_user=personas.olle, case=other, deadline=DEADLINE)
    request = sent_case.answer_request
    AnswerRequest.objects.filter(pk=request.pk).update(deadline=timezone.localdate() + timedelta(days=7))
    mail.outbox.clear()
    assert tasks.send_due_reminders.call() == 1
    assert tasks.send_due_reminders.call() == 0
    assert len(mail.outbox) == 1
    for case in (sent_case, other):
        assert case.events.filter(kind="reminder").count() == 1


def test_case_page_flags_an_unreachable_supplier_before_sending(personas, clause, questionnaire, client_for):
    lonely = _org(OrganisationKind.SUPPLIER, "Leverantör D AB", "supplier-d", org_number="556000-0004")
    contract = factories.contract(lonely, [personas.skane], reference="D-1", clause=clause)
    case = actions.start_case_from_contract(
        acting_user=personas.stina, contract=contract, lead=personas.skane
    )
    body = client_for(personas.stina).get(f"/followup/cases/{case.uuid}/").content.decode()
    assert 'id="unreachable"' in body and "/do/send/" not in body


def test_case_team_sees_who_was_invited(personas, case_c, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_self_assessment(acting_user=personas.stina, case=case_c, deadline=DEADLINE)
    body = client_for(personas.stina).get(f"/followup/cases/{case_c.uuid}/").content.decode()
    assert "cecilia@supplier-c.test" in body and 'id="invitations"' in body
    for outside in (personas.olle, personas.vera):
        body = client_for(outside).get(f"/followup/cases/{case_c.uuid}/").content.decode()
        assert 'id="invitations"' not in body and "cecilia@supplier-c.test" not in body


def test_case_page_names_the_recipients_before_sending(personas, case_c, client_for):
    body = client_for(personas.stina).get(f"/followup/cases/{case_c.uuid}/").content.decode().lower()
    assert "cecilia@supplier-c.test" in body and 'id="recipients"' in body and "/do/send/" in body
