"""The public code of conduct and data sources, categories and CPV search in Chromium, with axe."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

HEADINGS = {
    "sv": {
        "code": "Uppförandekod för leverantörer",
        "sources": "Datakällor och licenser",
        "categories": "Inköpskategorier",
        "cpv": "CPV-koder",
    },
    "en": {
        "code": "Supplier code of conduct",
        "sources": "Data sources and licences",
        "categories": "Purchasing categories",
        "cpv": "CPV codes",
    },
}


def use_language(page, live_server, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])


@pytest.mark.parametrize("language", ["sv", "en"])
def test_public_pages_for_anonymous_visitors(page, live_server, reference, axe, language):
    use_language(page, live_server, language)
    page.goto(f"{live_server.url}/reference/code-of-conduct/")
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[language]["code"])
    expect(page.locator("main")).to_contain_text("C187")
    axe(page)
    page.goto(f"{live_server.url}/reference/data-sources/")
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[language]["sources"])
    page.locator("details summary").click()
    expect(page.locator("details pre")).to_contain_text("MIT License")
    axe(page)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_categories_and_cpv_search(page, live_server, reference, personas, login_in_browser, axe, language):
    login_in_browser(page, personas.olle)
    use_language(page, live_server, language)
    page.goto(f"{live_server.url}/reference/categories/")
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[language]["categories"])
    axe(page)
    page.fill("#id_q", "33141420")
    expect(page.locator("#results")).to_contain_text("Handskar" if language == "sv" else "Gloves")
    expect(page.locator("#results")).not_to_contain_text("Livsmedel" if language == "sv" else "Food")
    page.goto(f"{live_server.url}/reference/cpv/")
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[language]["cpv"])
    axe(page)
    page.fill("#id_q", "operationshandskar" if language == "sv" else "surgical gloves")
    expect(page.locator("#results")).to_contain_text("33141420")
    axe(page)
    page.locator("#results").get_by_role("link", name="33141420").click()
    expect(
        page.get_by_role("navigation", name="CPV-hierarki" if language == "sv" else "CPV hierarchy")
    ).to_contain_text("33140000")
    axe(page)
