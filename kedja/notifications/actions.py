"""Writes of notifications: storing what to tell whom, and each person's preference."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core.audit import record
from kedja.organisations.models import User

from .models import Delivery, Preference


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
