"""Step 2 and step 3 pages (office audit, site audits, findings import), the auditor's assignments,
sanction decisions and summaries."""

import uuid as uuid_lib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.contracts.actions import SiteInput
from kedja.contracts.models import Site
from kedja.organisations.queries import actor_for

from . import actions, forms, importer, queries
from .models import ChecklistItem, PublishedSummary, SanctionKind
from .rules import started_weeks
from .views import run_action


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
            lambda: actions.open_office_audit(acting_user=request.user, case=case, **form.cleaned_data),
            _("The office audit was set up."),
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
    if form.is_valid():
        run_action(
            request, lambda: action(acting_user=request.user, audit=audit, **form.cleaned_data), _("Saved.")
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("followup:office_audit", uuid=case.uuid)


@login_required
@require_POST
def checklist_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ChecklistItem.objects.select_related("office_audit__case"), pk=pk)
    case = queries.get_case_for_user(request.user, item.office_audit.case.uuid)
    form = forms.ChecklistForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_action(
            request,
            lambda: actions.update_checklist(
                acting_user=request.user,
                item=item,
                document_date=data["document_date"],
                relevant=form.tristate(data["relevant"]),
                supports_claims=form.tristate(data["supports_claims"]),
                comment=data["comment"],
            ),
            _("Checklist saved."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("followup:office_audit", uuid=case.uuid)


@login_required
@require_POST
def office_audit_conclude(request: HttpRequest, uuid) -> HttpResponse:
    case = queries.get_case_for_user(request.user, uuid)
    form = forms.OutcomeForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: actions.conclude_office_audit(acting_user=request.user, case=case, **form.cleaned_data),
            _("The office audit was concluded."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("followup:case_detail", uuid=case.uuid)


@login_required
def site_audit_add(request: HttpRequest, uuid) -> HttpResponse:
    """Assign an on-site audit; a site missing from the chain is first added from the traceability answer."""
    case = queries.get_case_for_user(request.user, uuid, write=True)
    sites = Site.objects.filter(supplier=case.supplier).select_related("country")
    chosen = sites.filter(uuid=request.GET["site"]).first() if _is_uuid(request.GET.get("site")) else None
    form = forms.SiteAuditForm(
        request.POST or None, sites=sites, initial={"cost_bearer": case.cost_bearer, "site": chosen}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_action(
            request,
            lambda: actions.assign_site_audit(acting_user=request.user, case=case, **form.cleaned_data),
            _("The on-site audit was assigned."),
        )
    ):
        return redirect("followup:case_detail", uuid=case.uuid)
    site_form = forms.TraceabilitySiteForm(auto_id="site_%s", contracts=case.contracts.all())
    context = {"case": case, "form": form, "site_form": site_form}
    return render(request, "followup/site_audit_form.html", context)


def _is_uuid(value) -> bool:
    try:
        uuid_lib.UUID(str(value))
    except ValueError:
        return False
    return True


@login_required
@require_POST
def traceability_site_add(request: HttpRequest, uuid) -> HttpResponse:
    """Add a site named in the supplier's traceability answer, then come back to the assignment."""
    case = queries.get_case_for_user(request.user, uuid, write=True)
    form = forms.TraceabilitySiteForm(request.POST, contracts=case.contracts.all())
    site = None
    if form.is_valid():
        data = dict(form.cleaned_data)
        contract = data.pop("contract")
        result = []
        run_action(
            request,
            lambda: result.append(
                actions.add_site_from_traceability(
                    acting_user=request.user, case=case, contract=contract, data=SiteInput(**data)
                )
            ),
            _("The site was added to the supply chain."),
        )
        site = result[0] if result else None
    else:
        messages.error(request, form.errors.as_text())
    url = reverse("followup:site_audit_add", kwargs={"uuid": case.uuid})
    return redirect(f"{url}?site={site.uuid}" if site else url)


@login_required
def site_audit_detail(request: HttpRequest, uuid) -> HttpResponse:
    audit = queries.get_site_audit_for_user(request.user, uuid)
    actor = actor_for(request.user)
    context = {
        "audit": audit,
        "case": audit.case,
        "findings": audit.findings.select_related("requirement", "issue"),
        "may_record": queries.may_record_site_findings(actor, audit),
        "site_name": audit.site.legal_name if queries.may_see_site_name(actor, audit) else None,
        "is_auditor": audit.audit_firm_id in actor.audit_firm_ids,
        "finding_form": forms.FindingForm(auto_id="fnd_%s"),
        "import_form": forms.ImportForm(auto_id="imp_%s"),
        "report_form": forms.SiteReportForm(
            auto_id="rep_%s", initial={"worker_interviews": audit.worker_interviews}
        ),
    }
    return render(request, "followup/site_audit_detail.html", context)


@login_required
@require_POST
def site_audit_finding(request: HttpRequest, uuid) -> HttpResponse:
    audit = queries.get_site_audit_for_user(request.user, uuid)
    form = forms.FindingForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: actions.record_finding(
                acting_user=request.user, case=audit.case, site_audit=audit, **form.cleaned_data
            ),
            _("The finding was recorded."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("followup:site_audit_detail", uuid=audit.uuid)


@login_required
@require_POST
def site_audit_report(request: HttpRequest, uuid) -> HttpResponse:
    audit = queries.get_site_audit_for_user(request.user, uuid)
    form = forms.SiteReportForm(request.POST, request.FILES)
    if form.is_valid():
        run_action(
            request,
            lambda: actions.report_site_audit(acting_user=request.user, audit=audit, **form.cleaned_data),
            _("The audit was reported."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("followup:site_audit_detail", uuid=audit.uuid)


@login_required
@require_POST
def site_audit_import(request: HttpRequest, uuid) -> HttpResponse:
    """Import findings from an existing audit report in Kedja's template; all rows or none."""
    audit = queries.get_site_audit_for_user(request.user, uuid)
    if not queries.may_record_site_findings(actor_for(request.user), audit):
        raise Http404
    form = forms.ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("followup:site_audit_detail", uuid=audit.uuid)
    try:
        result = importer.import_site_findings(
            acting_user=request.user, audit=audit, uploaded=form.cleaned_data["file"]
        )
    except (ValidationError, PermissionDenied) as error:
        result = importer.ImportResult(errors=[str(error)])
    if result.errors:
        messages.error(request, _("Nothing was imported. Correct these rows and try again."))
        for line in result.errors:
            messages.error(request, line)
    else:
        messages.success(request, _("%(count)d findings imported.") % {"count": result.created})
    return redirect("followup:site_audit_detail", uuid=audit.uuid)


def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The downloadable findings template (CSV or XLSX) with example rows."""
    if fmt == "xlsx":
        response = HttpResponse(
            importer.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "csv":
        response = HttpResponse(importer.template_csv(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="kedja-findings-template.{fmt}"'
    return response


@login_required
def auditor_home(request: HttpRequest) -> HttpResponse:
    """An auditor's assignments: only the site audits assigned to their firm."""
    actor = actor_for(request.user)
    audits = queries.site_audits_visible_to(actor)
    if actor.sees_shared:
        audits = audits.none()
    return render(request, "followup/auditor_home.html", {"audits": audits})


@login_required
def sanction_add(request: HttpRequest, uuid) -> HttpResponse:
    """Record a sanction decision; "Show the penalty" previews the computed amount first."""
    case = queries.get_case_for_user(request.user, uuid)
    if not queries.may_assess(actor_for(request.user), case):
        raise Http404
    contracts = case.contracts.all()
    previewing = "preview" in request.POST
    form = forms.SanctionForm(
        None if previewing else (request.POST or None), initial=request.POST.dict(), contracts=contracts
    )
    if request.method == "POST" and not previewing and form.is_valid():
        data = form.cleaned_data
        if run_action(
            request,
            lambda: actions.decide_sanction(acting_user=request.user, case=case, **data),
            _("The sanction decision was recorded."),
        ):
            return redirect("followup:case_detail", uuid=case.uuid)
    context = {
        "case": case,
        "form": form,
        "contracts": contracts,
        "preview": _penalty_preview(request.POST, contracts) if request.method == "POST" else None,
    }
    return render(request, "followup/sanction_form.html", context)


def _penalty_preview(data, contracts) -> dict | None:
    """rate × min(cap, ⌈days/7⌉) for the contract, ground and dates entered so far."""
    form = forms.SanctionPreviewForm(data, contracts=contracts)
    if not form.is_valid():
        return None
    contract, since = form.cleaned_data["contract"], form.cleaned_data["ground_since"]
    until = form.cleaned_data["counted_until"] or timezone.localdate()
    days = (until - since).days
    if days < 0:
        return None
    options = actions.sanction_options(contract, ground=form.cleaned_data["ground"], days=days)
    return {
        **options,
        "contract": contract,
        "days": days,
        "started_weeks": started_weeks(days),
        "until": until,
        "kind_labels": [SanctionKind(kind).label for kind in options["kinds"]],
    }


@login_required
def summary_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Prepare (rebuild from the case) the summary; the secretariat also edits both texts."""
    case = queries.get_case_for_user(request.user, uuid, write=True)
    summary = getattr(case, "summary", None)
    initial = {"text_sv": summary.text_sv, "text_en": summary.text_en} if summary else {}
    form = forms.SummaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_summary(request, case, summary, form):
        return redirect("followup:summary_edit", uuid=case.uuid)
    context = {
        "case": case,
        "form": form,
        "summary": summary,
        "withdraw_form": forms.ReasonForm(auto_id="wd_%s"),
    }
    return render(request, "followup/summary_form.html", context)


def _save_summary(request: HttpRequest, case, summary, form) -> bool:
    if summary is None or "rebuild" in request.POST:
        return run_action(
            request,
            lambda: actions.prepare_summary(acting_user=request.user, case=case, **form.cleaned_data),
            _("The summary was prepared."),
        )
    return run_action(
        request,
        lambda: actions.edit_summary_texts(acting_user=request.user, summary=summary, **form.cleaned_data),
        _("The summary texts were saved."),
    )


def _summary(request: HttpRequest, uuid) -> PublishedSummary:
    summary = get_object_or_404(PublishedSummary.objects.select_related("case"), uuid=uuid)
    queries.get_case_for_user(request.user, summary.case.uuid)
    return summary


@login_required
@require_POST
def summary_withdraw(request: HttpRequest, uuid) -> HttpResponse:
    summary = _summary(request, uuid)
    form = forms.ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    run_action(
        request,
        lambda: actions.withdraw_summary(acting_user=request.user, summary=summary, reason=reason),
        _("The summary was withdrawn from the public pages."),
    )
    return redirect("followup:summary_edit", uuid=summary.case.uuid)


@login_required
@require_POST
def summary_publish(request: HttpRequest, uuid) -> HttpResponse:
    summary = _summary(request, uuid)
    run_action(
        request,
        lambda: actions.publish_summary(acting_user=request.user, summary=summary),
        _("The summary is now public."),
    )
    return redirect("followup:summary_edit", uuid=summary.case.uuid)
