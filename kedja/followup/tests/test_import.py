import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from kedja.followup import importer
from kedja.followup.models import Finding

from . import factories

HEADER = ",".join(importer.COLUMNS)


@pytest.fixture
def site_audit(personas, step3_case):
    factories.issue()
    factories.issue("child_labour", zero_tolerance=True, scale=5, irr=5)
    factories.issue("working_hours", scale=2, irr=2)
    return factories.site_audit(personas, step3_case, reason="Dipping line")


def csv_file(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("findings.csv", ("\n".join([HEADER, *rows]) + "\n").encode())


def test_template_round_trips(personas, site_audit):
    result = importer.import_site_findings(
        acting_user=personas.alva,
        audit=site_audit,
        uploaded=SimpleUploadedFile("t.csv", importer.template_csv().encode()),
    )
    assert result.errors == [] and result.created == 3
    fees = Finding.objects.get(title="Workers paid recruitment fees")
    assert fees.severity == 4 and fees.site_audit == site_audit and fees.vulnerable_groups


def test_xlsx_import(personas, site_audit):
    book = Workbook()
    book.active.append(importer.COLUMNS)
    book.active.append(
        importer.template_row(
            kind="observation", code_area="environment", title="Chemical storage unlabelled"
        )
    )
    out = io.BytesIO()
    book.save(out)
    result = importer.import_site_findings(
        acting_user=personas.alva, audit=site_audit, uploaded=SimpleUploadedFile("r.xlsx", out.getvalue())
    )
    assert result.created == 1


def test_one_bad_row_imports_nothing_and_names_the_rows(personas, site_audit):
    upload = csv_file(
        "deviation,labour_rights,,recruitment_fees,Fees,,4,3,yes,2,no,contribute,2026-09-30",
        "deviation,labour_rights,,no_such_issue,Bad issue,,,,no,,no,,",
        "observation,labour_rights,,,Overtime,,9,,maybe,,yes,,",
    )
    result = importer.import_site_findings(acting_user=personas.alva, audit=site_audit, uploaded=upload)
    assert result.created == 0 and not Finding.objects.filter(site_audit=site_audit).exists()
    assert result.errors[0].startswith("Row 3") or result.errors[0].startswith("Rad 3")
    assert len(result.errors) == 2 and "no_such_issue" in result.errors[0]


def test_missing_columns_and_wrong_type_are_refused(personas, site_audit):
    result = importer.import_site_findings(
        acting_user=personas.alva,
        audit=site_audit,
        uploaded=SimpleUploadedFile("f.csv", b"kind,title\ndeviation,x\n"),
    )
    assert result.errors and "requirement_key" in result.errors[0]
    result = importer.import_site_findings(
        acting_user=personas.alva, audit=site_audit, uploaded=SimpleUploadedFile("f.pdf", b"%PDF-1")
    )
    assert result.errors and not Finding.objects.exists()


def test_import_view_all_or_nothing(personas, site_audit, client_for):
    client = client_for(personas.alva)
    bad = csv_file("deviation,labour_rights,,recruitment_fees,,,,,no,,no,,")
    response = client.post(f"/followup/audits/{site_audit.uuid}/import/", {"file": bad}, follow=True)
    assert response.status_code == 200 and not Finding.objects.exists()
    good = csv_file("deviation,labour_rights,,recruitment_fees,Fees,,,,no,,no,,")
    client.post(f"/followup/audits/{site_audit.uuid}/import/", {"file": good})
    assert Finding.objects.count() == 1
    assert (
        client_for(personas.lisa)
        .post(f"/followup/audits/{site_audit.uuid}/import/", {"file": good})
        .status_code
        == 404
    )


def test_template_downloads(db, client_for):
    assert client_for(None).get("/followup/import-template.csv")["Content-Type"].startswith("text/csv")
    assert client_for(None).get("/followup/import-template.xlsx").content.startswith(b"PK")


def test_windows_1252_report_after_4_kb_is_imported_with_its_letters(personas, site_audit):
    """The bug of issue 19: a Windows-1252 byte after the first 4 KB raised an uncaught decode error."""
    padding = "deviation,labour_rights,,recruitment_fees,Fees paid to agencies,,,,no,,no,,\r\n" * 60
    late = "observation,labour_rights,,working_hours,Övertid på lördagar i Malmö,,,,no,,no,,\r\n"
    text = HEADER + "\r\n" + padding + late
    upload = SimpleUploadedFile("smeta.csv", text.encode("cp1252"))
    result = importer.import_site_findings(acting_user=personas.alva, audit=site_audit, uploaded=upload)
    assert result.errors == [] and result.created == 61
    assert Finding.objects.filter(title="Övertid på lördagar i Malmö").exists()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "mixed.csv",
            (HEADER + "\nobservation,labour_rights,,,Övertid,,,,no,,no,,\n").encode()
            + b"observation,labour_rights,,,Overtime,,,,no,,no,,\n" * 80
            + "observation,labour_rights,,,Lördag,,,,no,,no,,\n".encode("cp1252"),
            "line 83",
        ),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 64, "not accepted"),
    ],
)
def test_mixed_encodings_and_broken_files_store_nothing(personas, site_audit, name, content, expected):
    with translation.override("en"):
        result = importer.import_site_findings(
            acting_user=personas.alva, audit=site_audit, uploaded=SimpleUploadedFile(name, content)
        )
    assert result.created == 0 and expected in result.errors[0]
    assert not Finding.objects.exists()
