"""Spend screening reads files as Swedish finance systems export them, with exact totals.

Each file is generated from one list of lines whose expected totals per category and per country
are computed here, in Python, independently of the screening's SQL.
"""

import csv
import io
from datetime import datetime
from decimal import Decimal

import duckdb
import pytest
from openpyxl import Workbook

from kedja.risk.spend import ScreeningTables, SpendFileError, screen

TABLES = ScreeningTables(
    category_prefixes={
        "3314142": ["gloves"],
        "33169": ["surgical_instruments"],
        "3019": ["office"],
        "0314": ["eggs"],
    },
    category_names={
        "gloves": "Handskar",
        "surgical_instruments": "Kirurgiska instrument",
        "office": "Kontor",
        "eggs": "Ägg",
    },
    suppliers={"5560000001": "Leverantör A AB"},
    weights={("gloves", ""): 0.8, ("gloves", "MYS"): 1.0, ("surgical_instruments", ""): 0.6},
    countries={
        **dict.fromkeys(("MYS", "MY", "MALAYSIA"), "MYS"),
        **dict.fromkeys(("PAK", "PK", "PAKISTAN"), "PAK"),
        **dict.fromkeys(("SWE", "SE", "SVERIGE", "SWEDEN"), "SWE"),
    },
)
CATEGORY = {
    "33141420-0": "gloves",
    "33141420": "gloves",
    "33169000": "surgical_instruments",
}
CATEGORY |= {"30192000": "office", "3142500": "eggs"}  # 03142500 after Excel dropped the leading zero
NBSP, NNBSP, MINUS = "\u00a0", "\u202f", "\u2212"

# (supplier, cpv, amount, amount as the finance system wrote it, date as written, country as written)
LINES = [
    ("556000-0001", "33141420-0", Decimal("1234.50"), f"1{NBSP}234,50", "20250301", "MYS"),
    ("556000-0001", "33141420", Decimal("1234567.89"), f"1{NNBSP}234{NNBSP}567,89", "2025-03-01", "MY"),
    ("Åkerö Städ AB", "33169000", Decimal("-250.00"), f"{MINUS}250,00", "2025-03-01 00:00", "Pakistan"),
    ("Åkerö Städ AB", "33169000", Decimal("-99.95"), "99,95-", "01.03.2025", "PK"),
    ("Bröderna Öst HB", "30192000", Decimal("-1000"), "(1 000)", "2025-03", "Sverige"),
    ("Bröderna Öst HB", "3142500", Decimal("12345.60"), "12.345,60", "45717", "SWE"),
    ("556000-0002", "33141420", Decimal("1234.56"), "1'234.56", "2025-03-01T08:30:00", ""),
    ("556000-0002", "33169000", Decimal("0.5"), "0.5", "", "Malaysia"),
    ("556000-0002", "33169000", Decimal("7"), "7", "20250301", "se"),
]
HEADER = ["Leverantör", "CPV-kod", "Belopp SEK", "Fakturadatum", "Ursprungsland"]


def expected(lines) -> tuple[dict, dict]:
    by_category, by_country = {}, {}
    for _supplier, cpv, amount, _written, _date, country in lines:
        category = CATEGORY[cpv]
        iso3 = TABLES.countries.get(country.upper(), "") if country else ""
        by_category[category] = by_category.get(category, Decimal(0)) + amount
        by_country[iso3] = by_country.get(iso3, Decimal(0)) + amount
    return by_category, by_country


def rows(lines, *, cp1252=False):
    for supplier, cpv, _amount, written, date, country in lines:
        if cp1252:  # Windows-1252 has no narrow no-break space or Unicode minus; Excel writes these
            written = written.replace(NNBSP, NBSP).replace(MINUS, "-")
        yield [supplier, cpv, written, date, country]


def csv_bytes(lines, *, encoding, delimiter, bom=False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(lines, cp1252=encoding == "cp1252"))
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(encoding)


def xlsx_bytes(lines) -> bytes:
    """As an Excel export: amounts as numbers, dates as date cells, CPV as a number that lost its zero."""
    book = Workbook()
    book.active.title = "Fakturor"
    book.active.append(HEADER)
    for supplier, cpv, amount, _written, _date, country in lines:
        code = cpv.split("-")[0]
        book.active.append(
            [supplier, int(code) if code.isdigit() else code, amount, datetime(2025, 3, 1), country]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check(result, lines):
    by_category, by_country = expected(lines)
    assert {e["key"]: e["spend"] for e in result.by_category} == by_category
    assert {e["key"]: e["spend"] for e in result.by_country} == by_country
    assert result.total_spend == sum(by_category.values())
    assert result.valid_lines == result.total_lines == len(lines) and not result.issue_counts


@pytest.mark.parametrize(
    ("encoding", "delimiter", "bom", "label"),
    [
        ("cp1252", ";", False, "cp1252"),
        ("utf-8", ",", True, "utf-8-sig"),
        ("utf-8", "\t", False, "utf-8"),
        ("utf-8", ";", False, "utf-8"),
    ],
)
def test_csv_in_every_encoding_and_delimiter_gives_exact_totals(tmp_path, encoding, delimiter, bom, label):
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(LINES, encoding=encoding, delimiter=delimiter, bom=bom))
    result = screen(path, TABLES)
    check(result, LINES)
    assert result.source == {"kind": "csv", "encoding": label, "delimiter": delimiter}
    assert result.columns == dict(zip(("supplier", "cpv", "amount", "date", "country"), HEADER, strict=True))


def test_xlsx_with_swedish_headers_gives_exact_totals(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_bytes(xlsx_bytes(LINES))
    result = screen(path, TABLES)
    check(result, LINES)
    assert result.source == {"kind": "xlsx", "sheet": "Fakturor"}


def test_parquet_gives_exact_totals(tmp_path):
    path = tmp_path / "export.parquet"
    con = duckdb.connect()
    con.execute("CREATE TABLE t (Leverantör VARCHAR, cpv VARCHAR, Belopp DECIMAL(18, 2), Land VARCHAR)")
    con.executemany(
        "INSERT INTO t VALUES (?, ?, ?, ?)", [(s, c, a, country) for s, c, a, _w, _d, country in LINES]
    )
    con.execute(f"COPY t TO '{path}' (FORMAT parquet)")
    check(screen(path, TABLES), LINES)


def test_every_kind_of_problem_line_is_counted_and_never_changes_the_totals(tmp_path):
    text = "\r\n".join(
        [
            ";".join(HEADER),
            "556000-0001;33141420;1 000,00;20250301;MYS",  # good
            ";;;;",  # blank line
            "556000-0001;33141420;12,5;31.02.2025;MYS",  # date cannot be read: flagged, counted
            ";33141420;500;20250301;MYS",  # supplier missing
            "556000-0001;33141420;abc;20250301;MYS",  # amount not a number
            "556000-0001;99999999;100;20250301;MYS",  # unknown CPV
            "556000-0001;33141420;100;20250301;Atlantis",  # country not recognised
            "Summa;;1 712,50;;",  # the export's own total
        ]
    )
    path = tmp_path / "problems.csv"
    path.write_bytes(text.encode("cp1252"))
    result = screen(path, TABLES)
    assert result.total_spend == Decimal("1012.50")
    assert (result.total_lines, result.valid_lines) == (8, 2)
    assert result.issue_counts == {
        "blank_line": 1,
        "bad_date": 1,
        "no_supplier": 1,
        "bad_amount": 1,
        "unknown_category": 1,
        "bad_country": 1,
        "summary_row": 1,
    }
    raw = {i["reason"]: i for i in result.issues}
    assert raw["bad_amount"]["amount"] == "abc" and raw["bad_country"]["country"] == "Atlantis"
    assert raw["bad_date"]["date"] == "31.02.2025" and raw["summary_row"]["supplier_raw"] == "Summa"


def test_a_file_mixing_encodings_is_refused_with_the_lines(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        csv_bytes(LINES, encoding="utf-8", delimiter=";") + "Ödeshög AB;33169000;5;;\r\n".encode("cp1252")
    )
    with pytest.raises(SpendFileError, match="UTF-8"):
        screen(path, TABLES)


def test_unknown_headers_are_refused_naming_the_accepted_ones(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Firma;Kod;Pengar\nX;33169000;5\n", encoding="utf-8")
    with pytest.raises(SpendFileError) as error:
        screen(path, TABLES)
    assert "Leverantörsnamn" in str(error.value) and "Belopp SEK" in str(error.value)


def test_a_chosen_mapping_reads_columns_with_any_name(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Firma;Kod;Pengar\nX AB;33169000;5,50\n", encoding="utf-8")
    result = screen(path, TABLES, columns={"supplier": "Firma", "cpv": "Kod", "amount": "Pengar"})
    assert result.total_spend == Decimal("5.5")
