"""The one reader for uploaded tables: CSV and XLSX as rows of text.

CSV: the encoding is decided over the whole file (UTF-8 with or without BOM, else Windows-1252 or
ISO-8859-1 as Excel with Swedish settings writes); a file that is UTF-8 in one place and another
encoding elsewhere is refused with the line number, never decoded into wrong letters. The
delimiter (; , or tab) is read from the header line; quoted fields follow the CSV rules.

XLSX: the zip's directory is checked before any sheet is parsed (total unpacked size, packing
ratio, number of entries), so a zip bomb is refused without unpacking it; the sheet is then read
with openpyxl in read-only mode, and the row and column limits hold while reading.

Every refusal is a `TableError` (a ValidationError) with a message for the person who uploaded.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kedja.core.uploads import check_upload

CHUNK = 1 << 20
DELIMITERS = (";", ",", "\t")
# Bytes that Windows-1252 leaves undefined; a file with them is ISO-8859-1.
NOT_CP1252 = b"\x81\x8d\x8f\x90\x9d"
ENCODING_LABELS = {
    "utf-8": gettext_lazy("UTF-8"),
    "utf-8-sig": gettext_lazy("UTF-8 with byte order mark (BOM)"),
    "cp1252": gettext_lazy("Windows-1252 (Western European, as Excel saves “CSV” on Swedish Windows)"),
    "latin-1": gettext_lazy("ISO-8859-1 (Latin-1)"),
}
DELIMITER_LABELS = {
    ";": gettext_lazy("semicolon (;)"),
    ",": gettext_lazy("comma (,)"),
    "\t": gettext_lazy("tab"),
}
MAX_ZIP_ENTRIES = 10_000
MAX_PACKING_RATIO = 500  # real sheets pack 5–100 times; a zip bomb packs about a thousand times


class TableError(ValidationError):
    """The file cannot be read as a table; the message says why and what to do."""


@dataclass
class TableInfo:
    """How a file was read, to be stated on the result page."""

    kind: str  # "csv" or "xlsx"
    encoding: str = ""  # a codec name, keys of ENCODING_LABELS (CSV only)
    delimiter: str = ""  # CSV only
    sheet: str = ""  # XLSX only

    @property
    def encoding_label(self) -> str:
        return str(ENCODING_LABELS.get(self.encoding, self.encoding))

    @property
    def delimiter_label(self) -> str:
        return str(DELIMITER_LABELS.get(self.delimiter, self.delimiter))


@dataclass
class Limits:
    rows: int
    columns: int = 200
    unpacked_bytes: int | None = None  # XLSX; default KEDJA_XLSX_MAX_UNPACKED_BYTES


def detect_encoding(handle, *, scan_bytes: int | None = None) -> str:
    """The codec of the whole file: "utf-8-sig", "utf-8", "cp1252" or "latin-1".

    Reads the file in chunks to the end (never only its start). A file with UTF-8 characters before
    a byte that is not UTF-8 mixes two encodings and is refused: whichever is chosen, some letters
    would come out wrong. `scan_bytes` limits the reading to the start, for a first look at a file
    that is read whole later (spend screening reads the whole file again in the background).
    """
    handle.seek(0)
    bom = handle.read(3) == codecs.BOM_UTF8
    handle.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines, multibyte_line, scanned = 1, 0, 0
    while (scan_bytes is None or scanned < scan_bytes) and (chunk := handle.read(CHUNK)):
        scanned += len(chunk)
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            before = chunk[: max(error.start, 0)]
            multibyte_line = multibyte_line or _first_non_ascii_line(before, lines)
            if bom or multibyte_line:
                raise _mixed(multibyte_line or 1, lines + before.count(b"\n")) from None
            return _single_byte(handle, scan_bytes)
        multibyte_line = multibyte_line or _first_non_ascii_line(chunk, lines)
        lines += chunk.count(b"\n")
    if scan_bytes is not None and scanned >= scan_bytes:
        return "utf-8-sig" if bom else "utf-8"  # the cut may split a character: no final check
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        if bom or multibyte_line:
            raise _mixed(multibyte_line or 1, lines) from None
        return _single_byte(handle, scan_bytes)
    return "utf-8-sig" if bom else "utf-8"


def _first_non_ascii_line(chunk: bytes, lines_before: int) -> int:
    """The line number of the chunk's first byte above 127, or 0 when the chunk is ASCII."""
    if chunk.isascii():
        return 0
    first = next(i for i, byte in enumerate(chunk) if byte > 127)
    return lines_before + chunk[:first].count(b"\n")


def _mixed(utf8_line: int, bad_line: int) -> TableError:
    return TableError(
        _(
            "The file mixes two text encodings: line %(utf8)d is UTF-8, but line %(bad)d has a character "
            "that is not UTF-8 (probably Windows-1252). Open the file in Excel and save it again as "
            "“CSV UTF-8”, then upload it again."
        )
        % {"utf8": utf8_line, "bad": bad_line}
    )


def _single_byte(handle, scan_bytes: int | None = None) -> str:
    handle.seek(0)
    scanned = 0
    while (scan_bytes is None or scanned < scan_bytes) and (chunk := handle.read(CHUNK)):
        scanned += len(chunk)
        if any(byte in chunk for byte in NOT_CP1252):
            return "latin-1"
    return "cp1252"


def detect_delimiter(header_line: str) -> str:
    """The delimiter that splits the header line into the most fields (quoted text is not counted)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(DELIMITERS, key=lambda d: counts[d])


def inspect(
    uploaded, *, allowed: set[str], max_bytes: int | None = None, scan_bytes: int | None = None
) -> TableInfo:
    """Check the upload (size, real type) and find how its table is written; raise TableError.
    `scan_bytes` limits the encoding check to the start of the file (see detect_encoding)."""
    try:
        kind = check_upload(uploaded, allowed=allowed, max_bytes=max_bytes)
    except ValidationError as error:
        raise TableError(error.messages) from None
    if kind == "xlsx":
        return TableInfo(kind="xlsx")
    if kind not in ("csv", "txt"):
        return TableInfo(kind=kind)
    encoding = detect_encoding(uploaded, scan_bytes=scan_bytes)
    uploaded.seek(0)
    first = uploaded.readline(1 << 16).decode(encoding, errors="replace")
    uploaded.seek(0)
    return TableInfo(kind="csv", encoding=encoding, delimiter=detect_delimiter(first))


def iter_rows(uploaded, info: TableInfo, limits: Limits, *, sheet: str = "") -> Iterator[list[str]]:
    """Every row of the table as text cells, the header first; raise TableError when a limit is
    passed or the file turns out to be damaged while it is read."""
    rows = _csv_rows(uploaded, info) if info.kind == "csv" else _xlsx_rows(uploaded, info, limits, sheet)
    for count, row in enumerate(rows, start=1):
        if count > limits.rows + 1:
            raise TableError(
                _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": limits.rows}
            )
        if len(row) > limits.columns:
            raise TableError(
                _("Row %(row)d has more than %(max)d columns.") % {"row": count, "max": limits.columns}
            )
        yield row


def read_table(uploaded, limits: Limits, *, allowed: set[str] = frozenset({"csv", "xlsx"})):
    """The whole table of a small upload: (TableInfo, rows as lists of stripped text, header first).
    Trailing blank rows are dropped; an empty table raises TableError."""
    info = inspect(uploaded, allowed=set(allowed))
    rows = [[cell.strip() for cell in row] for row in iter_rows(uploaded, info, limits)]
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise TableError(_("The file is empty."))
    return info, rows


def _csv_rows(uploaded, info: TableInfo) -> Iterator[list[str]]:
    uploaded.seek(0)
    text = io.TextIOWrapper(_Unclosable(uploaded), encoding=info.encoding, newline="")
    reader = csv.reader(text, delimiter=info.delimiter)
    try:
        yield from reader
    except csv.Error as error:
        raise TableError(
            _("Line %(line)d cannot be read as CSV (%(reason)s). Check the quotation marks on that line.")
            % {"line": reader.line_num, "reason": error}
        ) from None
    except UnicodeDecodeError:
        # detect_encoding read the same bytes; reaching this means the file changed meanwhile.
        raise TableError(_("The file's text encoding could not be read.")) from None


class _Unclosable(io.RawIOBase):
    """Lets a TextIOWrapper read an uploaded file without closing it when the wrapper goes away."""

    def __init__(self, handle):
        self.handle = handle

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.handle.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def check_xlsx_archive(uploaded, limits: Limits) -> None:
    """Refuse an XLSX whose zip would unpack too far, before any XML is parsed.

    Python's zipfile never unpacks an entry past its declared size, so the declared sizes bound
    what parsing can cost.
    """
    limit = limits.unpacked_bytes or settings.KEDJA_XLSX_MAX_UNPACKED_BYTES
    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise TableError(_damaged()) from None
    finally:
        uploaded.seek(0)
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if len(entries) > MAX_ZIP_ENTRIES or unpacked > limit or unpacked / packed > MAX_PACKING_RATIO:
        raise TableError(
            _(
                "The Excel file would unpack to %(size)s, more than the %(limit)s Kedja reads, or is packed "
                "in a way no spreadsheet program writes. Save the sheet as CSV and upload that instead."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)}
        )


def _damaged() -> str:
    return _(
        "The Excel file is damaged or is not really an XLSX file. Open it in Excel, save it again as "
        "“Excel Workbook (.xlsx)” and upload it again."
    )


def sheet_names(uploaded, limits: Limits) -> list[str]:
    check_xlsx_archive(uploaded, limits)
    book = _open_book(uploaded)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _open_book(uploaded):
    from openpyxl import load_workbook

    uploaded.seek(0)
    try:
        return load_workbook(uploaded, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, XML errors, …) for a damaged workbook
        raise TableError(_damaged()) from None


def _xlsx_rows(uploaded, info: TableInfo, limits: Limits, sheet: str) -> Iterator[list[str]]:
    check_xlsx_archive(uploaded, limits)
    book = _open_book(uploaded)
    try:
        if sheet and sheet not in book.sheetnames:
            raise TableError(
                _("The workbook has no sheet “%(sheet)s”. Its sheets are: %(sheets)s.")
                % {"sheet": sheet, "sheets": ", ".join(book.sheetnames)}
            )
        worksheet = book[sheet] if sheet else book.worksheets[0]
        info.sheet = worksheet.title
        # The declared dimension lets a too-large sheet be refused before its rows are parsed.
        if (worksheet.max_row or 0) > limits.rows + 1 or (worksheet.max_column or 0) > limits.columns:
            raise TableError(
                _(
                    "The sheet has %(rows)s rows and %(columns)s columns; Kedja reads at most %(max_rows)s rows and %(max_columns)s columns."
                )
                % {
                    "rows": worksheet.max_row,
                    "columns": worksheet.max_column,
                    "max_rows": limits.rows,
                    "max_columns": limits.columns,
                }
            )
        for row in worksheet.iter_rows(values_only=True):
            cells = [cell_text(value) for value in row]
            while cells and not cells[-1]:
                cells.pop()
            yield cells
    except TableError:
        raise
    except Exception:  # a sheet can be damaged further in than openpyxl looked when opening it
        raise TableError(_damaged()) from None
    finally:
        book.close()


def cell_text(value) -> str:
    """An Excel cell's value as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)
