"""Reads of personal access tokens, and the lookup the API's token authentication starts from."""

import hashlib
from datetime import timedelta
from uuid import UUID

from django.db.models import QuerySet
from django.utils import timezone

from kedja.api.models import ApiToken
from kedja.organisations.models import User
from kedja.organisations.queries import ActingUser, get_or_404

# Writing last_used_at on every call would add a write to every read; once a minute is enough to
# tell a user which token is still in use.
LAST_USED_RESOLUTION = timedelta(minutes=1)
TOKEN_PREFIX = "kedja_"


def digest_of(raw: str) -> str:
    """What is stored of a token: its SHA-256, so the database never holds a usable secret."""
    return hashlib.sha256(raw.encode()).hexdigest()


def tokens_of(user: ActingUser) -> QuerySet[ApiToken]:
    if not isinstance(user, User):
        return ApiToken.objects.none()  # an anonymous visitor has no tokens
    return ApiToken.objects.filter(user=user)


def get_token_for_user(user: ActingUser, uuid: UUID | str) -> ApiToken:
    """One of the user's own tokens; another user's token and a missing one are both 404."""
    return get_or_404(tokens_of(user), uuid)


def usable_token(raw: str) -> ApiToken | None:
    """The token `raw` names when it is usable (not revoked, not expired, its owner active), or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    today = timezone.localdate()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(raw), revoked_at__isnull=True, expires_on__gte=today)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
