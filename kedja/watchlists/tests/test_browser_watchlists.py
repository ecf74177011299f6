"""A new list edition names a confidential site: its case team is told (e-mail and the start page's
inbox), opens the alert and dismisses it; the viewer and the supplier never see it; the next edition
does not raise it again. The site's name has å, ä and ö; the list spells it without. Real Chromium, axe."""

from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from kedja.contracts.tests import factories
from kedja.notifications.models import Kind, Notification
from kedja.watchlists.models import Alert, AlertStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SITE = "Sjöberg & Ärlig Textil (Ningbo) Co., Ltd."
LISTED = "Sjoberg & Arlig Textile (Ningbo) Co. Ltd"
HEADER = b"Entity Name,Country,Date Added,List\n"


def write_edition(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_bytes(HEADER + "".join(f"{row}\n" for row in rows).encode())
    return path


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
    site = factories.site(personas, contract, legal_name=SITE, country=factories.country("CHN", "China"))
    assert site.is_confidential
    sara, olle, vera, lev = (browser.new_page() for _ in range(4))
    for page, person in (
        (sara, personas.sara),
        (olle, personas.olle),
        (vera, personas.vera),
        (lev, personas.lev),
    ):
        login_in_browser(page, person)

    first = write_edition(
        tmp_path,
        "uflpa_2026-11.csv",
        [
            "Hoshine Silicon Industry Co. Ltd.,China,2023-06-09,Section 2(d)(2)(B)(i)",
            f"{LISTED},China,2026-11-20,Section 2",
        ],
    )
    load_edition(sara, live_server, first, "2026-11-28")
    expect(sara.locator("#runs progress").first).to_have_attribute("value", "100")  # screened
    expect(sara.locator(".attribution")).to_contain_text("UFLPA")
    axe(sara)

    # The case team is told once, by e-mail and on the start page.
    assert list(
        Notification.objects.filter(kind=Kind.WATCHLIST_ALERT).values_list("recipient", flat=True)
    ) == [personas.olle.pk]
    assert [m.to for m in mail.outbox] == [[personas.olle.email]] and SITE in mail.outbox[0].body
    olle.goto(f"{live_server.url}/")
    expect(olle.locator("[data-inbox=watchlist_alerts]")).to_contain_text(SITE)
    axe(olle)
    olle.locator("[data-inbox=watchlist_alerts]").get_by_role("link", name=SITE).click()
    expect(olle.locator("main h1")).to_have_text(SITE)
    expect(olle.locator("main")).to_contain_text(LISTED)
    axe(olle)
    alert_url = olle.url

    for outsider in (vera, lev):
        outsider.goto(f"{live_server.url}/")
        expect(outsider.locator("main")).not_to_contain_text("Sjöberg")
        expect(outsider.locator("[data-inbox=watchlist_alerts]")).to_have_count(0)
        assert outsider.goto(alert_url).status == 404
    vera.goto(f"{live_server.url}/watchlists/")
    expect(vera.locator("main")).not_to_contain_text("Sjöberg")
    assert lev.goto(f"{live_server.url}/watchlists/").status == 404

    olle.goto(alert_url)
    olle.check("input[name=decision][value=dismiss]")
    olle.fill("#id_note", "Another mill: ours is in Shaoxing, not Ningbo")
    olle.locator("main form button[type=submit]").click()
    expect(olle.get_by_role("status")).to_be_visible()
    assert Alert.objects.get().status == AlertStatus.DISMISSED

    second = write_edition(
        tmp_path,
        "uflpa_2026-12.csv",
        [
            "Hoshine Silicon Industry Co. Ltd.,China,2023-06-09,Section 2(d)(2)(B)(i)",
            f"{LISTED},China,2026-11-20,Section 2",
            "Xinjiang Lida Paper Co. Ltd.,China,2026-12-01,Section 2",
        ],
    )
    load_edition(sara, live_server, second, "2026-12-01")
    olle.goto(f"{live_server.url}/watchlists/")
    expect(olle.locator("#alerts")).not_to_contain_text(SITE)
    olle.goto(f"{live_server.url}/")
    expect(olle.locator("[data-inbox=watchlist_alerts]")).to_have_count(0)
    assert list(Alert.objects.values_list("status", flat=True)) == [AlertStatus.DISMISSED]
    assert Notification.objects.filter(kind=Kind.WATCHLIST_ALERT).count() == 1 and len(mail.outbox) == 1
