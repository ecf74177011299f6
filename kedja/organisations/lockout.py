"""Lockout after repeated failed sign-ins, counted per e-mail address in the database.

Counting in the database (not a per-process cache) keeps the limit right with several workers.
What was typed as the address is never stored: failures are counted under a keyed hash of it
(core.ratelimit.keyed_hash), so a password typed into the address field leaves no trace either.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from kedja.core.ratelimit import keyed_hash
from kedja.organisations.models import LoginFailure

SCOPE = "login_email"


def failure_key(email: str) -> str:
    """The key a failed sign-in with `email` is counted under: the same for any case or spacing."""
    return keyed_hash(SCOPE, email.strip().lower())


def _window_start():
    return timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def is_locked_out(email: str) -> bool:
    recent = LoginFailure.objects.filter(key=failure_key(email), at__gte=_window_start())
    return recent.count() >= settings.LOGIN_FAILURE_LIMIT


def register_failure(email: str) -> None:
    # Failures older than the window no longer count, so their rows are deleted. The network
    # address is counted apart (core.ratelimit).
    LoginFailure.objects.filter(at__lt=_window_start()).delete()
    LoginFailure.objects.create(key=failure_key(email))


def clear_failures(email: str) -> None:
    LoginFailure.objects.filter(key=failure_key(email)).delete()
