"""Exports never hand a spreadsheet a formula: text stays text and shows the same value."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from kedja.core.exports import append_row, csv_text, csv_writer
from kedja.risk import screening
from kedja.risk.spend import Screening

ATTACK = '=HYPERLINK("http://x","y")'
HOSTILE = [ATTACK, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def xlsx_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_xlsx_keeps_formula_like_text_as_text_with_the_same_visible_value():
    book = Workbook()
    append_row(book.active, [*HOSTILE, 42, -7.5, "Åkerö AB"])
    out = io.BytesIO()
    book.save(out)
    cells = xlsx_cells(out.getvalue())
    # XML reads a carriage return as a line break; the cell still starts with it and stays text.
    assert [c.value for c in cells] == [*(v.replace("\r", "\n") for v in HOSTILE), 42, -7.5, "Åkerö AB"]
    assert all(c.data_type == "s" for c in cells[: len(HOSTILE)])
    assert cells[len(HOSTILE)].data_type == "n" and cells[len(HOSTILE) + 1].data_type == "n"


def test_csv_prefixes_formula_like_text_and_leaves_numbers_alone():
    out = io.StringIO()
    csv_writer(out, language="en").writerows([[*HOSTILE, -7.5, "Åkerö AB"]])
    row = next(csv.reader(io.StringIO(out.getvalue())))
    assert row == [f"'{value}" for value in HOSTILE] + ["-7.5", "Åkerö AB"]


@pytest.fixture
def hostile_screening() -> Screening:
    entry = {"key": ATTACK, "name": ATTACK, "lines": 1, "spend": 10.0, "weighted": 5.0}
    issue = {
        "row": 2,
        "reason_text": "x",
        "supplier_raw": ATTACK,
        "cat_raw": ATTACK,
        "amount": ATTACK,
        "country": ATTACK,
    }
    return Screening(by_category=[entry], by_supplier=[entry], by_country=[entry], issues=[issue])


def test_spend_screening_exports_read_back_as_text(hostile_screening):
    cells = xlsx_cells(screening.as_xlsx(hostile_screening))
    attacks = [c for c in cells if c.value == ATTACK]
    assert len(attacks) == 10 and all(c.data_type == "s" for c in attacks)
    assert not any(c.data_type == "f" for c in cells)
    text = screening.as_csv(hostile_screening)
    values = [v for row in csv.reader(io.StringIO(text), delimiter=";") for v in row]
    assert ATTACK not in values and values.count("'" + ATTACK) == 10


def test_csv_follows_the_readers_language_and_reads_back_as_numbers():
    rows = [["Leverantör", "Belopp", "Andel"], ["Åkerö AB", 12500, 0.25], ["-1 AB", Decimal("1234.5"), -7.5]]
    swedish = list(csv.reader(io.StringIO(csv_text(rows, language="sv")), delimiter=";"))
    assert swedish == [
        ["Leverantör", "Belopp", "Andel"],
        ["Åkerö AB", "12500", "0,25"],
        ["'-1 AB", "1234,5", "-7,5"],
    ]
    assert float(swedish[2][1].replace(",", ".")) == 1234.5
    english = list(csv.reader(io.StringIO(csv_text(rows, language="en"))))
    assert english[1:] == [["Åkerö AB", "12500", "0.25"], ["'-1 AB", "1234.5", "-7.5"]]
    with translation.override("sv"):
        assert csv_text([[1.5, 2]]) == "1,5;2\r\n"
    with translation.override("en"):
        assert csv_text([[1.5, 2]]) == "1.5,2\r\n"


def test_the_spend_screening_in_swedish_reads_back_in_swedish_excel_conventions(hostile_screening):
    with translation.override("sv"):
        text = screening.as_csv(hostile_screening)
        book = load_workbook(io.BytesIO(screening.as_xlsx(hostile_screening)))
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["'" + ATTACK, "'" + ATTACK, "1", "10,0", "5,0"] in rows
    assert [c.value for c in book["Kategorier"][2]] == [ATTACK, ATTACK, 1, 10.0, 5.0]
