"""The case team's case pages: the list, the case file, starting cases, transitions, notes and scope."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.contracts.queries import get_contract_for_user, get_supplier_for_user
from kedja.core.audit import history, without_fields
from kedja.core.htmx import render_page
from kedja.core.pagination import paginate
from kedja.core.params import uuid_param
from kedja.core.run import run_action, run_form
from kedja.organisations.queries import actor_for

from .. import actions, answer_queries, forms, queries
from ..dashboard import my_cases_q
from ..models import CaseStatus
from ..rules import PUBLISH_WHEN_PLAN, Reason, TrafficLight, publish_when
from ._posted import run_and_return


def _filtered_cases(request: HttpRequest, actor):
    qs = queries.cases_visible_to(actor)
    q, status, step, mine = (request.GET.get(k, "").strip() for k in ("q", "status", "step", "mine"))
    qs = queries.filter_cases(qs, q=q, status=status, step=step)
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
    cases = queries.overview_of([row["pk"] for row in page])
    lights = queries.lights_for(cases)
    rows = [(case, lights[case.pk]) for case in cases]
    context = {
        "page": page,
        "rows": rows,
        "light": light,
        "statuses": CaseStatus.choices,
        "lights": TrafficLight.choices,
        **filters,
    }
    return render_page(request, "followup/case_list.html", context)


# Case-history fields naming confidential evidence (a thinned document's name and checksum).
CONFIDENTIAL_HISTORY_FIELDS = {"document", "sha256"}


@login_required
def case_detail(request: HttpRequest, uuid) -> HttpResponse:
    actor = actor_for(request.user)
    case = queries.get_case_for_user(request.user, uuid)
    if not actor.sees_shared:
        return redirect("followup:portal_case", uuid=case.uuid)
    confidential = queries.may_see_confidential(actor, case)
    # A joint case's split is the business of its regions: shown to them, never to the supplier.
    joint_split = queries.may_see_joint_split(actor, case) and case.participating_regions.exists()
    context = {
        "joint_split": joint_split,
        "joint_tasks": queries.joint_tasks_of(case) if joint_split else [],
        "cost_shares": list(queries.cost_shares_of(case)) if joint_split else [],
        "case": case,
        "light": queries.compute_light(case),
        "findings": queries.findings_of(case),
        "confidential": confidential,
        "may_change": queries.may_change(actor, case),
        "may_assess": queries.may_assess(actor, case),
        "events": queries.timeline(case)[:100],
        "notes": case.notes.select_related("author") if confidential else [],
        "documents": case.documents.all() if confidential else [],
        "stale_documents": answer_queries.stale_documents(case) if confidential else [],
        # The lead region's officers always see their case's history, whoever assesses it, but not
        # which confidential documents it names.
        "history": history(case)[:50]
        if confidential
        else without_fields(history(case)[:50], CONFIDENTIAL_HISTORY_FIELDS)
        if queries.may_change(actor, case)
        else [],
        "site_audits": case.site_audits.select_related("site__country", "audit_firm"),
        "sanctions": queries.sanctions_of(case),
        "zero_tolerance_reports": case.zero_tolerance_reports.select_related("contract", "issue"),
        "publish_plan_mode": publish_when() == PUBLISH_WHEN_PLAN,
        "send_form": forms.SendForm(auto_id="send_%s"),
        "before_sending": answer_queries.before_sending(case) if case.status == CaseStatus.DRAFT else None,
        "invitations": answer_queries.invitations_of(case) if queries.in_case_team(actor, case) else None,
        "in_case_team": queries.in_case_team(actor, case),
        "escalate_form": forms.EscalateForm(auto_id="esc_%s", initial={"product": case.products}),
        "escalate3_form": forms.EscalateForm(auto_id="esc3_%s", initial={"product": case.products}),
        "suggestion_reasons": [Reason.from_json(r) for r in case.step1_suggestion_reasons],
        "cancel_form": forms.ReasonForm(auto_id="cancel_%s"),
        "note_form": forms.NoteForm(auto_id="note_%s"),
        "remedy_planned": queries.remedy_planned(case),
        "S": CaseStatus,
    }
    return render(request, "followup/case_detail.html", context)


@login_required
def case_start(request: HttpRequest) -> HttpResponse:
    """Start a case from a contract (?contract=uuid) or a supplier (?supplier=uuid); when the supplier
    already has an open case, joining it is the default."""
    contract, supplier = _start_target(request)
    open_cases = queries.open_cases_of(actor_for(request.user), supplier, request.POST.get("products", ""))
    form = forms.StartCaseForm(
        request.POST or None, leads=queries.lead_choices(request.user), open_cases=open_cases
    )
    if request.method == "POST" and form.is_valid():
        joining = form.cleaned_data.get("join")
        if joining:
            action, arguments = actions.join_case, {"case": joining, "region": form.cleaned_data["lead"]}
            success = _("Your region now takes part in the open case.")
        else:
            action, arguments = _start(contract, supplier, form.cleaned_data)
            success = _("The follow-up case was started.")
        outcome = run_action(request, action, form=form, success=success, **arguments)
        if outcome:
            return redirect("followup:case_detail", uuid=outcome.result.uuid)
    context = {"form": form, "contract": contract, "supplier": supplier, "open_cases": open_cases}
    return render(request, "followup/case_start.html", context)


def _start_target(request):
    actor = actor_for(request.user)
    if not actor.officer_region_ids and not actor.is_secretariat:
        raise Http404
    # A malformed id becomes None, which matches nothing: the same 404 as a missing contract.
    if "contract" in request.GET:
        contract = get_contract_for_user(request.user, uuid_param(request.GET, "contract"))
        return contract, contract.supplier
    return None, get_supplier_for_user(request.user, uuid_param(request.GET, "supplier"))


def _start(contract, supplier, data) -> tuple[Callable, dict]:
    """The start action that fits the form (direct entry at step 2, from a contract, or a supplier)."""
    common = {"lead": data["lead"], "cost_bearer": data["cost_bearer"] or None, "products": data["products"]}
    if data["entry_step2"]:
        contracts = [contract] if contract else []
        return actions.start_case_at_step2, {
            **common,
            "supplier": supplier,
            "reason": data["reason"],
            "contracts": contracts,
        }
    if contract:
        return actions.start_case_from_contract, {**common, "contract": contract}
    return actions.start_case_for_supplier, {**common, "supplier": supplier}


@login_required
def bulk_start(request: HttpRequest) -> HttpResponse:
    """The yearly send-out: cases for every supplier of a category (secretariat)."""
    if not actor_for(request.user).is_secretariat:
        raise Http404
    form = forms.BulkStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = run_action(
            request, actions.send_out_category, form=form, success=_("Cases started."), **form.cleaned_data
        )
        if outcome:
            _report_send_out(request, outcome.result)
            return redirect("followup:case_list")
    return render(request, "followup/bulk_start.html", {"form": form})


def _report_send_out(request: HttpRequest, result: dict) -> None:
    messages.info(
        request,
        _("%(count)d new cases; the self-assessment went to %(sent)d of them.")
        % {"count": len(result["cases"]), "sent": len(result["sent"])},
    )
    not_sent = result["unreachable"] + [case for case, _reason in result["refused"]]
    if not_sent:
        messages.warning(
            request,
            _("Not sent, waiting in draft (no reachable contact or no matching questionnaire): %(names)s.")
            % {"names": ", ".join(sorted(case.supplier.name for case in not_sent))},
        )


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
    "escalate3": (forms.EscalateForm, actions.escalate_to_step3, _("The case moved to the on-site audit.")),
    "corrective": (
        None,
        actions.start_corrective_action,
        _("The case now follows the corrective action plan."),
    ),
    "close": (forms.CloseForm, actions.close_case, _("The case was closed.")),
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
        run_action(request, action, success=success, case=case, **data)
    return redirect("followup:case_detail", uuid=case.uuid)


@login_required
@require_POST
def note_add(request: HttpRequest, uuid) -> HttpResponse:
    case = queries.get_case_for_user(request.user, uuid, write=True)
    form = forms.NoteForm(request.POST)
    page = ("followup:case_detail", case.uuid)
    return run_and_return(request, form, actions.add_note, page, success=_("Note added."), case=case)


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
    if run_form(
        request,
        form,
        actions.update_case,
        success=_("The case was changed."),
        case=case,
    ):
        return redirect("followup:case_detail", uuid=case.uuid)
    return render(request, "followup/case_edit.html", {"case": case, "form": form})
