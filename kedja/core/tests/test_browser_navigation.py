"""Every persona's navigation leads to working, accessible pages that fit a phone, in Swedish and
English; the widest pages of the demo fit 320 CSS px (WCAG 1.4.10 reflow)."""

import re

import pytest
from django.core.management import call_command

from kedja.followup.models.joint import JointTask
from kedja.organisations.demo import DEMO_USERS
from kedja.organisations.models import User
from kedja.organisations.testing import PASSWORD
from kedja.reference.testing import load_test_reference

pytestmark = pytest.mark.django_db(transaction=True)


def _nav_links(page) -> list[str]:
    return page.locator("header nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def _page_width(page) -> int:
    """How wide the page is drawn: wider than the window means the page scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth")


def _visit_every_nav_page(page, base_url: str, axe) -> list[str]:
    page.goto(f"{base_url}/")
    links = _nav_links(page)
    assert links, "the navigation has no links"
    for href in links:
        response = page.goto(f"{base_url}{href}")
        assert response.status == 200, f"{href} answered {response.status}"
        axe(page)
        assert _page_width(page) <= page.viewport_size["width"], f"{href} scrolls sideways on a phone"
    return links


@pytest.mark.parametrize("who", ["sara", "olle", "stina", "vera", "lev", "alva", None])
def test_every_navigation_link_works_and_passes_axe(page, live_server, personas, login_in_browser, axe, who):
    page.set_viewport_size({"width": 390, "height": 844})
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


def test_the_widest_pages_of_the_demo_fit_320_px(page, live_server, login_in_browser):
    """The pages with the widest tables and facts: an action plan, a risk analysis, a supplier, a
    contract and a follow-up case. Their tables scroll inside their own box, the page does not."""
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    sara = User.objects.get(email=next(row[0] for row in DEMO_USERS if row[0].startswith("sara@")))
    sara.set_password(PASSWORD)  # the browser signs in with the test password
    sara.save()
    page.set_viewport_size({"width": 320, "height": 800})
    login_in_browser(page, sara)
    for start, prefix in (
        ("/plans/action-plans/", "/plans/action-plans/"),
        ("/risk/", "/risk/analyses/"),
        ("/contracts/suppliers/", "/contracts/suppliers/"),
        ("/contracts/", "/contracts/"),
        ("/followup/", "/followup/cases/"),
    ):
        page.goto(f"{live_server.url}{start}")
        links = page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        detail = next(href for href in links if re.fullmatch(rf"{prefix}[0-9a-f-]{{36}}/", href or ""))
        page.goto(f"{live_server.url}{detail}")
        assert _page_width(page) <= 320, f"{page.url} is {_page_width(page)} px wide on a 320 px screen"
        assert page.locator(".table-wrap").count() > 0, f"{page.url} shows no table to check"
    # The demo's joint case: its work and cost split are tables too.
    joint = JointTask.objects.select_related("case").first().case
    page.goto(f"{live_server.url}/followup/cases/{joint.uuid}/")
    assert page.get_by_text(JointTask.objects.first().description).count() >= 1
    assert _page_width(page) <= 320, f"the joint case is {_page_width(page)} px wide on a 320 px screen"
