"""The one way Kedja writes CSV and XLSX: text that a spreadsheet would run as a formula stays text.

A value starting with =, +, -, @, tab or carriage return is a formula to Excel and LibreOffice
(`=HYPERLINK(...)` can send data to another site when the file is opened). Supplier names, titles
and free texts come from people outside the region, so every writer goes through this module.

- XLSX: such text is stored as a text cell with Excel's quote prefix, so the cell shows exactly
  the value and never evaluates it.
- CSV has no cell types: such text gets a leading apostrophe, the convention spreadsheet programs
  and OWASP use; the rest of the value is unchanged.
Numbers, dates and booleans are written as they are (a negative number is not text).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_cell(value):
    """A value for a CSV cell: formula-like text gets a leading apostrophe."""
    return f"'{value}" if is_formula_like(value) else value


class SafeCsvWriter:
    """csv.writer whose rows are neutralised; same writerow/writerows interface."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable):
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs) -> SafeCsvWriter:
    return SafeCsvWriter(out, **kwargs)


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


def csv_text(rows: Iterable[Iterable], **kwargs) -> str:
    """`rows` as CSV text through `csv_writer` (`kwargs` such as delimiter go to csv.writer)."""
    out = io.StringIO()
    csv_writer(out, **kwargs).writerows(rows)
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
