"""One English message has one Swedish translation across the apps.

Django merges every app's catalogue into one: when two apps translate the same msgid differently,
the app listed first in INSTALLED_APPS wins everywhere, so the other app's pages silently show a
word meant for another place (a training case read "Ärende", the action plan's status "Godkänd",
the button opening a planning year "Öppen"). Where the meaning really differs, give the message a
context (`{% translate "Open" context "action" %}`, `pgettext_lazy("plan", "Approved")`).
"""

from pathlib import Path

from django.utils import translation

from .test_swedish_everywhere import KEDJA, _entries


def translations() -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = {}
    for po in sorted(KEDJA.glob("*/locale/sv/LC_MESSAGES/django.po")):
        app = po.relative_to(KEDJA).parts[0]
        for msgid, msgstr in _entries(Path(po)).items():
            if msgid and msgstr:
                found.setdefault(msgid, {}).setdefault(msgstr, []).append(app)
    return found


def test_no_message_has_two_swedish_translations():
    clashes = {msgid: apps for msgid, apps in translations().items() if len(apps) > 1}
    assert not clashes, "\n".join(f"{msgid!r}: {apps}" for msgid, apps in sorted(clashes.items()))


# (context, English, Swedish); read through a variable so makemessages does not collect them.
MEANT = [
    ("training", "Case", "Övningsfall"),
    ("plan", "Approved", "Fastställd"),
    ("", "Approved", "Godkänd"),
    ("action", "Open", "Öppna"),
    ("", "Start", "Starta"),
]


def test_the_words_that_clashed_read_as_meant():
    with translation.override("sv"):
        for context, english, swedish in MEANT:
            args = (context, english) if context else (english,)
            read = translation.pgettext if context else translation.gettext
            assert read(*args) == swedish, (context, english)
