"""Sanction decisions and the supplier's zero-tolerance self-report (clause sections 3 and 3.5)."""

from datetime import date
from decimal import Decimal
from typing import NotRequired, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.contracts.models import Contract
from kedja.core.audit import record
from kedja.organisations.models import User
from kedja.organisations.queries import actor_for
from kedja.reference.models import Issue

from .. import queries
from ..models import (
    OPEN_STATUSES,
    DecisionStatus,
    EventKind,
    FollowUpCase,
    SanctionDecision,
    SanctionGround,
    SanctionKind,
    ZeroToleranceReport,
)
from ..rules import SanctionOptions, sanction_options
from ._common import check_may_assess, event


def _validate_decision(decision: SanctionDecision) -> SanctionOptions:
    """Refuse a decision (not saved yet) the rules do not allow; the options the contract gives."""
    case, contract, kind, ground = decision.case, decision.contract, decision.kind, decision.ground
    ground_since, counted_until = decision.ground_since, decision.counted_until
    stop_starts_on, stop_ends_on = decision.stop_starts_on, decision.stop_ends_on
    if not case.contracts.filter(pk=contract.pk).exists():
        raise ValidationError(_("The contract is not in the scope of this case."))
    if ground not in SanctionGround.values:
        raise ValidationError(_("Unknown ground."))
    if counted_until < ground_since:
        raise ValidationError(_("The ground cannot end before it arose."))
    if not decision.reason:
        raise ValidationError(_("Give the reason for the decision."))
    if kind != SanctionKind.CALL_OFF_STOP and (stop_starts_on or stop_ends_on):
        raise ValidationError(_("Only a call-off stop has a start and an end."))
    if stop_ends_on and (stop_starts_on is None or stop_ends_on < stop_starts_on):
        raise ValidationError(_("A call-off stop cannot end before it starts."))
    options = sanction_options(
        contract,
        ground=ground,
        days=(counted_until - ground_since).days,
        call_off_stop_days=queries.call_off_stop_days(case, contract, counted_until),
    )
    if kind not in options["kinds"]:
        raise ValidationError(
            _(
                "The contract does not allow this sanction here (e.g. a call-off stop needs a framework agreement)."
            )
        )
    duplicate = case.sanctions.filter(
        contract=contract, ground=ground, kind=kind, ground_since=ground_since, status=DecisionStatus.IN_FORCE
    )
    if duplicate.exists():
        raise ValidationError(
            _("This decision is already recorded. Correct or withdraw the recorded one instead.")
        )
    return options


def _create_decision(
    *,
    acting_user: User,
    case: FollowUpCase,
    contract: Contract,
    ground: str,
    kind: str,
    ground_since: date,
    reason: str,
    counted_until: date | None = None,
    stop_starts_on: date | None = None,
    stop_ends_on: date | None = None,
    replaces: SanctionDecision | None = None,
) -> SanctionDecision:
    if kind == SanctionKind.CALL_OFF_STOP:
        stop_starts_on = stop_starts_on or timezone.localdate()
    decision = SanctionDecision(
        case=case,
        contract=contract,
        ground=ground,
        kind=kind,
        ground_since=ground_since,
        counted_until=counted_until or timezone.localdate(),
        reason=reason.strip(),
        decided_by=acting_user,
        stop_starts_on=stop_starts_on,
        stop_ends_on=stop_ends_on,
        replaces=replaces,
    )
    options = _validate_decision(decision)
    penalty = kind == SanctionKind.PENALTY
    decision.started_weeks = options["weeks"] if penalty else 0
    decision.amount_sek = options["amount"] if penalty else Decimal(0)
    decision.save()
    case.findings.filter(needs_sanction_decision=True).update(needs_sanction_decision=False)
    record(
        "followup.sanction.decided",
        decision,
        actor=acting_user,
        changes={
            "ground": ground,
            "kind": kind,
            "amount": decision.amount_sek,
            "reason": reason,
            "replaces": replaces.pk if replaces else None,
        },
    )
    event(
        case,
        EventKind.SANCTION,
        gettext_noop("Sanction decision recorded: %(decision)s."),
        actor=acting_user,
        decision=decision.kind,  # a code, translated when the timeline is read
    )
    return decision


class SanctionTerms(TypedDict):
    """What a decision says, the same whether it is decided first or decided again as a correction."""

    ground: str
    kind: str
    ground_since: date
    reason: str
    counted_until: NotRequired[date | None]
    stop_starts_on: NotRequired[date | None]
    stop_ends_on: NotRequired[date | None]


@transaction.atomic
def decide_sanction(
    *, acting_user: User, case: FollowUpCase, contract: Contract, **terms: Unpack[SanctionTerms]
) -> SanctionDecision:
    """Record a sanction decision with who, when and why. The penalty is computed, never typed in;
    the same decision in force twice is refused; a call-off stop records its start (default today)
    and end. The decision is a record — Kedja applies nothing by itself."""
    check_may_assess(acting_user, case)
    return _create_decision(acting_user=acting_user, case=case, contract=contract, **terms)


def _take_out_of_force(*, acting_user: User, decision: SanctionDecision, status: str, reason: str) -> None:
    check_may_assess(acting_user, decision.case)
    if decision.status != DecisionStatus.IN_FORCE:
        raise ValidationError(_("Only a decision in force can be withdrawn or corrected."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for withdrawing or correcting the decision."))
    decision.status, decision.withdrawn_reason = status, reason.strip()
    decision.withdrawn_at, decision.withdrawn_by = timezone.now(), acting_user
    decision.save(update_fields=["status", "withdrawn_reason", "withdrawn_at", "withdrawn_by", "updated_at"])
    record(f"followup.sanction.{status}", decision, actor=acting_user, changes={"reason": reason})


@transaction.atomic
def withdraw_sanction(*, acting_user: User, decision: SanctionDecision, reason: str) -> SanctionDecision:
    """Withdraw a decision (e.g. decided on a wrong ground); it stays on record with the reason."""
    _take_out_of_force(
        acting_user=acting_user, decision=decision, status=DecisionStatus.WITHDRAWN, reason=reason
    )
    event(
        decision.case,
        EventKind.SANCTION,
        gettext_noop("Sanction decision withdrawn: %(decision)s."),
        actor=acting_user,
        decision=decision.kind,
    )
    return decision


@transaction.atomic
def correct_sanction(
    *,
    acting_user: User,
    decision: SanctionDecision,
    correction_reason: str,
    **terms: Unpack[SanctionTerms],
) -> SanctionDecision:
    """Replace a decision by a corrected one: both stay on record, each with its reason."""
    _take_out_of_force(
        acting_user=acting_user, decision=decision, status=DecisionStatus.CORRECTED, reason=correction_reason
    )
    return _create_decision(
        acting_user=acting_user, case=decision.case, contract=decision.contract, replaces=decision, **terms
    )


@transaction.atomic
def end_call_off_stop(*, acting_user: User, decision: SanctionDecision, ends_on: date) -> SanctionDecision:
    """Record the day a call-off stop ended."""
    check_may_assess(acting_user, decision.case)
    if decision.kind != SanctionKind.CALL_OFF_STOP or decision.status != DecisionStatus.IN_FORCE:
        raise ValidationError(_("Only a call-off stop in force can be ended."))
    if decision.stop_ends_on is not None:
        raise ValidationError(_("This call-off stop has already ended."))
    if decision.stop_starts_on is not None and ends_on < decision.stop_starts_on:
        raise ValidationError(_("A call-off stop cannot end before it starts."))
    decision.stop_ends_on = ends_on
    decision.save(update_fields=["stop_ends_on", "updated_at"])
    record("followup.sanction.stop_ended", decision, actor=acting_user, changes={"ends_on": ends_on})
    return decision


@transaction.atomic
def file_zero_tolerance_report(
    *,
    acting_user: User,
    contract: Contract,
    issue: Issue,
    aware_since: date,
    facts: str,
    measures_taken: str,
    measures_planned: str = "",
) -> ZeroToleranceReport:
    """The supplier reports a zero-tolerance deviation (clause section 3). Kedja checks the reporting
    deadline, adds a zero-tolerance deviation to the open case of the supplier (or opens one led by
    the contract's first owning region) and so alerts the case team."""
    from .cases import open_case_for_report
    from .findings import record_self_reported_deviation

    actor = actor_for(acting_user)
    if contract.supplier_id not in actor.supplier_ids:
        raise ValidationError(_("You can only report for your own organisation's contracts."))
    today = timezone.localdate()
    if aware_since > today or not facts.strip() or not measures_taken.strip():
        raise ValidationError(
            _("Give the date you became aware (not in the future), the facts and the measures taken.")
        )
    days = (today - aware_since).days
    deadline = contract.reporting_deadline_days
    case = (
        FollowUpCase.objects.filter(
            supplier_id=contract.supplier_id, status__in=OPEN_STATUSES, contracts=contract
        )
        .order_by("-created_at")
        .first()
    )
    if case is None:
        case = open_case_for_report(contract=contract)
    report = ZeroToleranceReport.objects.create(
        supplier=contract.supplier,
        contract=contract,
        case=case,
        issue=issue,
        aware_since=aware_since,
        facts=facts,
        measures_taken=measures_taken,
        measures_planned=measures_planned,
        days_to_report=days,
        deadline_days=deadline,
        on_time=None if deadline is None else days <= deadline,
        reported_by=acting_user,
    )
    record(
        "followup.zero_tolerance.reported",
        report,
        actor=acting_user,
        changes={"days": days, "on_time": report.on_time},
    )
    record_self_reported_deviation(case=case, report=report)
    return report
