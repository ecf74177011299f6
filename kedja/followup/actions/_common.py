"""Helpers shared by the follow-up actions: permission checks, state checks and the timeline."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.core.audit import record
from kedja.core.uploads import check_upload, store
from kedja.organisations.models import User
from kedja.organisations.queries import actor_for

from ..models import CaseEvent, CaseStatus, EventKind, EvidenceDocument, FollowUpCase, SelfAssessment
from ..queries import is_case_supplier, may_assess, may_change


def check_may_change(acting_user: User, case: FollowUpCase) -> None:
    if not may_change(actor_for(acting_user), case):
        raise PermissionDenied(_("You may not change this follow-up case."))


def check_may_assess(acting_user: User, case: FollowUpCase) -> None:
    if not may_assess(actor_for(acting_user), case):
        raise PermissionDenied(
            _("Only the secretariat and the lead region's strategists may assess this case.")
        )


def check_is_supplier(acting_user: User, case: FollowUpCase) -> None:
    if not is_case_supplier(actor_for(acting_user), case):
        raise PermissionDenied(_("Only the supplier's own contacts may answer for this case."))


def submitted_sheet(case: FollowUpCase) -> SelfAssessment:
    """The self-assessment a case under step-1 review relies on (every submitted case has one)."""
    if case.self_assessment is None:
        raise ValidationError(_("The supplier has not submitted a self-assessment for this case."))
    return case.self_assessment


def require_status(case: FollowUpCase, allowed: Iterable[str]) -> None:
    """Refuse a transition whose source state is not one of `allowed`."""
    allowed = list(allowed)
    if case.status not in allowed:
        raise ValidationError(
            _("This cannot be done while the case is “%(status)s”. Allowed: %(allowed)s.")
            % {
                "status": case.get_status_display(),
                "allowed": ", ".join(str(CaseStatus(s).label) for s in allowed),
            }
        )


def event(
    case: FollowUpCase,
    kind: str,
    message: str,
    *,
    actor: User | None = None,
    shared_with_supplier: bool = True,
    **params: object,
) -> CaseEvent:
    """Add a timeline entry; `message` must be marked with gettext_noop so it can be translated."""
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        message=message,
        params={k: str(v) for k, v in params.items()},
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        shared_with_supplier=shared_with_supplier,
    )


def transition(
    case: FollowUpCase, to: str, *, acting_user: User, step: int | None = None, reason: str = ""
) -> None:
    """Move the case to `to` (the caller has checked the source state), audit it and log it."""
    old_status, old_step = case.status, case.current_step
    case.status = to
    if to == CaseStatus.CLOSED:
        case.closed_on = timezone.localdate()
    if step is not None:
        case.current_step = step
    case.save(update_fields=["status", "current_step", "updated_at", "closed_on"])
    changes: dict[str, object] = {"status": [old_status, to]}
    if step is not None and step != old_step:
        changes["current_step"] = [old_step, step]
    if reason:
        changes["reason"] = reason
    record("followup.case.transitioned", case, actor=acting_user, changes=changes)
    event(
        case,
        EventKind.TRANSITION,
        gettext_noop("Status changed from “%(old)s” to “%(new)s”."),
        actor=acting_user,
        # The supplier learns of an on-site audit from its assignment (never of an unannounced one).
        shared_with_supplier=to != CaseStatus.STEP3,
        old=old_status,
        new=to,
    )


def enter_step(case: FollowUpCase, step: int, *, acting_user: User, reason: str) -> None:
    """Move the case on to the office audit (step 2) or the on-site audit (step 3), keeping the
    reason it goes there for (the caller has checked the source state and that there is a reason)."""
    setattr(case, f"step{step}_reason", reason.strip())
    case.save(update_fields=[f"step{step}_reason"])
    transition(
        case,
        CaseStatus.STEP2 if step == 2 else CaseStatus.STEP3,
        acting_user=acting_user,
        step=step,
        reason=reason,
    )


def save_document(
    *,
    acting_user: User,
    case: FollowUpCase,
    uploaded: UploadedFile[bytes],
    from_supplier: bool,
    purpose: str,
) -> EvidenceDocument:
    """Check an upload (size, real type) and store it as evidence of the case; audited."""
    kind = check_upload(uploaded)
    document = EvidenceDocument(
        case=case, uploaded_by=acting_user, from_supplier=from_supplier, purpose=purpose
    )
    store(document, uploaded, kind)
    record(
        "followup.document.uploaded",
        document,
        actor=acting_user,
        changes={"type": kind, "size": document.size},
    )
    return document


def supplier_evidence(
    *, acting_user: User, case: FollowUpCase, uploaded: UploadedFile[bytes] | None, purpose: str
) -> EvidenceDocument | None:
    """The file a supplier attached to a report as evidence, stored with the case; None without one."""
    if uploaded is None:
        return None
    return save_document(
        acting_user=acting_user, case=case, uploaded=uploaded, from_supplier=True, purpose=purpose
    )
