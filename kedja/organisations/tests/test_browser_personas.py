"""What each persona can and cannot see, checked in real Chromium (the access model of the architecture page).

Uses the contracts app's small factories: contracts are where access differs most between roles.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from kedja.contracts.tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "Secret Glove Factory Sdn Bhd"
OPEN = "Open Distribution Centre AB"


@pytest.fixture
def contracts(personas):
    """Lev's supplier's contract owned by Stockholm (with a confidential and an open site), and Lisa's, owned by Skåne."""
    mine = factories.contract(personas, reference="SLL-GLOVES", title="Nitrile gloves")
    factories.site(personas, mine, legal_name=SECRET, tier=2, is_confidential=True)
    factories.site(personas, mine, legal_name=OPEN, tier=1, is_confidential=False)
    theirs = factories.contract(
        personas,
        reference="RS-LINEN",
        title="Bed linen",
        supplier=personas.supplier_b,
        owning_regions=[personas.skane],
    )
    return {"mine": mine, "theirs": theirs}


def expect_not_found(page, axe) -> None:
    """The project's 404 page, in Swedish (the default language), and accessible."""
    with translation.override("sv"):
        heading = translation.gettext("We could not find that page")
    assert heading != "We could not find that page", "the 404 page must be translated"
    expect(page.locator("h1")).to_have_text(heading)
    axe(page)


def test_supplier_gets_404_on_another_suppliers_contract(
    page, live_server, personas, contracts, login_in_browser, axe
):
    login_in_browser(page, personas.lev)
    page.goto(f"{live_server.url}/contracts/")
    expect(page.locator("main")).to_contain_text("SLL-GLOVES")
    expect(page.locator("main")).not_to_contain_text("RS-LINEN")

    response = page.goto(f"{live_server.url}/contracts/{contracts['theirs'].uuid}/")
    assert response.status == 404
    expect_not_found(page, axe)
    expect(page.locator("body")).not_to_contain_text("Bed linen")


def test_viewer_reads_contracts_without_edit_button_or_confidential_names(
    page, live_server, personas, contracts, login_in_browser, axe
):
    login_in_browser(page, personas.vera)
    page.goto(f"{live_server.url}/contracts/")
    expect(page.locator("#results")).to_contain_text("SLL-GLOVES")
    expect(page.locator("#results")).to_contain_text("RS-LINEN")

    mine = contracts["mine"]
    page.goto(f"{live_server.url}/contracts/{mine.uuid}/")
    expect(page.locator("h1")).to_contain_text("Nitrile gloves")
    expect(page.locator(f"a[href$='/contracts/{mine.uuid}/edit/']")).to_have_count(0)
    expect(page.locator("main")).to_contain_text(OPEN)
    expect(page.locator("body")).not_to_contain_text(SECRET)

    page.goto(f"{live_server.url}/contracts/{mine.uuid}/supply-chain/")
    expect(page.locator("main")).to_contain_text(OPEN)
    expect(page.locator("body")).not_to_contain_text(SECRET)
    expect(page.locator("a[href$='/supply-chain/new/']")).to_have_count(0)
    axe(page)

    assert page.goto(f"{live_server.url}/contracts/{mine.uuid}/edit/").status == 404
    expect_not_found(page, axe)


def test_officer_edits_own_regions_contract_but_not_skanes(
    page, live_server, personas, contracts, login_in_browser, axe
):
    login_in_browser(page, personas.olle)
    mine = contracts["mine"]
    page.goto(f"{live_server.url}/contracts/{mine.uuid}/")
    page.locator(f"a[href$='/contracts/{mine.uuid}/edit/']").click()
    page.wait_for_url(f"**/contracts/{mine.uuid}/edit/")
    page.fill("#id_title", "Nitrile examination gloves")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/contracts/{mine.uuid}/")
    expect(page.locator("h1")).to_contain_text("Nitrile examination gloves")
    expect(page.locator("main")).to_contain_text(SECRET), "an owning region sees the confidential site"

    response = page.goto(f"{live_server.url}/contracts/{contracts['theirs'].uuid}/edit/")
    assert response.status == 404
    expect_not_found(page, axe)
    contracts["theirs"].refresh_from_db()
    assert contracts["theirs"].title == "Bed linen"


def test_auditor_has_no_contract_list(page, live_server, personas, contracts, login_in_browser, axe):
    login_in_browser(page, personas.alva)
    expect(page.locator("nav a[href='/contracts/']")).to_have_count(0)
    assert page.goto(f"{live_server.url}/contracts/").status == 404
    expect_not_found(page, axe)
    expect(page.locator("body")).not_to_contain_text("SLL-GLOVES")
    assert page.goto(f"{live_server.url}/contracts/{contracts['mine'].uuid}/").status == 404


def test_anonymous_visitor_is_sent_to_login(page, live_server, contracts):
    page.goto(f"{live_server.url}/contracts/{contracts['mine'].uuid}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Nitrile gloves")
