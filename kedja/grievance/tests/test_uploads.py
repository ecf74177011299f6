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
