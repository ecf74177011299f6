"""Abuse protection for the public pages without tracking anyone.

- Rate limits count requests per scope in the database (right with several workers) under a key
  that is a keyed hash of the client address and the current window, cut to 16 hex characters.
  The address itself is never stored, and rows of past windows are deleted.
- A signed, time-stamped form token: a form posted faster than a person can fill it in, or after
  it has gone stale, is shown again instead of accepted.
"""

import secrets
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from kedja.core import ratelimit

from .models import IntakeCounter

TOKEN_SALT = "kedja.grievance.form"


def _limits() -> dict[str, int]:
    return settings.KEDJA_GRIEVANCE_RATE_LIMITS


def _window() -> timedelta:
    return timedelta(minutes=settings.KEDJA_GRIEVANCE_RATE_WINDOW_MINUTES)


def _window_start():
    size = int(_window().total_seconds())
    now = int(timezone.now().timestamp())
    return datetime.fromtimestamp(now - now % size, tz=UTC)


def _key(request, scope: str, window_start) -> str:
    address = ratelimit.client_address(request) or ""
    return ratelimit.keyed_hash(scope, f"{address}|{window_start.isoformat()}")


def allow(request, scope: str) -> bool:
    """Count this request; False when the client has used up the scope's limit for the window."""
    start = _window_start()
    IntakeCounter.objects.filter(window_start__lt=start).delete()
    key = _key(request, scope, start)
    with transaction.atomic():
        updated = IntakeCounter.objects.filter(scope=scope, key=key, window_start=start).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    IntakeCounter.objects.create(scope=scope, key=key, window_start=start, count=1)
            except IntegrityError:
                IntakeCounter.objects.filter(scope=scope, key=key, window_start=start).update(
                    count=F("count") + 1
                )
    count = IntakeCounter.objects.get(scope=scope, key=key, window_start=start).count
    return count <= _limits()[scope]


def new_form_token() -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(secrets.token_hex(8))


def form_token_ok(token: str) -> bool:
    """Signed by us, at least the minimum seconds old and not older than the maximum."""
    signer = signing.TimestampSigner(salt=TOKEN_SALT)
    max_age = settings.KEDJA_GRIEVANCE_FORM_MAX_SECONDS
    min_age = settings.KEDJA_GRIEVANCE_FORM_MIN_SECONDS
    try:
        signer.unsign(token or "", max_age=max_age)
    except signing.BadSignature:
        return False
    try:
        signer.unsign(token, max_age=min_age)
    except signing.SignatureExpired:
        return True
    return min_age <= 0
