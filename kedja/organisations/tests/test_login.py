import re

import pytest
from django.core import mail

from kedja.organisations.lockout import failure_key
from kedja.organisations.models import LoginFailure
from kedja.organisations.testing import PASSWORD


def _login(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_login_with_right_password_signs_in(personas, client):
    response = _login(client, personas.olle.email, PASSWORD)
    assert response.status_code == 302
    assert client.get("/organisations/").status_code == 200


def test_wrong_password_is_refused_with_a_message(personas, client):
    response = _login(client, personas.olle.email, "wrong")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert LoginFailure.objects.filter(key=failure_key(personas.olle.email)).count() == 1


def test_lockout_after_repeated_failures_refuses_even_the_right_password(personas, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        _login(client, personas.olle.email, "wrong")
    response = _login(client, personas.olle.email, PASSWORD)
    assert response.status_code == 200
    assert "locked_out" in [e.code for e in response.context["form"].non_field_errors().as_data()]
    assert client.get("/organisations/").status_code == 302


def test_successful_login_clears_earlier_failures(personas, client):
    _login(client, personas.olle.email, "wrong")
    _login(client, personas.olle.email, PASSWORD)
    assert not LoginFailure.objects.filter(key=failure_key(personas.olle.email)).exists()


def test_password_reset_sends_a_working_link(personas, client):
    client.post("/accounts/password_reset/", {"email": personas.vera.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    set_password_page = client.get(path, follow=True)
    assert set_password_page.context["validlink"]
    response = client.post(
        set_password_page.redirect_chain[-1][0],
        {"new_password1": "a-New-passw0rd-2026", "new_password2": "a-New-passw0rd-2026"},
    )
    assert response.status_code == 302
    personas.vera.refresh_from_db()
    assert personas.vera.check_password("a-New-passw0rd-2026")


def test_password_reset_for_unknown_address_sends_nothing(personas, client):
    client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert mail.outbox == []


def test_password_change_needs_the_old_password(personas, client_for):
    client = client_for(personas.vera)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": "x-New-passw0rd", "new_password2": "x-New-passw0rd"},
    )
    assert response.status_code == 200
    personas.vera.refresh_from_db()
    assert personas.vera.check_password(PASSWORD)


@pytest.mark.parametrize(("language", "text"), [("sv", "Logga in"), ("en", "Sign in")])
def test_login_page_in_swedish_by_default_and_english_on_request(db, client, language, text):
    if language == "en":
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert text in client.get("/accounts/login/").content.decode()


def test_browser_language_does_not_override_swedish(db, client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Logga in" in page.content.decode()


def test_an_overlong_address_is_refused_like_any_wrong_sign_in(personas, client):
    response = _login(client, "a" * 5000 + "@example.org", "wrong")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert LoginFailure.objects.get().key == failure_key("a" * 5000 + "@example.org")


def test_the_typed_address_is_counted_but_never_stored(personas, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    _login(client, "  Olle.Typo@Example.org ", "wrong")
    _login(client, "olle.typo@example.org", "my-secret-password")
    assert LoginFailure.objects.count() == 2
    assert len(set(LoginFailure.objects.values_list("key", flat=True))) == 1
    stored = " ".join(str(failure) for failure in LoginFailure.objects.all())
    assert "olle.typo" not in stored.lower()
    response = _login(client, "olle.typo@example.org", "wrong")
    assert "locked_out" in [e.code for e in response.context["form"].non_field_errors().as_data()]
