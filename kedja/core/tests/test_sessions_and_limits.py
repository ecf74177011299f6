"""Sessions end on time, signed-in responses are not cached, guessing is slowed per address."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kedja.core.middleware import SessionTimeoutMiddleware
from kedja.core.models import AddressFailure
from kedja.core.testing import every_text_in_the_database
from kedja.organisations.lockout import failure_key
from kedja.organisations.models import LoginFailure
from kedja.organisations.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, email, password, path="/accounts/login/"):
    return client.post(path, {"username": email, "password": password})


def _age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    session[SessionTimeoutMiddleware.STARTED] = now - seconds_ago.get("started", 0)
    session[SessionTimeoutMiddleware.SEEN] = now - seconds_ago.get("seen", 0)
    session.save()


def test_signed_in_pages_and_downloads_are_not_stored_and_never_sniffed(personas, client_for):
    client = client_for(personas.sara)
    for path in ("/contracts/", "/contracts/?format=xlsx", "/no-such-page/"):
        response = client.get(path)
        assert response["Cache-Control"] == "no-store", path
        assert response["X-Content-Type-Options"] == "nosniff", path


def test_anonymous_pages_also_say_nosniff(db, client):
    assert client.get("/accounts/login/")["X-Content-Type-Options"] == "nosniff"


def test_idle_session_ends_after_the_set_time(personas, client_for, settings):
    settings.SESSION_IDLE_MINUTES = 60
    client = client_for(personas.olle)
    assert client.get("/contracts/").status_code == 200
    _age_session(client, started=2 * 3600, seen=61 * 60)
    response = client.get("/contracts/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_active_session_ends_at_its_maximum_lifetime(personas, client_for, settings):
    settings.SESSION_MAX_HOURS = 12
    client = client_for(personas.olle)
    _age_session(client, started=13 * 3600, seen=30)
    assert client.get("/contracts/").status_code == 302


def test_session_in_use_stays_signed_in(personas, client_for):
    client = client_for(personas.olle)
    _age_session(client, started=3600, seen=7 * 3600)
    assert client.get("/contracts/").status_code == 200
    assert client.session[SessionTimeoutMiddleware.SEEN] >= int(time.time()) - 5


def test_admin_sign_in_is_locked_out_like_the_ordinary_one(personas, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    personas.sara.is_staff = True
    personas.sara.save()
    for _ in range(3):
        _login(client, personas.sara.email, "wrong", "/admin/login/")
    response = _login(client, personas.sara.email, PASSWORD, "/admin/login/")
    assert response.status_code == 200
    assert "locked_out" in [e.code for e in response.context["form"].non_field_errors().as_data()]
    assert client.get("/admin/").status_code == 302


def test_many_accounts_tried_from_one_address_are_slowed_down(personas, settings):
    settings.ADDRESS_FAILURE_LIMIT = 4
    attacker, colleague = Client(REMOTE_ADDR="203.0.113.9"), Client(REMOTE_ADDR="198.51.100.7")
    for n in range(4):
        _login(attacker, f"nobody{n}@example.org", "guess")
    response = _login(attacker, personas.olle.email, PASSWORD)
    assert "rate_limited" in [e.code for e in response.context["form"].non_field_errors().as_data()]
    assert _login(colleague, personas.olle.email, PASSWORD).status_code == 302


def test_admin_sign_in_counts_towards_the_limit_per_address(personas, settings):
    settings.ADDRESS_FAILURE_LIMIT = 3
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(3):
        _login(attacker, f"nobody{n}@example.org", "guess", "/admin/login/")
    personas.sara.is_staff = True
    personas.sara.save()
    response = _login(attacker, personas.sara.email, PASSWORD, "/admin/login/")
    assert "rate_limited" in [e.code for e in response.context["form"].non_field_errors().as_data()]
    assert _login(attacker, personas.olle.email, PASSWORD).status_code == 200


def test_no_network_address_is_stored_by_sign_ins_or_workshop_joins(personas):
    address = "203.0.113.9"
    client = Client(REMOTE_ADDR=address)
    for path in ("/accounts/login/", "/admin/login/"):
        _login(client, personas.olle.email, "wrong", path)
        _login(client, "nobody@example.org", "guess", path)
    client.post("/training/join/", {"code": "ZZZZZZ", "display_name": "Anna"})
    assert _login(client, personas.olle.email, PASSWORD).status_code == 302
    assert AddressFailure.objects.count() == 5
    assert address not in every_text_in_the_database()
    assert "nobody@example.org" not in every_text_in_the_database()
    assert all(len(key) == 16 for key in AddressFailure.objects.values_list("key", flat=True))


def test_addresses_are_kept_no_longer_than_the_window(personas, settings):
    settings.ADDRESS_FAILURE_MINUTES = settings.LOGIN_LOCKOUT_MINUTES = 15
    client = Client(REMOTE_ADDR="203.0.113.9")
    _login(client, "old@example.org", "guess")
    long_ago = timezone.now() - timedelta(minutes=16)
    AddressFailure.objects.update(at=long_ago)
    LoginFailure.objects.update(at=long_ago)
    _login(client, "new@example.org", "guess")
    assert list(AddressFailure.objects.values_list("at", flat=True)) != [long_ago]
    assert AddressFailure.objects.count() == 1
    assert list(LoginFailure.objects.values_list("key", flat=True)) == [failure_key("new@example.org")]


def test_null_character_in_a_query_string_is_a_bad_request(personas, client_for):
    assert client_for(personas.sara).get("/contracts/?q=%00").status_code == 400


@pytest.mark.parametrize("value", ["-1", "1", "abc", "9" * 40, "", "%00"])
def test_bad_contract_or_supplier_id_on_case_start_is_a_404(personas, client_for, value):
    client = client_for(personas.sara)
    for name in ("contract", "supplier"):
        response = client.get(f"/followup/start/?{name}={value}")
        assert response.status_code in (400, 404), (name, value)
