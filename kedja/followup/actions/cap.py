"""Corrective action plans the supplier writes (docs/domain-rules.md §4.6): the supplier proposes root
cause and actions per deviation, the case team approves or asks for changes, the supplier reports
on each action and on remedy asked of it. Every version and report is kept."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.core.audit import record
from kedja.organisations.models import User

from ..models import (
    EventKind,
    Finding,
    PlanProposal,
    PlanStatus,
    Remediation,
    RemediationStatus,
    SupplierReport,
)
from ._common import check_is_supplier, check_may_assess, event, supplier_evidence

PlanRow = dict[str, str]
LATEST_DEADLINE = date(
    2100, 12, 31
)  # bounds.EVENT_DATE's upper end: the actions' deadlines are checked by it


def _clean_rows(rows: list[PlanRow]) -> list[PlanRow]:
    """The plan's actions, each with a description, a responsible person, a deadline in the future
    and the evidence the supplier will provide."""
    cleaned = []
    for row in rows:
        if not any(str(v).strip() for v in row.values()):
            continue
        description, owner, evidence = (row.get(k, "").strip() for k in ("description", "owner", "evidence"))
        if not (description and owner and evidence and row.get("deadline")):
            raise ValidationError(
                _("Give every action a description, a responsible person, a deadline and the evidence.")
            )
        deadline = date.fromisoformat(str(row["deadline"]))
        if deadline < timezone.localdate() or deadline > LATEST_DEADLINE:
            raise ValidationError(_("Give every action a deadline in the future."))
        cleaned.append(
            {
                "description": description,
                "owner": owner,
                "deadline": deadline.isoformat(),
                "evidence": evidence,
            }
        )
    if not cleaned:
        raise ValidationError(_("Propose at least one action."))
    return cleaned


@transaction.atomic
def propose_plan(
    *, acting_user: User, finding: Finding, root_cause: str, actions: list[PlanRow]
) -> PlanProposal:
    """The supplier proposes (or revises, after the buyer asked for changes) the plan of a deviation."""
    case = finding.case
    check_is_supplier(acting_user, case)
    if finding.kind != "deviation" or not case.is_open or finding.status == "closed":
        raise ValidationError(_("A plan is proposed for an open deviation of an open case."))
    latest = finding.plan_proposals.order_by("-version").first()
    if latest is not None and latest.status != PlanStatus.CHANGES_REQUESTED:
        raise ValidationError(_("The plan is awaiting the buyer's review or already approved."))
    if not root_cause.strip():
        raise ValidationError(_("Describe the root cause."))
    proposal = PlanProposal.objects.create(
        finding=finding,
        version=(latest.version + 1) if latest else 1,
        root_cause=root_cause.strip(),
        actions=_clean_rows(actions),
        proposed_by=acting_user,
    )
    record("followup.plan.proposed", proposal, actor=acting_user, changes={"version": proposal.version})
    event(
        case,
        EventKind.CAP,
        gettext_noop("The supplier proposed version %(version)s of the plan for %(what)s."),
        actor=acting_user,
        version=proposal.version,
        what=finding.title,
    )
    return proposal


@transaction.atomic
def review_plan(
    *, acting_user: User, proposal: PlanProposal, approve: bool, comment: str = ""
) -> PlanProposal:
    """Approve the supplier's plan (its actions become the deviation's corrective actions) or ask for
    changes with a comment the supplier sees."""
    from .findings import add_corrective_action

    finding = proposal.finding
    check_may_assess(acting_user, finding.case)
    if proposal.status != PlanStatus.PROPOSED:
        raise ValidationError(_("This version of the plan has already been reviewed."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Tell the supplier what to change.")})
    proposal.status = PlanStatus.APPROVED if approve else PlanStatus.CHANGES_REQUESTED
    proposal.reviewed_by, proposal.reviewed_at, proposal.review_comment = (
        acting_user,
        timezone.now(),
        comment.strip(),
    )
    proposal.save()
    record("followup.plan.reviewed", proposal, actor=acting_user, changes={"status": proposal.status})
    if approve:
        for row in proposal.actions:
            add_corrective_action(
                acting_user=acting_user,
                finding=finding,
                description=row["description"],
                owner=row["owner"],
                deadline=date.fromisoformat(row["deadline"]),
                root_cause=proposal.root_cause,
                required_evidence=row["evidence"],
            )
    message = (
        gettext_noop("Version %(version)s of the plan for %(what)s was approved.")
        if approve
        else gettext_noop("Changes were requested to version %(version)s of the plan for %(what)s.")
    )
    event(
        finding.case, EventKind.CAP, message, actor=acting_user, version=proposal.version, what=finding.title
    )
    return proposal


@transaction.atomic
def report_on_remediation(
    *, acting_user: User, remediation: Remediation, text: str, uploaded: UploadedFile[bytes] | None = None
) -> SupplierReport:
    """The supplier reports on a remedy asked of it; a planned remedy is then under way."""
    case = remediation.finding.case
    check_is_supplier(acting_user, case)
    if not remediation.asked_of_supplier:
        raise ValidationError(_("This remedy is not asked of you."))
    if not case.is_open:
        raise ValidationError(_("The case is closed."))
    if not text.strip():
        raise ValidationError(_("Describe what has been done."))
    document = supplier_evidence(
        acting_user=acting_user, case=case, uploaded=uploaded, purpose=remediation.affected_group
    )
    report = SupplierReport.objects.create(
        remediation=remediation, text=text.strip(), document=document, author=acting_user
    )
    if remediation.status == RemediationStatus.PLANNED:
        remediation.status = RemediationStatus.UNDER_WAY
        remediation.save(update_fields=["status", "updated_at"])
    record("followup.remediation.reported", remediation, actor=acting_user, changes={"report": report.pk})
    event(
        case,
        EventKind.REMEDIATION,
        gettext_noop("The supplier reported on the remedy for %(group)s."),
        actor=acting_user,
        group=remediation.affected_group,
    )
    return report
