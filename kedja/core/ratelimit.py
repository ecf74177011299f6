"""Rate limits per network address for guessable things: sign-in passwords and workshop codes.

Only failures count, so a classroom behind one address joining with the right code is never
slowed down; a script trying codes or passwords from one address is. The address is never stored:
failures are counted under a keyed hash of it (HMAC with the secret key, cut short), and rows
older than the window are deleted as new ones arrive.
"""

import hashlib
import hmac
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from kedja.core.models import AddressFailure

LOGIN = "login"
WORKSHOP_JOIN = "workshop_join"


def client_address(request: HttpRequest | None) -> str | None:
    """The caller's address: REMOTE_ADDR, or with KEDJA_PROXY_HOPS proxies in front, the address they saw."""
    if request is None:
        return None
    hops = settings.KEDJA_PROXY_HOPS
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    address = forwarded[-hops] if hops and len(forwarded) >= hops else request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def keyed_hash(scope: str, text: str) -> str:
    """A keyed hash of `text` for one scope (HMAC with the secret key, 16 hex characters): the same
    text always gives the same key, and without the secret key it cannot be turned back."""
    message = f"{scope}|{text}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:16]


def address_key(request: HttpRequest | None, scope: str) -> str | None:
    """The keyed hash of the caller's address for one scope, or None when it has no valid address."""
    address = client_address(request)
    if address is None:
        return None
    return keyed_hash(scope, address)


def _window_start():
    return timezone.now() - timedelta(minutes=settings.ADDRESS_FAILURE_MINUTES)


def is_limited(request: HttpRequest | None, scope: str) -> bool:
    key = address_key(request, scope)
    if key is None:
        return False
    recent = AddressFailure.objects.filter(scope=scope, key=key, at__gte=_window_start())
    return recent.count() >= settings.ADDRESS_FAILURE_LIMIT


def record_failure(request: HttpRequest | None, scope: str) -> None:
    key = address_key(request, scope)
    AddressFailure.objects.filter(at__lt=_window_start()).delete()
    if key is not None:
        AddressFailure.objects.create(scope=scope, key=key)
