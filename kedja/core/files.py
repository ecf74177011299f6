"""Serving stored files through access-checked views, and the checksum of a file."""

import hashlib
import logging
from pathlib import Path
from typing import IO

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from kedja.core import uploads
from kedja.core.audit import record_download
from kedja.core.models import UploadedDocument

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "zip": "application/zip",
}

BOM = "\ufeff"


def attachment(content: str | bytes, *, filename: str) -> HttpResponse:
    """`content` as a download named `filename`, its type from the extension (csv, xlsx, pdf or zip).
    CSV text starts with a byte-order mark: without it Excel reads UTF-8 as Latin-1 (å, ä, ö)."""
    if isinstance(content, str) and filename.endswith(".csv") and not content.startswith(BOM):
        content = BOM + content
    response = HttpResponse(content, content_type=CONTENT_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stored_file_response(file: FieldFile, *, filename: str, content_type: str | None = None) -> FileResponse:
    """A download of a stored file; a file missing from storage is a 404 (and logged), not a 500."""
    if not file.name:  # thinned (gallrad): the record stays, the file is gone on purpose
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        logger.error("Stored file missing: %s", file.name)
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


def document_response(request: HttpRequest, document: UploadedDocument) -> FileResponse:
    """A download of an uploaded document under the name it was uploaded with, recorded in the audit
    log. The caller has checked that the user may read it."""
    record_download(document, actor=request.user, filename=document.original_name, export=False)
    return stored_file_response(
        document.file,
        filename=document.original_name,
        content_type=uploads.CONTENT_TYPES.get(document.detected_type, "application/octet-stream"),
    )


def sha256_of_stream(handle: IO[bytes]) -> str:
    """The checksum of a binary file from its start, read in blocks; the file is left at its start."""
    digest = hashlib.sha256()
    handle.seek(0)
    while chunk := handle.read(1 << 20):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


def sha256_of_path(path: Path) -> str:
    with path.open("rb") as handle:
        return sha256_of_stream(handle)
