"""Every write to personal access tokens."""

import secrets
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.api.models import ApiToken
from kedja.api.queries import TOKEN_PREFIX, digest_of
from kedja.core.audit import record
from kedja.organisations.models import User
from kedja.organisations.queries import ActingUser

MAX_LIFETIME_DAYS = 365


def _checked_name(user: User, name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the system that will use it.")})
    if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
        raise ValidationError({"name": _("You already have a token with this name.")})
    return name


def _checked_expiry(expires_on: date | None) -> date:
    today = timezone.localdate()
    if expires_on is None or expires_on <= today:
        raise ValidationError({"expires_on": _("The expiry date must be after today.")})
    if expires_on > today + timedelta(days=MAX_LIFETIME_DAYS):
        raise ValidationError({"expires_on": _("A token can live at most one year.")})
    return expires_on


@transaction.atomic
def create_token(*, acting_user: ActingUser, name: str, expires_on: date | None) -> tuple[ApiToken, str]:
    """Create a personal access token for the acting user; returns it and the secret, shown once."""
    if not isinstance(acting_user, User):
        raise PermissionDenied(_("Sign in to create a token."))
    name, expires_on = _checked_name(acting_user, name), _checked_expiry(expires_on)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=acting_user,
        name=name,
        expires_on=expires_on,
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        digest=digest_of(raw),
    )
    record("api.token.created", token, actor=acting_user, changes={"name": name, "expires_on": expires_on})
    return token, raw


@transaction.atomic
def revoke_token(*, acting_user: ActingUser, token: ApiToken) -> ApiToken:
    """Revoke one of the acting user's tokens; it is refused from the next request on."""
    if token.user_id != acting_user.pk:
        raise PermissionDenied(_("You may only revoke your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        record("api.token.revoked", token, actor=acting_user, changes={"name": token.name})
    return token
