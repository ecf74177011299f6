"""Decisions by one buyer to reuse (or not) another buyer's follow-up result (docs/domain-rules.md §4.4)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.models import PublicModel, user_ref
from kedja.organisations.models import Organisation
from kedja.reference.models import ClauseLevel

from .case import FollowUpCase


class ReuseDecisionKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted for reuse")
    REJECTED = "rejected", _("Not reused")


class ReuseDecision(PublicModel):
    """Source, date, method, clause level, decision and decider, as the rule asks to record them.

    The facts of the source are copied at decision time, so the record stays true if the source
    case is later changed. `qualified` is Kedja's verdict then; the decision is the buyer's.
    """

    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reuse_decisions")
    source_case = models.ForeignKey(FollowUpCase, on_delete=models.PROTECT, related_name="reuse_decisions")
    source_buyer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    result_on = models.DateField(_("date of the result"), validators=bounds.EVENT_DATE.validators)
    method_step = models.PositiveSmallIntegerField(
        _("method (step reached)"), validators=bounds.STEP.validators
    )
    clause_level = models.CharField(_("clause level"), max_length=30, choices=ClauseLevel.choices, blank=True)
    needed_step = models.PositiveSmallIntegerField(_("step needed"), validators=bounds.STEP.validators)
    needed_level = models.CharField(_("clause level needed"), max_length=30, choices=ClauseLevel.choices)
    decided_for = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("reusing buyer")
    )
    qualified = models.BooleanField(_("qualifies under the rule"))
    decision = models.CharField(_("decision"), max_length=20, choices=ReuseDecisionKind.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = user_ref(blank=False)
    decided_on = models.DateField(_("decided on"), validators=bounds.EVENT_DATE.validators)

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "result_on", "decided_on"),
            models.CheckConstraint(
                condition=Q(method_step__gte=1, method_step__lte=3)
                & Q(needed_step__gte=1, needed_step__lte=3),
                name="reuse_steps_1_3",
            ),
            models.CheckConstraint(
                condition=Q(qualified=True) | ~Q(decision="accepted"),
                name="reuse_accepted_only_if_qualified",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decided_for} – {self.source_case}"
