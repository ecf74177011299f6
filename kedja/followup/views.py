"""Case-team pages of the follow-up: lists, the case file, transitions, step 1 review, findings, CAPs,
sanctions and summaries. Views stay short; the rules live in actions."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.contracts.models import Contract
from kedja.core.audit import history
from kedja.core.files import stored_file_response
from kedja.core.htmx import render_page
from kedja.core.pagination import paginate
from kedja.core.uploads import CONTENT_TYPES
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.organisations.queries import actor_for, organisations_visible_to

from . import actions, forms, queries
from .dashboard import my_cases_q
from .models import CaseStatus, CorrectiveAction, Finding, FollowUpCase, Remediation, RemediationStatus
from .rules import TrafficLight


def run_action(request: HttpRequest, call: Callable, success: str) -> bool:
    """Run an action, turning domain errors into messages; True when it succeeded."""
    try:
        call()
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text or _("You may not do this."))
        return False
    messages.success(request, success)
    return True


def _filtered_cases(request: HttpRequest, actor):
    qs = queries.cases_visible_to(actor)
    q, status, step, mine = (request.GET.get(k, "").strip() for k in ("q", "status", "step", "mine"))
    if q:
        qs = qs.filter(
            Q(supplier__name__icontains=q) | Q(products__icontains=q) | Q(category__name_sv__icontains=q)
        )
    if status in CaseStatus.values:
        qs = qs.filter(status=status)
    if step in ("1", "2", "3"):
        qs = qs.filter(current_step=int(step))
    if mine:
        qs = qs.filter(my_cases_q(actor))
    return qs, {"q": q, "status": status, "step": step, "mine": mine}


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not actor.sees_shared:
        return redirect("followup:portal_home") if actor.is_supplier else redirect("followup:auditor_home")
    qs, filters = _filtered_cases(request, actor)
    light = request.GET.get("light", "")
    # Paginate plain ids; the overview annotations are then computed for one page only.
    page = paginate(request, queries.filter_light(qs, light).order_by("-created_at", "-pk").values("pk"))
    rows = [(case, queries.light_of(case)) for case in queries.overview_of([row["pk"] for row in page])]
    context = {
        "page": page,
        "rows": rows,
        "light": light,
        "statuses": CaseStatus.choices,
        "lights": TrafficLight.choices,
        **filters,
    }
    return render_page(request, "followup/case_list.html", context)


@login_required
def case_detail(request: HttpRequest, uuid) -> HttpResponse:
    actor = actor_for(request.user)
    case = queries.get_case_for_user(request.user, uuid)
    if not actor.sees_shared:
        return redirect("followup:portal_case", uuid=case.uuid)
    confidential = queries.may_see_confidential(actor, case)
    context = {
        "case": case,
        "light": queries.compute_light(case),
        "findings": queries.findings_of(case),
        "confidential": confidential,
        "may_change": queries.may_change(actor, case),
        "may_assess": queries.may_assess(actor, case),
        "events": queries.timeline(case)[:100],
        "notes": case.notes.select_related("author") if confidential else [],
        "documents": case.documents.all() if confidential else [],
        "history": history(case)[:50] if confidential else [],
        "site_audits": case.site_audits.select_related("site__country", "audit_firm"),
        "sanctions": case.sanctions.select_related("contract", "decided_by"),
        "send_form": forms.SendForm(auto_id="send_%s"),
        "escalate_form": forms.EscalateForm(auto_id="esc_%s", initial={"product": case.products}),
        "cancel_form": forms.ReasonForm(auto_id="cancel_%s"),
        "note_form": forms.NoteForm(auto_id="note_%s"),
        "S": CaseStatus,
    }
    return render(request, "followup/case_detail.html", context)


@login_required
def case_start(request: HttpRequest) -> HttpResponse:
    """Start a case from a contract (?contract=uuid) or a supplier (?supplier=uuid)."""
    contract, supplier = _start_target(request)
    form = forms.StartCaseForm(request.POST or None, leads=actions.lead_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            case = _start(request.user, contract, supplier, form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("The follow-up case was started."))
            return redirect("followup:case_detail", uuid=case.uuid)
    return render(
        request, "followup/case_start.html", {"form": form, "contract": contract, "supplier": supplier}
    )


def _start_target(request):
    actor = actor_for(request.user)
    if not actor.officer_region_ids and not actor.is_secretariat:
        raise Http404
    key = request.GET.get("contract")
    if key:
        try:
            contract = Contract.objects.select_related("supplier").get(uuid=key)
        except (Contract.DoesNotExist, ValueError):
            raise Http404 from None
        return contract, contract.supplier
    try:
        supplier = organisations_visible_to(actor).get(
            uuid=request.GET.get("supplier"), kind=OrganisationKind.SUPPLIER
        )
    except (ValidationError, ValueError, Organisation.DoesNotExist):
        raise Http404 from None
    return None, supplier


def _start(user, contract, supplier, data) -> FollowUpCase:
    common = {"acting_user": user, "lead": data["lead"], "cost_bearer": data["cost_bearer"] or None}
    contracts = [contract] if contract else []
    if data["entry_step2"]:
        return actions.start_case_at_step2(
            supplier=supplier, products=data["products"], reason=data["reason"], contracts=contracts, **common
        )
    if contract:
        return actions.start_case_from_contract(contract=contract, products=data["products"], **common)
    return actions.start_case_for_supplier(supplier=supplier, products=data["products"], **common)


@login_required
def bulk_start(request: HttpRequest) -> HttpResponse:
    """The yearly send-out: cases for every supplier of a category (secretariat)."""
    if not actor_for(request.user).is_secretariat:
        raise Http404
    form = forms.BulkStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = []
        if run_action(
            request,
            lambda: created.extend(
                actions.start_cases_for_category(acting_user=request.user, **form.cleaned_data)
            ),
            _("Cases started."),
        ):
            messages.info(request, _("%(count)d new cases.") % {"count": len(created)})
            return redirect("followup:case_list")
    return render(request, "followup/bulk_start.html", {"form": form})


TRANSITIONS = {
    "send": (
        forms.SendForm,
        actions.send_self_assessment,
        _("The self-assessment was sent to the supplier."),
    ),
    "return": (
        forms.ReasonForm,
        actions.return_self_assessment,
        _("The answers were returned to the supplier."),
    ),
    "escalate2": (forms.EscalateForm, actions.escalate_to_step2, _("The case moved to the office audit.")),
    "corrective": (
        None,
        actions.start_corrective_action,
        _("The case now follows the corrective action plan."),
    ),
    "close": (None, actions.close_case, _("The case was closed.")),
    "cancel": (forms.ReasonForm, actions.cancel_case, _("The case was cancelled.")),
}


@login_required
@require_POST
def case_transition(request: HttpRequest, uuid, name: str) -> HttpResponse:
    """Every case transition: the action checks permission and the allowed source states."""
    case = queries.get_case_for_user(request.user, uuid)
    if name not in TRANSITIONS:
        raise Http404
    form_class, action, success = TRANSITIONS[name]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Fill in the form: %(errors)s") % {"errors": form.errors.as_text()})
    else:
        data = form.cleaned_data if form else {}
        run_action(request, lambda: action(acting_user=request.user, case=case, **data), success)
    return redirect("followup:case_detail", uuid=case.uuid)


@login_required
@require_POST
def note_add(request: HttpRequest, uuid) -> HttpResponse:
    case = queries.get_case_for_user(request.user, uuid, write=True)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: actions.add_note(acting_user=request.user, case=case, **form.cleaned_data),
            _("Note added."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("followup:case_detail", uuid=case.uuid)


@login_required
def step1_review(request: HttpRequest, uuid) -> HttpResponse:
    """The reviewer's page: the supplier's answers, Kedja's proposal, ratings, and the conclusion."""
    case = queries.get_case_for_user(request.user, uuid)
    actor = actor_for(request.user)
    if not queries.may_see_confidential(actor, case) or not hasattr(case, "self_assessment"):
        raise Http404
    sheet = case.self_assessment
    rows = list(sheet.assessments.select_related("requirement"))
    form = forms.assessment_form(rows, request.POST or None)
    if request.method == "POST" and form.is_valid():
        ratings = {
            r.requirement_id: (
                form.cleaned_data[f"rating_{r.requirement_id}"],
                form.cleaned_data[f"comment_{r.requirement_id}"],
            )
            for r in rows
        }
        if run_action(
            request,
            lambda: actions.assess_requirements(acting_user=request.user, case=case, ratings=ratings),
            _("Ratings saved."),
        ):
            return redirect("followup:step1_review", uuid=case.uuid)
    answers = {a.question_id: a for a in sheet.answers.all()}
    context = {
        "case": case,
        "sheet": sheet,
        "form": form,
        "answers": answers,
        "questions": actions.visible_questions(sheet, answers),
        "documents": case.documents.exclude(question=None),
        "outcome_form": forms.OutcomeForm(),
        "may_assess": queries.may_assess(actor, case),
    }
    return render(request, "followup/step1_review.html", context)


@login_required
@require_POST
def step1_conclude(request: HttpRequest, uuid) -> HttpResponse:
    case = queries.get_case_for_user(request.user, uuid)
    form = forms.OutcomeForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: actions.conclude_step1(
                acting_user=request.user,
                case=case,
                recommendation=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            ),
            _("The self-assessment review was concluded."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("followup:case_detail", uuid=case.uuid)


@login_required
def finding_add(request: HttpRequest, uuid) -> HttpResponse:
    case = queries.get_case_for_user(request.user, uuid)
    form = forms.FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_finding(acting_user=request.user, case=case, **data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("The finding was recorded."))
            return redirect("followup:case_detail", uuid=case.uuid)
    return render(request, "followup/finding_form.html", {"case": case, "form": form})


def _finding(request, uuid) -> Finding:
    finding = get_object_or_404(Finding.objects.select_related("case", "requirement", "issue"), uuid=uuid)
    queries.get_case_for_user(request.user, finding.case.uuid)
    return finding


@login_required
def finding_detail(request: HttpRequest, uuid) -> HttpResponse:
    finding = _finding(request, uuid)
    actor = actor_for(request.user)
    if not actor.sees_shared:
        raise Http404
    context = {
        "finding": finding,
        "case": finding.case,
        "actions": finding.actions.select_related("verified_by"),
        "remediations": finding.remediations.all(),
        "may_assess": queries.may_assess(actor, finding.case),
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
    finding = _finding(request, uuid)
    form = forms.ActionForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: actions.add_corrective_action(
                acting_user=request.user, finding=finding, **form.cleaned_data
            ),
            _("The corrective action was added."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("followup:finding_detail", uuid=finding.uuid)


@login_required
@require_POST
def action_verify(request: HttpRequest, uuid) -> HttpResponse:
    action = get_object_or_404(CorrectiveAction.objects.select_related("finding__case"), uuid=uuid)
    queries.get_case_for_user(request.user, action.finding.case.uuid)
    form = forms.VerifyForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: actions.verify_action(acting_user=request.user, action=action, **form.cleaned_data),
            _("The verification was recorded."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("followup:finding_detail", uuid=action.finding.uuid)


@login_required
@require_POST
def remediation_add(request: HttpRequest, uuid) -> HttpResponse:
    finding = _finding(request, uuid)
    form = forms.RemediationForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: actions.record_remediation(
                acting_user=request.user, finding=finding, **form.cleaned_data
            ),
            _("The remediation was recorded."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("followup:finding_detail", uuid=finding.uuid)


@login_required
def case_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Change the scope, the cost bearer and the participating regions of a case."""
    case = queries.get_case_for_user(request.user, uuid, write=True)
    initial = {
        "products": case.products,
        "cost_bearer": case.cost_bearer,
        "cost_note": case.cost_note,
        "participating": case.participating_regions.all(),
    }
    form = forms.CaseEditForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_action(
            request,
            lambda: actions.update_case(acting_user=request.user, case=case, **form.cleaned_data),
            _("The case was changed."),
        )
    ):
        return redirect("followup:case_detail", uuid=case.uuid)
    return render(request, "followup/case_edit.html", {"case": case, "form": form})


@login_required
@require_POST
def remediation_status(request: HttpRequest, uuid) -> HttpResponse:
    remediation = get_object_or_404(Remediation.objects.select_related("finding__case"), uuid=uuid)
    queries.get_case_for_user(request.user, remediation.finding.case.uuid)
    form = forms.RemediationStatusForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: actions.set_remediation_status(
                acting_user=request.user, remediation=remediation, status=form.cleaned_data["status"]
            ),
            _("The remediation status was changed."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("followup:finding_detail", uuid=remediation.finding.uuid)


@login_required
def document_download(request: HttpRequest, uuid):
    """Evidence and audit reports, only to those who may see them (never via a public media URL)."""
    document = queries.get_document_for_user(request.user, uuid)
    return stored_file_response(
        document.file,
        filename=document.original_name,
        content_type=CONTENT_TYPES.get(document.detected_type, "application/octet-stream"),
    )
