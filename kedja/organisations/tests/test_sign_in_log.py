"""Every sign-in leaves an audit entry: who and when on success; on failure the account and why,
never the password, what was typed, or the network address."""

import pytest
from django.urls import reverse

from kedja.core.models import AuditEntry
from kedja.organisations.testing import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def test_a_successful_sign_in_is_logged(personas, client):
    client.post(LOGIN, {"username": personas.olle.email, "password": PASSWORD})
    entry = AuditEntry.objects.get(action="organisations.user.signed_in")
    assert entry.actor == personas.olle and entry.object_id == str(personas.olle.pk)


def test_a_failed_sign_in_is_logged_against_the_account_without_the_password(personas, client):
    client.post(
        LOGIN, {"username": "Olle@Stockholm.test ", "password": "hunter2-secret"}, REMOTE_ADDR="203.0.113.9"
    )
    entry = AuditEntry.objects.get(action="organisations.user.sign_in_failed")
    assert (entry.actor, entry.object_id) == (None, str(personas.olle.pk))
    assert entry.changes == {"reason": "password"}
    stored = repr(list(AuditEntry.objects.values()))
    assert "hunter2" not in stored and "203.0.113.9" not in stored
    assert not AuditEntry.objects.filter(action="organisations.user.signed_in").exists()


def test_a_failed_sign_in_on_no_account_stores_nothing_that_was_typed(personas, client):
    client.post(LOGIN, {"username": "my-password-by-mistake", "password": "x"})
    entry = AuditEntry.objects.get(action="organisations.user.sign_in_failed")
    assert (entry.object_id, entry.object_repr, entry.changes) == ("", "", {"reason": "password"})
    assert "my-password-by-mistake" not in repr(list(AuditEntry.objects.values()))


def test_a_sign_in_refused_by_the_lockout_is_logged_as_such(personas, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _attempt in range(3):
        client.post(LOGIN, {"username": personas.olle.email, "password": "wrong"})
    reasons = [
        e.changes["reason"] for e in AuditEntry.objects.filter(action="organisations.user.sign_in_failed")
    ]
    assert sorted(reasons) == ["locked_out", "password", "password"]


def test_the_audit_log_shows_sign_ins_in_words(personas, client, client_for):
    client.post(LOGIN, {"username": personas.olle.email, "password": "x"})
    page = client_for(personas.sara).get(reverse("reports:audit_log"), {"kind": "sign_in"}).content.decode()
    assert "Olle Officer" in page
    assert "fel adress eller lösenord" in page
    assert "sign_in_failed" not in page
