"""The case file for registration: the PDF and the ZIP with every document and its manifest."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from kedja.core.audit import record_download
from kedja.core.files import attachment

from .. import case_file


@login_required
def case_file_pdf(request: HttpRequest, uuid) -> HttpResponse:
    case, actor = case_file.get_case_file_case(request.user, uuid)
    built = case_file.build(case, actor, today=timezone.localdate())
    filename = f"kedja-case-file-{case.uuid}.pdf"
    content = case_file.case_file_pdf(built)
    record_download(case, actor=request.user, filename=filename, export=True)
    return attachment(content, filename=filename)


@login_required
def case_file_zip(request: HttpRequest, uuid) -> HttpResponse:
    case, actor = case_file.get_case_file_case(request.user, uuid)
    built = case_file.build(case, actor, today=timezone.localdate())
    filename = f"kedja-case-file-{case.uuid}.zip"
    content = case_file.case_file_zip(built)
    record_download(case, actor=request.user, filename=filename, export=True)
    return attachment(content, filename=filename)
