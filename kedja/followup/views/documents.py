"""Downloads of evidence and audit reports: always through an access check, never a media URL."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest

from kedja.core.files import document_response

from .. import queries


@login_required
def document_download(request: HttpRequest, uuid):
    """Evidence and audit reports, only to those who may see them (never via a public media URL)."""
    document = queries.get_document_for_user(request.user, uuid)
    return document_response(request, document)
