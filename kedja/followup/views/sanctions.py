"""Sanction decisions with the computed penalty preview (domain §3.5)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.core.run import run_action
from kedja.organisations.queries import actor_for

from .. import actions, forms, queries
from ..models import SanctionKind
from ..rules import started_weeks


@login_required
def sanction_add(request: HttpRequest, uuid) -> HttpResponse:
    """Record a sanction decision; "Show the penalty" previews the computed amount first."""
    case = queries.get_case_for_user(request.user, uuid)
    if not queries.may_assess(actor_for(request.user), case):
        raise Http404
    contracts = case.contracts.all()
    previewing = "preview" in request.POST
    form = forms.SanctionForm(
        None if previewing else (request.POST or None), initial=request.POST.dict(), contracts=contracts
    )
    if request.method == "POST" and not previewing and form.is_valid():
        data = form.cleaned_data
        if run_action(
            request,
            actions.decide_sanction,
            form=form,
            success=_("The sanction decision was recorded."),
            case=case,
            **data,
        ):
            return redirect("followup:case_detail", uuid=case.uuid)
    context = {
        "case": case,
        "form": form,
        "contracts": contracts,
        "preview": _penalty_preview(request.POST, contracts) if request.method == "POST" else None,
    }
    return render(request, "followup/sanction_form.html", context)


def _penalty_preview(data, contracts) -> dict | None:
    """rate × min(cap, ⌈days/7⌉) for the contract, ground and dates entered so far."""
    form = forms.SanctionPreviewForm(data, contracts=contracts)
    if not form.is_valid():
        return None
    contract, since = form.cleaned_data["contract"], form.cleaned_data["ground_since"]
    until = form.cleaned_data["counted_until"] or timezone.localdate()
    days = (until - since).days
    if days < 0:
        return None
    options = actions.sanction_options(contract, ground=form.cleaned_data["ground"], days=days)
    return {
        **options,
        "contract": contract,
        "days": days,
        "started_weeks": started_weeks(days),
        "until": until,
        "kind_labels": [SanctionKind(kind).label for kind in options["kinds"]],
    }
