"""Sending notifications (Django Tasks). `deliver_immediate` runs after each event is stored;
`run_daily` (enqueued once a day by `manage.py notifications_daily`) finds the events that come with
the calendar, sends the daily digests and retries what failed.

A row is claimed with a row lock (skip_locked) and marked sent in the same transaction, so two
workers, or a retried task, never send it twice.
"""

from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q, QuerySet
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kedja.organisations.models import User

from .models import MAX_ATTEMPTS, Delivery, Notification, Preference, Status


def language_of(user: User) -> str:
    """The recipient's chosen language for e-mail; Swedish when they chose none."""
    try:
        return user.notification_preference.language
    except Preference.DoesNotExist:
        return settings.LANGUAGE_CODE


def message_for(user: User, batch: list[Notification]) -> EmailMultiAlternatives:
    """One e-mail, plain text and HTML, in the recipient's language: one event, or a digest."""
    base = settings.KEDJA_BASE_URL
    with translation.override(language_of(user)):
        context = {
            "user": user,
            "items": [(n.get_kind_display(), n.text, base + n.link) for n in batch],
            "preferences_link": base + reverse("notifications:preferences"),
            "digest": len(batch) > 1,
        }
        if len(batch) == 1:
            subject = f"{batch[0].get_kind_display()}: {batch[0].params.get('supplier', '')}".rstrip(": ")
        else:
            subject = _("Kedja: %(count)d things that need you") % {"count": len(batch)}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("notifications/email/notification.txt", context),
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("notifications/email/notification.html", context), "text/html"
        )
    return message


def _deliver(ids: list[int]) -> int:
    """Send the pending notifications `ids` (all of one recipient) as one e-mail; a failure is kept
    on each row and retried on the next run until MAX_ATTEMPTS."""
    with transaction.atomic():
        batch = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=ids, status=Status.PENDING)
            .select_related("recipient__notification_preference")
            .order_by("created_at", "pk")
        )
        if not batch:
            return 0
        try:
            message_for(batch[0].recipient, batch).send()
        except (SMTPException, OSError) as error:
            for n in batch:
                n.attempts += 1
                n.last_error = str(error)[:300]
                n.status = Status.FAILED if n.attempts >= MAX_ATTEMPTS else Status.PENDING
            sent = 0
        else:
            for n in batch:
                n.attempts, n.status, n.sent_at, n.last_error = (
                    n.attempts + 1,
                    Status.SENT,
                    timezone.now(),
                    "",
                )
            sent = 1
        Notification.objects.bulk_update(batch, ["attempts", "last_error", "status", "sent_at"])
    return sent


def _pending(delivery: str) -> QuerySet[Notification]:
    wants = Q(recipient__notification_preference__delivery=delivery)
    if delivery == Delivery.IMMEDIATE:
        wants |= Q(recipient__notification_preference=None)
    return Notification.objects.filter(wants, status=Status.PENDING)


def send_immediate() -> int:
    """Send (or retry) every pending notification of people who want each event at once."""
    return sum(_deliver([pk]) for pk in _pending(Delivery.IMMEDIATE).values_list("pk", flat=True))


def send_digests() -> int:
    """One e-mail per person who chose the daily digest, with everything pending for them."""
    ids: dict[int, list[int]] = {}
    for pk, recipient_id in _pending(Delivery.DIGEST).values_list("pk", "recipient_id"):
        ids.setdefault(recipient_id, []).append(pk)
    return sum(_deliver(batch) for batch in ids.values())


@task
def deliver_immediate() -> int:
    """Send what is pending for people who want it at once (enqueued after each stored event)."""
    return send_immediate()


@task
def run_daily() -> dict[str, int]:
    """Store today's calendar events, send the digests and retry failed immediate e-mails."""
    from . import events

    today = timezone.localdate()
    told = events.actions_falling_due(today) + events.summaries_ready(today)
    return {"told": told, "sent": send_immediate(), "digests": send_digests()}
