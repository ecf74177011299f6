"""Every persona's navigation leads to working, accessible pages, in Swedish and English."""

import pytest

from kedja.reference.testing import load_test_reference

pytestmark = pytest.mark.django_db(transaction=True)


def _nav_links(page) -> list[str]:
    return page.locator("header nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def _visit_every_nav_page(page, base_url: str, axe) -> list[str]:
    page.goto(f"{base_url}/")
    links = _nav_links(page)
    assert links, "the navigation has no links"
    for href in links:
        response = page.goto(f"{base_url}{href}")
        assert response.status == 200, f"{href} answered {response.status}"
        axe(page)
    return links


@pytest.mark.parametrize("who", ["sara", "olle", "stina", "vera", "lev", "alva", None])
def test_every_navigation_link_works_and_passes_axe(page, live_server, personas, login_in_browser, axe, who):
    load_test_reference()
    if who:
        login_in_browser(page, getattr(personas, who))
    links = _visit_every_nav_page(page, live_server.url, axe)
    if who in ("lev", "alva", None):
        assert "/contracts/suppliers/" not in links


def test_navigation_in_english(page, live_server, personas, login_in_browser, axe):
    load_test_reference()
    login_in_browser(page, personas.olle)
    page.get_by_role("button", name="English").click()
    links = _visit_every_nav_page(page, live_server.url, axe)
    page.goto(f"{live_server.url}{links[0]}")
    assert page.locator("html").get_attribute("lang") == "en"
