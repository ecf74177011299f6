"""Sign-in, language switch and the organisation pages in real Chromium, with axe checks."""

import pytest
from playwright.sync_api import expect

from kedja.organisations.testing import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_with_the_keyboard_and_browse_organisations(page, live_server, personas, axe):
    page.goto(f"{live_server.url}/accounts/login/")
    axe(page)
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.fill("#id_username", personas.sara.email)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/organisations/")
    expect(page.get_by_role("heading", name="Organisationer")).to_be_visible()
    axe(page)
    page.fill("#id_q", "Skåne")
    expect(page.locator("#results")).to_contain_text("Region Skåne")
    expect(page.locator("#results")).not_to_contain_text("Region Uppsala")
    page.get_by_role("link", name="Region Skåne").click()
    expect(page.get_by_role("heading", name="Region Skåne")).to_be_visible()
    axe(page)


def test_wrong_password_shows_an_error_and_language_switch_to_english(page, live_server, personas, axe):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", personas.vera.email)
    page.fill("#id_password", "not-the-password")
    page.click("main button[type=submit]")
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    axe(page)


def test_org_admin_invites_a_person(page, live_server, personas, login_in_browser, axe):
    login_in_browser(page, personas.lev)
    page.goto(f"{live_server.url}/organisations/{personas.supplier_a.uuid}/invite/")
    axe(page)
    page.get_by_label("Namn").fill("Nina Ny")
    page.get_by_label("E-postadress").fill("nina@supplier-a.test")
    page.get_by_role("button", name="Skicka inbjudan").click()
    expect(page.get_by_role("status")).to_contain_text("nina@supplier-a.test")
    expect(page.locator("main")).to_contain_text("Nina Ny")
