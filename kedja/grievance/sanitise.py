"""Removing metadata from uploaded photos and PDFs before they are stored.

Photos are decoded and only their pixels are written to a new file, so EXIF (GPS position,
camera serial, time), XMP, IPTC and text chunks are all left behind. PDFs are rebuilt page by page
without the document information dictionary, XMP metadata (of the document, its pages, its images
and its annotations) or page-piece data; comments keep their text but lose their author (/T), their
dates and their rich-text copy, which may name the author again.
"""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject

MAX_PIXELS = 50_000_000
PAGE_KEYS_TO_DROP = ("/Metadata", "/PieceInfo")
# Who wrote a comment and when: /T is the author's name, /RC a rich-text copy that may repeat it.
ANNOTATION_KEYS_TO_DROP = ("/T", "/M", "/CreationDate", "/NM", "/RC", "/Metadata", "/PieceInfo")


def strip_image(data: bytes, kind: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("The picture is too large."))
            # Turn the picture upright first: the orientation tag goes with the rest of EXIF.
            upright = ImageOps.exif_transpose(image)
            if upright.mode not in ("RGB", "RGBA", "L"):
                upright = upright.convert("RGBA" if "A" in upright.getbands() or kind == "png" else "RGB")
            if kind == "jpeg" and upright.mode == "RGBA":
                upright = upright.convert("RGB")
            pixels_only = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("The picture could not be read.")) from error
    out = io.BytesIO()
    pixels_only.save(out, format="JPEG" if kind == "jpeg" else "PNG", quality=90)
    return out.getvalue()


def strip_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("Password-protected PDF files are not accepted."))
        writer = PdfWriter()
        for page in reader.pages:
            _drop(page, PAGE_KEYS_TO_DROP)
            _strip_annotations(page)
            _strip_images(page)
            writer.add_page(page)
    except (PdfReadError, ValueError, KeyError) as error:
        raise ValidationError(_("The PDF file could not be read.")) from error
    # pypdf writes its own name as Producer; an empty information dictionary is left out.
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _drop(dictionary, keys) -> None:
    for key in keys:
        dictionary.pop(NameObject(key), None)


def _strip_annotations(page) -> None:
    """Every annotation of the page, pop-up notes included, without author or dates."""
    annotations = page.get("/Annots")
    for reference in annotations.get_object() if annotations is not None else []:
        annotation = reference.get_object()
        _drop(annotation, ANNOTATION_KEYS_TO_DROP)
        popup = annotation.get("/Popup")
        if popup is not None:
            _drop(popup.get_object(), ANNOTATION_KEYS_TO_DROP)


def _strip_images(page) -> None:
    """XMP packets that an embedded picture may carry as its own metadata stream."""
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    for reference in xobjects.get_object().values() if xobjects is not None else []:
        _drop(reference.get_object(), ("/Metadata",))


def strip_metadata(data: bytes, kind: str) -> bytes:
    """The file's content without metadata; a file that cannot be read is refused."""
    return strip_pdf(data) if kind == "pdf" else strip_image(data, kind)
