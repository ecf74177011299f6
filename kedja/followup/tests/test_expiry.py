"""Expiry flags: the supplier is e-mailed and the case teams relying on the answer or document are
told (e-mail and a timeline entry), once per expiry date, from the daily task."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from kedja.followup import actions, tasks
from kedja.followup.models import SelfAssessment
from kedja.suppliers.models import LibraryDocument

from .conftest import answer_everything


@pytest.fixture
def relied_on(personas, sent_case):
    """Supplier A's submitted answer, relied on by Skåne's open case."""
    answer_everything(sent_case, personas.lev)
    actions.submit_self_assessment(acting_user=personas.lev, sheet=sent_case.self_assessment)
    mail.outbox.clear()
    return sent_case.self_assessment


def test_answer_expiring_soon_is_flagged_once(personas, sent_case, relied_on):
    soon = timezone.localdate() + timedelta(days=10)
    SelfAssessment.objects.filter(pk=relied_on.pk).update(valid_until=soon)
    sent = tasks.send_expiry_notices.call()
    recipients = {address for message in mail.outbox for address in message.to}
    assert (
        personas.lev.email in recipients
        and personas.stina.email in recipients
        and personas.sara.email in recipients
    )
    assert sent == len(mail.outbox) == 2
    assert sent_case.events.filter(message__startswith="The supplier's self-assessment expires").count() == 1
    assert tasks.send_expiry_notices.call() == 0


def test_expired_answer_gets_its_own_notice(personas, sent_case, relied_on):
    SelfAssessment.objects.filter(pk=relied_on.pk).update(
        valid_until=timezone.localdate() + timedelta(days=10)
    )
    tasks.send_expiry_notices.call()
    SelfAssessment.objects.filter(pk=relied_on.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    assert tasks.send_expiry_notices.call() == 2
    assert sent_case.events.filter(message__contains="expired on").count() == 1


def test_answer_far_from_expiry_is_not_flagged(personas, relied_on):
    assert tasks.send_expiry_notices.call() == 0 and not mail.outbox


def test_expiring_library_document_is_flagged_to_the_cases_relying_on_it(personas, sent_case, relied_on):
    document = LibraryDocument.objects.filter(supplier=personas.supplier_a).first()
    LibraryDocument.objects.filter(pk=document.pk).update(
        valid_until=timezone.localdate() + timedelta(days=5)
    )
    tasks.send_expiry_notices.call()
    assert any(personas.lev.email in m.to and document.title in m.body for m in mail.outbox)
    assert any(personas.stina.email in m.to for m in mail.outbox)
    assert sent_case.events.filter(message__startswith="A document the supplier's answer relies on").exists()


def test_unused_expiring_document_only_tells_the_supplier(personas, sent_case):
    from kedja.suppliers import actions as library

    library.add_document(
        acting_user=personas.lev,
        supplier=personas.supplier_a,
        uploaded=SimpleUploadedFile("cert.pdf", b"%PDF-1.4 c", content_type="application/pdf"),
        title="ISO certificate",
        valid_until=timezone.localdate() + timedelta(days=3),
    )
    mail.outbox.clear()
    tasks.send_expiry_notices.call()
    assert [m.to for m in mail.outbox] == [[personas.lev.email]]


def test_the_daily_command_enqueues_reminders_and_expiry_notices(personas, relied_on, capsys):
    SelfAssessment.objects.filter(pk=relied_on.pk).update(valid_until=timezone.localdate())
    call_command("followup_reminders")
    assert "expiry notices" in capsys.readouterr().out
    assert mail.outbox
