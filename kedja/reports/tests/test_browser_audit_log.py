"""Sara finds in the audit log, in real Chromium, who changed a contract's penalty and what it was."""

import re

import pytest
from playwright.sync_api import expect

from kedja.contracts import actions as contract_actions
from kedja.contracts.tests import factories

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_secretariat_finds_who_changed_the_penalty_and_what_it_was(
    page, live_server, personas, login_in_browser, axe
):
    contract = factories.contract(personas, penalty_per_week_sek=1000, penalty_cap_weeks=10)
    data = factories.contract_input(personas, penalty_per_week_sek=2500, penalty_cap_weeks=10)
    contract_actions.update_contract(acting_user=personas.olle, contract=contract, data=data)
    login_in_browser(page, personas.sara)

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Granskningslogg").click()
    page.wait_for_url("**/reports/audit-log/")
    axe(page)
    page.select_option("#id_object_type", "contracts.contract")
    page.fill("#id_q", "SLL-2024-001")
    page.locator("main form button[type=submit]").click()
    row = page.locator("#results tbody tr", has_text="Avtal ändrat")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Olle Officer")
    expect(row).to_contain_text(re.compile(r"1[\s ]?000(,00)? → 2[\s ]?500"))
    axe(page)
