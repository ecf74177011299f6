"""Every form of the project, posted with hostile values by a persona allowed to post it.

Asserts: no server error for any post or for the pages it leads to, and nothing stored that a
later GET of any page (the objects' pages and the lists) cannot render. Forms and pages are found
from the URL resolver, the views' code and the demo data (see fuzz.py), so views added later are
fuzzed without touching this file; a form view found in the code but shown to no persona fails
the test by name. On the way:
- what each post creates is read, and the forms its pages show are posted in turn (a new
  analysis's stages and items, a started workshop), as are links in the e-mails it sends;
- objects in states the demo data lacks (a sanction in force, an open office audit, a running
  workshop, finished and failed spend screenings, proposals from the open risk data, a division
  decided mid-period...) are made first through the actions (fuzz_states.py), and the links their
  e-mails would carry are opened, so the forms those states show are posted too; the visitor
  without an account signs in as a reporter (receipt code and secret) and joins the workshop with
  its code at every sign-in, as their own pages need;
- every upload field gets a valid file, then the files an import accepts (the template its page
  offers for download, an OCDS export), so its preview and confirmation are posted, then a
  mixed-encoding CSV, a broken XLSX, a zip bomb and a program named .pdf;
- every fragment (hx-get, hx-post, views rendering for htmx) and every page with an id in its path
  is asked for with bad htmx headers, bad values for each query parameter its view reads (found
  by recording what the view reads, not from a list), the other method and ids naming nothing;
- every page is read again with hostile values in each query parameter its view reads.
"""

import re
import time
from collections import deque
from urllib.parse import urlencode, urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import resolve, reverse

from kedja.organisations.demo import DEMO_USERS
from kedja.organisations.models import User

from . import fuzz, fuzz_states

pytestmark = pytest.mark.django_db

# Crawled in this order; the first persona shown a form posts it. Anonymous visitors last.
PERSONAS = ["sara", "stina", "lev", "alva", None]
# Pages read per URL name and persona: a few objects, so forms shown only in some states are found.
INSTANCES = 2
# Not fetched while crawling: signing out would end the crawl, PDFs take seconds each to render.
SKIP = re.compile(r"(^logout$|pdf$)")
# Posted last: they remove or end what other forms need.
DESTRUCTIVE = re.compile(r"remove|delete|withdraw|reject|cancel|control|reopen|end")


class Persona:
    def __init__(self, who: str | None, sign_ins: list[tuple[str, dict[str, str]]]):
        self.who = who
        self.user = None
        if who:
            email = next(row[0] for row in DEMO_USERS if row[0].startswith(f"{who}@"))
            self.user = User.objects.get(email=email)
        self.client = Client()
        self.sign_ins = sign_ins
        self.sign_in()
        self.pages: dict[str, str] = {}
        self.visited: set[str] = set()
        self.params: dict[str, set[str]] = {}  # URL name → query parameters its view read
        self.ids: dict[str, list[dict]] = {}  # URL name → identifiers seen in links to it
        self.seen: dict[str, int] = {}

    def sign_in(self) -> None:
        """Again after every post, since some posts end the session (a reporter leaving their page)."""
        if self.user is not None:
            self.client.force_login(self.user)
        for page, values in self.sign_ins:
            form = next(
                f
                for f in fuzz.parse(self.client.get(page).content.decode()).forms
                if f.method == "post" and set(values) <= {field.name for field in f.fields}
            )
            action = fuzz.internal(page, form.action) if form.action else page
            response = self.client.post(action, {f.name: f.value for f in form.fields} | values)
            assert response.status_code == 302, f"{self} could not sign in at {page}: {response.status_code}"

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
# Form views no persona is shown, each with the reason. The demo data and fuzz_states bring every
# other form view into a state that shows its form; one missing from here and not reached fails
# the test by name.
NOT_REACHED_YET: dict[str, str] = {}
# Objects tried per URL name when looking for a form not found by the crawl.
SEEK = 40
ROUTES = {name: route for route, name, _view in fuzz.walk()}
# URL names pages load as htmx fragments (hx-get, hx-post).
FRAGMENTS: set[str] = set()
# The form views found in the code: their pages are read until a persona is shown their form.
FORM_VIEWS: dict[str, set] = {}
# Form views whose page showed their form posting to another view (a workshop's join link shows
# the join form, which posts to the join page): that view is where the form is fuzzed.
SHOWN_ELSEWHERE: set[str] = set()


def _check(response, what: str) -> None:
    if response.status_code >= 500:
        PROBLEMS.append(f"{what} answered {response.status_code}")


def _explore(persona: Persona, path: str, response, forms: dict, queue: deque) -> None:
    """Remember a page the persona read, the POST forms it shows and where its links lead."""
    name = fuzz.url_name(path)
    if response.status_code != 200 or "html" not in response.get("Content-Type", "") or name is None:
        return
    persona.pages.setdefault(name, path)
    page = fuzz.parse(response.content.decode())
    links = [p for p in (fuzz.internal(path, href) for href in page.links) if p]
    queue.extend(links)
    for link in links:
        match = resolve(urlsplit(link).path)
        if match.kwargs and match.kwargs not in persona.ids.setdefault(match.view_name, []):
            persona.ids[match.view_name].append(match.kwargs)
    FRAGMENTS.update(n for n in (fuzz.url_name(fuzz.internal(path, u) or "") for u in page.fragments) if n)
    for form in page.forms:
        form.downloads = [p for p in (fuzz.internal(path, href) for href in page.downloads) if p]
        action = fuzz.internal(path, form.action) if form.action else path
        target = action and fuzz.url_name(action)
        if target and target != name and form.method == "post" and _own_form(name, form):
            SHOWN_ELSEWHERE.add(name)
        if target and form.method == "post" and not SKIP.search(target.split(":")[-1]):
            forms.setdefault(target, (persona, action, form))
        elif target:
            queue.append(f"{action.split('?')[0]}?{fuzz.query_of(form)}")


def _own_form(name: str, form) -> bool:
    """Whether `form` is one of the forms the view named `name` builds (it sends their fields)."""
    own = {
        field for form_class in FORM_VIEWS.get(name, ()) for field in getattr(form_class, "base_fields", {})
    }
    return bool(own & {f.name for f in form.fields})


def crawl(persona: Persona, forms: dict, queue: deque) -> None:
    """Read a few pages per URL name (any number of a form view's pages until its form is found),
    following redirects."""
    while queue:
        path = queue.popleft()
        name = fuzz.url_name(path)
        if name is None or path in persona.visited or SKIP.search(name.split(":")[-1]):
            continue
        done = name in forms or name in SHOWN_ELSEWHERE or name not in FORM_VIEWS
        if persona.seen.get(name, 0) >= INSTANCES and done:
            continue
        persona.visited.add(path)
        persona.seen[name] = persona.seen.get(name, 0) + 1
        response = persona.client.get(path)
        _check(response, f"GET {path} as {persona}")
        persona.params.setdefault(name, set()).update(getattr(response, "query_reads", ()))
        location = _location(path, response)
        if location:
            queue.append(location)
        _explore(persona, path, response, forms, queue)


def seek_unreached(personas: list[Persona], forms: dict) -> None:
    """For a form not shown yet: read its own page and the pages leading up to it for objects the
    crawl saw linked but did not open (every case, not only the first two), until it is shown."""
    for name in sorted(set(FORM_VIEWS) - set(forms) - SHOWN_ELSEWHERE):
        around = fuzz.pages_around(name)
        for persona in personas:
            candidates = deque(
                reverse(page, kwargs={k: v for k, v in ids.items() if k in _kwargs(page)})
                for page in around
                for ids in persona.ids.get(page, [])[:SEEK]
                if _kwargs(page) <= set(ids)
            )
            while candidates and name not in forms and name not in SHOWN_ELSEWHERE:
                path = candidates.popleft()
                if path not in persona.visited:
                    persona.visited.add(path)
                    response = persona.client.get(path)
                    _check(response, f"GET {path} as {persona}")
                    _explore(persona, path, response, forms, deque())
            if name in forms or name in SHOWN_ELSEWHERE:
                break


def _kwargs(name: str) -> set[str]:
    return fuzz.route_ids(ROUTES[name])


def _location(path: str, response) -> str | None:
    if response.status_code in (301, 302, 303):
        return fuzz.internal(path, response.get("Location", ""))
    return None


def _mailed_links(sent: int) -> list[str]:
    """Links in the e-mails sent since `sent` (a password reset, an invitation): pages to explore."""
    links = []
    for message in mail.outbox[sent:]:
        for url in re.findall(r"https?://[^\s\"'<>]+", message.body):
            path = fuzz.internal("/", urlsplit(url)._replace(scheme="", netloc="").geturl())
            if path:
                links.append(path)
    return links


def _with_files(persona: Persona, form, variants):
    """Each variant with a valid file in every upload field, then each file its checks accept (so
    an import's preview and confirmation are reached), then each hostile file in them."""
    uploads = fuzz.file_fields(form)
    for label, data in variants:
        yield label, {**data, **{f.name: fuzz.valid_file(f) for f in uploads}}
        if label == "base" and uploads:
            for example in _accepted_files(persona, form):
                yield "accepted file", {**data, **{f.name: example for f in uploads}}
            for file_label, hostile in fuzz.hostile_files():
                hostile.seek(0)
                yield file_label, {**data, **{f.name: hostile for f in uploads}}


def _accepted_files(persona: Persona, form) -> list[SimpleUploadedFile]:
    """Files an import accepts, as a user would get them: the templates its page offers for
    download, and for a JSON (OCDS) upload the contracts the persona sees, exported as OCDS from
    the contract list."""
    paths = list(form.downloads)
    if any(".json" in f.accept for f in fuzz.file_fields(form)):
        paths.append(reverse("api:ocds_releases"))
    files = []
    for path in paths:
        response = persona.client.get(path)
        disposition = re.search(r'filename="?([^";]+)', response.get("Content-Disposition", ""))
        name = disposition.group(1) if disposition else "export.json"
        if response.status_code == 200:
            files.append(SimpleUploadedFile(name, response.content))
    return files


def post_hostile(persona: Persona, name: str, action: str, form, form_classes, forms: dict) -> int:
    """Post the form's own values, then each hostile row; follow what the posts lead to for more forms."""
    posts = 0
    for label, data in _with_files(persona, form, fuzz.variants(form, form_classes.get(name, set()))):
        headers = {"HX-Request": "true"} if label == "edge" else {}
        sent = len(mail.outbox)
        response = persona.client.post(action, data, headers=headers)
        posts += 1
        _check(response, f"POST {label} to {action} ({name}) as {persona}")
        location = _location(action, response)
        queue = deque(_mailed_links(sent))
        if location:
            after = persona.client.get(location)
            _check(after, f"GET {location} after POST {label} to {name} as {persona}")
            _explore(persona, location, after, forms, queue)
        elif label in ("base", "accepted file"):
            _explore(persona, action, response, forms, queue)
        persona.sign_in()
        crawl(persona, forms, queue)
    return posts


def get_hostile(persona: Persona, name: str, path: str) -> None:
    """Every query parameter the view was seen reading, all at once, with each hostile value."""
    base, params = path.split("?")[0], persona.params.get(name)
    if not params:
        return
    for value, headers in ((fuzz.HUGE, {"HX-Request": "true"}), ("-1", {}), ("abc", {"HX-Request": "true"})):
        query = urlencode(dict.fromkeys(sorted(params), value))
        _check(
            persona.client.get(f"{base}?{query}", headers=headers),
            f"GET {base}?{query} ({name}) as {persona}",
        )


# What a broken or hostile htmx client sends: headers naming nothing, values that are not ids.
BAD_HTMX = {
    "HX-Request": "true",
    "HX-Target": "<script>",
    "HX-Trigger": fuzz.HUGE,
    "HX-Trigger-Name": "'\"",
    "HX-Current-URL": "javascript:alert(1)",
}


def malformed_fragment_requests(persona: Persona, name: str, path: str) -> int:
    """A fragment asked for with bad htmx headers, with empty, non-numeric and huge values for each
    query parameter its view reads, with the other method, and at paths whose ids name nothing."""
    base, requests = path.split("?")[0], 0
    queries = [""] + [
        f"?{param}={value}"
        for param in sorted(persona.params.get(name, ()))
        for value in ("", "abc", "-1", fuzz.HUGE, "%00")
    ]
    for query in queries:
        _check(persona.client.get(base + query, headers=BAD_HTMX), f"htmx GET {base}{query} as {persona}")
    _check(persona.client.post(base, {}, headers=BAD_HTMX), f"htmx POST {base} as {persona}")
    requests += len(queries) + 1
    for bad in fuzz.bad_paths(base):
        _check(persona.client.get(bad, headers=BAD_HTMX), f"htmx GET {bad} ({name}) as {persona}")
        _check(persona.client.post(bad, {}, headers=BAD_HTMX), f"htmx POST {bad} ({name}) as {persona}")
        requests += 2
    return requests


def test_every_form_survives_hostile_input_and_every_page_still_renders(settings, record_property):
    started = time.monotonic()
    PROBLEMS.clear()
    settings.ADDRESS_FAILURE_LIMIT = 10**6  # the crawl signs in and joins many times from one address
    # The reporter signs in again after every post, and each public form is posted many times.
    settings.KEDJA_GRIEVANCE_RATE_LIMITS = dict.fromkeys(settings.KEDJA_GRIEVANCE_RATE_LIMITS, 10**6)
    settings.KEDJA_XLSX_MAX_UNPACKED_BYTES = 4_000_000  # the zip bomb below unpacks to 8 MB
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "kedja.core.tests.fuzz.QueryReads"]
    FRAGMENTS.clear()
    SHOWN_ELSEWHERE.clear()
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    leads = fuzz_states.load()
    loaded = time.monotonic()
    personas = [Persona(who, leads.sign_ins.get(who or "anonymous", [])) for who in PERSONAS]
    all_views = fuzz.views()
    forms, form_classes = {}, fuzz.form_views(all_views)
    FORM_VIEWS.clear()
    FORM_VIEWS.update(form_classes)
    for persona in personas:
        crawl(persona, forms, deque(_seeds() + leads.links.get(str(persona), [])))
    seek_unreached(personas, forms)
    crawled = time.monotonic()
    # Before the posts change anything: every fragment, and every page with an id in its path,
    # asked for the way a broken htmx client or a guesser would.
    fragment_requests = 0
    for persona in personas:
        for name, path in persona.pages.items():
            if (
                name in FRAGMENTS
                or {"htmx", "render_page"} & all_views[name].names
                or resolve(urlsplit(path).path).kwargs
            ):
                fragment_requests += malformed_fragment_requests(persona, name, path)

    # Posts create objects in new states (a sanction, a running workshop, an import preview): the
    # forms their pages show join the list, so it is read again until every form found is posted.
    posted, posts = set(), 0
    while unposted := [n for n in forms if n not in posted]:
        name = min(unposted, key=lambda n: (bool(DESTRUCTIVE.search(n.split(":")[-1])), n))
        posted.add(name)
        persona, action, form = forms[name]
        posts += post_hostile(persona, name, action, form, form_classes, forms)
        if not [n for n in forms if n not in posted]:
            seek_unreached(personas, forms)
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

    unreached = sorted(set(form_classes) - set(forms) - SHOWN_ELSEWHERE)
    record_property("form_views_in_code", len(form_classes))
    record_property("forms_posted", len(forms))
    record_property("posts", posts)
    record_property("pages", len(pages))
    record_property("fragments", " ".join(sorted(FRAGMENTS)))
    record_property("fragment_requests", fragment_requests)
    record_property("unreached", " ".join(unreached))
    timing = (
        f"data {loaded - started:.0f}, crawl {crawled - loaded:.0f}, total {time.monotonic() - started:.0f}"
    )
    record_property("seconds", timing)
    assert not PROBLEMS, "server errors:\n" + "\n".join(PROBLEMS)
    escaped = sorted(set(unreached) - set(NOT_REACHED_YET))
    assert not escaped, (
        "form views found in the code that no persona was shown (give the demo data an object in "
        f"the state that shows them, or link their page): {escaped}"
    )
