"""The outbox: events stored once per recipient, for the sender to deliver. Not an audited writer of
its own: the action that raised the event (a document requested, a response received) is in the
audit log, and the notification row is the record of who was told."""

from collections.abc import Iterable
from functools import partial

from django.db import transaction

from kedja.organisations.models import User

from .models import Notification


@transaction.atomic
def notify(*, kind: str, key: str, recipients: Iterable[User], link: str, params: dict[str, str]) -> int:
    """Store the event `key` once per recipient (a second call for the same key and person adds
    nothing) and, after the surrounding transaction commits, send those who want it at once.
    Returns how many people were newly told."""
    people = {user.pk: user for user in recipients}
    told = set(
        Notification.objects.filter(key=key, recipient_id__in=people).values_list("recipient_id", flat=True)
    )
    rows = [
        Notification(recipient=user, kind=kind, key=key, link=link, params=params)
        for pk, user in people.items()
        if pk not in told
    ]
    # ignore_conflicts: a concurrent run that stored the same row first wins, without an error.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if rows:
        from .tasks import deliver_immediate

        transaction.on_commit(partial(deliver_immediate.enqueue))
    return len(rows)
