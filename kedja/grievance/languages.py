"""The languages the public grievance pages are offered in.

`KEDJA_GRIEVANCE_LANGUAGES` lists the codes the channel is meant to serve (Swedish, English and
the labour languages of the main production countries). Swedish and English are always offered;
any other listed language appears as soon as a translator adds a compiled catalogue under
`kedja/grievance/locale/<locale>/`, so no page is ever offered in a language nobody translated.
Right-to-left languages (e.g. Urdu) get `dir="rtl"` from Django's LANGUAGES_BIDI.
"""

from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language_info, to_locale

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ALWAYS = ("sv", "en")


def _has_catalogue(code: str) -> bool:
    return (LOCALE_DIR / to_locale(code) / "LC_MESSAGES" / "django.mo").exists()


def intake_languages() -> list[str]:
    planned = settings.KEDJA_GRIEVANCE_LANGUAGES
    return [code for code in planned if code in ALWAYS or _has_catalogue(code)]


def language_links() -> list[dict]:
    """Each offered language with its own name and writing direction, for the language list."""
    links = []
    for code in intake_languages():
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "bidi": info["bidi"]})
    return links


def is_rtl(code: str) -> bool:
    return get_language_info(code)["bidi"]
