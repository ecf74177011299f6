"""Step 2: the office audit with its document requests, interviews and checklist."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.core.run import run_action, valid_or_report
from kedja.organisations.queries import actor_for

from .. import actions, forms, queries
from ._posted import run_and_return


@login_required
def office_audit(request: HttpRequest, uuid) -> HttpResponse:
    case = queries.get_case_for_user(request.user, uuid)
    actor = actor_for(request.user)
    if not actor.sees_shared:
        raise Http404
    audit = getattr(case, "office_audit", None)
    form = forms.OfficeAuditForm(request.POST or None, initial={"product": case.products})
    if (
        request.method == "POST"
        and audit is None
        and form.is_valid()
        and run_action(
            request,
            actions.open_office_audit,
            form=form,
            success=_("The office audit was set up."),
            case=case,
            **form.cleaned_data,
        )
    ):
        return redirect("followup:office_audit", uuid=case.uuid)
    context = {
        "case": case,
        "audit": audit,
        "form": form,
        "confidential": queries.may_see_confidential(actor, case),
        "may_assess": queries.may_assess(actor, case),
        "may_change": queries.may_change(actor, case),
        "checklist": audit.checklist.select_related("requirement", "office_audit") if audit else [],
        "requests": audit.document_requests.prefetch_related("documents") if audit else [],
        "interviews": audit.interviews.all() if audit else [],
        "request_form": forms.DocumentRequestForm(auto_id="req_%s"),
        "interview_form": forms.InterviewForm(auto_id="int_%s"),
        "outcome_form": forms.OutcomeForm(auto_id="out_%s"),
    }
    return render(request, "followup/office_audit.html", context)


@login_required
@require_POST
def office_audit_add(request: HttpRequest, uuid, what: str) -> HttpResponse:
    """Add a document request or an interview to the office audit."""
    case = queries.get_case_for_user(request.user, uuid)
    audit = getattr(case, "office_audit", None)
    if audit is None or what not in ("request", "interview"):
        raise Http404
    form = (forms.DocumentRequestForm if what == "request" else forms.InterviewForm)(request.POST)
    action = actions.request_document if what == "request" else actions.record_interview
    return run_and_return(
        request, form, action, ("followup:office_audit", case.uuid), success=_("Saved."), audit=audit
    )


@login_required
@require_POST
def checklist_update(request: HttpRequest, uuid) -> HttpResponse:
    item = queries.get_checklist_item_for_user(request.user, uuid, assess=True)
    case = item.office_audit.case
    form = forms.ChecklistForm(request.POST)
    if valid_or_report(request, form):
        data = form.cleaned_data
        run_action(
            request,
            actions.update_checklist,
            success=_("Checklist saved."),
            item=item,
            document_date=data["document_date"],
            relevant=form.tristate(data["relevant"]),
            supports_claims=form.tristate(data["supports_claims"]),
            comment=data["comment"],
        )
    return redirect("followup:office_audit", uuid=case.uuid)


@login_required
@require_POST
def office_audit_conclude(request: HttpRequest, uuid) -> HttpResponse:
    case = queries.get_case_for_user(request.user, uuid)
    return run_and_return(
        request,
        forms.OutcomeForm(request.POST),
        actions.conclude_office_audit,
        ("followup:case_detail", case.uuid),
        success=_("The office audit was concluded."),
        case=case,
    )
