"""Contract and supplier risk registers and the "whom to follow up" list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kedja.contracts.queries import (
    contracts_visible_to,
    get_contract_for_user,
    get_supplier_for_user,
    may_edit_contract,
)
from kedja.core.audit import record_download
from kedja.core.files import attachment
from kedja.core.run import run_action, run_posted_form
from kedja.followup import queries as followup_queries
from kedja.organisations.models import ProcurementArea
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category
from kedja.risk import actions, exports
from kedja.risk.forms import OverrideForm
from kedja.risk.queries import follow_up_rows, lead_organisation, with_open_cases
from kedja.risk.register import contract_register, follow_up_list


def _internal(request) -> None:
    # Registers are internal assessments: suppliers and auditors never see them.
    if not actor_for(request.user).sees_shared:
        raise Http404


@login_required
def contract_risk(request: HttpRequest, uuid) -> HttpResponse:
    _internal(request)
    contract = get_contract_for_user(request.user, uuid)
    context = {
        "contract": contract,
        "register": contract_register(contract),
        "may_override": may_edit_contract(actor_for(request.user), contract),
        "form": OverrideForm(),
    }
    return render(request, "risk/contract_register.html", context)


@login_required
@require_POST
def contract_override(request: HttpRequest, uuid) -> HttpResponse:
    _internal(request)
    contract = get_contract_for_user(request.user, uuid, write=True)
    run_posted_form(request, OverrideForm(request.POST), actions.set_contract_override, contract=contract)
    return redirect("risk:contract_risk", uuid=contract.uuid)


@login_required
def supplier_risk(request: HttpRequest, uuid) -> HttpResponse:
    _internal(request)
    supplier = get_supplier_for_user(request.user, uuid)
    contracts = contracts_visible_to(actor_for(request.user)).filter(supplier=supplier)
    rows = follow_up_list(contracts)
    return render(
        request, "risk/supplier_register.html", {"supplier": supplier, "entry": rows[0] if rows else None}
    )


def _follow_up_rows(request, params) -> tuple[list, str, str]:
    category_slug, area_letter = params.get("category", ""), params.get("area", "")
    return follow_up_rows(actor_for(request.user), category_slug, area_letter), category_slug, area_letter


@login_required
def follow_up(request: HttpRequest) -> HttpResponse:
    _internal(request)
    rows, category_slug, area_letter = _follow_up_rows(request, request.GET)
    with_open_cases(actor_for(request.user), rows)
    leads = list(followup_queries.lead_choices(request.user))
    context = {
        "rows": rows,
        "leads": leads,
        "categories": Category.objects.all(),
        "areas": ProcurementArea.objects.all(),
        "category": category_slug,
        "area": area_letter,
    }
    return render(request, "risk/follow_up.html", context)


@login_required
@require_POST
def follow_up_start(request: HttpRequest) -> HttpResponse:
    """Start follow-up cases for the checked suppliers; the follow-up app decides who may."""
    _internal(request)
    rows, category_slug, area_letter = _follow_up_rows(request, request.POST)
    chosen = set(request.POST.getlist("supplier"))
    selected = [row for row in rows if str(row.supplier.uuid) in chosen]
    lead = lead_organisation(request.POST.get("lead", ""))
    if len(selected) != len(chosen) or lead is None:
        messages.error(request, _("Choose suppliers from the list and who leads the follow-up."))
    else:
        started = run_action(request, actions.start_follow_up_cases, suppliers=selected, lead=lead)
        if started:
            count = len(started.result)
            messages.success(
                request,
                ngettext("%(count)d follow-up case started.", "%(count)d follow-up cases started.", count)
                % {"count": count},
            )
    return redirect(
        f"{reverse('risk:follow_up')}?{urlencode({'category': category_slug, 'area': area_letter})}"
    )


@login_required
def contract_export(request: HttpRequest, uuid, fmt: str) -> HttpResponse:
    _internal(request)
    contract = get_contract_for_user(request.user, uuid)
    register = contract_register(contract)
    content = exports.contract_pdf(register) if fmt == "pdf" else exports.contract_xlsx(register)
    filename = f"risk-register-{slugify(contract.reference)}.{fmt}"
    record_download(contract, actor=request.user, filename=filename, export=True)
    return attachment(content, filename=filename)
