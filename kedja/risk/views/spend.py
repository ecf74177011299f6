"""Spend screening: upload a file of lines, see risk-weighted spend, export the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kedja.organisations.queries import actor_for
from kedja.risk import screening
from kedja.risk.forms import SpendUploadForm
from kedja.risk.spend import SpendFileError, screen


def _require_shared(request: HttpRequest) -> None:
    if not actor_for(request.user).sees_shared:
        raise PermissionDenied


@login_required
def spend_screening(request: HttpRequest) -> HttpResponse:
    _require_shared(request)
    form = SpendUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            token = screening.store_upload(request, form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("risk:spend_result", token=token)
    return render(request, "risk/spend_upload.html", {"form": form})


@login_required
def spend_result(request: HttpRequest, token: str) -> HttpResponse:
    _require_shared(request)
    path = screening.stored_path(request, token)
    if path is None:
        raise Http404
    try:
        result = screen(path, screening.reference_tables())
    except SpendFileError as error:
        messages.error(request, str(error))
        return redirect("risk:spend_screening")
    return render(request, "risk/spend_result.html", {"result": result, "token": token})


@login_required
def spend_export(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    _require_shared(request)
    path = screening.stored_path(request, token)
    if path is None:
        raise Http404
    try:
        result = screen(path, screening.reference_tables())
    except SpendFileError as error:
        messages.error(request, str(error))
        return redirect("risk:spend_screening")
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(screening.as_xlsx(result), content_type=content_type)
    else:
        response = HttpResponse(screening.as_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="spend-screening.{fmt}"'
    return response
