"""The one way Kedja writes CSV and XLSX: text that a spreadsheet would run as a formula stays text.

A value starting with =, +, -, @, tab or carriage return is a formula to Excel and LibreOffice
(`=HYPERLINK(...)` can send data to another site when the file is opened). Supplier names, titles
and free texts come from people outside the region, so every writer goes through this module.

- XLSX: such text is stored as a text cell with Excel's quote prefix, so the cell shows exactly
  the value and never evaluates it.
- CSV has no cell types: such text gets a leading apostrophe, the convention spreadsheet programs
  and OWASP use; the rest of the value is unchanged.
Numbers, dates and booleans are written as they are (a negative number is not text).

CSV follows the reader's language, because a spreadsheet program opens a CSV file with the
conventions of the computer's locale: for Swedish, cells are separated by semicolons and decimals
written with a comma ("3,5"), which Swedish Excel reads as numbers; for English, commas and a
decimal point. Numbers are never grouped in thousands (a grouped number is text to Excel). XLSX
cells keep real numbers and need no convention.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.utils import translation

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def is_swedish(language: str | None = None) -> bool:
    return (language or translation.get_language() or "").startswith("sv")


def csv_delimiter(language: str | None = None) -> str:
    """The cell separator a spreadsheet program expects in `language` (default: the active one)."""
    return ";" if is_swedish(language) else ","


def csv_cell(value, *, decimal_sign: str = "."):
    """A value for a CSV cell: formula-like text gets a leading apostrophe; a decimal number is
    written with `decimal_sign`."""
    if isinstance(value, float | Decimal):
        return str(value).replace(".", decimal_sign)
    return f"'{value}" if is_formula_like(value) else value


class SafeCsvWriter:
    """csv.writer whose rows are neutralised and whose delimiter and decimal sign follow
    `language` (default: the active language); same writerow/writerows interface."""

    def __init__(self, out, *, language: str | None = None, **kwargs):
        kwargs.setdefault("delimiter", csv_delimiter(language))
        self._decimal_sign = "," if is_swedish(language) else "."
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable):
        return self._writer.writerow([csv_cell(value, decimal_sign=self._decimal_sign) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, *, language: str | None = None, **kwargs) -> SafeCsvWriter:
    return SafeCsvWriter(out, language=language, **kwargs)


def append_row(sheet, row: Iterable) -> None:
    """sheet.append(row), with formula-like text kept as a text cell showing the same value."""
    values = list(row)
    sheet.append(values)
    if not any(is_formula_like(value) for value in values):
        return
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if is_formula_like(value):
            cell.data_type = "s"
            cell.quotePrefix = True


def csv_text(rows: Iterable[Iterable], *, language: str | None = None, **kwargs) -> str:
    """`rows` as CSV text through `csv_writer` (`kwargs` such as delimiter go to csv.writer)."""
    out = io.StringIO()
    csv_writer(out, language=language, **kwargs).writerows(rows)
    return out.getvalue()


def xlsx_bytes(sheets: Iterable[tuple[str, Iterable[Iterable]]]) -> bytes:
    """An XLSX workbook with one sheet per (title, rows), in order; titles are cut to Excel's 31
    characters and every row goes through `append_row`."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title[:31])
        for row in rows:
            append_row(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
