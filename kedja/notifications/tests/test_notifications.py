"""Notifications: told once (retries and a second daily run send nothing more), daily digests,
failed sends retried and visible, and each e-mail in the recipient's language."""

from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from kedja.followup import actions as followup
from kedja.followup.tests import factories
from kedja.notifications import actions, events, tasks
from kedja.notifications.models import MAX_ATTEMPTS, Kind, Notification, Status


def to(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email]]


def settle() -> None:
    """Send what the fixtures' steps stored (e.g. the submitted self-assessment), then forget it."""
    tasks.send_immediate()
    mail.outbox.clear()


def overdue_action(personas, case, title="Fees"):
    action = factories.corrective_action(personas, factories.deviation(personas, case, title=title))
    action.deadline = timezone.localdate() - timedelta(days=2)
    action.save(update_fields=["deadline"])  # keeps the case's stored light, as every write does
    return action


def test_submitted_self_assessment_tells_the_lead_region_once(personas, submitted_case):
    mail.outbox.clear()
    tasks.send_immediate()
    [message] = to(personas.stina)
    assert submitted_case.supplier.name in message.subject
    html = {mime: body for body, mime in message.alternatives}["text/html"]
    assert reverse("followup:case_detail", args=[submitted_case.uuid]) in html
    assert reverse("followup:case_detail", args=[submitted_case.uuid]) in message.body
    # Olle's region owns the contract but does not lead the case; the supplier is not told. (Olle
    # heard only that the joint case started.)
    assert [n.kind for n in Notification.objects.filter(recipient=personas.olle)] == [Kind.JOINT_CASE_STARTED]
    assert not to(personas.lev)
    assert events.self_assessment_submitted(submitted_case) == 0
    tasks.send_immediate()
    assert len(to(personas.stina)) == 1


def test_daily_run_twice_sends_one_email(personas, step2_case):
    action = overdue_action(personas, step2_case)
    settle()
    tasks.run_daily.call()
    tasks.run_daily.call()
    assert len(to(personas.lev)) == 1 and len(to(personas.stina)) == 1
    assert action.description in to(personas.lev)[0].body
    assert Notification.objects.filter(kind=Kind.ACTION_OVERDUE, status=Status.SENT).count() == 2
    assert not to(personas.lisa)


def test_action_due_within_a_week_tells_the_supplier(personas, step2_case):
    factories.corrective_action(
        personas,
        factories.deviation(personas, step2_case),
        deadline=timezone.localdate() + timedelta(days=7),
    )
    settle()
    tasks.run_daily.call()
    assert len(to(personas.lev)) == 1 and not to(personas.stina)
    assert Notification.objects.get(recipient=personas.lev).kind == Kind.ACTION_DUE


def test_digest_sends_two_events_in_one_email(personas, step2_case):
    settle()
    actions.set_preference(acting_user=personas.stina, user=personas.stina, delivery="digest", language="sv")
    first, second = (
        overdue_action(personas, step2_case, "Fees"),
        overdue_action(personas, step2_case, "Hours"),
    )
    tasks.send_immediate()
    assert not to(personas.stina)
    tasks.run_daily.call()
    [digest] = to(personas.stina)
    assert first.description in digest.body and second.description in digest.body
    assert digest.body.count(reverse("followup:case_detail", args=[step2_case.uuid])) == 2
    assert len(to(personas.lev)) == 2  # Lev wants each event at once
    assert "2" in digest.subject
    tasks.run_daily.call()
    assert len(to(personas.stina)) == 1


def test_failed_send_is_retried_and_visible(personas, step2_case, client_for):
    settle()
    overdue_action(personas, step2_case)
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=SMTPException("451 try later")):
        tasks.run_daily.call()
    row = Notification.objects.get(recipient=personas.stina, kind=Kind.ACTION_OVERDUE)
    assert (row.status, row.attempts, row.last_error) == (Status.PENDING, 1, "451 try later")
    own = client_for(personas.stina).get(reverse("notifications:preferences"))
    assert "451 try later" in own.text
    secretariat = client_for(personas.sara).get(reverse("notifications:undelivered"))
    assert "451 try later" in secretariat.text and personas.stina.email in secretariat.text
    assert client_for(personas.stina).get(reverse("notifications:undelivered")).status_code == 404
    assert client_for(personas.lev).get(reverse("notifications:undelivered")).status_code == 404
    tasks.run_daily.call()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 2, "")
    assert len(to(personas.stina)) == 1


def test_send_gives_up_after_the_last_attempt(personas, step2_case):
    settle()
    overdue_action(personas, step2_case)
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=OSError("connection refused")):
        for _ in range(MAX_ATTEMPTS + 1):
            tasks.run_daily.call()
    row = Notification.objects.get(recipient=personas.stina, kind=Kind.ACTION_OVERDUE)
    assert (row.status, row.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    settle()
    tasks.run_daily.call()
    assert not to(personas.stina)


def test_email_is_in_the_recipients_language(personas, submitted_case):
    settle()
    actions.set_preference(
        acting_user=personas.stina, user=personas.stina, delivery="immediate", language="en"
    )
    factories.deviation(personas, submitted_case, title="Debt bondage", zero_tolerance=True)
    tasks.send_immediate()
    [english] = to(personas.stina)
    [swedish] = to(personas.sara)
    assert english.subject.startswith("Ground for a sanction") and "Hello Stina" in english.body
    assert swedish.subject.startswith("Grund för sanktion") and "Hej Sara" in swedish.body


def test_document_request_tells_the_supplier(personas, step2_case):
    settle()
    audit = followup.open_office_audit(acting_user=personas.stina, case=step2_case, product="Gloves")
    followup.request_document(
        acting_user=personas.stina,
        audit=audit,
        description="Wage slips",
        deadline=timezone.localdate() + timedelta(days=10),
    )
    tasks.send_immediate()
    [message] = to(personas.lev)
    assert "Wage slips" in message.body and not to(personas.lisa)


def test_preferences_page_saves_ones_own_choice(personas, client_for):
    client = client_for(personas.olle)
    response = client.post(reverse("notifications:preferences"), {"delivery": "digest", "language": "en"})
    assert response.status_code == 302
    assert personas.olle.notification_preference.delivery == "digest"
    bad = client.post(reverse("notifications:preferences"), {"delivery": "hourly", "language": "en"})
    assert bad.status_code == 200
    personas.olle.notification_preference.refresh_from_db()
    assert personas.olle.notification_preference.delivery == "digest"
    with pytest.raises(PermissionDenied):
        actions.set_preference(
            acting_user=personas.olle, user=personas.stina, delivery="digest", language="sv"
        )
