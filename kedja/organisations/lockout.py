"""Lockout after repeated failed sign-ins, counted per e-mail address in the database.

Counting in the database (not a per-process cache) keeps the limit right with several workers.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from kedja.organisations.models import LoginFailure


def _key(email: str) -> str:
    """The address as counted. Django's sign-in form does not limit the length of what is typed,
    and no account's address is longer than the column, so longer input is cut to fit it."""
    return email.strip().lower()[: LoginFailure._meta.get_field("email").max_length]


def _window_start():
    return timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def is_locked_out(email: str) -> bool:
    recent = LoginFailure.objects.filter(email=_key(email), at__gte=_window_start())
    return recent.count() >= settings.LOGIN_FAILURE_LIMIT


def register_failure(email: str) -> None:
    # Failures older than the window no longer count; deleting them keeps no e-mail address longer
    # than needed. The network address is counted apart, hashed (core.ratelimit).
    LoginFailure.objects.filter(at__lt=_window_start()).delete()
    LoginFailure.objects.create(email=_key(email))


def clear_failures(email: str) -> None:
    LoginFailure.objects.filter(email=_key(email)).delete()
