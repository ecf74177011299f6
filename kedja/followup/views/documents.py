"""Downloads of evidence and audit reports: always through an access check, never a media URL."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest

from kedja.core.audit import record_download
from kedja.core.files import stored_file_response
from kedja.core.uploads import CONTENT_TYPES

from .. import queries


@login_required
def document_download(request: HttpRequest, uuid):
    """Evidence and audit reports, only to those who may see them (never via a public media URL)."""
    document = queries.get_document_for_user(request.user, uuid)
    record_download(document, actor=request.user, filename=document.original_name, export=False)
    return stored_file_response(
        document.file,
        filename=document.original_name,
        content_type=CONTENT_TYPES.get(document.detected_type, "application/octet-stream"),
    )
