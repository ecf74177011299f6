"""The demo read in Swedish by every persona shows no English catalogue string and no raw code, and
read in English (the language switch) no Swedish system text.

A crawl from each persona's start page (and every page the URL resolver reaches without an
identifier) reads a few pages per URL name and checks the text a person sees:
- no text that is an English message of Django's or Kedja's catalogues while Swedish is active
  (a string left untranslated, or a template that forgot to translate it);
- no snake_case key (`raw_material`, `bad_date`) and no bare ISO3 country code in a table cell.
It also fails on a page a persona can open that no page links to (found only by typing its
address), unless it is an entry point reached from outside (ENTRY_POINTS).

Read in English, a text that is a Swedish message of Kedja's catalogues is system text stored or
shown in Swedish (a timeline entry, a status or a label written translated instead of as a msgid).
Both readings also fail on a text made from a message with parameters in the other language
("Ärendet startades av %(who)s."), the shape a translated-when-stored text has. What people typed
(a decision reason, a finding) stays in the language it was written in, and text marked with a
`lang` attribute of the other language is meant to be in it.
"""

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from kedja.organisations.demo import DEMO_USERS
from kedja.organisations.models import User
from kedja.reference.models import Country

from . import fuzz

pytestmark = pytest.mark.django_db

# One persona of each kind of reader: the secretariat sees every page, an officer a region's, a
# supplier the portal, an auditor its audits, an anonymous visitor the public pages.
PERSONAS = ["sara", "olle", "lev", "alva", None]
INSTANCES = 1
SKIP = re.compile(r"(^logout$|pdf$|download|export|csv|xlsx|openapi|docs$)")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
# Elements whose text is not prose for a person: code, the e-mail addresses people type.
NOT_PROSE = {"script", "style", "code", "pre", "textarea", "kbd", "samp"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
KEDJA = Path(__file__).resolve().parents[2]
# Pages reached from outside the navigation: an e-mail, a printed code, the API's own docs, a
# redirect after a post — each with the way in.
ENTRY_POINTS = {
    "home",  # the start page itself
    "admin:login",  # Django admin's own sign-in: staff type /admin/, no page links the admin
}
PARAMETER = re.compile(r"%\((\w+)\)[sd]")
# A message with parameters is recognised by its words: one with fewer letters than this outside
# its parameters ("%(name)s: %(value)s") says nothing about the language it was written in.
TEMPLATE_LETTERS = 12
# The names under which makemessages extracts a message: one passed to gettext under another name
# ("_lazy") never reaches a catalogue, so it stays English and no check of the catalogues sees it.
EXTRACTED = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
TRANSLATION_IMPORT = re.compile(r"^from django\.utils\.translation import (.+)$", re.MULTILINE)


class TextParser(HTMLParser):
    """Visible text nodes in the reading language, each with whether it stands alone in a table cell."""

    def __init__(self, language: str = "sv"):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.texts: list[str] = []
        self.cells: list[str] = []
        self._skip = 0
        self._foreign = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if self._foreign and tag not in VOID:
            self._foreign += 1
        elif dict(attrs).get("lang", self.language)[:2] != self.language and tag not in VOID:
            self._foreign = 1  # text meant to be in another language (a requirement's English text)
        if tag in NOT_PROSE:
            self._skip += 1
        elif tag in ("td", "th"):
            self._cell = []
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        self._foreign = max(0, self._foreign - 1)
        if tag in NOT_PROSE:
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th") and self._cell is not None:
            self.cells.append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._skip or self._foreign:
            return
        text = " ".join(data.split())
        if text:
            self.texts.append(text)
        if self._cell is not None:
            self._cell.append(data)


def _entries(po: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (plural and context entries left out: they are not page text)."""
    entries, field, values = {}, None, {}
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgid ", "msgstr ", "msgctxt ", "msgid_plural ", "msgstr[")):
            field, _, quoted = line.partition(" ")
            values[field] = quoted.strip()[1:-1]
        elif line.startswith('"') and field:
            values[field] += line.strip()[1:-1]
        elif not line.strip() and values:
            if "msgid" in values and "msgstr" in values and "msgctxt" not in values:
                entries[values["msgid"].replace('\\"', '"')] = values["msgstr"].replace('\\"', '"')
            field, values = None, {}
    return entries


def _is_message(text: str) -> bool:
    return len(text) > 3 and re.search(r"[a-z]{3}", text) is not None and not re.search(r"%|\{", text)


def catalogue() -> tuple[set[str], set[str]]:
    """English messages that reach Kedja's pages (Django's and Kedja's), and those Swedish keeps as is."""
    english = set(_entries(Path(django.__file__).parent / "conf/locale/en/LC_MESSAGES/django.po"))
    same = set()
    for po in sorted(KEDJA.glob("*/locale/sv/LC_MESSAGES/django.po")):
        for msgid, msgstr in _entries(po).items():
            english.add(msgid)
            if msgstr == msgid:
                same.add(msgid)
    return {m for m in english if _is_message(m)}, same


def swedish_catalogue(english: set[str]) -> set[str]:
    """Swedish messages of Kedja's catalogues that are not also English ones ("Status", "Region")."""
    swedish = set()
    for po in sorted(KEDJA.glob("*/locale/sv/LC_MESSAGES/django.po")):
        swedish |= {msgstr for msgid, msgstr in _entries(po).items() if msgstr and msgstr != msgid}
    return {m for m in swedish if _is_message(m)} - english


def templates(language: str) -> re.Pattern:
    """One pattern matching a text made from any message with parameters of Kedja's catalogues in
    `language`, the parameters standing for any text."""
    patterns = set()
    for po in sorted(KEDJA.glob("*/locale/sv/LC_MESSAGES/django.po")):
        for msgid, msgstr in _entries(po).items():
            message = msgid if language == "en" else msgstr
            if not msgstr or msgstr == msgid or not PARAMETER.search(message):
                continue
            parts = PARAMETER.split(message)[::2]
            if sum(c.isalpha() for c in "".join(parts)) >= TEMPLATE_LETTERS:
                patterns.add(".+?".join(re.escape(part.replace("%%", "%")) for part in parts))
    return re.compile("|".join(f"(?:{p})" for p in sorted(patterns)))


class Reader:
    def __init__(self, who: str | None, language: str = "sv"):
        self.who = who or "anonymous"
        self.client = Client(HTTP_ACCEPT_LANGUAGE=language)
        if language != settings.LANGUAGE_CODE:
            self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the language switch
        self.shown: set[str] = set()  # URL names this persona opened
        self.linked: set[str] = set()  # URL names some page links to
        if who:
            email = next(row[0] for row in DEMO_USERS if row[0].startswith(f"{who}@"))
            self.client.force_login(User.objects.get(email=email))

    def pages(self):
        """(path, html) for a few pages per URL name, following links from the seeds."""
        queue, seen, visited = deque(_seeds()), {}, set()
        while queue:
            path = queue.popleft()
            name = fuzz.url_name(path)
            if name is None or path in visited or seen.get(name, 0) >= INSTANCES or SKIP.search(name):
                continue
            visited.add(path)
            seen[name] = seen.get(name, 0) + 1
            response = self.client.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            self.shown.add(name)
            yield path, html
            links = [p for p in (fuzz.internal(path, href) for href in fuzz.parse(html).links) if p]
            self.linked.update(fuzz.url_name(p) for p in links)
            queue.extend(links)


def _seeds() -> list[str]:
    from django.urls import reverse

    return ["/"] + [
        reverse(name) for route, name, _view in fuzz.walk() if "<" not in route and not SKIP.search(name)
    ]


def problems_on(
    html: str, english: set[str], same: set[str], iso3: set[str], english_templates: re.Pattern | None = None
) -> list[str]:
    parser = TextParser()
    parser.feed(html)
    found = []
    for text in parser.texts:
        if english_templates is not None and text not in english and english_templates.fullmatch(text):
            found.append(f"English message with parameters {text[:80]!r}")
        if text in english and text not in same:
            swedish = translation.gettext(text)
            found.append(
                f"English {text!r}" + (f" (Swedish: {swedish!r})" if swedish != text else " (no Swedish)")
            )
        for key in SNAKE.findall(text):
            if "@" not in text:
                found.append(f"raw key {key!r} in {text[:80]!r}")
    found += [f"ISO3 code {cell!r} in a table cell" for cell in parser.cells if cell in iso3]
    return found


def test_swedish_pages_show_no_english_and_no_raw_codes():
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    english, same = catalogue()
    english_templates = templates("en")
    iso3 = set(Country.objects.values_list("iso3", flat=True))
    report: dict[str, set[str]] = {}
    shown, linked = set(), set()
    with translation.override("sv"):
        for who in PERSONAS:
            reader = Reader(who)
            for path, html in reader.pages():
                for problem in problems_on(html, english, same, iso3, english_templates):
                    report.setdefault(problem, set()).add(f"{fuzz.url_name(path)} ({reader.who})")
            shown |= reader.shown
            linked |= reader.linked
    lines = [f"{problem} — on {', '.join(sorted(where)[:3])}" for problem, where in sorted(report.items())]
    assert not lines, f"{len(lines)} problems:\n" + "\n".join(lines)
    unlinked = sorted(shown - linked - ENTRY_POINTS)
    assert not unlinked, "Pages no page links to:\n" + "\n".join(unlinked)


def swedish_on(html: str, swedish: set[str], swedish_templates: re.Pattern) -> list[str]:
    """The Swedish system texts on a page read in English."""
    parser = TextParser("en")
    parser.feed(html)
    found = []
    for text in parser.texts:
        if text in swedish:
            found.append(f"Swedish {text!r}")
        elif swedish_templates.fullmatch(text):
            found.append(f"Swedish message with parameters {text[:80]!r}")
    return found


def test_english_pages_show_no_swedish_system_text():
    """What a user who switched to English reads: labels, statuses, timeline entries and notifications
    in English around the demo's Swedish case texts (which people wrote in Swedish)."""
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    swedish = swedish_catalogue(catalogue()[0])
    swedish_templates = templates("sv")
    report: dict[str, set[str]] = {}
    pages = 0
    with translation.override("en"):
        for who in PERSONAS:
            reader = Reader(who, "en")
            for path, html in reader.pages():
                pages += 1
                for problem in swedish_on(html, swedish, swedish_templates):
                    report.setdefault(problem, set()).add(f"{fuzz.url_name(path)} ({reader.who})")
    assert pages > 200  # the crawl reached the demo, not just the sign-in page
    lines = [f"{problem} — on {', '.join(sorted(where)[:3])}" for problem, where in sorted(report.items())]
    assert not lines, f"{len(lines)} problems:\n" + "\n".join(lines)


def test_the_check_catches_a_timeline_entry_stored_translated():
    """The checks themselves: a timeline entry written translated (stored as text instead of as a
    msgid) is caught by a reader of the other language, the entry in the reader's language is not,
    and text marked as Swedish (the language switch's "Svenska") is left alone."""
    message = "Opened after grievance %(code)s about %(grievance_issue)s."
    params = {"code": "GX7K2P", "grievance_issue": "Forced labour"}
    with translation.override("sv"):
        swedish = translation.gettext(message) % params
    english = message % params
    assert swedish != english
    page = '<html lang="{}"><body><ol><li>{}</li></ol><span lang="sv">Svenska</span></body></html>'
    in_swedish, in_english = templates("sv"), templates("en")
    assert swedish_on(page.format("en", swedish), {"Svenska"}, in_swedish) == [
        f"Swedish message with parameters {swedish!r}"
    ]
    assert swedish_on(page.format("en", english), {"Svenska"}, in_swedish) == []
    assert problems_on(page.format("sv", english), set(), set(), set(), in_english) == [
        f"English message with parameters {english!r}"
    ]
    assert problems_on(page.format("sv", swedish), set(), set(), set(), in_english) == []


def test_messages_are_marked_under_names_makemessages_extracts():
    renamed = [
        f"{path.relative_to(KEDJA.parent)}: {name.strip()}"
        for path in sorted(KEDJA.rglob("*.py"))
        for imported in TRANSLATION_IMPORT.findall(path.read_text(encoding="utf-8"))
        for name in imported.split(",")
        if " as " in name
        and name.split(" as ")[0].strip() in EXTRACTED
        and name.split(" as ")[1].strip() not in EXTRACTED
    ]
    assert not renamed, (
        "Translation functions imported under a name makemessages does not read:\n" + "\n".join(renamed)
    )
