"""Bulk contract import pages: upload → every row checked → preview → save all rows or none."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.contracts import contract_import as bulk
from kedja.contracts import queries
from kedja.contracts.forms import SiteImportForm
from kedja.contracts.imports import ImportProblems
from kedja.organisations.queries import actor_for

TEMPLATE = "contracts/contract_import.html"


def _check_may_import(user) -> None:
    if not queries.may_create_contract(actor_for(user)):
        raise Http404


@login_required
def contract_import(request: HttpRequest) -> HttpResponse:
    """Upload a file: every row is checked through the actions and rolled back; problems or a preview."""
    _check_may_import(request.user)
    form = SiteImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": bulk.COLUMNS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        context["file_name"] = upload.name
        try:
            rows = bulk.read_upload(upload)
            context["plan"] = bulk.import_contracts(acting_user=request.user, rows=rows, dry_run=True)
        except ImportProblems as error:
            context["problems"] = error.problems
        else:
            context["token"] = bulk.sign_rows(rows, file_name=upload.name, user=request.user)
    return render(request, TEMPLATE, context)


@login_required
@require_POST
def contract_import_confirm(request: HttpRequest) -> HttpResponse:
    """Write the previewed rows, checked again: all of them or, if anything changed meanwhile, none."""
    _check_may_import(request.user)
    try:
        name, rows = bulk.unsign_rows(request.POST.get("token", ""), user=request.user)
        plan = bulk.import_contracts(acting_user=request.user, rows=rows)
    except ImportProblems as error:
        context = {"form": SiteImportForm(), "problems": error.problems, "file_name": name}
        return render(request, TEMPLATE, {**context, "columns": bulk.COLUMNS})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("contracts:contract_import")
    messages.success(
        request,
        _("Imported %(file)s: %(created)d new contracts, %(updated)d updated.")
        % {"file": name, "created": plan.created, "updated": plan.updated},
    )
    return redirect("contracts:contract_list")


@login_required
def contract_import_template(request: HttpRequest) -> HttpResponse:
    """The template with an example row, as CSV (semicolons, as Swedish Excel reads) or XLSX."""
    _check_may_import(request.user)
    if request.GET.get("format") == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(bulk.template_xlsx(), content_type=content_type)
        response["Content-Disposition"] = 'attachment; filename="kedja-contracts-template.xlsx"'
        return response
    response = HttpResponse(bulk.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kedja-contracts-template.csv"'
    return response
