"""Recording whether a buyer reuses another buyer's follow-up result (docs/domain-rules.md §4.4)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.core.audit import record
from kedja.organisations.models import Organisation, OrganisationKind, User
from kedja.organisations.queries import actor_for
from kedja.reference.models import ClauseLevel

from ..models import CaseStatus, EventKind, FollowUpCase, ReuseDecision, ReuseDecisionKind
from ..reuse import annotated_case, verdict_for
from ._common import event, transition
from .answers import leave_request


def _check_decider(acting_user: User, buyer: Organisation) -> None:
    actor = actor_for(acting_user)
    own_secretariat = actor.is_secretariat and buyer.kind == OrganisationKind.SECRETARIAT
    if not (own_secretariat or buyer.pk in actor.officer_region_ids):
        raise PermissionDenied(_("You may only decide on reuse for your own organisation."))


@transaction.atomic
def decide_reuse(
    *,
    acting_user: User,
    source_case: FollowUpCase,
    decided_for: Organisation,
    decision: str,
    needed_level: str,
    needed_step: int,
    reason: str = "",
) -> ReuseDecision:
    """Record a buyer's decision on reusing a finished follow-up of the supplier.

    Kedja's verdict (same or higher clause level, same or higher step, younger than the limit) is
    stored with the decision; accepting a result that does not qualify is refused.
    """
    _check_decider(acting_user, decided_for)
    if decision not in ReuseDecisionKind.values:
        raise ValidationError(_("Choose whether the result is reused."))
    if needed_level not in ClauseLevel.values or needed_step not in (1, 2, 3):
        raise ValidationError(_("Give the clause level and the step your follow-up needs."))
    if decision == ReuseDecisionKind.REJECTED and not reason.strip():
        raise ValidationError(_("Give a reason for not reusing the result."))
    case = annotated_case(source_case)
    verdict = verdict_for(
        case, needed_level=needed_level, needed_step=needed_step, today=timezone.localdate()
    )
    if not verdict.finished or case.closed_on is None:
        raise ValidationError(_("Only a finished follow-up can be reused."))
    if decision == ReuseDecisionKind.ACCEPTED and not verdict.qualifies:
        raise ValidationError(
            _("This result does not qualify for reuse: %(reasons)s") % {"reasons": " ".join(verdict.reasons)}
        )
    reuse = ReuseDecision.objects.create(
        supplier_id=case.supplier_id,
        source_case=case,
        source_buyer_id=case.lead_organisation_id,
        result_on=case.closed_on,
        method_step=case.current_step,
        clause_level=case.clause_level,
        needed_step=needed_step,
        needed_level=needed_level,
        decided_for=decided_for,
        qualified=verdict.qualifies,
        decision=decision,
        reason=reason.strip(),
        decided_by=acting_user,
        decided_on=timezone.localdate(),
    )
    record(
        "followup.reuse.decided",
        reuse,
        actor=acting_user,
        changes={"decision": decision, "qualified": verdict.qualifies, "buyer": decided_for.name},
    )
    event(
        case,
        EventKind.REUSE,
        gettext_noop("Reuse decision by %(buyer)s: %(reuse)s."),
        actor=acting_user,
        shared_with_supplier=False,
        buyer=decided_for.name,
        reuse=decision,
    )
    if decision == ReuseDecisionKind.ACCEPTED:
        _close_own_requests(reuse, acting_user)
    return reuse


def _close_own_requests(reuse: ReuseDecision, acting_user: User) -> None:
    """The deciding buyer's own cases still waiting on the supplier's step 1 are closed: they rely
    on the reused result now, and the timeline says which one."""
    waiting = FollowUpCase.objects.filter(
        supplier_id=reuse.supplier_id,
        lead_organisation=reuse.decided_for,
        status__in=[CaseStatus.DRAFT, CaseStatus.STEP1_SENT],
    ).exclude(pk=reuse.source_case_id)
    for case in waiting:
        leave_request(acting_user=acting_user, case=case)
        transition(case, CaseStatus.CLOSED, acting_user=acting_user, reason=str(reuse.source_case.uuid))
        event(
            case,
            EventKind.REUSE,
            gettext_noop("Closed: relies on the reused result of %(source)s (case %(source_case)s)."),
            actor=acting_user,
            source=reuse.source_buyer.name,
            source_case=reuse.source_case.uuid,
        )
