"""Reads of notifications: one's own, and for the secretariat those that could not be sent."""

from django.db.models import Q, QuerySet

from kedja.organisations.models import User
from kedja.organisations.queries import Actor

from .models import Notification, Preference, Status

# How many of one's latest notifications the settings page lists.
RECENT = 30


def preference_of(user: User) -> Preference:
    """The user's stored preference, or the default one (not saved) when they chose none."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def recent_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")[:RECENT]


def undelivered(actor: Actor) -> QuerySet[Notification]:
    """Notifications that failed at least once and are not sent: the secretariat's to see."""
    if not actor.is_secretariat:
        return Notification.objects.none()
    return (
        Notification.objects.filter(Q(status=Status.FAILED) | Q(status=Status.PENDING, attempts__gt=0))
        .select_related("recipient")
        .order_by("-created_at", "-pk")
    )
