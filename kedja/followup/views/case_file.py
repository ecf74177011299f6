"""The case file for registration: the PDF and the ZIP with every document and its manifest."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from kedja.core.audit import record_download
from kedja.core.files import attachment

from .. import case_file


@login_required
def case_file_pdf(request: HttpRequest, uuid) -> HttpResponse:
    return _download(request, uuid, "pdf", case_file.case_file_pdf)


@login_required
def case_file_zip(request: HttpRequest, uuid) -> HttpResponse:
    return _download(request, uuid, "zip", case_file.case_file_zip)


def _download(
    request: HttpRequest, uuid, extension: str, write: Callable[[case_file.CaseFile], bytes]
) -> HttpResponse:
    """The case file built for the user, written as one file; the download is on the case's record."""
    case, actor = case_file.get_case_file_case(request.user, uuid)
    content = write(case_file.build(case, actor, today=timezone.localdate()))
    filename = f"kedja-case-file-{case.uuid}.{extension}"
    record_download(case, actor=request.user, filename=filename, export=True)
    return attachment(content, filename=filename)
