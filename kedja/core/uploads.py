"""The one check on uploaded files: size limit and real type by magic bytes (not the name or the
browser's claim). Every app's upload (evidence documents, imports, spend screening) goes through
`check_upload`; tables are then read with `kedja.core.tables`."""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kedja.core.models import UploadedDocument

# Accepted kinds and the file-name extensions each may carry.
EXTENSIONS = {
    "pdf": {".pdf"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg"},
    "xlsx": {".xlsx"},
    "docx": {".docx"},
    "csv": {".csv"},
    "txt": {".txt"},
    "parquet": {".parquet"},
    "xml": {".xml"},
    "json": {".json"},
}
# Documents a person may attach as evidence; data formats such as Parquet are accepted only where asked.
DOCUMENT_KINDS = {"pdf", "png", "jpeg", "xlsx", "docx", "csv", "txt"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
    "txt": "text/plain",
    "parquet": "application/vnd.apache.parquet",
    "xml": "application/xml",
    "json": "application/json",
}


def sniff(head: bytes, handle) -> str | None:
    """The kind the content really is, or None when it is none of the accepted kinds.

    `handle` is the whole file, seekable; only a zip's directory is read from it, never the whole file.
    """
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(handle)
    if _is_text(head):
        return "text"
    return None


def _office_kind(handle) -> str | None:
    try:
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        handle.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("word/") for n in names):
        return "docx"
    return None


def _is_text(head: bytes) -> bool:
    """Text in any of the encodings `kedja.core.tables` reads: no NUL bytes, no control characters
    other than tab, line breaks and form feed (Windows-1252 and Latin-1 bytes above 127 are fine)."""
    if not head:
        return False
    controls = (
        bytes(range(32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"").replace(b"\f", b"")
    )
    return not any(byte in controls for byte in head)


def size_limit_text(limit: int | None = None) -> str:
    """The upload limit as the pages state it, e.g. “20.0 MB”."""
    return filesizeformat(limit or settings.KEDJA_UPLOAD_MAX_BYTES)


def check_upload(uploaded, *, allowed: set[str] | None = None, max_bytes: int | None = None) -> str:
    """Validate an uploaded file; return its kind (pdf, png, jpeg, xlsx, docx, csv, txt, xml, json, parquet).

    Refuses files over the limit (`KEDJA_UPLOAD_MAX_BYTES` unless `max_bytes`), empty files, files
    whose content is not an accepted kind, and files whose name claims another kind than the content.
    """
    limit = max_bytes or settings.KEDJA_UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    if not uploaded.size:
        raise ValidationError(_("The file is empty."))
    uploaded.seek(0)
    head = uploaded.read(4096)
    kind = sniff(head, uploaded)
    uploaded.seek(0)
    extension = PurePath(uploaded.name or "").suffix.lower()
    if kind == "text":
        kind = {".txt": "txt", ".xml": "xml", ".json": "json"}.get(extension, "csv")
    accepted = allowed or DOCUMENT_KINDS
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


def store(document: UploadedDocument, uploaded, kind: str) -> None:
    """Save `document` with the `uploaded` file that `check_upload` found to be of `kind`: the file under
    its own name, and the name, kind and size it was uploaded with."""
    name = uploaded.name or ""
    document.original_name, document.detected_type, document.size = name[:255], kind, uploaded.size or 0
    document.file.save(name, uploaded, save=False)
    document.save()
