"""Overrides of a contract's derived risk register (the register itself is computed)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kedja.contracts.models import Contract
from kedja.core import bounds
from kedja.core.models import PublicModel, user_ref
from kedja.reference.models import Country, Issue


class ContractRiskOverride(PublicModel):
    """People's correction of one derived item (issue × country × good) of a contract's register."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="risk_overrides")
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="+")
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    good = models.CharField(max_length=120, blank=True)
    excluded = models.BooleanField(_("not relevant for this contract"), default=False)
    actual = models.BooleanField(_("actual impact"), default=False)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood override"), null=True, blank=True, validators=bounds.SCORE.validators
    )
    reason = models.TextField(_("reason"))
    created_by = user_ref(blank=False)

    class Meta:
        verbose_name = _("contract risk override")
        verbose_name_plural = _("contract risk overrides")
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "issue", "country", "good"], name="contract_risk_override_unique"
            ),
            bounds.SCORE.check("likelihood", "contract_risk_override_l_1_5", or_null=True),
        ]

    def __str__(self) -> str:
        return f"{self.contract} – {self.issue}"
