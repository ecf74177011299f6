"""New dataset editions from the page: upload, preview of what would change, adoption; and the
re-scoring of one analysis with the adopted editions."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.run import run_action, run_upload_form
from kedja.organisations.queries import actor_for
from kedja.risk import edition_actions, editions, queries
from kedja.risk.forms import EditionUploadForm
from kedja.risk.views.analysis import act_on_analysis


@login_required
def edition_upload(request: HttpRequest) -> HttpResponse:
    if not actor_for(request.user).is_secretariat:
        raise Http404
    form = EditionUploadForm(request.POST or None, request.FILES or None)
    if outcome := run_upload_form(request, form, edition_actions.upload_edition):
        return redirect("risk:edition_preview", uuid=outcome.result.uuid)
    context = {"form": form, "waiting": queries.waiting_editions()}
    return render(request, "risk/edition_upload.html", context)


@login_required
def edition_preview(request: HttpRequest, uuid) -> HttpResponse:
    """Which approved items would change risk category under the waiting edition."""
    edition = queries.get_waiting_edition(request.user, uuid)
    context = {"edition": edition, "changes": editions.category_changes(edition)}
    return render(request, "risk/edition_preview.html", context)


@login_required
@require_POST
def edition_adopt(request: HttpRequest, uuid) -> HttpResponse:
    edition = queries.get_waiting_edition(request.user, uuid)
    success = _("The edition is adopted. Each analysis is re-scored when its area decides to.")
    if run_action(request, edition_actions.adopt_edition, edition=edition, success=success):
        return redirect("risk:dataset_list")
    return redirect("risk:edition_preview", uuid=edition.uuid)


@login_required
@require_POST
def analysis_rescore(request: HttpRequest, uuid) -> HttpResponse:
    success = _("The items are scored with the current datasets.")
    return act_on_analysis(request, uuid, edition_actions.rescore_analysis, success=success)
