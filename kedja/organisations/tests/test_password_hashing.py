"""Passwords are hashed with Argon2; older PBKDF2 hashes still sign in and are upgraded then."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password

from kedja.organisations.testing import PASSWORD


@pytest.fixture
def production_hashers(settings):
    """The production hasher list (settings_test swaps in a fast one for every other test)."""
    from kedja import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    return production.PASSWORD_HASHERS


def test_production_hashes_new_passwords_with_argon2id_at_owasp_parameters(production_hashers):
    assert production_hashers[0] == "kedja.organisations.hashers.KedjaArgon2PasswordHasher"
    assert make_password("a new long password").startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_argon2_hash_with_django_defaults_signs_in_and_is_remade(personas, client, production_hashers):
    olle = personas.olle
    django_default = Argon2PasswordHasher()
    olle.password = django_default.encode(PASSWORD, django_default.salt())
    olle.save(update_fields=["password"])
    assert "m=102400" in olle.password
    response = client.post("/accounts/login/", {"username": olle.email, "password": PASSWORD})
    assert response.status_code == 302
    olle.refresh_from_db()
    assert "m=19456,t=2,p=1" in olle.password


def test_old_pbkdf2_hash_signs_in_and_is_upgraded_to_argon2(personas, client, production_hashers):
    olle = personas.olle
    olle.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    olle.save(update_fields=["password"])
    response = client.post("/accounts/login/", {"username": olle.email, "password": PASSWORD})
    assert response.status_code == 302
    olle.refresh_from_db()
    assert olle.password.startswith("argon2$")


def test_wrong_password_against_old_hash_is_refused_and_hash_kept(personas, client, production_hashers):
    olle = personas.olle
    old_hash = make_password(PASSWORD, hasher="pbkdf2_sha256")
    olle.password = old_hash
    olle.save(update_fields=["password"])
    response = client.post("/accounts/login/", {"username": olle.email, "password": "wrong password"})
    assert response.status_code == 200
    olle.refresh_from_db()
    assert olle.password == old_hash
