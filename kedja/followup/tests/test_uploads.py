import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from kedja.core.uploads import check_upload
from kedja.followup import actions
from kedja.suppliers.models import LibraryDocument


def office_file(kind: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml" if kind == "xlsx" else "word/document.xml", "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.pdf", b"%PDF-1.7 ...", "pdf"),
        ("a.png", b"\x89PNG\r\n\x1a\n....", "png"),
        ("a.JPG", b"\xff\xd8\xff\xe0....", "jpeg"),
        ("a.xlsx", office_file("xlsx"), "xlsx"),
        ("a.docx", office_file("docx"), "docx"),
        ("a.csv", "namn;värde\nå;1\n".encode(), "csv"),
        ("a.txt", b"plain text", "txt"),
    ],
)
def test_accepted_types(name, content, kind):
    assert check_upload(SimpleUploadedFile(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("fake.pdf", b"MZ\x90\x00\x03\x00"),  # an executable that claims to be a PDF
        ("image.pdf", b"\x89PNG\r\n\x1a\n...."),  # content and name disagree
        ("archive.xlsx", b"PK\x03\x04not really a zip"),
        ("script.html", b"<script>alert(1)</script>"),
    ],
)
def test_refused_types(name, content):
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile(name, content))


@override_settings(KEDJA_UPLOAD_MAX_BYTES=10)
def test_oversize_is_refused_with_the_limit_in_the_message():
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 20))
    assert "10" in error.value.messages[0]


def test_portal_refuses_a_wrong_file_and_stores_nothing(personas, sent_case, client_for):
    client = client_for(personas.lev)
    sheet = sent_case.self_assessment
    actions.save_answers(acting_user=personas.lev, sheet=sheet, values={"pr1-policies-routine": "yes"})
    url = (
        f"/followup/portal/self-assessments/{sent_case.answer_request.uuid}/documents/pr1-policies-document/"
    )
    response = client.post(url, {"new-file": SimpleUploadedFile("policy.pdf", b"MZ\x90\x00")}, follow=True)
    assert response.status_code == 200 and not LibraryDocument.objects.exists()
    response = client.post(
        url,
        {
            "new-file": SimpleUploadedFile("policy.pdf", b"%PDF-1.4 ok"),
            "new-issued_on": "2025-01-10",
            "new-kind": "policy",
        },
    )
    document = LibraryDocument.objects.get()
    assert document.issued_on.isoformat() == "2025-01-10"
    assert sheet.answers.get(question__key="pr1-policies-document").documents.get() == document


def test_document_cannot_expire_before_its_date(personas, sent_case):
    sheet = sent_case.self_assessment
    actions.save_answers(acting_user=personas.lev, sheet=sheet, values={"pr1-policies-routine": "yes"})
    question = sheet.questionnaire.questions.get(key="pr1-policies-document")
    from datetime import date

    with pytest.raises(ValidationError):
        actions.upload_answer_document(
            acting_user=personas.lev,
            sheet=sheet,
            question=question,
            uploaded=SimpleUploadedFile("p.pdf", b"%PDF-1"),
            issued_on=date(2025, 1, 1),
            valid_until=date(2024, 1, 1),
        )
    assert not LibraryDocument.objects.exists()
