"""Pages of the yearly national follow-up plan: proposals, consolidation, approval, launch."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kedja.core.audit import history
from kedja.core.run import posted, run_action, run_form
from kedja.organisations.queries import actor_for, get_or_404, regions

from . import actions, forms, queries
from .models import YearPlanStatus


@login_required
def year_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not actor.sees_shared:
        raise Http404
    form = forms.YearPlanForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if posted(request, form):
        opened = run_action(
            request,
            actions.open_year_plan,
            form=form,
            year=form.cleaned_data["year"],
            success=_("The plan is open for proposals."),
        )
        if opened:
            return redirect("plans:year_detail", year=opened.result.year)
    context = {
        "year_plans": queries.year_plans_visible_to(actor),
        "form": form,
        "may_open": actor.is_secretariat,
    }
    return render(request, "plans/year_list.html", context)


def _proposal_form(request, actor, data=None):
    region_qs = regions() if actor.is_secretariat else regions().filter(pk__in=actor.officer_region_ids)
    initial = {"region": region_qs.first()} if region_qs.count() == 1 else {}
    return forms.ProposalForm(data, prefix="proposal", region_queryset=region_qs, initial=initial)


def _year_page(request, year_plan, **bound) -> HttpResponse:
    actor = actor_for(request.user)
    may_propose = queries.accepts_proposals(year_plan) and (
        actor.is_secretariat or bool(actor.officer_region_ids)
    )
    context = {
        "year_plan": year_plan,
        "proposals": queries.proposals_of(year_plan),
        "entries": queries.entries_of(year_plan),
        "may_propose": may_propose,
        "is_secretariat": actor.is_secretariat,
        "own_region_ids": actor.officer_region_ids,
        "proposal_form": _proposal_form(request, actor) if may_propose else None,
        "launch_form": forms.LaunchForm(prefix="launch"),
        "history": history(year_plan)[:30],
        **bound,
    }
    return render(request, "plans/year_detail.html", context, status=400 if bound else 200)


@login_required
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    return _year_page(request, queries.get_year_plan_for_user(request.user, year))


@login_required
@require_POST
def proposal_add(request: HttpRequest, year: int) -> HttpResponse:
    year_plan = queries.get_year_plan_for_user(request.user, year)
    form = _proposal_form(request, actor_for(request.user), request.POST)
    if run_form(request, form, actions.propose, year_plan=year_plan, success=_("The proposal was added.")):
        return redirect("plans:year_detail", year=year)
    return _year_page(request, year_plan, proposal_form=form)


@login_required
@require_POST
def proposal_withdraw(request: HttpRequest, year: int, uuid) -> HttpResponse:
    year_plan = queries.get_year_plan_for_user(request.user, year)
    proposal = queries.get_proposal_for_user(request.user, year_plan, uuid)
    run_action(
        request, actions.withdraw_proposal, proposal=proposal, success=_("The proposal was withdrawn.")
    )
    return redirect("plans:year_detail", year=year)


STEPS = {
    "consolidate": (actions.consolidate, gettext_lazy("The proposals were consolidated.")),
    "approve": (actions.approve_year_plan, gettext_lazy("The national follow-up plan was approved.")),
}


@login_required
@require_POST
def year_transition(request: HttpRequest, year: int, what: str) -> HttpResponse:
    year_plan = queries.get_year_plan_for_user(request.user, year)
    if what not in STEPS:
        raise Http404
    action, done = STEPS[what]
    run_action(request, action, year_plan=year_plan, success=done)
    return redirect("plans:year_detail", year=year)


@login_required
@require_POST
def year_launch(request: HttpRequest, year: int) -> HttpResponse:
    year_plan = queries.get_year_plan_for_user(request.user, year)
    form = forms.LaunchForm(request.POST, prefix="launch")
    if run_form(
        request,
        form,
        actions.launch_year_plan,
        year_plan=year_plan,
        success=year_plan.launch_note or _("The plan was launched."),
    ):
        return redirect("plans:year_detail", year=year)
    return _year_page(request, year_plan, launch_form=form)


@login_required
def entry_edit(request: HttpRequest, year: int, uuid) -> HttpResponse:
    year_plan = queries.get_year_plan_for_user(request.user, year)
    if not actor_for(request.user).is_secretariat or year_plan.status != YearPlanStatus.CONSOLIDATED:
        raise Http404
    entry = get_or_404(queries.entries_of(year_plan), uuid)
    initial = {
        "lead_region": entry.lead_region,
        "quarter": entry.quarter,
        "cost_bearer": entry.cost_bearer,
        "cost_note": entry.cost_note,
    }
    form = forms.EntryForm(request.POST or None, initial=initial)
    if run_form(request, form, actions.update_entry, entry=entry, success=_("The entry was updated.")):
        return redirect("plans:year_detail", year=year)
    return render(request, "plans/entry_form.html", {"form": form, "entry": entry, "year_plan": year_plan})
