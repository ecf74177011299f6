"""Fixtures shared by every app's tests."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from kedja.organisations.testing import Personas, build_personas

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Playwright's sync API runs an event loop in the test thread; Django must allow ORM use there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached: the database is rolled back between tests, so what an
    earlier test cached (the reports' figures) would describe rows that are gone."""
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language: a request an earlier test made in English leaves
    English active in the thread (the locale middleware does not reset it), which made messages
    checked outside a request depend on the order tests ran in."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()


@pytest.fixture
def client_for(client):
    """`client_for(user)` returns a test client signed in as that user (None: anonymous)."""

    def make(user) -> Client:
        fresh = Client()
        if user is not None:
            fresh.force_login(user)
        return fresh

    return make


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        pytest.skip("Browser tests need Debian's chromium (apt-get install -y chromium); none was found.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def login_in_browser(live_server):
    """Sign a Playwright page in as a persona through the real login form."""
    from kedja.organisations.testing import PASSWORD

    def login(page, user) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", user.email)
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return login


@pytest.fixture
def signed_in_page(browser, login_in_browser):
    """A new page in a browser context of its own (its own cookies), signed in as a persona."""

    def open_as(user):
        page = browser.new_context().new_page()
        login_in_browser(page, user)
        return page

    return open_as


@pytest.fixture
def axe():
    """Run axe-core on a page and fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(page) -> None:
        results = checker.run(page)
        violations = results.response["violations"]
        assert not violations, results.generate_report()

    return check


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in Path(str(item.fspath)).name:
            item.add_marker(pytest.mark.browser)
