"""Proposing suppliers for the yearly follow-up plan from a saved spend screening or from the
"whom to follow up" list."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kedja.core.run import run_action, run_form
from kedja.organisations.queries import actor_for, regions
from kedja.risk.queries import follow_up_rows
from kedja.risk.spend_queries import get_screening_for_user

from . import actions, forms, queries
from .models import YearPlanStatus


@login_required
def screening_proposals(request: HttpRequest, uuid) -> HttpResponse:
    actor = actor_for(request.user)
    screening = get_screening_for_user(request.user, uuid)
    own = regions() if actor.is_secretariat else regions().filter(pk__in=actor.officer_region_ids)
    if not own.exists() or not screening.result:
        raise Http404
    rows = queries.screened_suppliers(screening)
    year_plans = queries.year_plans_visible_to(actor).filter(
        status__in=[YearPlanStatus.OPEN, YearPlanStatus.CONSOLIDATED]
    )
    form = forms.ScreeningProposalForm(
        request.POST or None,
        year_plans=year_plans,
        region_queryset=own,
        rows=rows,
        initial={
            "region": own.filter(pk=screening.organisation_id).first() or own.first(),
            "year_plan": year_plans.order_by("year").first(),
        },
    )
    done = run_form(
        request,
        form,
        actions.propose_from_screening,
        screening=screening,
        success=_("The suppliers were proposed for the follow-up plan."),
    )
    if done:
        return redirect("plans:year_detail", year=form.cleaned_data["year_plan"].year)
    context = {"screening": screening, "form": form, "rows": rows, "year_plans": year_plans}
    return render(request, "plans/screening_proposals.html", context, status=400 if request.POST else 200)


def _proposing(request: HttpRequest):
    """The regions the user proposes for and the follow-up years open to proposals (404 without)."""
    actor = actor_for(request.user)
    own = regions() if actor.is_secretariat else regions().filter(pk__in=actor.officer_region_ids)
    if not own.exists():
        raise Http404
    year_plans = queries.year_plans_visible_to(actor).filter(
        status__in=[YearPlanStatus.OPEN, YearPlanStatus.CONSOLIDATED]
    )
    return actor, own, year_plans


@login_required
def follow_up_proposals(request: HttpRequest) -> HttpResponse:
    """The ranked suppliers of a category or area, to propose for step 1 of a follow-up year."""
    actor, own, year_plans = _proposing(request)
    params = request.POST if request.method == "POST" else request.GET
    category, area = params.get("category", ""), params.get("area", "")
    rows = follow_up_rows(actor, category, area)
    form = forms.FollowUpProposalForm(
        request.POST or None,
        year_plans=year_plans,
        region_queryset=own,
        rows=rows,
        initial={"region": own.first(), "year_plan": year_plans.order_by("year").first()},
    )
    if request.method == "POST" and form.is_valid():
        success = _("The suppliers were proposed for the follow-up plan.")
        if run_action(
            request, actions.propose_from_follow_up_list, form=form, success=success, **form.chosen()
        ):
            return redirect("plans:year_detail", year=form.cleaned_data["year_plan"].year)
    context = {"form": form, "rows": rows, "year_plans": year_plans, "category": category, "area": area}
    return render(request, "plans/follow_up_proposals.html", context, status=400 if request.POST else 200)
