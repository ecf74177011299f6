"""Photos and PDFs lose their metadata before they are stored."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfReader, PdfWriter

from kedja.grievance.sanitise import strip_metadata

from .conftest import gps_of, jpeg_with_gps


def test_gps_and_camera_are_stripped_from_a_jpeg():
    photo = jpeg_with_gps()
    assert gps_of(photo), "the test photo must carry GPS data"
    cleaned = strip_metadata(photo, "jpeg")
    assert gps_of(cleaned) == {}
    with Image.open(io.BytesIO(cleaned)) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (64, 48)
    assert b"ReporterPhone" not in cleaned


def test_text_chunks_are_stripped_from_a_png():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Named Reporter")
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), "red").save(out, "PNG", pnginfo=info)
    cleaned = strip_metadata(out.getvalue(), "png")
    assert b"Named Reporter" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert "Author" not in image.info


def _pdf_with_metadata() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Named Reporter", "/Title": "Payslips"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_document_properties_are_stripped_from_a_pdf():
    original = _pdf_with_metadata()
    assert b"Named Reporter" in original
    cleaned = strip_metadata(original, "pdf")
    assert b"Named Reporter" not in cleaned
    reader = PdfReader(io.BytesIO(cleaned))
    assert len(reader.pages) == 1
    assert not (reader.metadata or {}).get("/Author")


def test_a_broken_picture_is_refused():
    with pytest.raises(ValidationError):
        strip_metadata(b"\xff\xd8\xff" + b"not really a jpeg", "jpeg")


def _pdf_with_a_signed_comment() -> bytes:
    """A page with a sticky-note comment and its pop-up, both naming their author."""
    from pypdf.annotations import Popup, Text
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    note = Text(rect=(20, 20, 60, 60), text="Payslip of March", open=True)
    note[NameObject("/T")] = TextStringObject("Named Reporter")
    note[NameObject("/M")] = TextStringObject("D:20261101120000+08'00'")
    note_ref = writer.add_annotation(page_number=0, annotation=note)
    popup = Popup(rect=(60, 60, 160, 120), parent=note_ref, open=True)
    popup[NameObject("/T")] = TextStringObject("Named Reporter")
    writer.add_annotation(page_number=0, annotation=popup)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_annotation_authors_are_stripped_from_a_pdf_and_the_comment_kept():
    original = _pdf_with_a_signed_comment()
    assert original.count(b"Named Reporter") == 2, "the test PDF must name the author in note and pop-up"
    cleaned = strip_metadata(original, "pdf")
    assert b"Named Reporter" not in cleaned
    assert b"20261101" not in cleaned
    annotations = [a.get_object() for a in PdfReader(io.BytesIO(cleaned)).pages[0]["/Annots"]]
    assert {a["/Subtype"] for a in annotations} == {"/Text", "/Popup"}
    assert all("/T" not in a and "/M" not in a for a in annotations)
    assert any(a.get("/Contents") == "Payslip of March" for a in annotations)


def test_a_heic_photo_is_refused_with_a_clear_message():
    """HEIC is not accepted (Pillow cannot strip it here), so it never reaches storage."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kedja.grievance.forms import AttachmentField

    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    with pytest.raises(ValidationError, match="JPEG, PDF, PNG"):
        AttachmentField(required=False).clean(SimpleUploadedFile("IMG_0001.HEIC", heic))
