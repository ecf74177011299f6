"""The outbox: events stored once per recipient, for the sender to deliver. Not an audited writer of
its own: the action that raised the event (a document requested, a response received) is in the
audit log, and the notification row is the record of who was told."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.db import transaction

from kedja.organisations.models import User

from .models import Notification


@dataclass(frozen=True)
class Event:
    """One event to tell `recipients` about; `key` names it (see `Notification`)."""

    kind: str
    key: str
    recipients: Iterable[User]
    link: str
    params: dict[str, str]


@transaction.atomic
def notify(*, kind: str, key: str, recipients: Iterable[User], link: str, params: dict[str, str]) -> int:
    """Store the event `key` once per recipient (a second call for the same key and person adds
    nothing) and, after the surrounding transaction commits, send those who want it at once.
    Returns how many people were newly told."""
    return notify_many([Event(kind, key, recipients, link, params)])


@transaction.atomic
def notify_many(events: list[Event]) -> int:
    """`notify` for many events in two statements, whatever their number (the yearly send-out starts
    hundreds of joint cases at once)."""
    wanted = {(e.key, user.pk): (e, user) for e in events for user in e.recipients}
    if not wanted:
        return 0
    told = set(
        Notification.objects.filter(
            key__in={key for key, _pk in wanted}, recipient_id__in={pk for _key, pk in wanted}
        ).values_list("key", "recipient_id")
    )
    rows = [
        Notification(recipient=user, kind=e.kind, key=e.key, link=e.link, params=e.params)
        for pair, (e, user) in wanted.items()
        if pair not in told
    ]
    # ignore_conflicts: a concurrent run that stored the same row first wins, without an error.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if rows:
        from .tasks import deliver_immediate

        transaction.on_commit(partial(deliver_immediate.enqueue))
    return len(rows)
