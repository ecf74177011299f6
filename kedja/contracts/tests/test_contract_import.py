"""Bulk contract import from CSV/XLSX: every row checked with the form's rules, a preview, then all
rows or none; Swedish or English headers, Windows-1252 or UTF-8."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from kedja.contracts import contract_import
from kedja.contracts.models import Contract
from kedja.core.models import AuditEntry
from kedja.organisations.models import Organisation, OrganisationKind

from . import factories

pytestmark = pytest.mark.django_db

SWEDISH_CSV = (
    "Avtalsnummer;Benämning;Leverantör;Organisationsnummer;Kategori;CPV-koder;Startdatum;Slutdatum;Ramavtal\n"
    "RS-1;Undersökningshandskar;Handskar AB;5566778899;gloves;33141420;2025-03-01;2027-12-31;ja\n"
    "RS-2;Sterila handskar;Leverantör A AB;556000-0001;gloves;33141420;2025-04-01;;nej\n"
)


def upload(content: str | bytes, name: str = "avtal.csv", encoding: str = "cp1252") -> SimpleUploadedFile:
    data = content.encode(encoding) if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.fixture
def ref(personas):
    rows = factories.reference_rows()
    rows["clause"].valid_from = date(2024, 1, 1)  # in force: rows without a clause version use it
    rows["clause"].save()
    return rows


def _headers_in_swedish() -> str:
    return ";".join(contract_import.template_headers())


def test_officer_previews_then_saves_a_windows_1252_file_with_swedish_headers(personas, ref, client_for):
    olle = client_for(personas.olle)
    page = olle.post(reverse("contracts:contract_import"), {"file": upload(SWEDISH_CSV)})
    assert page.status_code == 200
    plan = page.context["plan"]
    assert (plan.created, plan.updated, plan.new_suppliers) == (2, 0, 1)
    assert "Undersökningshandskar" in page.content.decode()
    assert not Contract.objects.exists()
    assert not Organisation.objects.filter(name="Handskar AB").exists()
    saved = olle.post(reverse("contracts:contract_import_confirm"), {"token": page.context["token"]})
    assert saved.status_code == 302
    first = Contract.objects.get(reference="RS-1")
    assert first.supplier.org_number == "556677-8899"
    assert list(first.owning_regions.all()) == [personas.stockholm]  # the officer's own region
    assert first.is_framework_agreement is True
    assert Contract.objects.get(reference="RS-2").supplier == personas.supplier_a
    assert AuditEntry.objects.filter(action="contracts.contract.created", actor=personas.olle).count() == 2


def test_xlsx_with_english_keys_imports(personas, ref, client_for):
    book = Workbook()
    sheet = book.active
    sheet.append(["reference", "title", "supplier", "owning_regions", "starts_on", "category", "status"])
    sheet.append(["X-1", "Gloves", "Leverantör B AB", "region-skane", "2025-01-01", "Gloves", "planned"])
    out = io.BytesIO()
    book.save(out)
    file = SimpleUploadedFile("contracts.xlsx", out.getvalue())
    rows = contract_import.read_upload(file)
    plan = contract_import.import_contracts(acting_user=personas.stina, rows=rows)
    assert plan.created == 1
    contract = Contract.objects.get(reference="X-1")
    assert contract.status == "planned" and contract.supplier == personas.supplier_b


def test_one_bad_row_saves_nothing_and_every_problem_is_listed_by_row(personas, ref, client_for):
    bad = SWEDISH_CSV + "RS-3;Handskar;Ny Leverantör AB;;no-such-category;;2025-13-01;;kanske\n"
    bad += "RS-4;Handskar;Leverantör B AB;;gloves;;2025-01-01;2024-01-01;nej\n"
    page = client_for(personas.olle).post(
        reverse("contracts:contract_import"), {"file": upload(bad, encoding="utf-8")}
    )
    problems = page.context["problems"]
    by_row = {(p.row, p.column) for p in problems}
    assert {(4, "category"), (4, "starts_on"), (4, "framework_agreement"), (5, "ends_on")} <= by_row
    assert "token" not in page.context
    assert not Contract.objects.exists()
    assert not Organisation.objects.filter(kind=OrganisationKind.SUPPLIER, name__startswith="Ny ").exists()
    assert not Organisation.objects.filter(name="Handskar AB").exists()


def test_officer_cannot_import_another_regions_contract(personas, ref):
    rows = [
        (
            2,
            {
                "reference": "S-1",
                "title": "T",
                "supplier": "Leverantör A AB",
                "owning_regions": "Region Skåne",
                "starts_on": "2025-01-01",
                "category": "gloves",
            },
        )
    ]
    with pytest.raises(contract_import.ImportProblems) as error:
        contract_import.import_contracts(acting_user=personas.olle, rows=rows)
    assert error.value.problems[0].column == "owning_regions"
    assert not Contract.objects.exists()


def test_same_contract_twice_in_the_file_is_a_problem(personas, ref):
    row = {
        "reference": "D-1",
        "title": "T",
        "supplier": "Leverantör A AB",
        "starts_on": "2025-01-01",
        "category": "gloves",
    }
    with pytest.raises(contract_import.ImportProblems) as error:
        contract_import.import_contracts(acting_user=personas.olle, rows=[(2, row), (3, dict(row))])
    assert [p.row for p in error.value.problems] == [3]
    assert not Contract.objects.exists()


def test_reimport_updates_the_contract_with_the_same_supplier_and_reference(personas, ref):
    existing = factories.contract(personas, reference="U-1")
    row = {
        "reference": "U-1",
        "title": "New title",
        "supplier": "Leverantör A AB",
        "starts_on": "2024-01-01",
        "category": "gloves",
    }
    plan = contract_import.import_contracts(acting_user=personas.olle, rows=[(2, row)])
    assert (plan.created, plan.updated) == (0, 1)
    existing.refresh_from_db()
    assert existing.title == "New title"


@pytest.mark.parametrize("name", ["vera", "lev", "alva"])
def test_readers_cannot_open_the_import(personas, ref, client_for, name):
    client = client_for(getattr(personas, name))
    assert client.get(reverse("contracts:contract_import")).status_code == 404
    assert client.post(reverse("contracts:contract_import"), {"file": upload(SWEDISH_CSV)}).status_code == 404
    assert client.get(reverse("contracts:contract_import_template")).status_code == 404
    assert not Contract.objects.exists()


def test_altered_preview_token_saves_nothing(personas, ref, client_for):
    olle = client_for(personas.olle)
    page = olle.post(reverse("contracts:contract_import"), {"file": upload(SWEDISH_CSV)})
    response = olle.post(reverse("contracts:contract_import_confirm"), {"token": page.context["token"] + "x"})
    assert response.status_code == 302
    assert response.url == reverse("contracts:contract_import")
    assert not Contract.objects.exists()
    shown = olle.get(response.url)
    assert [str(m) for m in shown.context["messages"]] == [
        str(_("The preview has expired. Upload the file again."))
    ]


def test_template_imports_as_it_is(personas, ref, client_for):
    olle = client_for(personas.olle)
    for query in ("", "?format=xlsx"):
        template = olle.get(reverse("contracts:contract_import_template") + query)
        assert template.status_code == 200
        name = "template.xlsx" if query else "template.csv"
        page = olle.post(
            reverse("contracts:contract_import"), {"file": SimpleUploadedFile(name, template.content)}
        )
        assert page.context.get("plan") is not None, page.context.get("problems")
