"""Sanction decisions with the computed penalty preview (docs/domain-rules.md §3.5)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.run import run_action, run_form

from .. import actions, forms, queries
from ..models import SanctionKind
from ..rules import sanction_options, started_weeks
from ._posted import run_and_return


@login_required
def sanction_add(request: HttpRequest, uuid) -> HttpResponse:
    """Record a sanction decision; "Show the penalty" previews the computed amount first."""
    case = queries.get_team_case_for_user(request.user, uuid, assess=True)
    contracts = case.contracts.all()
    previewing = "preview" in request.POST
    initial = request.POST.dict() if request.method == "POST" else queries.sanction_prefill(case)
    form = forms.SanctionForm(
        None if previewing else (request.POST or None), initial=initial, contracts=contracts
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
    options = sanction_options(contract, ground=form.cleaned_data["ground"], days=days)
    return {
        **options,
        "contract": contract,
        "days": days,
        "started_weeks": started_weeks(days),
        "until": until,
        "kind_labels": [SanctionKind(kind).label for kind in options["kinds"]],
    }


@login_required
def sanction_correct(request: HttpRequest, uuid) -> HttpResponse:
    """Replace a decision by a corrected one; the old one stays on record with the reason."""
    decision = queries.get_sanction_for_user(request.user, uuid, assess=True)
    initial = {f: getattr(decision, f) for f in ("ground", "kind", "ground_since", "counted_until", "reason")}
    form = forms.SanctionCorrectionForm(request.POST or None, initial=initial, contracts=None)
    if run_form(
        request,
        form,
        actions.correct_sanction,
        success=_("The decision was corrected."),
        decision=decision,
    ):
        return redirect("followup:case_detail", uuid=decision.case.uuid)
    context = {"case": decision.case, "decision": decision, "form": form, "contracts": [decision.contract]}
    return render(request, "followup/sanction_form.html", context)


@login_required
@require_POST
def sanction_withdraw(request: HttpRequest, uuid) -> HttpResponse:
    success = _("The decision was withdrawn.")
    return _on_decision(request, uuid, forms.ReasonForm, actions.withdraw_sanction, success)


@login_required
@require_POST
def sanction_stop_end(request: HttpRequest, uuid) -> HttpResponse:
    success = _("The end of the call-off stop was recorded.")
    return _on_decision(request, uuid, forms.StopEndForm, actions.end_call_off_stop, success)


def _on_decision(request: HttpRequest, uuid, form_class, action, success: str) -> HttpResponse:
    """Run `action` with a form posted about a decision from its case's page, then back to that page."""
    decision = queries.get_sanction_for_user(request.user, uuid, assess=True)
    page = ("followup:case_detail", decision.case.uuid)
    return run_and_return(request, form_class(request.POST), action, page, success=success, decision=decision)
