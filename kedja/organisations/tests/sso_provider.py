"""The steps a person takes at the real OpenID Connect provider the single sign-on tests start."""

from urllib.parse import quote

import requests
from django.test import Client
from django.urls import reverse

CLIENT_ID, CLIENT_SECRET = "kedja", "kedja-test-secret"


def provider_knows(issuer: str, subject: str, **claims) -> None:
    """The provider's directory entry for `subject` (its claims, e.g. email and email_verified)."""
    response = requests.put(f"{issuer}/users/{quote(subject)}", json=claims, timeout=10)
    assert response.status_code == 204


def sign_in_at_provider(client: Client, issuer: str, subject: str, *, next_url: str = "", deny: bool = False):
    """Press "Sign in with …", authenticate at the provider as `subject`, come back to Kedja."""
    started = client.get(reverse("sso:start"), {"next": next_url} if next_url else {})
    assert started.status_code == 302 and started["Location"].startswith(issuer)
    form = {"sub": subject, **({"action": "deny"} if deny else {})}
    answer = requests.post(started["Location"], data=form, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    return client.get(answer.headers["Location"])
