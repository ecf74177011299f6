"""Step 3: assigning on-site audits, the auditor's assignments, reports and findings import."""

import uuid as uuid_lib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.contracts.actions import SiteInput
from kedja.core.files import attachment
from kedja.core.run import run_action, run_form, valid_or_report
from kedja.organisations.queries import actor_for

from .. import actions, forms, importer, queries
from ._posted import run_and_return


@login_required
def site_audit_add(request: HttpRequest, uuid) -> HttpResponse:
    """Assign an on-site audit; a site missing from the chain is first added from the traceability answer."""
    case = queries.get_team_case_for_user(request.user, uuid, write=True)
    sites = case.supplier.supply_chain_sites.all()
    chosen = sites.filter(uuid=request.GET["site"]).first() if _is_uuid(request.GET.get("site")) else None
    form = forms.SiteAuditForm(
        request.POST or None,
        sites=sites,
        labels=dict(queries.site_choices(case, actor_for(request.user))),
        initial={"cost_bearer": case.cost_bearer, "site": chosen},
    )
    if run_form(
        request,
        form,
        actions.assign_site_audit,
        success=_("The on-site audit was assigned."),
        case=case,
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
    if valid_or_report(request, form):
        data = dict(form.cleaned_data)
        contract = data.pop("contract")
        site = run_action(
            request,
            actions.add_site_from_traceability,
            success=_("The site was added to the supply chain."),
            case=case,
            contract=contract,
            data=SiteInput(**data),
        ).result
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
    return run_and_return(
        request,
        forms.FindingForm(request.POST),
        actions.record_finding,
        ("followup:site_audit_detail", audit.uuid),
        success=_("The finding was recorded."),
        case=audit.case,
        site_audit=audit,
    )


@login_required
@require_POST
def site_audit_report(request: HttpRequest, uuid) -> HttpResponse:
    audit = queries.get_site_audit_for_user(request.user, uuid)
    return run_and_return(
        request,
        forms.SiteReportForm(request.POST, request.FILES),
        actions.report_site_audit,
        ("followup:site_audit_detail", audit.uuid),
        success=_("The audit was reported."),
        audit=audit,
    )


@login_required
@require_POST
def site_audit_import(request: HttpRequest, uuid) -> HttpResponse:
    """Import findings from an existing audit report in Kedja's template; all rows or none."""
    audit = queries.get_site_audit_for_user(request.user, uuid)
    if not queries.may_record_site_findings(actor_for(request.user), audit):
        raise Http404
    form = forms.ImportForm(request.POST, request.FILES)
    if not valid_or_report(request, form):
        return redirect("followup:site_audit_detail", uuid=audit.uuid)
    imported = run_action(
        request, importer.import_site_findings, audit=audit, uploaded=form.cleaned_data["file"]
    )
    if imported and imported.result.errors:
        messages.error(request, _("Nothing was imported. Correct these rows and try again."))
        for line in imported.result.errors:
            messages.error(request, line)
    elif imported:
        messages.success(request, _("%(count)d findings imported.") % {"count": imported.result.created})
    return redirect("followup:site_audit_detail", uuid=audit.uuid)


def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The downloadable findings template (CSV or XLSX) with example rows."""
    if fmt == "xlsx":
        content = importer.template_xlsx()
    elif fmt == "csv":
        content = importer.template_csv()
    else:
        raise Http404
    return attachment(content, filename=f"kedja-findings-template.{fmt}")


@login_required
def auditor_home(request: HttpRequest) -> HttpResponse:
    """An auditor's assignments: only the site audits assigned to their firm."""
    actor = actor_for(request.user)
    audits = queries.site_audits_visible_to(actor)
    if actor.sees_shared:
        audits = audits.none()
    return render(request, "followup/auditor_home.html", {"audits": audits})
