"""The one table reader: files as Swedish finance and office software writes them, and hostile ones."""

import csv
import io
import zipfile
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from openpyxl import Workbook

from kedja.core.tables import Limits, TableError, detect_encoding, inspect, iter_rows, read_table

LIMITS = Limits(rows=1000, columns=20)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


ROWS = [
    ["Leverantör", "Belopp", "Ort"],
    ["Åkerö Städ AB", "1 234,50", "Västerås"],
    ["Bröderna Öst; filial", "−99,00", "Luleå"],  # the delimiter inside a quoted field
    ['Café "Smörgås" HB', "12", "Malmö"],
]


def excel_csv(rows, *, encoding="cp1252", delimiter=";") -> bytes:
    """CSV as Excel with Swedish settings saves it: semicolons, CRLF, quotes only where needed."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = out.getvalue()
    if encoding == "cp1252":
        text = text.replace("−", "-")  # Windows-1252 has no Unicode minus; Excel writes a hyphen
    return text.encode(encoding)


def xlsx(rows, *, title="Blad1") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(name, content, **kwargs):
    return read_table(SimpleUploadedFile(name, content), kwargs.pop("limits", LIMITS), **kwargs)


@pytest.mark.parametrize(
    ("content", "encoding", "delimiter"),
    [
        (excel_csv(ROWS), "cp1252", ";"),
        (excel_csv(ROWS, encoding="utf-8"), "utf-8", ";"),
        (b"\xef\xbb\xbf" + excel_csv(ROWS, encoding="utf-8", delimiter=","), "utf-8-sig", ","),
        (excel_csv(ROWS, encoding="utf-8", delimiter="\t"), "utf-8", "\t"),
    ],
)
def test_csv_in_every_encoding_and_delimiter_reads_the_same_letters(content, encoding, delimiter):
    info, rows = read("export.csv", content)
    assert (info.kind, info.encoding, info.delimiter) == ("csv", encoding, delimiter)
    assert rows[1] == ["Åkerö Städ AB", "1 234,50", "Västerås"]
    assert rows[2][0] == "Bröderna Öst; filial"
    assert rows[3][0] == 'Café "Smörgås" HB'


def test_windows_1252_after_4_kb_of_ascii_is_read_as_windows_1252():
    content = b"name;amount\r\n" + b"Acme AB;100\r\n" * 500 + "Åhléns;5\r\n".encode("cp1252")
    info, rows = read("late.csv", content)
    assert info.encoding == "cp1252" and rows[-1] == ["Åhléns", "5"]


def test_utf8_start_and_latin1_later_is_refused_with_the_lines_named():
    content = "namn;belopp\nÖrebro AB;1\n".encode() + b"Acme;1\n" * 800 + "Göteborg;2\n".encode("latin-1")
    with pytest.raises(TableError) as error:
        read("mixed.csv", content)
    message = error.value.messages[0]
    assert "line 2 is UTF-8" in message and "line 803" in message and "CSV UTF-8" in message


def test_iso_8859_1_bytes_windows_1252_leaves_undefined_are_read_as_latin1():
    assert detect_encoding(io.BytesIO(b"a;b\n\x8d;1\n")) == "latin-1"


def test_broken_quotes_are_a_message_not_an_error():
    with pytest.raises(TableError) as error:
        read("q.csv", b"a;b\n" + b'x;"' + b"y" * 200_000 + b"\n")
    assert "Line" in error.value.messages[0]


def test_binary_content_named_csv_is_refused():
    with pytest.raises(TableError) as error:
        read("x.csv", b"MZ\x90\x00\x03\x00\x00\x00")
    assert "not accepted" in error.value.messages[0]


def test_xlsx_cells_become_the_text_a_csv_would_hold():
    content = xlsx(
        [["Leverantör", "Belopp", "Datum"], ["Åkerö AB", 1234.5, datetime(2025, 3, 1)], ["B", 7.0, None]]
    )
    info, rows = read("ekonomi.xlsx", content)
    assert info.kind == "xlsx" and info.sheet == "Blad1"
    assert rows[1:] == [["Åkerö AB", "1234.5", "2025-03-01"], ["B", "7"]]


def test_a_chosen_sheet_is_read_and_an_unknown_one_is_named():
    book = Workbook()
    book.active.append(["x"])
    book.create_sheet("Fakturor").append(["Leverantör"])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("b.xlsx", out.getvalue())
    info = inspect(upload, allowed={"xlsx"})
    assert list(iter_rows(upload, info, LIMITS, sheet="Fakturor")) == [["Leverantör"]]
    with pytest.raises(TableError) as error:
        list(iter_rows(upload, info, LIMITS, sheet="Saknas"))
    assert "Fakturor" in error.value.messages[0]


def test_xlsx_zip_bomb_is_refused_before_parsing():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(60):
                sheet.write(b"<row/>" * 174_763)  # 60 MB of one repeated tag
    with pytest.raises(TableError) as error:
        read("bomb.xlsx", out.getvalue())
    assert "would unpack" in error.value.messages[0]


@override_settings(KEDJA_XLSX_MAX_UNPACKED_BYTES=20_000)
def test_xlsx_unpacking_past_the_setting_is_refused():
    content = xlsx([[f"row {n}", n, "text " * 5] for n in range(2000)])
    with pytest.raises(TableError) as error:
        read("big.xlsx", content)
    assert "19.5\xa0KB" in error.value.messages[0]


def test_xlsx_declaring_a_million_rows_is_refused_before_reading_them():
    book = Workbook()
    book.active["A1"] = "Leverantör"
    book.active["A1048576"] = "x"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(TableError) as error:
        read("tall.xlsx", out.getvalue())
    assert "1048576 rows" in error.value.messages[0]


def test_too_many_csv_rows_or_columns_are_refused():
    with pytest.raises(TableError, match="more than 1000 rows"):
        read("long.csv", b"a\n" + b"1\n" * 1002)
    with pytest.raises(TableError, match="more than 20 columns"):
        read("wide.csv", b";".join([b"c"] * 30) + b"\n")


def workbook_with_broken_xml() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (xlsx([["a"]])[:300], "not accepted"),  # cut off during the upload: not even a zip any more
        (b"PK\x03\x04" + b"\x00" * 100, "not accepted"),
        (workbook_with_broken_xml(), "damaged"),
    ],
)
def test_broken_xlsx_is_refused_with_a_message(content, message):
    with pytest.raises(TableError) as error:
        read("broken.xlsx", content)
    assert message in error.value.messages[0]


def test_dates_in_xlsx_are_iso_text():
    _info, rows = read("d.xlsx", xlsx([["d"], [date(2025, 3, 1)], [datetime(2025, 3, 1, 8, 30)]]))
    assert rows[1:] == [["2025-03-01"], ["2025-03-01 08:30:00"]]
