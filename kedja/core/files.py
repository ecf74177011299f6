"""Serving stored files through access-checked views."""

import logging

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

logger = logging.getLogger(__name__)


def stored_file_response(file: FieldFile, *, filename: str, content_type: str | None = None) -> FileResponse:
    """A download of a stored file; a file missing from storage is a 404 (and logged), not a 500."""
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        logger.error("Stored file missing: %s", file.name)
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
