"""Spend screening: aggregates, rows that cannot be screened, exports, bad files and access."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from kedja.risk.spend import ScreeningTables, SpendFileError, screen

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "supplier_org_number;cpv;amount;date;country\n"
    "556000-0001;33141420-0;1000,50;2025-01-02;MYS\n"
    "556000-0001;33141420;200;2025-01-03;\n"
    "Okänd AB;33169000-4;300;2025-01-04;PAK\n"
    "556000-0002;99999999;50;2025-01-05;SWE\n"
    ";33141420;10;2025-01-05;SWE\n"
    "556000-0002;33141420;abc;2025-01-05;SWE\n"
    "556000-0002;33141420;5;notadate;SWE\n"
    "556000-0002;33141420;5;2025-01-05;Sweden\n"
)
TABLES = ScreeningTables(
    category_prefixes={"3314142": ["gloves"], "33169": ["surgical_instruments"], "33141113": ["a", "b"]},
    category_names={"gloves": "Handskar", "surgical_instruments": "Kirurgiska instrument"},
    suppliers={"5560000001": "Leverantör A AB"},
    weights={("gloves", ""): 0.8, ("gloves", "MYS"): 1.0, ("surgical_instruments", ""): 0.6},
)


def write(tmp_path, text, name="lines.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_aggregates_and_weights(tmp_path):
    result = screen(write(tmp_path, GOOD_CSV), TABLES)
    assert (result.total_lines, result.valid_lines) == (8, 3)
    gloves = next(e for e in result.by_category if e["key"] == "gloves")
    assert gloves["lines"] == 2 and gloves["spend"] == pytest.approx(1200.5)
    assert gloves["weighted"] == pytest.approx(1000.5 * 1.0 + 200 * 0.8)
    assert result.by_supplier[0]["name"] == "Leverantör A AB" and result.by_supplier[0]["known"]
    assert {e["key"] for e in result.by_country} == {"MYS", "PAK", ""}


def test_every_problem_row_is_counted_and_listed_with_a_reason(tmp_path):
    result = screen(write(tmp_path, GOOD_CSV), TABLES, max_issues=3)
    assert result.issue_counts == {
        "unknown_category": 1,
        "no_supplier": 1,
        "bad_amount": 1,
        "bad_date": 1,
        "bad_country": 1,
    }
    assert result.valid_lines + sum(result.issue_counts.values()) == result.total_lines
    assert [i["row"] for i in result.issues] == [4, 5, 6]
    assert result.issues[0]["reason_text"]


def test_shared_prefix_is_ambiguous_not_guessed(tmp_path):
    result = screen(write(tmp_path, "supplier,cpv,amount\nX AB,33141113,10\n"), TABLES)
    assert result.issue_counts == {"unknown_category": 1}


def test_category_column_instead_of_cpv(tmp_path):
    result = screen(write(tmp_path, "supplier,category,amount\nX AB,Handskar,10\nY AB,gloves,5\n"), TABLES)
    assert result.valid_lines == 2


def test_parquet_input(tmp_path):
    import duckdb

    path = tmp_path / "lines.parquet"
    duckdb.sql(
        "COPY (SELECT '5560000001' AS supplier_org_number, '33169000' AS cpv, 12.5::DOUBLE AS amount) "
        f"TO '{path}' (FORMAT parquet)"
    )
    result = screen(path, TABLES)
    assert result.valid_lines == 1 and result.by_category[0]["weighted"] == pytest.approx(7.5)


def test_bad_files_give_a_clear_message(tmp_path):
    with pytest.raises(SpendFileError, match="Obligatoriska kolumner saknas: amount"):
        screen(write(tmp_path, "supplier,cpv\nX,33169000\n"), TABLES)
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x00\x01\x02\x03garbage")
    with pytest.raises(SpendFileError):
        screen(binary, TABLES)


def upload(client, text, name="lines.csv"):
    return client.post(reverse("risk:spend_screening"), {"file": SimpleUploadedFile(name, text.encode())})


def test_upload_screen_and_export(personas, reference, client_for):
    client = client_for(personas.olle)
    response = upload(client, GOOD_CSV)
    assert response.status_code == 302
    result = client.get(response["Location"])
    assert "Leverantör A AB" in result.content.decode()
    token = response["Location"].rstrip("/").split("/")[-1]
    csv_export = client.get(reverse("risk:spend_export_csv", args=[token]))
    assert "Leverantör A AB" in csv_export.content.decode()
    xlsx = client.get(reverse("risk:spend_export_xlsx", args=[token]))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert len(book.sheetnames) == 4


def test_bad_upload_shows_the_reason(personas, reference, client_for):
    client = client_for(personas.olle)
    response = upload(client, "x", name="lines.pdf")
    assert response.status_code == 200 and "CSV- eller Parquet" in response.content.decode()
    followed = client.get(upload(client, "supplier,cpv\nX,1\n")["Location"], follow=True)
    assert "Obligatoriska kolumner saknas" in followed.content.decode()


def test_other_sessions_and_suppliers_cannot_reach_results(personas, reference, client_for):
    token = upload(client_for(personas.olle), GOOD_CSV)["Location"].rstrip("/").split("/")[-1]
    assert client_for(personas.vera).get(reverse("risk:spend_result", args=[token])).status_code == 404
    assert client_for(personas.lev).get(reverse("risk:spend_screening")).status_code == 403
    assert client_for(None).get(reverse("risk:spend_screening")).status_code == 302
