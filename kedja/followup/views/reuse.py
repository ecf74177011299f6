"""A supplier's follow-up history, shared with every buyer in the collaboration, with Kedja's reuse
verdict per result and the buyers' recorded reuse decisions."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.run import run_action, valid_or_report
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.organisations.queries import actor_for, get_or_404, organisations_visible_to

from .. import actions, forms, queries, reuse
from ..rules import reuse_max_age_years


def _supplier(request: HttpRequest, uuid) -> Organisation:
    """A supplier, for people who see shared data only (suppliers and auditors get a 404)."""
    actor = actor_for(request.user)
    if not actor.sees_shared:
        raise Http404
    return get_or_404(organisations_visible_to(actor).filter(kind=OrganisationKind.SUPPLIER), uuid)


def _needs(request: HttpRequest, supplier: Organisation) -> dict:
    """The clause level and step to judge against: from the query string, else from my contracts."""
    initial = {"level": reuse.needed_level_for(actor_for(request.user), supplier), "step": 1}
    form = forms.ReuseCheckForm({**initial, **request.GET.dict()})
    return form.cleaned_data if form.is_valid() else initial


def _decision_form(request: HttpRequest, supplier: Organisation, data=None, initial=None):
    buyers = queries.lead_choices(request.user)
    return forms.ReuseDecisionForm(
        data, buyers=buyers, sources=reuse.finished_cases(supplier), initial=initial
    )


@login_required
def supplier_history(request: HttpRequest, uuid) -> HttpResponse:
    supplier = _supplier(request, uuid)
    needs = _needs(request, supplier)
    initial = {"needed_level": needs["level"], "needed_step": needs["step"]}
    decision_form = _decision_form(request, supplier, initial=initial)
    decision_form.initial["decided_for"] = decision_form.fields["decided_for"].queryset.first()
    context = {
        "supplier": supplier,
        "check_form": forms.ReuseCheckForm(initial=needs),
        "rows": reuse.history_rows(supplier, needed_level=needs["level"], needed_step=needs["step"]),
        "decisions": reuse.decisions_of(supplier),
        "decision_form": decision_form,
        "may_decide": decision_form.fields["decided_for"].queryset.exists(),
        "max_age": reuse_max_age_years(),
    }
    return render(request, "followup/supplier_history.html", context)


@login_required
@require_POST
def reuse_decide(request: HttpRequest, uuid) -> HttpResponse:
    supplier = _supplier(request, uuid)
    form = _decision_form(request, supplier, request.POST)
    if valid_or_report(request, form):
        run_action(
            request,
            actions.decide_reuse,
            success=_("The reuse decision was recorded."),
            **form.cleaned_data,
        )
    return redirect("followup:supplier_history", uuid=supplier.uuid)
