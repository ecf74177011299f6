"""The supplier portal: a supplier contact's own cases, the self-assessment, evidence, CAP responses
and zero-tolerance reports. Never another supplier's data, never internal assessment notes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.run import run_action, valid_or_report
from kedja.organisations.queries import actor_for

from .. import actions, answer_queries, forms, queries
from ..models import PlanStatus
from ._posted import run_and_return


def _supplier_actor(request: HttpRequest):
    actor = actor_for(request.user)
    if not actor.is_supplier:
        raise Http404
    return actor


@login_required
def portal_home(request: HttpRequest) -> HttpResponse:
    actor = _supplier_actor(request)
    cases = list(queries.with_overview(queries.supplier_cases(actor)).order_by("-created_at"))
    lights = queries.lights_for(cases)
    rows = [(case, lights[case.pk], queries.supplier_status(case)) for case in cases]
    reports = queries.supplier_reports(actor)
    context = {
        "rows": rows,
        "reports": reports,
        "answer_requests": answer_queries.requests_of(actor.supplier_ids)[:20],
    }
    return render(request, "followup/portal_home.html", context)


@login_required
def portal_case(request: HttpRequest, uuid) -> HttpResponse:
    """The supplier's view of its case: status, its self-assessment request, findings and the CAP
    (no internal notes). The answers themselves are given once, on the request's page."""
    _supplier_actor(request)
    case = queries.supplier_case_for_user(request.user, uuid)
    context = {
        "case": case,
        "findings": queries.findings_of(case, for_supplier=True),
        "status": queries.supplier_status(case),
        "events": queries.timeline(case, for_supplier=True)[:50],
        "requests": _requests(case),
        "response_form": forms.ResponseForm(),
        "sanctions": case.sanctions.select_related("contract"),
        "draft_summary": queries.draft_summary_for_supplier(case),
        "comment_form": forms.SummaryCommentForm(),
    }
    return render(request, "followup/portal_case.html", context)


def _requests(case):
    audit = getattr(case, "office_audit", None)
    return audit.document_requests.prefetch_related("documents") if audit else []


@login_required
@require_POST
def portal_respond(request: HttpRequest, uuid) -> HttpResponse:
    """The supplier's response to one corrective action, with optional evidence."""
    action = queries.get_supplier_action_for_user(request.user, uuid)
    case = action.finding.case
    form = forms.ResponseForm(request.POST, request.FILES)
    if valid_or_report(request, form):
        run_action(
            request,
            actions.respond_to_action,
            success=_("Your response was sent."),
            action=action,
            response=form.cleaned_data["response"],
            uploaded=form.cleaned_data["evidence"],
        )
    return redirect("followup:portal_case", uuid=case.uuid)


@login_required
def portal_plan(request: HttpRequest, uuid) -> HttpResponse:
    """The supplier's corrective action plan for one deviation: every version with the buyer's
    answers, and the form to propose it or revise it after the buyer asked for changes."""
    finding = queries.get_supplier_finding_for_user(request.user, uuid)
    proposals = list(finding.plan_proposals.all())
    latest = proposals[-1] if proposals else None
    may_propose = finding.case.is_open and (latest is None or latest.status == PlanStatus.CHANGES_REQUESTED)
    form = None
    if may_propose:
        rows = latest.actions if latest else []
        initial = {"root_cause": latest.root_cause} if latest else {}
        form = forms.PlanProposalForm(request.POST or None, initial=initial, initial_rows=rows)
        if request.method == "POST" and form.is_valid():
            data = {"root_cause": form.cleaned_data["root_cause"], "actions": form.rows()}
            success = _("Your plan was sent to the buyer.")
            if run_action(request, actions.propose_plan, form=form, success=success, finding=finding, **data):
                return redirect("followup:portal_plan", uuid=finding.uuid)
    context = {"finding": finding, "case": finding.case, "proposals": proposals, "form": form}
    return render(request, "followup/portal_plan.html", context)


@login_required
@require_POST
def portal_remedy_report(request: HttpRequest, uuid) -> HttpResponse:
    """The supplier's report on a remedy asked of it."""
    remediation = queries.get_supplier_remediation_for_user(request.user, uuid)
    form = forms.RemedyReportForm(request.POST, request.FILES)
    if valid_or_report(request, form):
        run_action(
            request,
            actions.report_on_remediation,
            success=_("Your report was sent."),
            remediation=remediation,
            text=form.cleaned_data["text"],
            uploaded=form.cleaned_data["evidence"],
        )
    return redirect("followup:portal_case", uuid=remediation.finding.case.uuid)


@login_required
@require_POST
def portal_request_upload(request: HttpRequest, uuid) -> HttpResponse:
    document_request = queries.get_supplier_request_for_user(request.user, uuid)
    case = document_request.office_audit.case
    form = forms.UploadForm(request.POST, request.FILES)
    if valid_or_report(request, form):
        run_action(
            request,
            actions.answer_document_request,
            success=_("The document was uploaded."),
            request=document_request,
            uploaded=form.cleaned_data["file"],
        )
    return redirect("followup:portal_case", uuid=case.uuid)


@login_required
def portal_zero_tolerance(request: HttpRequest) -> HttpResponse:
    """Report a zero-tolerance deviation (clause section 3), at any time."""
    actor = _supplier_actor(request)
    contracts = queries.supplier_contracts(actor)
    form = forms.ZeroToleranceForm(request.POST or None, contracts=contracts)
    if request.method == "POST" and form.is_valid():
        outcome = run_action(
            request,
            actions.file_zero_tolerance_report,
            form=form,
            success=_("Thank you. Your report was received and the buyer was alerted."),
            **form.cleaned_data,
        )
        if outcome:
            if outcome.result.on_time is False:
                messages.warning(
                    request,
                    _("Reported after the contract's deadline of %(days)s days.")
                    % {"days": outcome.result.deadline_days},
                )
            return redirect("followup:portal_home")
    return render(request, "followup/portal_zero_tolerance.html", {"form": form})


@login_required
@require_POST
def portal_summary_comment(request: HttpRequest, uuid) -> HttpResponse:
    """The supplier's comment on the draft summary of its own case."""
    case = queries.supplier_case_for_user(request.user, uuid)
    summary = queries.draft_summary_for_supplier(case)
    if summary is None:
        raise Http404
    return run_and_return(
        request,
        forms.SummaryCommentForm(request.POST),
        actions.comment_on_summary,
        ("followup:portal_case", case.uuid),
        success=_("Your comment was sent."),
        summary=summary,
    )
