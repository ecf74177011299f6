"""Step 2 (office audit) and step 3 (on-site audit) actions."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.contracts.actions import SiteInput, add_site
from kedja.contracts.models import Contract, Site
from kedja.core.audit import record
from kedja.notifications import events as notify
from kedja.organisations.models import Organisation, OrganisationKind, User
from kedja.organisations.queries import actor_for
from kedja.reference.models import Requirement, RequirementSection

from ..models import (
    Announcement,
    CaseStatus,
    ChecklistItem,
    CostBearer,
    DocumentRequest,
    EventKind,
    FollowUpCase,
    Interview,
    IntervieweeRole,
    OfficeAudit,
    RequestStatus,
    SiteAudit,
    SiteAuditStatus,
)
from ..queries import may_record_site_findings
from ._common import (
    check_is_supplier,
    check_may_assess,
    check_may_change,
    enter_step,
    event,
    require_status,
    save_document,
)


@transaction.atomic
def open_office_audit(
    *,
    acting_user: User,
    case: FollowUpCase,
    product: str,
    audit_firm: Organisation | None = None,
    cost_bearer: str | None = None,
    held_on: date | None = None,
    document_max_age_years: int = 2,
) -> OfficeAudit:
    """Set up the office audit of one product, with a checklist row per process requirement."""
    check_may_change(acting_user, case)
    require_status(case, [CaseStatus.STEP2])
    if hasattr(case, "office_audit"):
        raise ValidationError(_("This case already has an office audit."))
    if audit_firm is not None and audit_firm.kind != OrganisationKind.AUDIT_FIRM:
        raise ValidationError(_("Choose an audit firm."))
    if not product.strip() or not 1 <= document_max_age_years <= 5:
        raise ValidationError(_("Name the product; documents may count as current for 1 to 5 years."))
    audit = OfficeAudit.objects.create(
        case=case,
        product=product.strip(),
        audit_firm=audit_firm,
        held_on=held_on,
        cost_bearer=cost_bearer or case.cost_bearer,
        document_max_age_years=document_max_age_years,
    )
    clause = next((c.clause_version for c in case.contracts.select_related("clause_version")), None)
    requirements = Requirement.objects.filter(
        section__in=[RequirementSection.PROCESS_REQUIREMENT, RequirementSection.ROUTINE_REQUIREMENT]
    )
    requirements = (
        requirements.filter(document=clause) if clause else requirements.filter(document__key="clause-2024")
    )
    ChecklistItem.objects.bulk_create(
        [ChecklistItem(office_audit=audit, requirement=r) for r in requirements]
    )
    record("followup.office_audit.opened", audit, actor=acting_user, changes={"product": product})
    event(
        case,
        EventKind.AUDIT,
        gettext_noop("Office audit of %(product)s set up."),
        actor=acting_user,
        product=product,
    )
    return audit


@transaction.atomic
def request_document(
    *,
    acting_user: User,
    audit: OfficeAudit,
    description: str,
    deadline: date,
    requirement: Requirement | None = None,
) -> DocumentRequest:
    """Ask the supplier for a document before the office audit, with a deadline."""
    check_may_change(acting_user, audit.case)
    require_status(audit.case, [CaseStatus.STEP2])
    if not description.strip():
        raise ValidationError(_("Say which document you need."))
    request = DocumentRequest.objects.create(
        office_audit=audit, description=description.strip(), deadline=deadline, requirement=requirement
    )
    record("followup.document_request.created", request, actor=acting_user, changes={"deadline": deadline})
    event(
        audit.case,
        EventKind.AUDIT,
        gettext_noop("Document requested: %(what)s, due %(deadline)s."),
        actor=acting_user,
        what=request.description,
        deadline=deadline.isoformat(),
    )
    notify.document_requested(request)
    return request


@transaction.atomic
def answer_document_request(
    *, acting_user: User, request: DocumentRequest, uploaded: UploadedFile[bytes]
) -> DocumentRequest:
    """The supplier uploads a requested document (type and size checked)."""
    case = request.office_audit.case
    check_is_supplier(acting_user, case)
    require_status(case, [CaseStatus.STEP2])
    document = save_document(
        acting_user=acting_user,
        case=case,
        uploaded=uploaded,
        from_supplier=True,
        purpose=request.description[:200],
    )
    request.documents.add(document)
    request.status = RequestStatus.RECEIVED
    request.save(update_fields=["status", "updated_at"])
    record(
        "followup.document_request.answered", request, actor=acting_user, changes={"document": document.pk}
    )
    notify.document_received(request, document.pk)
    return request


@transaction.atomic
def record_interview(
    *, acting_user: User, audit: OfficeAudit, held_on: date, role: str, name: str = "", notes: str = ""
) -> Interview:
    """Log an interview (due-diligence contact, worker or safety representative …)."""
    check_may_assess(acting_user, audit.case)
    if role not in IntervieweeRole.values:
        raise ValidationError(_("Unknown role."))
    interview = Interview.objects.create(
        office_audit=audit, held_on=held_on, role=role, name=name, notes=notes
    )
    record("followup.interview.recorded", interview, actor=acting_user, changes={"role": role})
    return interview


@transaction.atomic
def update_checklist(
    *,
    acting_user: User,
    item: ChecklistItem,
    document_date: date | None,
    relevant: bool | None,
    supports_claims: bool | None,
    comment: str,
) -> ChecklistItem:
    """Record the office-audit criteria for one requirement: dated and current, relevant, supports claims."""
    check_may_assess(acting_user, item.office_audit.case)
    require_status(item.office_audit.case, [CaseStatus.STEP2])
    values = {
        "document_date": document_date,
        "relevant": relevant,
        "supports_claims": supports_claims,
        "comment": comment,
    }
    changes = {k: [getattr(item, k), v] for k, v in values.items() if getattr(item, k) != v}
    for key, value in values.items():
        setattr(item, key, value)
    item.save()
    record("followup.checklist.updated", item, actor=acting_user, changes=changes)
    return item


@transaction.atomic
def conclude_office_audit(
    *, acting_user: User, case: FollowUpCase, outcome: str, reason: str
) -> FollowUpCase:
    """Close (then corrective action or closure) or escalate to an on-site audit, with a reason."""
    check_may_assess(acting_user, case)
    require_status(case, [CaseStatus.STEP2])
    audit = getattr(case, "office_audit", None)
    if audit is None:
        raise ValidationError(_("Set up the office audit first."))
    if outcome not in ("close", "escalate") or not reason.strip():
        raise ValidationError(_("Choose an outcome and give a reason."))
    audit.outcome, audit.outcome_reason = outcome, reason.strip()
    audit.save(update_fields=["outcome", "outcome_reason", "updated_at"])
    record(
        "followup.office_audit.concluded",
        audit,
        actor=acting_user,
        changes={"outcome": outcome, "reason": reason},
    )
    if outcome == "escalate":
        enter_step(case, 3, acting_user=acting_user, reason=reason)
    return case


@transaction.atomic
def assign_site_audit(
    *,
    acting_user: User,
    case: FollowUpCase,
    site: Site,
    audit_firm: Organisation,
    announcement: str,
    starts_on: date,
    ends_on: date,
    reason: str,
    cost_bearer: str | None = None,
    worker_interviews: int = 0,
) -> SiteAudit:
    """Choose a site of the supplier's chain and assign an audit firm; its auditors then see this audit."""
    check_may_change(acting_user, case)
    require_status(case, [CaseStatus.STEP3])
    if site.supplier_id != case.supplier_id:
        raise ValidationError(_("The site must belong to this supplier's chain."))
    if audit_firm.kind != OrganisationKind.AUDIT_FIRM:
        raise ValidationError(_("Choose an audit firm."))
    if announcement not in Announcement.values:
        raise ValidationError(_("Unknown announcement."))
    if ends_on < starts_on or not reason.strip():
        raise ValidationError(
            _("The audit cannot end before it starts, and the reason for the site is required.")
        )
    audit = SiteAudit.objects.create(
        case=case,
        site=site,
        audit_firm=audit_firm,
        announcement=announcement,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        cost_bearer=cost_bearer or CostBearer.NATIONAL,
        worker_interviews=worker_interviews,
        assigned_by=acting_user,
    )
    record(
        "followup.site_audit.assigned",
        audit,
        actor=acting_user,
        changes={"firm": audit_firm.name, "site": site.pk},
    )
    event(
        case,
        EventKind.AUDIT,
        gettext_noop("On-site audit assigned to %(firm)s, %(start)s."),
        actor=acting_user,
        # An unannounced audit stays unknown to the supplier until it has taken place.
        shared_with_supplier=announcement != Announcement.UNANNOUNCED,
        firm=audit_firm.name,
        start=starts_on.isoformat(),
    )
    return audit


@transaction.atomic
def report_site_audit(
    *, acting_user: User, audit: SiteAudit, worker_interviews: int, report: UploadedFile[bytes] | None = None
) -> SiteAudit:
    """The auditor (or case team) reports the audit: interviews held and the report file."""
    if not may_record_site_findings(actor_for(acting_user), audit):
        raise PermissionDenied(_("You may not report this audit."))
    if report is not None:
        audit.report = save_document(
            acting_user=acting_user,
            case=audit.case,
            uploaded=report,
            from_supplier=False,
            purpose=_("Audit report"),
        )
    audit.worker_interviews, audit.status = worker_interviews, SiteAuditStatus.REPORTED
    audit.save()
    record(
        "followup.site_audit.reported",
        audit,
        actor=acting_user,
        changes={"worker_interviews": worker_interviews},
    )
    event(audit.case, EventKind.AUDIT, gettext_noop("On-site audit reported."), actor=acting_user)
    notify.audit_reported(audit)
    return audit


@transaction.atomic
def add_site_from_traceability(
    *, acting_user: User, case: FollowUpCase, contract: Contract, data: SiteInput
) -> Site:
    """Add a site the supplier named in its traceability answer, so an on-site audit can be assigned
    to it. The site itself is created by the contracts app (which checks who may change the chain)."""
    check_may_change(acting_user, case)
    require_status(case, [CaseStatus.STEP3])
    if not case.contracts.filter(pk=contract.pk).exists():
        raise ValidationError(_("The contract is not in the scope of this case."))
    site = add_site(acting_user=acting_user, contract=contract, data=data)
    # The case log names the contract, not the site: its name may be confidential.
    record(
        "followup.site.added_from_traceability",
        case,
        actor=acting_user,
        changes={"contract": contract.reference, "site": site.pk},
    )
    event(
        case,
        EventKind.AUDIT,
        gettext_noop("A site from the traceability answer was added to the supply chain."),
        actor=acting_user,
    )
    return site
