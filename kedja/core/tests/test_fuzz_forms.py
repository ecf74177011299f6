"""Every form of the project, posted with hostile values by a persona allowed to post it.

Asserts: no server error for any post or for the pages it leads to, and nothing stored that a
later GET of any page (the objects' pages and the lists) cannot render. Forms and pages are found
from the URL resolver, the views' code and the demo data (see fuzz.py), so views added later are
fuzzed without touching this file.
"""

import re
import time
from collections import deque

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kedja.organisations.demo import DEMO_USERS
from kedja.organisations.models import User

from . import fuzz

pytestmark = pytest.mark.django_db

# Crawled in this order; the first persona shown a form posts it. Anonymous visitors last.
PERSONAS = ["sara", "stina", "lev", "alva", None]
# Pages read per URL name and persona: a few objects, so forms shown only in some states are found.
INSTANCES = 2
# Not fetched while crawling: signing out would end the crawl, PDFs take seconds each to render.
SKIP = re.compile(r"(^logout$|pdf$)")
# Posted last: they remove or end what other forms need.
DESTRUCTIVE = re.compile(r"remove|delete|withdraw|reject|cancel|control|reopen|end")
# Query parameters the views read (request.GET in kedja/), sent with hostile values to every page.
PARAMS = [
    "q",
    "page",
    "year",
    "contract",
    "supplier",
    "version",
    "site",
    "region",
    "category",
    "status",
    "step",
    "light",
    "area",
    "country",
    "kind",
    "format",
    "scope",
    "state",
    "mine",
    "framework",
    "zero_tolerance",
    "level",
    "stage",
    "issue",
]
# Share of the form views found in the code that the crawl must reach and post. Forms shown only
# in states the demo data's first objects are not in (a case at step 2, a running workshop, an
# import preview) are not reached; the test reports which, and fails if the share drops.
MIN_REACHED = 0.5


class Persona:
    def __init__(self, who: str | None):
        self.who = who
        self.user = None
        if who:
            email = next(row[0] for row in DEMO_USERS if row[0].startswith(f"{who}@"))
            self.user = User.objects.get(email=email)
        self.client = Client()
        self.sign_in()
        self.pages: dict[str, str] = {}

    def sign_in(self) -> None:
        if self.user is not None:
            self.client.force_login(self.user)

    def __str__(self) -> str:
        return self.who or "anonymous"


def _seeds() -> list[str]:
    """Every page that needs no identifier, straight from the URL resolver."""
    seeds = ["/"]
    for route, name, _view in fuzz.walk():
        if "<" not in route and "(" not in route and not SKIP.search(name.split(":")[-1]):
            seeds.append(reverse(name))
    return seeds


# Every server error found, so one run reports them all instead of stopping at the first.
PROBLEMS: list[str] = []


def _check(response, what: str) -> None:
    if response.status_code >= 500:
        PROBLEMS.append(f"{what} answered {response.status_code}")


def crawl(persona: Persona, forms: dict) -> None:
    """Read a few pages per URL name; remember them and the POST forms the persona is shown."""
    queue, seen, visited = deque(_seeds()), {}, set()
    while queue:
        path = queue.popleft()
        name = fuzz.url_name(path)
        if (
            name is None
            or path in visited
            or seen.get(name, 0) >= INSTANCES
            or SKIP.search(name.split(":")[-1])
        ):
            continue
        visited.add(path)
        seen[name] = seen.get(name, 0) + 1
        response = persona.client.get(path)
        _check(response, f"GET {path} as {persona}")
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        persona.pages.setdefault(name, path)
        page = fuzz.parse(response.content.decode())
        queue.extend(p for p in (fuzz.internal(path, href) for href in page.links) if p)
        for form in page.forms:
            action = fuzz.internal(path, form.action) if form.action else path
            target = action and fuzz.url_name(action)
            if target and form.method == "post" and not SKIP.search(target.split(":")[-1]):
                forms.setdefault(target, (persona, action, form))
            elif target:
                queue.append(action)


def post_hostile(persona: Persona, name: str, action: str, form, form_classes) -> int:
    posts = 0
    for label, data in fuzz.variants(form, form_classes.get(name, set())):
        headers = {"HX-Request": "true"} if label == "edge" else {}
        response = persona.client.post(action, data, headers=headers)
        posts += 1
        _check(response, f"POST {label} to {action} ({name}) as {persona}")
        location = (
            fuzz.internal(action, response.get("Location", ""))
            if response.status_code in (301, 302, 303)
            else None
        )
        if location:
            _check(persona.client.get(location), f"GET {location} after POST {label} to {name} as {persona}")
        persona.sign_in()
    return posts


def get_hostile(persona: Persona, name: str, path: str) -> None:
    base = path.split("?")[0]
    for value, headers in ((fuzz.HUGE, {"HX-Request": "true"}), ("-1", {}), ("abc", {"HX-Request": "true"})):
        query = "&".join(f"{param}={value}" for param in PARAMS)
        _check(
            persona.client.get(f"{base}?{query}", headers=headers),
            f"GET {base}?…={value} ({name}) as {persona}",
        )


def test_every_form_survives_hostile_input_and_every_page_still_renders(settings, record_property):
    started = time.monotonic()
    PROBLEMS.clear()
    settings.ADDRESS_FAILURE_LIMIT = 10**6  # the crawl signs in and joins many times from one address
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    loaded = time.monotonic()
    personas = [Persona(who) for who in PERSONAS]
    all_views = fuzz.views()
    forms, form_classes = {}, fuzz.form_views(all_views)
    for persona in personas:
        crawl(persona, forms)
    crawled = time.monotonic()

    posts = 0
    for name in sorted(forms, key=lambda n: (bool(DESTRUCTIVE.search(n.split(":")[-1])), n)):
        persona, action, form = forms[name]
        posts += post_hostile(persona, name, action, form, form_classes)
    # Every page once more, by the first persona who read it: whatever was stored must render.
    pages = {}
    for persona in personas:
        persona.sign_in()
        for name, path in persona.pages.items():
            pages.setdefault(name, (persona, path))
    for name, (persona, path) in pages.items():
        _check(persona.client.get(path), f"GET {path} ({name}) as {persona} after the hostile posts")
        if all_views[name].reads_query:
            get_hostile(persona, name, path)

    unreached = sorted(set(form_classes) - set(forms))
    record_property("form_views_in_code", len(form_classes))
    record_property("forms_posted", len(forms))
    record_property("posts", posts)
    record_property("pages", len(pages))
    record_property("unreached", " ".join(unreached))
    timing = (
        f"data {loaded - started:.0f}, crawl {crawled - loaded:.0f}, total {time.monotonic() - started:.0f}"
    )
    record_property("seconds", timing)
    assert not PROBLEMS, "server errors:\n" + "\n".join(PROBLEMS)
    reached = len(set(form_classes) & set(forms))
    assert reached >= MIN_REACHED * len(form_classes), f"only {reached} form views reached; not: {unreached}"
