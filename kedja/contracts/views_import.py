"""Contract import pages (CSV/XLSX and OCDS): upload → everything checked → preview → all or none."""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kedja.contracts import contract_import as bulk
from kedja.contracts import ocds, queries
from kedja.contracts.forms import SiteImportForm
from kedja.contracts.imports import ImportProblems
from kedja.core.files import attachment
from kedja.core.run import run_action
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
    outcome = run_action(request, _import_previewed_contracts, token=request.POST.get("token", ""))
    if not outcome:
        return redirect("contracts:contract_import")
    name, plan = outcome.result
    messages.success(
        request,
        _("Imported %(file)s. New contracts: %(created)d. Updated: %(updated)d.")
        % {"file": name, "created": plan.created, "updated": plan.updated},
    )
    return redirect("contracts:contract_list")


def _import_previewed_contracts(*, acting_user, token: str):
    """The file name and the import's plan; a stale or altered token or a row that no longer passes
    is a ValidationError, so the user is sent back to upload again with the reasons."""
    name, rows = bulk.unsign_rows(token, user=acting_user)
    return name, bulk.import_contracts(acting_user=acting_user, rows=rows)


@login_required
def contract_import_template(request: HttpRequest) -> HttpResponse:
    """The template with an example row, as CSV (semicolons, as Swedish Excel reads) or XLSX."""
    _check_may_import(request.user)
    if request.GET.get("format") == "xlsx":
        return attachment(bulk.template_xlsx(), filename="kedja-contracts-template.xlsx")
    return attachment(bulk.template_csv(), filename="kedja-contracts-template.csv")


# OCDS --------------------------------------------------------------------------------------------

OCDS_TEMPLATE = "contracts/ocds_import.html"
OCDS_SALT = "kedja.contracts.ocds-import"


class OcdsUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("OCDS file (JSON)"),
        help_text=gettext_lazy("A release package or record package from your e-procurement system."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.KEDJA_UPLOAD_MAX_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s). The limit is %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.KEDJA_UPLOAD_MAX_BYTES),
                }
            )
        try:
            return json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValidationError(_("The file is not JSON: %(error)s") % {"error": error}) from None


@login_required
def ocds_import(request: HttpRequest) -> HttpResponse:
    """Upload an OCDS package: validated and tried in full, rolled back; problems per release or a preview."""
    _check_may_import(request.user)
    form = OcdsUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        package = form.cleaned_data["file"]
        context["file_name"] = request.FILES["file"].name
        try:
            context["result"] = ocds.import_package(acting_user=request.user, package=package, dry_run=True)
        except ocds.OcdsProblems as error:
            context["problems"] = error.problems
        else:
            payload = {"file": context["file_name"], "package": package}
            context["token"] = signing.dumps(payload, salt=f"{OCDS_SALT}:{request.user.pk}", compress=True)
    return render(request, OCDS_TEMPLATE, context)


@login_required
@require_POST
def ocds_import_confirm(request: HttpRequest) -> HttpResponse:
    """Import the previewed package, checked again: every release or none."""
    _check_may_import(request.user)
    try:
        payload = signing.loads(
            request.POST.get("token", ""), salt=f"{OCDS_SALT}:{request.user.pk}", max_age=3600
        )
    except signing.BadSignature:
        messages.error(request, _("The preview has expired. Upload the file again."))
        return redirect("contracts:ocds_import")
    try:
        result = ocds.import_package(acting_user=request.user, package=payload["package"])
    except ocds.OcdsProblems as error:
        context = {"form": OcdsUploadForm(), "problems": error.problems, "file_name": payload["file"]}
        return render(request, OCDS_TEMPLATE, context)
    messages.success(
        request,
        _("Imported %(file)s. New contracts: %(created)d. Updated: %(updated)d.")
        % {"file": payload["file"], "created": len(result.created), "updated": len(result.updated)},
    )
    return redirect("contracts:contract_list")
