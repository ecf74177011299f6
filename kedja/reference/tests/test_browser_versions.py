"""In Chromium, with axe: the secretariat edits the code of conduct with å, ä and ö, compares the
draft with the version in force and publishes it; a strategist's older contract keeps the old text."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kedja.contracts.tests import factories
from kedja.reference.models import RequirementDocument

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

NEW_TEXT = "Leverantören mäter vattenförbrukningen på fabriker i Småland och Österåker."


def test_secretariat_publishes_a_version_and_an_old_contract_keeps_the_old_text(
    page, live_server, reference, personas, login_in_browser, axe
):
    code = RequirementDocument.objects.get(key="code-of-conduct-2024")
    contract = factories.contract(personas, owning_regions=[personas.skane])
    assert contract.code_of_conduct == code
    login_in_browser(page, personas.sara)
    page.goto(f"{live_server.url}/reference/documents/{code.uuid}/")
    page.get_by_role("link", name="Ändra Miljö").click()
    page.fill("#id_text_sv", NEW_TEXT)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(NEW_TEXT)
    draft = RequirementDocument.objects.get(previous=code)
    page.goto(f"{live_server.url}/reference/documents/{draft.uuid}/")
    expect(page.locator("main")).to_contain_text("Utkast")
    axe(page)
    page.get_by_role("link", name="Publicera den här versionen").click()
    page.get_by_role("link", name="Se vad som ändrats sedan föregående version").click()
    expect(page.locator("ins").filter(has_text="Småland")).to_have_count(1)
    axe(page)
    page.go_back()
    page.fill("#id_version", "2024.2")
    page.fill("#id_valid_from", timezone.localdate().isoformat())
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Versionen publicerades.")

    page.context.clear_cookies()
    login_in_browser(page, personas.stina)
    page.goto(f"{live_server.url}/contracts/{contract.uuid}/")
    page.locator("#clause-heading ~ dl").get_by_role("link", name=code.title).click()
    expect(page.locator("main")).not_to_contain_text("Småland")
    expect(page.locator("main dl.facts")).to_contain_text("2024")
    axe(page)
