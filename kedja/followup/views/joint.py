"""A joint case's work split and cost split: the lead's case team keeps them; the case page shows
them to the case's regions (views/cases.py)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.run import run_action, run_form

from .. import actions, forms, queries
from ..models import CostSplitKind


@login_required
def joint_task_add(request: HttpRequest, uuid) -> HttpResponse:
    """Give a region of the case a task (the lead's case team)."""
    case = queries.get_team_case_for_user(request.user, uuid, write=True)
    form = forms.JointTaskForm(request.POST or None, regions=queries.case_regions(case))
    if run_form(request, form, actions.add_joint_task, success=_("The task was added."), case=case):
        return redirect("followup:case_detail", uuid=case.uuid)
    context = {"case": case, "form": form, "tasks": queries.joint_tasks_of(case)}
    return render(request, "followup/joint_task_form.html", context)


@login_required
@require_POST
def joint_task_done(request: HttpRequest, uuid) -> HttpResponse:
    task = queries.get_joint_task_for_user(request.user, uuid)
    done = request.POST.get("done") == "1"
    success = _("The task is marked done.") if done else _("The task is marked not done.")
    run_action(request, actions.set_joint_task_done, success=success, task=task, done=done)
    return redirect("followup:case_detail", uuid=task.case.uuid)


@login_required
@require_POST
def joint_task_remove(request: HttpRequest, uuid) -> HttpResponse:
    task = queries.get_joint_task_for_user(request.user, uuid)
    run_action(request, actions.remove_joint_task, success=_("The task was removed."), task=task)
    return redirect("followup:case_detail", uuid=task.case.uuid)


@login_required
def cost_split_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Split the cost between the case's regions, in percent or in kronor (the lead's case team)."""
    case = queries.get_team_case_for_user(request.user, uuid, write=True)
    regions = queries.case_regions(case)
    shares = list(queries.cost_shares_of(case))
    initial: dict[str, object] = {"kind": shares[0].kind if shares else CostSplitKind.PERCENT}
    for share in shares:
        initial[f"region_{share.region_id}"] = (
            share.percent if share.kind == CostSplitKind.PERCENT else share.amount_sek
        )
    form = forms.CostSplitForm(request.POST or None, regions=regions, initial=initial)
    if request.method == "POST" and form.is_valid():
        outcome = run_action(
            request,
            actions.set_cost_split,
            form=form,
            success=_("The cost split was saved."),
            case=case,
            kind=form.cleaned_data["kind"],
            values=form.values(),
        )
        if outcome:
            return redirect("followup:case_detail", uuid=case.uuid)
    return render(request, "followup/cost_split_form.html", {"case": case, "form": form})
