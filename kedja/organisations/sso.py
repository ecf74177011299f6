"""Single sign-on with OpenID Connect: the configured provider, and whom its claims sign in.

Kedja creates no account at sign-in and grants no access from a claim it was not told to trust:
a provider's user signs in only as an existing active account, found by the identity linked at an
earlier sign-in, or else by an e-mail address the provider says it verified. Memberships come from
the group claim only through the mapping in KEDJA_OIDC_GROUP_MEMBERSHIPS.
"""

from functools import cache
from typing import Any
from urllib.parse import urlsplit

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from joserfc.errors import JoseError

from kedja.organisations import actions
from kedja.organisations.models import ExternalIdentity, User

# Session keys: where to go after the provider, and the ID token the end-session request needs.
NEXT, ID_TOKEN = "kedja_sso_next", "kedja_sso_id_token"
# What a provider that is down, misconfigured or answering with a bad token raises.
PROVIDER_ERRORS = (AuthlibBaseError, JoseError, requests.RequestException, ValueError)


class Refused(Exception):
    """A sign-in the provider vouched for that Kedja does not accept; the message says why."""


def is_configured() -> bool:
    return bool(settings.KEDJA_OIDC_ISSUER and settings.KEDJA_OIDC_CLIENT_ID)


def provider_name() -> str:
    return settings.KEDJA_OIDC_NAME or urlsplit(settings.KEDJA_OIDC_ISSUER).hostname or ""


def provider() -> DjangoOAuth2App:
    return _client(
        settings.KEDJA_OIDC_ISSUER,
        settings.KEDJA_OIDC_CLIENT_ID,
        settings.KEDJA_OIDC_CLIENT_SECRET,
        settings.KEDJA_OIDC_SCOPES,
    )


@cache
def _client(issuer: str, client_id: str, secret: str, scopes: str) -> DjangoOAuth2App:
    # One client per configuration, kept: it holds the discovery document and the signing keys.
    client = OAuth().register(
        "kedja",
        client_id=client_id,
        client_secret=secret,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": scopes, "code_challenge_method": "S256", "timeout": 10},
    )
    assert isinstance(client, DjangoOAuth2App)
    return client


def required_claims() -> dict[str, dict[str, Any]]:
    """The ID token must come from the configured issuer and be meant for Kedja: authlib checks the
    issuer, but the audience only through `azp`, which a token for another client can carry."""
    return {
        "iss": {"essential": True, "values": [settings.KEDJA_OIDC_ISSUER]},
        "aud": {"essential": True, "values": [settings.KEDJA_OIDC_CLIENT_ID]},
    }


def group_mapping() -> dict[str, tuple[str, str]]:
    """KEDJA_OIDC_GROUP_MEMBERSHIPS ("group=organisation-slug:role", …) as group → (slug, role)."""
    mapping = {}
    for item in settings.KEDJA_OIDC_GROUP_MEMBERSHIPS:
        group, _eq, target = item.partition("=")
        slug, _colon, role = target.partition(":")
        if not (group.strip() and slug.strip() and role.strip()):
            raise ImproperlyConfigured(
                f"KEDJA_OIDC_GROUP_MEMBERSHIPS: {item!r} is not of the form group=organisation-slug:role"
            )
        mapping[group.strip()] = (slug.strip(), role.strip())
    return mapping


def groups_of(claims: dict[str, Any]) -> set[str]:
    value = claims.get(settings.KEDJA_OIDC_GROUP_CLAIM) or []
    return {value} if isinstance(value, str) else {str(group) for group in value}


def account_for(claims: dict[str, Any]) -> User:
    """The active account these (validated) ID token claims sign in, linking it at the first sign-in.

    Raises Refused for an unknown person, an unverified e-mail address, or an account already
    linked to another identity at the same provider.
    """
    issuer, subject = str(claims["iss"]), str(claims["sub"])
    linked = ExternalIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if linked is not None:
        if not linked.user.is_active:
            raise Refused(_no_account(claims))
        return linked.user
    if claims.get("email_verified") not in (True, "true"):
        raise Refused(
            _(
                "%(provider)s has not confirmed that the e-mail address is yours, so Kedja cannot "
                "tell which account to sign you in to. Sign in with your Kedja password instead."
            )
            % {"provider": provider_name()}
        )
    user: User | None = User.objects.filter(
        email__iexact=str(claims.get("email", "")).strip(), is_active=True
    ).first()
    if user is None:
        raise Refused(_no_account(claims))
    if user.external_identities.filter(issuer=issuer).exists():
        raise Refused(
            _("This Kedja account is already linked to another %(provider)s account.")
            % {"provider": provider_name()}
        )
    actions.link_identity(acting_user=user, issuer=issuer, subject=subject)
    return user


def _no_account(claims: dict[str, Any]) -> str:
    return _(
        "Kedja has no account for %(email)s. Kedja creates no accounts at sign-in: ask your "
        "organisation's administrator to invite you."
    ) % {"email": claims.get("email") or claims["sub"]}


def end_session_url(id_token: str, return_to: str) -> str | None:
    """The provider's end-session page (RP-initiated logout), or None if it has none."""
    try:
        if not provider().load_server_metadata().get("end_session_endpoint"):
            return None
        return str(
            provider().create_logout_url(post_logout_redirect_uri=return_to, id_token_hint=id_token)["url"]
        )
    except PROVIDER_ERRORS:
        return None
