"""Olle works with contracts and a supply chain in real Chromium, with axe on every page."""

import pytest
from playwright.sync_api import expect

from kedja.contracts.models import Site

from . import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_filters_opens_contract_and_adds_a_site(page, live_server, personas, login_in_browser, axe):
    mine = factories.contract(personas, reference="SLL-GLOVES", title="Nitrile gloves")
    factories.contract(personas, reference="RS-LINEN", title="Bed linen", owning_regions=[personas.skane])
    factories.site(personas, mine, legal_name="Klang Glove Works", tier=2)
    login_in_browser(page, personas.olle)

    page.goto(f"{live_server.url}/contracts/")
    axe(page)
    page.select_option("#id_region", "region-stockholm")
    expect(page.locator("#results")).not_to_contain_text("RS-LINEN")
    expect(page.locator("#results")).to_contain_text("SLL-GLOVES")
    page.fill("#id_q", "nitrile")
    expect(page.locator("#results")).to_contain_text("SLL-GLOVES")
    page.locator("#results").get_by_role("link", name="SLL-GLOVES").click()

    page.wait_for_url(f"**/contracts/{mine.uuid}/")
    expect(page.locator("h1")).to_contain_text("Nitrile gloves")
    axe(page)

    page.goto(f"{live_server.url}/contracts/{mine.uuid}/supply-chain/")
    expect(page.locator("main")).to_contain_text("Klang Glove Works")
    axe(page)

    page.goto(f"{live_server.url}/contracts/{mine.uuid}/supply-chain/new/")
    axe(page)
    page.fill("#id_legal_name", "Selangor Latex Compounding")
    page.fill("#id_tier", "3")
    page.select_option("#id_site_type", "component")
    page.locator("#id_supplies_to").select_option(index=1)
    page.fill("#id_products", "Nitrile latex")
    page.locator("main form button[type=submit]").click()

    page.wait_for_url(f"**/contracts/{mine.uuid}/supply-chain/")
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Selangor Latex Compounding")
    axe(page)
    site = Site.objects.get(legal_name="Selangor Latex Compounding")
    assert site.tier == 3 and site.supplies_to.legal_name == "Klang Glove Works"


def test_bad_site_input_shows_errors_accessibly(page, live_server, personas, login_in_browser, axe):
    mine = factories.contract(personas)
    login_in_browser(page, personas.olle)
    page.goto(f"{live_server.url}/contracts/{mine.uuid}/supply-chain/new/")
    page.fill("#id_legal_name", "Zero tier site")
    page.fill("#id_tier", "0")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page)
    assert not Site.objects.exists()


def test_supplier_imports_chain_after_fixing_a_broken_row(
    page, live_server, personas, login_in_browser, axe, tmp_path
):
    contract = factories.contract(personas)
    header = "legal_name,country,tier,site_type,supplies_to,confidential\n"
    broken = tmp_path / "chain.csv"
    broken.write_text(header + "Klang Glove Works,Atlantis,2,final_manufacturing,,yes\n", encoding="utf-8")
    fixed = tmp_path / "chain-fixed.csv"
    fixed.write_text(
        header
        + "Klang Glove Works,MYS,2,final_manufacturing,,yes\nSelangor Latex,MYS,3,component,Klang Glove Works,\n",
        encoding="utf-8",
    )
    login_in_browser(page, personas.lev)
    page.goto(f"{live_server.url}/contracts/{contract.uuid}/supply-chain/")
    page.locator(f"a[href$='/contracts/{contract.uuid}/supply-chain/import/']").click()
    axe(page)

    page.set_input_files("#id_file", str(broken))
    page.locator("main form[enctype] button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator(".import-problems table")).to_contain_text("Atlantis")
    axe(page)
    assert not Site.objects.exists()

    page.set_input_files("#id_file", str(fixed))
    page.locator("main form[enctype] button[type=submit]").click()
    expect(page.locator("#preview-heading")).to_be_visible()
    axe(page)
    page.locator("main form:not([enctype]) button[type=submit]").click()

    page.wait_for_url(f"**/contracts/{contract.uuid}/supply-chain/")
    expect(page.locator("main")).to_contain_text("Selangor Latex")
    assert Site.objects.get(legal_name="Selangor Latex").supplies_to.legal_name == "Klang Glove Works"
