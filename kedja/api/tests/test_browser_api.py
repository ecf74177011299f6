"""In a real browser: the API docs render under the strict CSP without any CDN, and a user creates,
copies and revokes a token on an accessible page."""

import pytest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_api_docs_render_offline_under_the_csp(page, live_server):
    violations, outside = [], []
    page.on(
        "console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith(live_server.url) else None,
    )
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-tag", timeout=15000)
    assert page.locator(".opblock").count() >= 10
    assert outside == []
    assert violations == []


def test_user_creates_and_revokes_a_token(page, live_server, personas, login_in_browser, axe):
    login_in_browser(page, personas.olle)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="API-nycklar").click()
    axe(page)
    page.get_by_label("Namn").fill("Avtalssystemet")
    page.get_by_role("button", name="Skapa nyckel").click()
    secret = page.get_by_label("Nyckel", exact=True).input_value()
    assert secret.startswith("kedja_")
    axe(page)
    response = page.request.get(f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.json()["email"] == personas.olle.email
    page.get_by_role("button", name="Återkalla Avtalssystemet").click()
    assert "Återkallad" in page.locator("table").inner_text()
    refused = page.request.get(f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status == 401
