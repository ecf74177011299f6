"""A joint case's split between its regions: who does what by when, and who bears which part of the
cost. The lead region's case team keeps both (actions/joint.py); the regions of the case read them
on the case page, the supplier never, and the annual report sums them per region."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.models import PublicModel
from kedja.organisations.models import Organisation

from .case import FollowUpCase


class JointTask(PublicModel):
    """One task a region of a joint case takes on."""

    case = models.ForeignKey(FollowUpCase, on_delete=models.CASCADE, related_name="joint_tasks")
    region = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    description = models.CharField(_("task"), max_length=300)
    responsible = models.CharField(_("who"), max_length=200, blank=True)
    due_on = models.DateField(_("by when"), validators=bounds.EVENT_DATE.validators)
    done = models.BooleanField(_("done"), default=False, db_default=False)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task of a joint case")
        verbose_name_plural = _("tasks of joint cases")
        constraints = [*bounds.checks(bounds.EVENT_DATE, "due_on")]

    def __str__(self) -> str:
        return self.description[:60]


class CostSplitKind(models.TextChoices):
    PERCENT = "percent", _("Shares (%)")
    AMOUNT = "amount", _("Amounts (SEK)")


class CostShare(models.Model):
    """One region's part of a joint case's cost: a share in percent or an amount in kronor (a case
    splits its cost one way; the action keeps every row of a case the same kind)."""

    case = models.ForeignKey(FollowUpCase, on_delete=models.CASCADE, related_name="cost_shares")
    region = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    kind = models.CharField(_("cost split"), max_length=10, choices=CostSplitKind.choices)
    percent = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.PERCENT.validators,
    )
    amount_sek = models.DecimalField(
        _("amount (SEK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.SEK.validators,
    )

    class Meta:
        ordering = ["region__name", "pk"]
        verbose_name = _("cost share of a joint case")
        verbose_name_plural = _("cost shares of joint cases")
        constraints = [
            models.UniqueConstraint(fields=["case", "region"], name="followup_cost_share_once_per_region"),
            *bounds.checks(bounds.PERCENT, "percent"),
            *bounds.checks(bounds.SEK, "amount_sek"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id}: {self.percent if self.kind == CostSplitKind.PERCENT else self.amount_sek}"
