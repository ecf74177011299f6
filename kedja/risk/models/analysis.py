"""Category risk analyses (the workshop tool): stages with countries, risk items, evidence,
and the append-only versions frozen at approval."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.models import PublicModel, user_ref
from kedja.reference.models import Category, Country, Issue, PriorityPeriod


class Stage(models.TextChoices):
    RAW_MATERIAL = "raw_material", _("Raw material")
    PROCESSING = "processing", _("Processing")
    COMPONENT = "component", _("Component")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    ASSEMBLY = "assembly", _("Assembly")
    DISTRIBUTION = "distribution", _("Distribution")
    SERVICE_DELIVERY = "service_delivery", _("Service delivery")


STAGE_ORDER = {value: n for n, value in enumerate(Stage.values)}


class AnalysisStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class RiskAnalysis(PublicModel):
    """The risk analysis of one category in one priority period."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="risk_analyses")
    period = models.ForeignKey(PriorityPeriod, on_delete=models.PROTECT, related_name="risk_analyses")
    status = models.CharField(
        _("status"), max_length=20, choices=AnalysisStatus.choices, default=AnalysisStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1, validators=bounds.NUMBER.validators)
    summary = models.TextField(_("public summary"), blank=True)
    confidential_notes = models.TextField(_("internal notes"), blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = user_ref()

    class Meta:
        ordering = ["category__name_sv"]
        verbose_name = _("risk analysis")
        verbose_name_plural = _("risk analyses")
        constraints = [
            *bounds.checks(bounds.NUMBER, "version"),
            models.UniqueConstraint(
                fields=["category", "period"], name="risk_analysis_category_period_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.period}"

    @property
    def is_draft(self) -> bool:
        return self.status == AnalysisStatus.DRAFT


class AnalysisStage(PublicModel):
    """One supply-chain stage of an analysis and the countries where it happens."""

    analysis = models.ForeignKey(RiskAnalysis, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices)
    tier = models.PositiveSmallIntegerField(
        _("typical tier"), null=True, blank=True, validators=bounds.TIER.validators
    )
    description = models.CharField(_("what happens here"), max_length=300, blank=True)
    countries = models.ManyToManyField(Country, blank=True, related_name="+", verbose_name=_("countries"))

    class Meta:
        ordering = ["analysis", "id"]
        constraints = [
            *bounds.checks(bounds.TIER, "tier"),
            models.UniqueConstraint(fields=["analysis", "stage"], name="analysis_stage_unique"),
        ]

    def __str__(self) -> str:
        return self.get_stage_display()


class ItemStatus(models.TextChoices):
    POTENTIAL = "potential", _("Potential")
    ACTUAL = "actual", _("Actual")


class ItemOrigin(models.TextChoices):
    PROPOSED = "proposed", _("Proposed by Kedja")
    MANUAL = "manual", _("Added by people")


class ItemReview(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class InvolvementChoice(models.TextChoices):
    CAUSE = "cause", _("Cause")
    CONTRIBUTE = "contribute", _("Contribute")
    LINKED = "linked", _("Directly linked")


class RiskCategoryChoice(models.TextChoices):
    CRITICAL = "critical", _("Critical")
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


SCORE_RANGE = Q(scale__gte=1, scale__lte=5, scope_band__gte=1, scope_band__lte=5) & Q(
    irremediability__gte=1, irremediability__lte=5
)


class RiskItem(PublicModel):
    """Issue × stage × country, with the inputs people set and the scores Kedja computed from them."""

    analysis = models.ForeignKey(RiskAnalysis, on_delete=models.CASCADE, related_name="items")
    stage = models.ForeignKey(AnalysisStage, on_delete=models.PROTECT, related_name="items")
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="+", verbose_name=_("issue"))
    good = models.CharField(_("good (ILAB name)"), max_length=120, blank=True)
    cpv_code = models.CharField(_("CPV code"), max_length=8, blank=True)
    tier = models.PositiveSmallIntegerField(
        _("tier"), null=True, blank=True, validators=bounds.TIER.validators
    )
    origin = models.CharField(max_length=20, choices=ItemOrigin.choices, default=ItemOrigin.MANUAL)
    review = models.CharField(max_length=20, choices=ItemReview.choices, default=ItemReview.CONFIRMED)
    proposal_reason = models.TextField(_("why Kedja proposed it"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.POTENTIAL
    )
    scale = models.PositiveSmallIntegerField(_("scale (Sc)"), validators=bounds.SCORE.validators)
    scope_band = models.PositiveSmallIntegerField(_("scope (So band)"), validators=bounds.SCORE.validators)
    irremediability = models.PositiveSmallIntegerField(
        _("irremediability (Ir)"), validators=bounds.SCORE.validators
    )
    score_reason = models.TextField(_("reason for changed scores"), blank=True)
    vulnerable = models.BooleanField(_("vulnerable groups affected"), default=False)
    vulnerable_groups = models.CharField(_("vulnerable groups"), max_length=300, blank=True)
    sr_override = models.PositiveSmallIntegerField(
        _("sector risk (Sr) override"), null=True, blank=True, validators=bounds.SCORE.validators
    )
    sr_reason = models.TextField(_("reason for the Sr override"), blank=True)
    unmapped_listed_tier = models.BooleanField(_("listed tier lacks traceability data"), default=False)
    own_operations = models.BooleanField(_("in the region's own operations"), default=False)
    involvement_answers = models.JSONField(default=dict, blank=True)
    involvement_override = models.CharField(
        _("involvement override"), max_length=20, choices=InvolvementChoice.choices, blank=True
    )
    involvement_reason = models.TextField(_("reason for the involvement override"), blank=True)
    leverage_answers = models.JSONField(default=dict, blank=True)
    confidential_note = models.TextField(_("internal note"), blank=True)
    # Computed by actions.rescore(); stored so lists sort and filter in the database.
    severity = models.PositiveSmallIntegerField(default=0, validators=bounds.COMPUTED_SCORE.validators)
    likelihood = models.PositiveSmallIntegerField(default=0, validators=bounds.COMPUTED_SCORE.validators)
    priority = models.PositiveSmallIntegerField(default=0, validators=bounds.PRIORITY.validators)
    risk_category = models.CharField(max_length=20, choices=RiskCategoryChoice.choices, blank=True)
    involvement = models.CharField(max_length=20, choices=InvolvementChoice.choices, blank=True)
    leverage = models.PositiveSmallIntegerField(default=1, validators=bounds.LEVERAGE.validators)
    scores = models.JSONField(default=dict, blank=True)
    datasets = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-severity", "-likelihood", "-priority", "status", "id"]
        verbose_name = _("risk item")
        verbose_name_plural = _("risk items")
        constraints = [
            *bounds.checks(bounds.TIER, "tier"),
            *bounds.checks(bounds.COMPUTED_SCORE, "severity", "likelihood"),
            *bounds.checks(bounds.PRIORITY, "priority"),
            *bounds.checks(bounds.LEVERAGE, "leverage"),
            models.CheckConstraint(condition=SCORE_RANGE, name="risk_item_scores_1_5"),
            bounds.SCORE.check("sr_override", "risk_item_sr_1_5", or_null=True),
        ]

    def __str__(self) -> str:
        return f"{self.issue} – {self.stage} – {self.country or '?'}"

    @property
    def is_active(self) -> bool:
        return self.review != ItemReview.REJECTED

    @property
    def response_texts(self) -> list[str]:
        from kedja.risk.responses import TEXTS

        return [str(TEXTS[r["key"]]) for r in self.scores.get("responses", []) if r["key"] in TEXTS]

    @property
    def colour(self) -> str:
        return {"critical": "red", "high": "red", "medium": "yellow"}.get(self.risk_category, "green")


class EvidenceKindChoice(models.TextChoices):
    ALLEGATION = "allegation", _("Allegation")
    WRO = "wro", _("US Withhold Release Order")
    AUDIT_NC = "audit_nc", _("Audit non-conformity")
    GRIEVANCE = "grievance", _("Grievance")
    CERTIFICATION = "certification", _("Certification")
    VERIFIED_REMEDIATION = "verified_remediation", _("Verified remediation")


class Evidence(PublicModel):
    item = models.ForeignKey(RiskItem, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("type"), max_length=30, choices=EvidenceKindChoice.choices)
    source = models.CharField(_("source"), max_length=300)
    dated = models.DateField(_("date"), validators=bounds.DOCUMENT_DATE.validators)
    credible = models.BooleanField(_("credible"), default=True)
    is_open = models.BooleanField(_("open"), default=True)
    supplier_specific = models.BooleanField(_("specific to a supplier"), default=True)

    class Meta:
        constraints = [
            *bounds.checks(bounds.DOCUMENT_DATE, "dated"),
        ]
        ordering = ["-dated"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source}"


class AnalysisVersion(models.Model):
    """A frozen, append-only snapshot of an analysis as approved. Never updated or deleted."""

    analysis = models.ForeignKey(RiskAnalysis, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(validators=bounds.NUMBER.validators)
    approved_at = models.DateTimeField()
    approved_by = user_ref(blank=False)
    snapshot = models.JSONField()
    # Approval is internal; the public summary of the version exists only once someone publishes it.
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = user_ref()

    class Meta:
        ordering = ["analysis", "-number"]
        constraints = [
            *bounds.checks(bounds.NUMBER, "number"),
            models.UniqueConstraint(fields=["analysis", "number"], name="analysis_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.analysis} v{self.number}"
