"""In a real browser, with a real provider: Olle signs in through his region's provider, lands on
the page he asked for, and signs out of Kedja and the provider; the strict CSP lets this through."""

import pytest
from django.utils.csp import CSP

from .sso_provider import provider_knows

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_officer_signs_in_and_out_through_the_provider(page, live_server, sso, settings, personas, axe):
    settings.SECURE_CSP = {**settings.SECURE_CSP, "form-action": [CSP.SELF, sso]}
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    provider_knows(sso, "olle.officer", email=personas.olle.email, email_verified=True)
    page.goto(f"{live_server.url}/contracts/")
    axe(page)
    page.get_by_role("link", name="Logga in med Region Skåne").click()
    page.get_by_label("Subject").fill("olle.officer")
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{live_server.url}/contracts/")
    assert personas.olle.full_name in page.locator("header").inner_text()
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{sso}/oauth2/end_session**")
    page.get_by_role("button").first.click()
    page.wait_for_url(f"{live_server.url}/**")
    assert "Logga in" in page.locator("header").inner_text()
    assert violations == []
