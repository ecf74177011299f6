"""Writes of notifications: storing what to tell whom, and each person's preference."""

from collections.abc import Iterable
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core.audit import record
from kedja.organisations.models import User

from .models import Delivery, Notification, Preference


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


@transaction.atomic
def set_preference(*, acting_user: User, user: User, delivery: str, language: str) -> Preference:
    """Choose immediate e-mail or a daily digest, and the e-mails' language (one's own only)."""
    if acting_user.pk != user.pk:
        raise PermissionDenied(_("You may only change your own notification settings."))
    if delivery not in Delivery.values:
        raise ValidationError(_("Choose how you want to be told."))
    preference, _created = Preference.objects.get_or_create(user=user)
    old = {"delivery": preference.delivery, "language": preference.language}
    preference.delivery, preference.language = delivery, language
    preference.full_clean()
    preference.save()
    changes = {f: [old[f], getattr(preference, f)] for f in old if old[f] != getattr(preference, f)}
    record("notifications.preference.changed", preference, actor=acting_user, changes=changes)
    return preference
