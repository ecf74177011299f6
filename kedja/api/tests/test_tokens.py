"""Personal access tokens: created on the settings page, shown once, stored hashed, revocable, expiring."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kedja.api import actions
from kedja.api.models import ApiToken
from kedja.core.models import AuditEntry
from kedja.organisations.models import Membership

from .conftest import token_for

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_token_is_shown_once_and_stored_only_as_a_digest(personas, client_for):
    olle = client_for(personas.olle)
    expires = (timezone.localdate() + timedelta(days=30)).isoformat()
    created = olle.post(reverse("tokens:list"), {"name": "Contract system", "expires_on": expires})
    assert created.status_code == 200
    secret = created.context["secret"]
    assert secret.startswith("kedja_") and secret in created.content.decode()
    assert "no-store" in created["Cache-Control"]
    token = ApiToken.objects.get(user=personas.olle)
    assert token.digest != secret and secret not in token.digest and not secret.endswith(token.prefix)
    listing = olle.get(reverse("tokens:list")).content.decode()
    assert "Contract system" in listing and secret not in listing
    assert bearer(secret).get("/api/v1/me").json()["email"] == personas.olle.email
    assert AuditEntry.objects.filter(action="api.token.created", actor=personas.olle).exists()


def test_revoked_token_is_refused(personas, client_for):
    secret = token_for(personas.olle)
    assert bearer(secret).get("/api/v1/contracts").status_code == 200
    token = ApiToken.objects.get(user=personas.olle)
    response = client_for(personas.olle).post(reverse("tokens:revoke", args=[token.uuid]))
    assert response.status_code == 302
    refused = bearer(secret).get("/api/v1/contracts")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == "Bearer"
    assert AuditEntry.objects.filter(action="api.token.revoked").exists()


def test_expired_token_is_refused(personas):
    secret = token_for(personas.olle)
    ApiToken.objects.filter(user=personas.olle).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert bearer(secret).get("/api/v1/me").status_code == 401


def test_token_of_deactivated_user_is_refused(personas):
    secret = token_for(personas.olle)
    personas.olle.is_active = False
    personas.olle.save()
    assert bearer(secret).get("/api/v1/me").status_code == 401


def test_wrong_token_is_refused_even_with_a_session(personas, client_for):
    olle = client_for(personas.olle)
    assert olle.get("/api/v1/me").status_code == 200
    assert olle.get("/api/v1/me", headers={"Authorization": "Bearer kedja_guess"}).status_code == 401


def test_token_narrows_as_soon_as_its_owner_loses_a_membership(personas, api_client):
    lev = api_client(personas.lev)
    assert lev.get(f"/api/v1/suppliers/{personas.supplier_a.uuid}").status_code == 200
    Membership.objects.filter(user=personas.lev).delete()
    assert lev.get(f"/api/v1/suppliers/{personas.supplier_a.uuid}").status_code == 404


def test_user_cannot_revoke_another_users_token(personas, client_for):
    token_for(personas.olle)
    token = ApiToken.objects.get(user=personas.olle)
    response = client_for(personas.vera).post(reverse("tokens:revoke", args=[token.uuid]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expiry_must_be_within_a_year_and_in_the_future(personas):
    today = timezone.localdate()
    for bad in (today, today - timedelta(days=3), today + timedelta(days=366), None):
        with pytest.raises(ValidationError):
            actions.create_token(acting_user=personas.olle, name="x", expires_on=bad)
    assert not ApiToken.objects.exists()


def test_token_names_are_unique_among_active_tokens(personas, client_for):
    token_for(personas.olle, name="ERP")
    expires = (timezone.localdate() + timedelta(days=30)).isoformat()
    page = client_for(personas.olle).post(reverse("tokens:list"), {"name": "ERP", "expires_on": expires})
    assert "secret" not in page.context
    assert ApiToken.objects.filter(user=personas.olle).count() == 1


def test_token_page_needs_sign_in(client):
    assert client.get(reverse("tokens:list")).status_code == 302
