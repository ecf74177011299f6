"""Spend screening: aggregates, rows that cannot be screened, exports, bad files and access."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from kedja.core.models import AuditEntry
from kedja.core.testing import xlsx_zip_bomb
from kedja.risk.models import SpendScreening
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
    # The line whose date cannot be read is flagged but stays in the totals.
    assert (result.total_lines, result.valid_lines) == (8, 4)
    gloves = next(e for e in result.by_category if e["key"] == "gloves")
    assert gloves["lines"] == 3 and gloves["spend"] == Decimal("1205.5")
    assert gloves["weighted"] == pytest.approx(1000.5 * 1.0 + 200 * 0.8 + 5 * 0.8)
    assert result.by_supplier[0]["name"] == "Leverantör A AB" and result.by_supplier[0]["known"]
    assert {e["key"] for e in result.by_country} == {"MYS", "PAK", "SWE", ""}


def test_every_problem_row_is_counted_and_listed_with_a_reason(tmp_path):
    result = screen(write(tmp_path, GOOD_CSV), TABLES, max_issues=3)
    assert result.issue_counts == {
        "unknown_category": 1,
        "no_supplier": 1,
        "bad_amount": 1,
        "bad_date": 1,
        "bad_country": 1,
    }
    excluded = sum(n for reason, n in result.issue_counts.items() if reason != "bad_date")
    assert result.valid_lines + excluded == result.total_lines
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
    with pytest.raises(SpendFileError, match="Obligatoriska kolumner saknas: Belopp.*Belopp SEK.*Netto"):
        screen(write(tmp_path, "supplier,cpv\nX,33169000\n"), TABLES)
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x00\x01\x02\x03garbage")
    with pytest.raises(SpendFileError):
        screen(binary, TABLES)


def upload(client, content, name="lines.csv", **extra):
    data = content if isinstance(content, bytes) else content.encode()
    return client.post(reverse("risk:spend_screening"), {"file": SimpleUploadedFile(name, data), **extra})


def start(client, response, capture, **columns):
    """Confirm the recognised columns (or the given ones) and run the background screening."""
    mapping_url = response["Location"]
    form = client.get(mapping_url).context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields} | columns
    with capture(execute=True):
        started = client.post(mapping_url, data)
    assert started.status_code == 302, started.context["form"].errors
    return SpendScreening.objects.get(uuid=mapping_url.rstrip("/").split("/")[-2])


def test_upload_map_screen_share_and_export(
    personas, reference, client_for, django_capture_on_commit_callbacks
):
    client = client_for(personas.olle)
    item = start(client, upload(client, GOOD_CSV), django_capture_on_commit_callbacks)
    item.refresh_from_db()
    assert item.status == "done" and item.stored_file == "", "the file is deleted after screening"
    assert not (Path(settings.MEDIA_ROOT) / "spend" / f"{item.uuid}.data").exists()
    assert len(item.sha256) == 64 and item.source["encoding"] == "utf-8"
    page = client.get(reverse("risk:spend_result", args=[item.uuid])).content.decode()
    assert "Leverantör A AB" in page and "UTF-8" in page
    assert (
        "Leverantör A AB" in client.get(reverse("risk:spend_export_csv", args=[item.uuid])).content.decode()
    )
    book = load_workbook(io.BytesIO(client.get(reverse("risk:spend_export_xlsx", args=[item.uuid])).content))
    assert len(book.sheetnames) == 4
    assert AuditEntry.objects.filter(object_id=str(item.pk), action="risk.spend_upload").exists()


def test_sharing_shows_the_result_to_colleagues_of_the_region_only(
    personas, reference, client_for, django_capture_on_commit_callbacks
):
    owner = client_for(personas.olle)
    item = start(owner, upload(owner, GOOD_CSV), django_capture_on_commit_callbacks)
    colleague = colleague_of(item.organisation)
    url = reverse("risk:spend_result", args=[item.uuid])
    assert client_for(colleague).get(url).status_code == 404
    owner.post(reverse("risk:spend_share", args=[item.uuid]), {"shared": "1"})
    assert client_for(colleague).get(url).status_code == 200
    assert client_for(personas.vera).get(url).status_code == 404  # another region
    # Only the owner may change sharing; a colleague's attempt is the same 404.
    response = client_for(colleague).post(reverse("risk:spend_share", args=[item.uuid]), {"shared": "0"})
    assert response.status_code == 404 and SpendScreening.objects.get(pk=item.pk).shared


def colleague_of(organisation):
    from kedja.organisations.models import Membership, Role, User

    user = User.objects.create_user(email="kollega@stockholm.test", password="x", full_name="Kim Kollega")
    Membership.objects.create(user=user, organisation=organisation, role=Role.STRATEGIST)
    return user


def test_excel_with_swedish_headers_and_a_corrected_column(
    personas, reference, client_for, django_capture_on_commit_callbacks
):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Leverantör", "CPV-kod", "Netto", "Brutto", "Land"])
    book.active.append(["556000-0001", "33141420", 100, 125, "Malaysia"])
    out = io.BytesIO()
    book.save(out)
    client = client_for(personas.olle)
    response = upload(client, out.getvalue(), name="ekonomi.xlsx")
    mapping = client.get(response["Location"])
    assert mapping.context["form"].initial["amount"] == "Netto"
    assert [row["amount"] for row in mapping.context["preview"]] == [Decimal(100)]
    item = start(client, response, django_capture_on_commit_callbacks, amount="Brutto")
    item.refresh_from_db()
    assert item.status == "done" and Decimal(item.result["total_spend"]) == Decimal(125)
    assert item.result["by_country"][0]["key"] == "MYS"


def test_a_chosen_sheet_of_a_workbook_is_screened(
    personas, reference, client_for, django_capture_on_commit_callbacks
):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Info"
    book.active.append(["Export från ekonomisystemet, 2025-03-31"])
    lines = book.create_sheet("Fakturor")
    lines.append(["Leverantör", "CPV-kod", "Belopp", "Land"])
    lines.append(["556000-0001", "33141420", 1234.5, "Malaysia"])
    out = io.BytesIO()
    book.save(out)
    client = client_for(personas.olle)
    response = upload(client, out.getvalue(), name="export.xlsx")
    mapping_url = response["Location"]
    first = client.get(mapping_url).context["form"]
    assert first.initial["sheet"] == "Info" and "amount" not in first.initial
    assert client.post(mapping_url, {"sheet": "Fakturor", "preview": "1"})["Location"] == mapping_url
    item = start(client, response, django_capture_on_commit_callbacks)
    item.refresh_from_db()
    assert item.status == "done" and item.source["sheet"] == "Fakturor"
    assert Decimal(item.result["total_spend"]) == Decimal("1234.5")


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=10)
def test_a_large_upload_is_moved_not_read_again_and_hashed_in_the_background(
    personas, reference, client_for, django_capture_on_commit_callbacks
):
    import hashlib

    client = client_for(personas.olle)
    item = start(client, upload(client, GOOD_CSV), django_capture_on_commit_callbacks)
    item.refresh_from_db()
    assert item.status == "done" and item.sha256 == hashlib.sha256(GOOD_CSV.encode()).hexdigest()


def test_a_file_changing_encoding_after_the_first_megabyte_fails_in_the_background_with_the_lines(
    personas, reference, client_for, django_capture_on_commit_callbacks
):
    content = "Leverantör;CPV-kod;Belopp\n556000-0001;33141420;1,50\n".encode() * 1
    content += b"556000-0001;33141420;2\n" * 60_000 + "Örebro AB;33141420;3\n".encode("cp1252")
    client = client_for(personas.olle)
    item = start(client, upload(client, content), django_capture_on_commit_callbacks)
    item.refresh_from_db()
    assert item.status == "failed" and "teckenkodningar" in item.error and item.result is None
    page = client.get(reverse("risk:spend_result", args=[item.uuid])).content.decode()
    assert "teckenkodningar" in page


def test_the_regions_corrected_mapping_is_offered_for_the_next_file(
    personas, reference, client_for, django_capture_on_commit_callbacks
):
    layout = "Leverantör;CPV-kod;Netto;Brutto\n556000-0001;33141420;100;125\n"
    client = client_for(personas.olle)
    start(client, upload(client, layout), django_capture_on_commit_callbacks, amount="Brutto")
    following = client.get(upload(client, layout.replace("125", "250"))["Location"])
    assert following.context["form"].initial["amount"] == "Brutto"
    other_layout = client.get(upload(client, "Leverantör;CPV-kod;Netto\nX;33141420;5\n")["Location"])
    assert other_layout.context["form"].initial["amount"] == "Netto"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lines.pdf", b"x", "CSV"),
        ("lines.csv", b"MZ\x90\x00\x03\x00", "CSV"),
        ("bomb.xlsx", None, "packas upp"),
        (
            "mixed.csv",
            "Leverantör;Belopp\nÖrebro AB;1\n".encode() + "Lund;ö\n".encode("cp1252"),
            "teckenkodningar",
        ),
    ],
)
def test_bad_upload_says_why_and_stores_nothing(personas, reference, client_for, name, content, message):
    if content is None:
        content = xlsx_zip_bomb()
    response = upload(client_for(personas.olle), content, name=name)
    assert response.status_code == 200 and message in response.content.decode()
    assert not SpendScreening.objects.exists()


def test_missing_columns_are_refused_in_the_mapping_step(personas, reference, client_for):
    client = client_for(personas.olle)
    response = upload(client, "supplier,cpv\nX,1\n")
    page = client.post(response["Location"], {"supplier": "supplier", "cpv": "cpv"})
    assert page.status_code == 200 and "Obligatoriska kolumner saknas" in page.content.decode()
    assert SpendScreening.objects.get().status == "mapping"


@override_settings(KEDJA_SPEND_MAX_BYTES=100)
def test_the_size_limit_is_stated_and_enforced(personas, reference, client_for):
    client = client_for(personas.olle)
    page = client.get(reverse("risk:spend_screening"))
    assert page.context["limit"] in page.content.decode()
    response = upload(client, GOOD_CSV)
    assert "Filen är för stor" in response.content.decode() and not SpendScreening.objects.exists()


def test_other_users_and_suppliers_cannot_reach_results(personas, reference, client_for):
    item_url = upload(client_for(personas.olle), GOOD_CSV)["Location"]
    assert client_for(personas.vera).get(item_url).status_code == 404
    assert client_for(personas.lev).get(reverse("risk:spend_screening")).status_code == 403
    assert client_for(None).get(reverse("risk:spend_screening")).status_code == 302
