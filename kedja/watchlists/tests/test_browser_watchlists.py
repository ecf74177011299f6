"""A new list edition names a confidential site: its case team sees the alert and dismisses it; the
viewer and the supplier never see it; the next edition does not raise it again. Real Chromium, axe."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from kedja.contracts.tests import factories
from kedja.watchlists.models import Alert, AlertStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).parent / "data"
SITE = "Ningbo Junhe Textile Company Limited"


def load_edition(page, live_server, path: Path, edition: str) -> None:
    page.goto(f"{live_server.url}/watchlists/lists/load/")
    page.select_option("#id_source", "uflpa")
    page.fill("#id_edition", edition)
    page.set_input_files("#id_file", str(path))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/watchlists/lists/")
    expect(page.get_by_role("status")).to_be_visible()


def test_confidential_site_alert_reaches_the_case_team_only_and_stays_dismissed(
    browser, live_server, personas, login_in_browser, axe, tmp_path
):
    contract = factories.contract(personas)
    factories.site(personas, contract, legal_name=SITE, country=factories.country("CHN", "China"))
    sara, olle, vera, lev = (browser.new_page() for _ in range(4))
    for page, person in (
        (sara, personas.sara),
        (olle, personas.olle),
        (vera, personas.vera),
        (lev, personas.lev),
    ):
        login_in_browser(page, person)

    load_edition(sara, live_server, DATA / "uflpa_entity_list.csv", "2026-11-28")
    expect(sara.locator("#runs progress").first).to_have_attribute("value", "100")  # screened
    expect(sara.locator(".attribution")).to_contain_text("UFLPA")
    axe(sara)

    olle.goto(f"{live_server.url}/watchlists/")
    axe(olle)
    expect(olle.locator("#alerts")).to_contain_text(SITE)
    olle.locator("#alerts").get_by_role("link", name=SITE).click()
    expect(olle.locator("main")).to_contain_text("Ningbo Junhe Textile Co., Ltd.")
    axe(olle)
    alert_url = olle.url

    vera.goto(f"{live_server.url}/watchlists/")
    expect(vera.locator("main")).not_to_contain_text("Ningbo")
    assert vera.goto(alert_url).status == 404
    assert lev.goto(f"{live_server.url}/watchlists/").status == 404
    assert lev.goto(alert_url).status == 404

    olle.check("input[name=decision][value=dismiss]")
    olle.fill("#id_note", "Another mill: our site is in Shaoxing, not Ningbo")
    olle.locator("main form button[type=submit]").click()
    expect(olle.get_by_role("status")).to_be_visible()
    assert Alert.objects.get().status == AlertStatus.DISMISSED

    next_edition = tmp_path / "uflpa_entity_list_2026-12.csv"
    next_edition.write_bytes(
        (DATA / "uflpa_entity_list.csv").read_bytes()
        + b"Xinjiang Lida Paper Co. Ltd.,China,2026-12-01,Section 2\n"
    )
    load_edition(sara, live_server, next_edition, "2026-12-01")
    olle.goto(f"{live_server.url}/watchlists/")
    expect(olle.locator("#alerts")).not_to_contain_text(SITE)
    assert list(Alert.objects.values_list("status", flat=True)) == [AlertStatus.DISMISSED]
