"""Checks on uploaded files: size limit and real type by magic bytes (not the name or the browser's claim)."""

import io
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Accepted kinds and the file-name extensions each may carry.
EXTENSIONS = {
    "pdf": {".pdf"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg"},
    "xlsx": {".xlsx"},
    "docx": {".docx"},
    "csv": {".csv"},
    "txt": {".txt"},
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
    "txt": "text/plain",
}


def sniff(head: bytes, data_for_zip) -> str | None:
    """The kind the content really is, or None when it is none of the accepted kinds."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(data_for_zip())
    if _is_text(head):
        return "text"
    return None


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("word/") for n in names):
        return "docx"
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def check_upload(uploaded, *, allowed: set[str] | None = None) -> str:
    """Validate an uploaded file; return its kind (pdf, png, jpeg, xlsx, docx, csv, txt).

    Refuses files over `KEDJA_UPLOAD_MAX_BYTES`, files whose content is not an accepted kind, and
    files whose name claims another kind than the content.
    """
    limit = settings.KEDJA_UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    uploaded.seek(0)
    head = uploaded.read(4096)

    def whole() -> bytes:
        uploaded.seek(0)
        return uploaded.read()

    kind = sniff(head, whole)
    uploaded.seek(0)
    extension = PurePath(uploaded.name or "").suffix.lower()
    if kind == "text":
        kind = "csv" if extension == ".csv" else "txt"
    accepted = allowed or set(EXTENSIONS)
    if kind is None or kind not in accepted:
        raise ValidationError(
            _("This type of file is not accepted. Upload %(kinds)s.")
            % {"kinds": ", ".join(sorted(k.upper() for k in accepted))}
        )
    if extension not in EXTENSIONS[kind]:
        raise ValidationError(
            _(
                "The file name says “%(ext)s” but the content is %(kind)s. Check that you chose the right file."
            )
            % {"ext": extension or "–", "kind": kind.upper()}
        )
    return kind
