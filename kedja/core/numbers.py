"""Numbers and money as the reader's language writes them: one owner for pages, PDFs and e-mails.

Swedish groups thousands with a non-breaking space and writes a decimal comma ("12 500 kr",
"3,75"); English writes "SEK 12,500" and "3.75". Exports do not use this module: spreadsheet
cells keep real numbers (core/exports.py).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext

EMPTY = "–"


def _decimals(value, decimals: int | None) -> int:
    if decimals is not None:
        return decimals
    return 0 if float(value).is_integer() else 2


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def number(value, decimals: int | None = None) -> str:
    """`value` grouped in thousands with the language's decimal sign; whole numbers without
    decimals and others with two, unless `decimals` is given. None and "" read as "–"; anything
    else that is not a number (a "fewer than 5" cell) is shown as it is."""
    if value is None or value == "":
        return EMPTY
    if not is_number(value):
        return str(value)
    places = _decimals(value, decimals)
    rounded = round(Decimal(str(value)), places)
    return formats.number_format(rounded, decimal_pos=places, use_l10n=True, force_grouping=True)


def money(value, decimals: int | None = None) -> str:
    """An amount in Swedish kronor: "12 500 kr" in Swedish, "SEK 12,500" in English."""
    if not is_number(value):
        return number(value)
    # Translators: an amount of money in Swedish kronor; Swedish writes "12 500 kr".
    return gettext("SEK %(amount)s") % {"amount": number(value, decimals)}
