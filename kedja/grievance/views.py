"""The grievance handlers' pages (the secretariat) and the supplier's answer page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kedja.core.audit import record_download
from kedja.core.files import stored_file_response
from kedja.core.pagination import paginate
from kedja.core.run import run_action
from kedja.followup.queries import lead_choices
from kedja.organisations.queries import actor_for, actor_who_may
from kedja.risk.models import AnalysisStatus, RiskItem

from . import actions, forms, queries
from .models import GrievanceStatus


def _handler(request: HttpRequest):
    return actor_who_may(request.user, queries.may_handle)


@login_required
def handler_list(request: HttpRequest) -> HttpResponse:
    actor = _handler(request)
    status = request.GET.get("status", "")
    reports = queries.grievances_visible_to(actor)
    if status in GrievanceStatus.values:
        reports = reports.filter(status=status)
    context = {"page": paginate(request, reports), "status": status, "statuses": GrievanceStatus.choices}
    return render(request, "grievance/handler_list.html", context)


def _risk_items(grievance):
    items = RiskItem.objects.filter(analysis__status=AnalysisStatus.DRAFT).select_related(
        "analysis__category", "issue", "country", "stage"
    )
    items = items.filter(analysis__category__in=grievance.categories.all())
    return items.filter(issue=grievance.risk_issue) if grievance.risk_issue_id else items


def _forms(request, grievance, matched, bound: str = "") -> dict:
    """Every form of the detail page; only the one named `bound` gets the posted data."""
    builders = {
        "acknowledge": lambda data: forms.AcknowledgeForm(data, prefix="acknowledge"),
        "reply": lambda data: forms.MessageForm(data, prefix="reply"),
        "link": lambda data: forms.LinkForm(
            data,
            grievance=grievance,
            matched_site_ids=[s.pk for s in matched],
            initial=_link_initial(grievance),
            prefix="link",
        ),
        "assess": lambda data: forms.AssessForm(data, initial=_assess_initial(grievance), prefix="assess"),
        "open_case": lambda data: forms.OpenCaseForm(
            data, grievance=grievance, lead_choices=lead_choices(request.user), prefix="open_case"
        ),
        "add_to_case": lambda data: forms.AddToCaseForm(data, grievance=grievance, prefix="add_to_case"),
        "ask_supplier": lambda data: forms.AskSupplierForm(data, grievance=grievance, prefix="ask_supplier"),
        "refer": lambda data: forms.ReferForm(data, prefix="refer"),
        "close": lambda data: forms.CloseForm(data, prefix="close"),
        "evidence": lambda data: forms.EvidenceForm(data, items=_risk_items(grievance), prefix="evidence"),
    }
    return {name: build(request.POST if name == bound else None) for name, build in builders.items()}


def _link_initial(grievance) -> dict:
    return {
        "suppliers": grievance.suppliers.all(),
        "contracts": grievance.contracts.all(),
        "sites": grievance.sites.all(),
        "categories": grievance.categories.all(),
    }


def _assess_initial(grievance) -> dict:
    fields = ("credibility", "risk_issue", "scale", "scope_band", "irremediability", "vulnerable")
    return {f: getattr(grievance, f) for f in fields} | {"note": grievance.assessment_note}


def _detail(request, grievance, bound: tuple = (), status: int = 200) -> HttpResponse:
    """The handler's page; `bound` is (name, form) of a posted form to show with its errors."""
    actor = actor_for(request.user)
    matched = queries.matching_sites(grievance, actor)
    context = {
        "grievance": grievance,
        "contact": queries.contact_details_for(request.user, grievance),
        "thread": grievance.messages.select_related("author"),
        "attachments": grievance.attachments.all(),
        "linked_sites": queries.linked_sites(grievance, actor),
        "linked_suppliers": list(grievance.suppliers.all()),
        "matched_sites": matched,
        "supplier_requests": grievance.supplier_requests.select_related("supplier"),
        "forms": _forms(request, grievance, matched) | dict([bound] if bound else []),
    }
    return render(request, "grievance/handler_detail.html", context, status=status)


@login_required
def handler_detail(request: HttpRequest, uuid) -> HttpResponse:
    return _detail(request, queries.get_grievance_for_user(request.user, uuid))


def _action_for(name: str, grievance, data: dict):
    """The action behind form `name` and its arguments from the form's cleaned data."""
    common = {"grievance": grievance}
    actions_by_name = {
        "acknowledge": (actions.acknowledge, {"message": data.get("message", "")}),
        "reply": (actions.reply, {"text": data.get("text")}),
        "link": (
            actions.link,
            {key: list(data.get(key, [])) for key in ("suppliers", "contracts", "sites", "categories")},
        ),
        "assess": (actions.assess, data),
        "open_case": (actions.open_case, {"supplier": data.get("supplier"), "lead": data.get("lead")}),
        "add_to_case": (actions.add_to_case, data),
        "ask_supplier": (
            actions.ask_supplier,
            {"supplier": data.get("supplier"), "question": data.get("question")},
        ),
        "refer": (actions.refer, {"referred_to": data.get("referred_to")}),
        "close": (actions.close, {"reason": data.get("reason")}),
        "evidence": (actions.record_as_evidence, {"item": data.get("item")}),
    }
    action, arguments = actions_by_name[name]
    return action, common | arguments


DONE = {
    "acknowledge": gettext_lazy("The report was acknowledged; the reporter sees it."),
    "reply": gettext_lazy("Your message was sent; the reporter reads it when they come back."),
    "link": gettext_lazy("The links were saved."),
    "assess": gettext_lazy("The assessment was saved."),
    "open_case": gettext_lazy("A follow-up case was opened."),
    "add_to_case": gettext_lazy("The report was added to the follow-up case."),
    "ask_supplier": gettext_lazy("The supplier was asked to respond."),
    "refer": gettext_lazy("The referral was recorded; the reporter sees where."),
    "close": gettext_lazy("The report was closed; the reporter reads the reason."),
    "evidence": gettext_lazy("The report was added as evidence to the risk item."),
}


@login_required
@require_POST
def handler_do(request: HttpRequest, uuid, name: str) -> HttpResponse:
    grievance = queries.get_grievance_for_user(request.user, uuid)
    if name not in DONE:
        raise Http404
    matched = queries.matching_sites(grievance, actor_for(request.user))
    form = _forms(request, grievance, matched, bound=name)[name]
    if form.is_valid():
        action, arguments = _action_for(name, grievance, form.cleaned_data)
        if run_action(request, action, form=form, success=DONE[name], **arguments):
            return redirect("grievance:handler_detail", uuid=grievance.uuid)
    messages.error(request, _("Please correct the errors in the form below."))
    return _detail(request, grievance, bound=(name, form), status=400)


@login_required
def attachment(request: HttpRequest, uuid, attachment_uuid) -> HttpResponse:
    item = queries.get_attachment_for_user(request.user, uuid, attachment_uuid)
    filename = f"{item.grievance.receipt_code}-{item.uuid.hex[:8]}{item.file.name[-4:]}"
    record_download(item.grievance, actor=request.user, filename=filename, export=False)
    return stored_file_response(item.file, filename=filename)


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    _handler(request)
    return render(request, "grievance/statistics.html", {"stats": queries.statistics()})


# The supplier's side ---------------------------------------------------------------------------


@login_required
def supplier_requests(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not actor.is_supplier:
        raise Http404
    return render(request, "grievance/supplier_list.html", {"requests": queries.supplier_requests_for(actor)})


@login_required
def supplier_respond(request: HttpRequest, uuid) -> HttpResponse:
    item = queries.get_supplier_request_for_user(request.user, uuid)
    form = forms.SupplierResponseForm(request.POST or None, initial={"response": item.response})
    if request.method == "POST" and form.is_valid():
        response = form.cleaned_data["response"]
        success = _("Your response was sent.")
        if run_action(
            request, actions.respond_as_supplier, form=form, success=success, request=item, response=response
        ):
            return redirect("grievance:supplier_requests")
    return render(request, "grievance/supplier_respond.html", {"item": item, "form": form})
