"""Reads of a supplier's follow-up history and Kedja's reuse verdict for each result (docs/domain-rules.md §4.4).

The history is shared in the collaboration: every buyer organisation sees that a supplier was
followed up, when, by whom, at which step and with what result. Nothing confidential is read here.
"""

from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from django.db.models import F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django_stubs_ext import WithAnnotations

from kedja.contracts.models import Contract
from kedja.organisations.models import Organisation
from kedja.organisations.queries import Actor
from kedja.reference.models import ClauseLevel

from .models import CaseStatus, FollowUpCase, ReuseDecision
from .queries import lights_for, with_overview
from .rules import ReuseVerdict, clause_level_order, reuse_verdict


class HistoryAnnotations(TypedDict):
    clause_level: str


# A case as `history_of` reads it: with the clause level its result was reached under.
type HistoryCase = WithAnnotations[FollowUpCase, HistoryAnnotations]


def history_of(supplier: Organisation) -> QuerySet[HistoryCase]:
    """The supplier's cases with what the history shows, annotated in one query."""
    contract_level = (
        Contract.objects.filter(followup_cases=OuterRef("pk"))
        .exclude(clause_version__level="")
        .order_by("pk")
        .values("clause_version__level")[:1]
    )
    cases = FollowUpCase.objects.filter(supplier=supplier).exclude(status=CaseStatus.CANCELLED)
    return (
        with_overview(cases)
        .annotate(
            clause_level=Coalesce(
                NullIf(F("self_assessment__questionnaire__clause_version__level"), Value("")),
                Subquery(contract_level),
                Value(""),
            )
        )
        .order_by(F("closed_on").desc(nulls_first=True), "-created_at")
    )


def needed_level_for(actor: Actor, supplier: Organisation) -> str:
    """The strictest clause level of the supplier's contracts the actor's regions own (else the top)."""
    order = clause_level_order()
    levels = set(
        Contract.objects.filter(supplier=supplier, owning_regions__in=actor.region_ids).values_list(
            "clause_version__level", flat=True
        )
    )
    return next((level for level in order if level in levels), order[0])


@dataclass(frozen=True)
class HistoryRow:
    case: HistoryCase
    verdict: ReuseVerdict

    @property
    def level_label(self) -> str:
        level = self.case.clause_level
        return str(ClauseLevel(level).label) if level in ClauseLevel.values else ""


def verdict_for(case: HistoryCase, *, needed_level: str, needed_step: int, today: date) -> ReuseVerdict:
    """Kedja's verdict on one case (annotated by `history_of`, or read from the case itself)."""
    finished = case.status == CaseStatus.CLOSED
    return reuse_verdict(
        level=case.clause_level,
        step=case.current_step,
        result_on=case.closed_on if finished else None,
        needed_level=needed_level,
        needed_step=needed_step,
        today=today,
    )


def history_rows(supplier: Organisation, *, needed_level: str, needed_step: int) -> list[HistoryRow]:
    today = timezone.localdate()
    cases = list(history_of(supplier))
    lights = lights_for(cases)
    for case in cases:
        case.light = lights[case.pk]  # the light with its reasons, for the history table
    return [
        HistoryRow(case, verdict_for(case, needed_level=needed_level, needed_step=needed_step, today=today))
        for case in cases
    ]


def decisions_of(supplier: Organisation) -> QuerySet[ReuseDecision]:
    return ReuseDecision.objects.filter(supplier=supplier).select_related(
        "source_buyer", "decided_for", "decided_by", "source_case"
    )


def annotated_case(case: FollowUpCase) -> HistoryCase:
    """The same case with the history annotations (for the reuse action's verdict)."""
    return history_of(case.supplier).get(pk=case.pk)


def finished_cases(supplier: Organisation) -> QuerySet[FollowUpCase]:
    """The supplier's closed cases: the results a buyer may decide to reuse."""
    return (
        FollowUpCase.objects.filter(supplier=supplier, status=CaseStatus.CLOSED)
        .select_related("lead_organisation")
        .order_by("-closed_on")
    )
