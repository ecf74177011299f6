"""Findings, corrective action plans and remediation for affected people."""

from datetime import date
from decimal import Decimal
from typing import Required, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.core.audit import record
from kedja.notifications import events as notify
from kedja.organisations.models import User
from kedja.organisations.queries import actor_for
from kedja.reference.models import Issue, Requirement
from kedja.reference.severity import severity

from ..models import (
    ActionStatus,
    Announcement,
    CorrectiveAction,
    DeviationStatus,
    EventKind,
    Finding,
    FindingKind,
    FollowUpCase,
    OfficeAudit,
    Remediation,
    RemediationStatus,
    SiteAudit,
    SupplierReport,
    VerificationMethod,
    ZeroToleranceReport,
)
from ..queries import may_record_site_findings, validate_finding_fields
from ..rules import remedy_asked_of_supplier
from ._common import check_is_supplier, check_may_assess, event, supplier_evidence


class FindingFields(TypedDict, total=False):
    """What the case team records of a finding (the finding form's fields), apart from its case."""

    kind: Required[str]
    title: Required[str]
    description: str
    confidential_details: str
    requirement: Requirement | None
    code_area: str
    issue: Issue | None
    scale: int | None
    scope_band: int | None
    vulnerable_groups: bool
    irremediability: int | None
    zero_tolerance: bool
    buyer_involvement: str
    supplier_involvement: str
    deadline: date | None
    office_audit: OfficeAudit | None
    site_audit: SiteAudit | None


@transaction.atomic
def record_finding(*, acting_user: User, case: FollowUpCase, **fields: Unpack[FindingFields]) -> Finding:
    """Record a finding (case team, or the auditors assigned to the site audit). Severity is computed
    (docs/risk-method.md §2.2) from scale, scope and irremediability, defaulting scale and irremediability to
    the issue's. A zero-tolerance deviation alerts the case team by e-mail at once and is flagged for
    a sanction decision."""
    site_audit = fields.get("site_audit")
    if site_audit is not None:
        if site_audit.case_id != case.pk or not may_record_site_findings(actor_for(acting_user), site_audit):
            raise PermissionDenied(_("You may not record findings for this audit."))
    else:
        check_may_assess(acting_user, case)
    return _create_finding(acting_user=acting_user, case=case, **fields)


@transaction.atomic
def record_self_reported_deviation(*, case: FollowUpCase, report: ZeroToleranceReport) -> Finding:
    """The zero-tolerance deviation Kedja records itself from a supplier's own report (clause §3):
    no person of the case team records it, so no permission is checked; the report is the source."""
    return _create_finding(
        acting_user=None,
        case=case,
        kind=FindingKind.DEVIATION,
        title=_("Self-reported: %(issue)s") % {"issue": report.issue.name},
        description=report.facts,
        issue=report.issue,
        zero_tolerance=True,
        source_report=report,
    )


def _create_finding(
    *,
    acting_user: User | None,
    case: FollowUpCase,
    kind: str,
    title: str,
    description: str = "",
    confidential_details: str = "",
    requirement: Requirement | None = None,
    code_area: str = "",
    issue: Issue | None = None,
    scale: int | None = None,
    scope_band: int | None = None,
    vulnerable_groups: bool = False,
    irremediability: int | None = None,
    zero_tolerance: bool = False,
    buyer_involvement: str = "",
    supplier_involvement: str = "",
    deadline: date | None = None,
    office_audit: OfficeAudit | None = None,
    site_audit: SiteAudit | None = None,
    source_report: ZeroToleranceReport | None = None,
) -> Finding:
    if not case.is_open:
        raise ValidationError(_("Findings cannot be added to a closed case."))
    if issue is not None:
        scale = scale or issue.default_scale
        irremediability = irremediability or issue.default_irremediability
        zero_tolerance = zero_tolerance or (issue.zero_tolerance and kind == FindingKind.DEVIATION)
        code_area = code_area or issue.area
    if zero_tolerance and kind != FindingKind.DEVIATION:
        raise ValidationError({"kind": _("Only a deviation can be a zero-tolerance deviation.")})
    validate_finding_fields(
        kind=kind,
        title=title,
        issue=issue,
        requirement=requirement,
        scale=scale,
        scope_band=scope_band,
        irremediability=irremediability,
        buyer_involvement=buyer_involvement,
        supplier_involvement=supplier_involvement,
        code_area=code_area,
        deadline=deadline,
    )
    sev = (
        severity(scale, scope_band or 1, irremediability, vulnerable=vulnerable_groups).sev
        if scale and irremediability
        else None
    )
    finding = Finding.objects.create(
        case=case,
        step=case.current_step,
        office_audit=office_audit,
        site_audit=site_audit,
        kind=kind,
        title=title.strip(),
        description=description,
        confidential_details=confidential_details,
        requirement=requirement,
        code_area=code_area or (requirement.code_area if requirement else ""),
        issue=issue,
        scale=scale,
        scope_band=scope_band,
        vulnerable_groups=vulnerable_groups,
        irremediability=irremediability,
        severity=sev,
        is_zero_tolerance=zero_tolerance,
        needs_sanction_decision=zero_tolerance,
        buyer_involvement=buyer_involvement,
        supplier_involvement=supplier_involvement,
        status=DeviationStatus.OPEN if kind == FindingKind.DEVIATION else DeviationStatus.CLOSED,
        deadline=deadline if kind == FindingKind.DEVIATION else None,
        recorded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        source_report=source_report,
    )
    record(
        "followup.finding.recorded",
        finding,
        actor=acting_user,
        changes={"kind": kind, "severity": sev, "zero_tolerance": zero_tolerance},
    )
    event(
        case,
        EventKind.FINDING,
        gettext_noop("Finding recorded: %(title)s."),
        actor=acting_user,
        # A finding of an unannounced audit still under way must not tell the supplier of it.
        shared_with_supplier=site_audit is None or site_audit.announcement != Announcement.UNANNOUNCED,
        title=finding.title,
    )
    if zero_tolerance:
        _raise_zero_tolerance(finding, acting_user)
    return finding


def _raise_zero_tolerance(finding: Finding, acting_user: User | None) -> None:
    event(
        finding.case,
        EventKind.ZERO_TOLERANCE,
        gettext_noop("Zero-tolerance deviation: the case team was alerted and a sanction decision is due."),
        actor=acting_user,
        shared_with_supplier=False,
    )
    notify.sanction_ground(finding)


def _refresh_status(finding: Finding) -> None:
    """A deviation is open until an action is verified, progress made while some are, closed when all are."""
    statuses = list(finding.actions.values_list("status", flat=True))
    closed = [s for s in statuses if s == ActionStatus.CLOSED]
    if statuses and len(closed) == len(statuses):
        new = DeviationStatus.CLOSED
    elif closed or ActionStatus.PROGRESS in statuses:
        new = DeviationStatus.PROGRESS
    else:
        new = DeviationStatus.OPEN
    if new != finding.status:
        old = finding.status
        finding.status = new
        finding.closed_on = timezone.localdate() if new == DeviationStatus.CLOSED else None
        finding.save(update_fields=["status", "closed_on", "updated_at"])
        record("followup.finding.status_changed", finding, actor=None, changes={"status": [old, new]})


def _check_open_deviation(finding: Finding) -> None:
    if finding.kind != FindingKind.DEVIATION:
        raise ValidationError(_("Corrective actions belong to deviations."))
    if not finding.case.is_open:
        raise ValidationError(_("The case is closed."))


@transaction.atomic
def add_corrective_action(
    *,
    acting_user: User,
    finding: Finding,
    description: str,
    owner: str,
    deadline: date,
    root_cause: str = "",
    required_evidence: str = "",
    verification_method: str = VerificationMethod.DESK,
) -> CorrectiveAction:
    """Add an action to the corrective action plan of a deviation (case team)."""
    check_may_assess(acting_user, finding.case)
    _check_open_deviation(finding)
    if not description.strip() or not owner.strip():
        raise ValidationError(_("Describe the action and name who is responsible."))
    if verification_method not in VerificationMethod.values:
        raise ValidationError(_("Unknown verification method."))
    action = CorrectiveAction.objects.create(
        finding=finding,
        description=description.strip(),
        owner=owner.strip(),
        deadline=deadline,
        root_cause=root_cause,
        required_evidence=required_evidence,
        verification_method=verification_method,
    )
    if finding.deadline is None or deadline > finding.deadline:
        finding.deadline = deadline
        finding.save(update_fields=["deadline", "updated_at"])
    _refresh_status(finding)
    record("followup.action.added", action, actor=acting_user, changes={"deadline": deadline, "owner": owner})
    event(
        finding.case,
        EventKind.CAP,
        gettext_noop("Corrective action added, due %(deadline)s."),
        actor=acting_user,
        deadline=deadline.isoformat(),
    )
    return action


@transaction.atomic
def respond_to_action(
    *, acting_user: User, action: CorrectiveAction, response: str, uploaded: UploadedFile[bytes] | None = None
) -> CorrectiveAction:
    """The supplier reports what it did, optionally with evidence; the action shows progress. Each
    report is kept (`SupplierReport`); `supplier_response` shows the latest."""
    case = action.finding.case
    check_is_supplier(acting_user, case)
    _check_open_deviation(action.finding)
    if action.status == ActionStatus.CLOSED:
        raise ValidationError(_("This action is already closed."))
    if not response.strip():
        raise ValidationError(_("Describe what you have done."))
    document = supplier_evidence(
        acting_user=acting_user, case=case, uploaded=uploaded, purpose=action.description[:200]
    )
    if document is not None:
        action.evidence.add(document)
    SupplierReport.objects.create(action=action, text=response.strip(), document=document, author=acting_user)
    old, old_response = action.status, action.supplier_response
    action.supplier_response, action.responded_at, action.status = (
        response.strip(),
        timezone.now(),
        ActionStatus.PROGRESS,
    )
    action.save()
    _refresh_status(action.finding)
    changes = {"status": [old, action.status], "supplier_response": [old_response, action.supplier_response]}
    record("followup.action.responded", action, actor=acting_user, changes=changes)
    event(
        case, EventKind.CAP, gettext_noop("The supplier responded to a corrective action."), actor=acting_user
    )
    notify.supplier_responded(action)
    return action


@transaction.atomic
def verify_action(
    *,
    acting_user: User,
    action: CorrectiveAction,
    accepted: bool,
    note: str,
    verified_on: date | None = None,
    no_evidence_reason: str = "",
) -> CorrectiveAction:
    """Verify an action by desk review or visit: accepted closes it, otherwise it goes back to open.
    Accepting an action the supplier gave no evidence for needs a written reason."""
    case = action.finding.case
    check_may_assess(acting_user, case)
    _check_open_deviation(action.finding)
    if action.status == ActionStatus.CLOSED:
        raise ValidationError(_("This action is already closed."))
    if not note.strip():
        raise ValidationError(_("Write what the verification showed."))
    if accepted and not action.evidence.exists() and not no_evidence_reason.strip():
        raise ValidationError(
            {"no_evidence_reason": _("The supplier gave no evidence: say why the action is verified anyway.")}
        )
    if accepted and not action.evidence.exists():
        note = f"{note.strip()}\n{_('Verified without evidence')}: {no_evidence_reason.strip()}"
    old = action.status
    action.status = ActionStatus.CLOSED if accepted else ActionStatus.OPEN
    action.verified_on = verified_on or timezone.localdate()
    action.verified_by, action.verification_note = acting_user, note.strip()
    action.save()
    _refresh_status(action.finding)
    record(
        "followup.action.verified",
        action,
        actor=acting_user,
        changes={"status": [old, action.status], "accepted": accepted},
    )
    message = (
        gettext_noop("Corrective action verified and closed.")
        if accepted
        else gettext_noop("Corrective action not accepted; it stays open.")
    )
    event(case, EventKind.CAP, message, actor=acting_user)
    return action


@transaction.atomic
def record_remediation(
    *,
    acting_user: User,
    finding: Finding,
    affected_group: str,
    description: str,
    people_affected: int | None = None,
    amount: Decimal | None = None,
    currency: str = "",
    rights_holders_consulted: bool = False,
    deadline: date | None = None,
) -> Remediation:
    """Record remedy for affected people (PR7), separate from the supplier's corrective actions.

    Asked of the supplier (it sees and reports on it) where it caused or contributed; where it is
    only directly linked it records the leverage the buyer uses (`rules.remedy_asked_of_supplier`).
    """
    check_may_assess(acting_user, finding.case)
    _check_open_deviation(finding)
    if not affected_group.strip() or not description.strip():
        raise ValidationError(_("Name the affected group and describe the remedy."))
    remediation = Remediation.objects.create(
        finding=finding,
        affected_group=affected_group.strip(),
        description=description.strip(),
        people_affected=people_affected,
        amount=amount,
        currency=currency.upper(),
        rights_holders_consulted=rights_holders_consulted,
        deadline=deadline,
        asked_of_supplier=remedy_asked_of_supplier(finding.supplier_involvement),
    )
    record("followup.remediation.recorded", remediation, actor=acting_user, changes={"group": affected_group})
    return remediation


@transaction.atomic
def set_remediation_status(*, acting_user: User, remediation: Remediation, status: str) -> Remediation:
    """Move a remedy along planned → under way → completed → verified."""
    case = remediation.finding.case
    check_may_assess(acting_user, case)
    if status not in RemediationStatus.values:
        raise ValidationError(_("Unknown status."))
    if not case.is_open:
        raise ValidationError(_("The case is closed."))
    old = remediation.status
    if old == status:
        return remediation
    remediation.status = status
    remediation.completed_on = timezone.localdate() if status in ("completed", "verified") else None
    remediation.save()
    record("followup.remediation.changed", remediation, actor=acting_user, changes={"status": [old, status]})
    # The status is stored as a code and translated when the timeline is read.
    event(
        case,
        EventKind.REMEDIATION,
        gettext_noop("Remediation for %(group)s: %(remediation)s."),
        actor=acting_user,
        group=remediation.affected_group,
        remediation=status,
    )
    return remediation
