"""The case file for registration: PDF text and ZIP manifest, access, confidential parts, thinning."""

import csv
import hashlib
import io
import subprocess
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kedja.core.audit import history
from kedja.followup import actions
from kedja.followup.models import FollowUpCase, ThinnedDocument

from . import factories


def pdf_text(content: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def manifest_of(archive: zipfile.ZipFile) -> list[dict]:
    """The manifest as a Swedish spreadsheet reads it (UTF-8 with a byte-order mark, semicolons)."""
    return list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def full_case(personas, step2_case, contract_a):
    """A case with a policy upload, a deviation with confidential details, a corrective action the
    supplier answered with evidence, a sanction decision and an internal note."""
    case = step2_case
    finding = factories.deviation(
        personas, case, title="Recruitment fees", confidential_details="Dormitory B"
    )
    action = factories.corrective_action(personas, finding, description="Repay the fees")
    actions.respond_to_action(
        acting_user=personas.lev,
        action=action,
        response="Fees repaid to 40 workers",
        uploaded=SimpleUploadedFile("receipts.pdf", b"%PDF-1.4 receipts", content_type="application/pdf"),
    )
    factories.sanction(personas, case, contract_a, reason="Late report of the fees")
    actions.add_note(acting_user=personas.stina, case=case, text="Internal: call the auditor")
    return case


def urls(case):
    return (
        reverse("followup:case_file_pdf", args=[case.uuid]),
        reverse("followup:case_file_zip", args=[case.uuid]),
    )


def test_case_file_pdf_has_the_whole_case_with_decisions_and_reasons(full_case, personas, client_for):
    pdf_url, _zip = urls(full_case)
    response = client_for(personas.stina).get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "High-risk product" in text  # the reason for step 2
    assert "Late report of the fees" in text  # the sanction's reason
    assert "Recruitment fees" in text and "Repay the fees" in text and "Fees repaid to 40 workers" in text
    assert "Dormitory B" in text and "Internal: call the auditor" in text and "receipts.pdf" in text
    assert "Tidslinje" in text and "Beslut och skäl" in text


def test_zip_holds_every_document_of_the_manifest_with_matching_checksums(full_case, personas, client_for):
    _pdf, zip_url = urls(full_case)
    archive = zipfile.ZipFile(io.BytesIO(client_for(personas.sara).get(zip_url).content))
    rows = manifest_of(archive)
    assert len(rows) >= full_case.documents.count() >= 1
    for row in rows:
        assert hashlib.sha256(archive.read(row["Sökväg i ZIP-filen"])).hexdigest() == row["SHA-256"]
        assert row["Konfidentiell"] == "ja" and row["Uppladdad av"] in {"Lev Leverantör", "Stina Strateg"}
    assert {row["Filnamn"] for row in rows} >= {"receipts.pdf"}
    assert "case-file.pdf" in archive.namelist()
    # Handing the file out is logged as an export, with who and which file.
    entry = history(full_case).filter(action="core.export.downloaded").get()
    assert entry.actor == personas.sara and entry.changes["file"].endswith(".zip")


def test_team_member_without_confidential_access_gets_the_file_without_confidential_parts(
    full_case, personas, client_for
):
    pdf_url, zip_url = urls(full_case)
    text = pdf_text(client_for(personas.olle).get(pdf_url).content)
    assert "Recruitment fees" in text and "Late report of the fees" in text
    assert (
        "Dormitory B" not in text and "Internal: call the auditor" not in text and "receipts.pdf" not in text
    )
    archive = zipfile.ZipFile(io.BytesIO(client_for(personas.olle).get(zip_url).content))
    assert manifest_of(archive) == [] and not any(n.startswith("documents/") for n in archive.namelist())


def test_only_the_case_team_gets_the_case_file(full_case, personas, client_for):
    for url in urls(full_case):
        for user in (personas.vera, personas.lev, personas.lisa, personas.alva):
            assert client_for(user).get(url).status_code == 404, (user, url)
        assert client_for(None).get(url).status_code == 302
    detail = client_for(personas.vera).get(reverse("followup:case_detail", args=[full_case.uuid]))
    assert urls(full_case)[0] not in detail.content.decode()
    detail = client_for(personas.stina).get(reverse("followup:case_detail", args=[full_case.uuid]))
    assert urls(full_case)[0] in detail.content.decode()


def _close_long_ago(case, years):
    FollowUpCase.objects.filter(pk=case.pk).update(
        status="closed", closed_on=timezone.localdate() - timedelta(days=365 * years + 5)
    )


def test_thinning_lists_without_confirm_and_keeps_records_and_manifest(
    full_case, personas, client_for, settings, django_capture_on_commit_callbacks
):
    settings.KEDJA_CASE_DOCUMENT_RETENTION_YEARS = 2
    document = full_case.documents.get(original_name="receipts.pdf")
    checksum = hashlib.sha256(document.file.read()).hexdigest()
    stored = document.file.name
    out = io.StringIO()
    call_command("thin_case_documents", stdout=out)
    assert "Due: 0 documents" in out.getvalue()
    _close_long_ago(full_case, 3)
    out = io.StringIO()
    call_command("thin_case_documents", stdout=out)
    assert "receipts.pdf" in out.getvalue() and "--confirm" in out.getvalue()
    assert not ThinnedDocument.objects.exists() and document.file.storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("thin_case_documents", "--confirm", stdout=io.StringIO())
    thinning = ThinnedDocument.objects.get(document=document)
    assert thinning.sha256 == checksum and thinning.thinned_on == timezone.localdate()
    assert not document.file.storage.exists(stored)
    assert history(full_case).filter(action="followup.document.thinned").exists()
    # The decision records stay, and the manifest shows the document as thinned with its checksum.
    assert full_case.sanctions.exists() and full_case.findings.exists()
    archive = zipfile.ZipFile(io.BytesIO(client_for(personas.sara).get(urls(full_case)[1]).content))
    row = next(r for r in manifest_of(archive) if r["Filnamn"] == "receipts.pdf")
    today = timezone.localdate().isoformat()
    assert (
        row["SHA-256"] == checksum and row["Status"] == f"gallrad {today}" and row["Sökväg i ZIP-filen"] == ""
    )
    assert f"gallrad {today}" in pdf_text(client_for(personas.sara).get(urls(full_case)[0]).content)
    download = client_for(personas.sara).get(reverse("followup:document_download", args=[document.uuid]))
    assert download.status_code == 404


def test_open_cases_are_never_thinned(full_case, settings):
    settings.KEDJA_CASE_DOCUMENT_RETENTION_YEARS = 0
    call_command("thin_case_documents", "--confirm", stdout=io.StringIO())
    assert not ThinnedDocument.objects.exists()


def test_demo_full_case_file_holds_every_document_of_its_manifest(db, client_for):
    """The demo's red gloves case (every step, findings, actions, documents), as the secretariat."""
    from kedja.organisations.models import User

    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    case = FollowUpCase.objects.get(products="Nitrilhandskar")
    sara = User.objects.get(email="sara@kansliet.demo")
    response = client_for(sara).get(reverse("followup:case_file_zip", args=[case.uuid]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    rows = manifest_of(archive)
    # The files uploaded to the case and the library documents its self-assessment answers cite.
    assert len(rows) >= case.documents.count() and rows
    for row in rows:
        content = archive.read(row["Sökväg i ZIP-filen"])
        assert hashlib.sha256(content).hexdigest() == row["SHA-256"]
    text = pdf_text(archive.read("case-file.pdf"))
    assert "Högriskprodukt med migrantarbetare." in text and case.findings.first().title in text
