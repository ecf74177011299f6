"""Findings, the corrective action plan of each deviation, and remediation for affected people."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.run import run_action, run_form, valid_or_report
from kedja.organisations.queries import actor_for

from .. import actions, forms, queries
from ..models import PlanStatus, RemediationStatus
from ._posted import run_and_return


@login_required
def finding_add(request: HttpRequest, uuid) -> HttpResponse:
    case = queries.get_team_case_for_user(request.user, uuid, assess=True)
    form = forms.FindingForm(request.POST or None)
    if run_form(
        request,
        form,
        actions.record_finding,
        success=_("The finding was recorded."),
        case=case,
    ):
        return redirect("followup:case_detail", uuid=case.uuid)
    return render(request, "followup/finding_form.html", {"case": case, "form": form})


@login_required
def finding_detail(request: HttpRequest, uuid) -> HttpResponse:
    finding = queries.get_finding_for_user(request.user, uuid)
    actor = actor_for(request.user)
    proposals = list(finding.plan_proposals.all())
    pending = proposals[-1] if proposals and proposals[-1].status == PlanStatus.PROPOSED else None
    may_assess = queries.may_assess(actor, finding.case)
    context = {
        "proposals": proposals,
        "pending": pending,
        "review_form": forms.PlanReviewForm(auto_id="rev_%s") if pending and may_assess else None,
        "finding": finding,
        "case": finding.case,
        "actions": finding.actions.select_related("verified_by").prefetch_related("evidence", "reports"),
        "remediations": finding.remediations.prefetch_related("reports"),
        "may_assess": may_assess,
        "confidential": queries.may_see_confidential(actor, finding.case),
        "action_form": forms.ActionForm(auto_id="act_%s"),
        "remediation_form": forms.RemediationForm(auto_id="rem_%s"),
        "verify_form": forms.VerifyForm(),
        "remediation_statuses": RemediationStatus.choices,
    }
    return render(request, "followup/finding_detail.html", context)


@login_required
@require_POST
def action_add(request: HttpRequest, uuid) -> HttpResponse:
    success = _("The corrective action was added.")
    return _on_finding(request, uuid, forms.ActionForm, actions.add_corrective_action, success)


@login_required
@require_POST
def action_verify(request: HttpRequest, uuid) -> HttpResponse:
    action = queries.get_action_for_user(request.user, uuid, assess=True)
    return run_and_return(
        request,
        forms.VerifyForm(request.POST),
        actions.verify_action,
        ("followup:finding_detail", action.finding.uuid),
        success=_("The verification was recorded."),
        action=action,
    )


@login_required
@require_POST
def plan_review(request: HttpRequest, uuid) -> HttpResponse:
    """Approve the supplier's proposed plan or ask for changes with a comment."""
    proposal = queries.get_plan_proposal_for_user(request.user, uuid, assess=True)
    form = forms.PlanReviewForm(request.POST)
    if valid_or_report(request, form):
        run_action(
            request,
            actions.review_plan,
            success=_("Your review was sent to the supplier."),
            proposal=proposal,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
        )
    return redirect("followup:finding_detail", uuid=proposal.finding.uuid)


@login_required
@require_POST
def remediation_add(request: HttpRequest, uuid) -> HttpResponse:
    success = _("The remediation was recorded.")
    return _on_finding(request, uuid, forms.RemediationForm, actions.record_remediation, success)


def _on_finding(request: HttpRequest, uuid, form_class, action, success: str) -> HttpResponse:
    """Run `action` with a form posted from the finding's page, then back to that page."""
    finding = queries.get_finding_for_user(request.user, uuid, assess=True)
    page = ("followup:finding_detail", finding.uuid)
    return run_and_return(request, form_class(request.POST), action, page, success=success, finding=finding)


@login_required
@require_POST
def remediation_status(request: HttpRequest, uuid) -> HttpResponse:
    remediation = queries.get_remediation_for_user(request.user, uuid, assess=True)
    return run_and_return(
        request,
        forms.RemediationStatusForm(request.POST),
        actions.set_remediation_status,
        ("followup:finding_detail", remediation.finding.uuid),
        success=_("The remediation status was changed."),
        remediation=remediation,
    )
