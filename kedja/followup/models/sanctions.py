"""Sanction decisions, suppliers' zero-tolerance self-reports and published summaries."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kedja.contracts.models import Contract
from kedja.core import bounds
from kedja.core.i18n import bilingual
from kedja.core.models import PublicModel, end_not_before_start, user_ref
from kedja.organisations.models import Organisation
from kedja.reference.models import Issue

from ..rules import Light, Reason, SanctionGround, SanctionKind, call_off_stop_limit_reached
from .case import FollowUpCase


class DecisionStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CORRECTED = "corrected", _("Replaced by a correction")


class SanctionDecision(PublicModel):
    """A recorded decision (who, when, why). Kedja computes; it never applies a sanction by itself.

    A decision is never edited or deleted: withdrawing or correcting it keeps it with its reason
    (a correction is a new decision that `replaces` it)."""

    case = models.ForeignKey(FollowUpCase, on_delete=models.CASCADE, related_name="sanctions")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="+")
    ground = models.CharField(_("ground"), max_length=30, choices=SanctionGround.choices)
    kind = models.CharField(_("decision"), max_length=30, choices=SanctionKind.choices)
    ground_since = models.DateField(_("ground arose on"), validators=bounds.EVENT_DATE.validators)
    counted_until = models.DateField(_("counted until"), validators=bounds.EVENT_DATE.validators)
    started_weeks = models.PositiveIntegerField(
        _("started weeks"), default=0, validators=bounds.STORED_COUNT.validators
    )
    amount_sek = models.DecimalField(
        _("penalty (SEK excl. VAT)"),
        max_digits=14,
        decimal_places=0,
        default=0,
        validators=bounds.SEK.validators,
    )
    reason = models.TextField(_("reason"))
    decided_by = user_ref(blank=False)
    stop_starts_on = models.DateField(
        _("call-off stop from"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    stop_ends_on = models.DateField(
        _("call-off stop until"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.IN_FORCE
    )
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    withdrawn_reason = models.TextField(_("reason for withdrawing or correcting"), blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = user_ref()

    class Meta:
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "ground_since", "counted_until"),
            *bounds.checks(bounds.STORED_COUNT, "started_weeks"),
            *bounds.checks(bounds.SEK, "amount_sek"),
            *bounds.checks(bounds.EVENT_DATE, "stop_starts_on", "stop_ends_on"),
            models.UniqueConstraint(
                fields=["case", "contract", "ground", "kind", "ground_since"],
                condition=models.Q(status="in_force"),
                name="sanction_decision_once",
            ),
            end_not_before_start(
                "stop_starts_on", "stop_ends_on", "sanction_stop_dates_ordered", open_end=True
            ),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.contract}"

    @property
    def in_force(self) -> bool:
        return self.status == DecisionStatus.IN_FORCE

    @property
    def stop_days(self) -> int:
        """How long a call-off stop has lasted (until today while it runs); 0 for other decisions."""
        if self.stop_starts_on is None:
            return 0
        return ((self.stop_ends_on or timezone.localdate()) - self.stop_starts_on).days

    @property
    def stop_months(self) -> int:
        return self.stop_days // 30

    @property
    def termination_possible(self) -> bool:
        """Whether the call-off stop reached the contract's limit for immediate termination."""
        return self.in_force and call_off_stop_limit_reached(
            self.contract.call_off_stop_months, self.stop_days
        )


class ZeroToleranceReport(PublicModel):
    """A supplier's own report under clause section 3, checked against the reporting deadline."""

    supplier = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="zero_tolerance_reports"
    )
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        FollowUpCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="zero_tolerance_reports"
    )
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="+", verbose_name=_("issue"))
    aware_since = models.DateField(
        _("reasonable grounds known since"), validators=bounds.EVENT_DATE.validators
    )
    facts = models.TextField(_("facts"))
    measures_taken = models.TextField(_("measures taken"))
    measures_planned = models.TextField(_("measures planned"), blank=True)
    days_to_report = models.PositiveIntegerField(validators=bounds.STORED_COUNT.validators)
    deadline_days = models.PositiveIntegerField(null=True, blank=True, validators=bounds.DAYS.validators)
    on_time = models.BooleanField(null=True)
    reported_by = user_ref(blank=False)

    class Meta:
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "aware_since"),
            *bounds.checks(bounds.STORED_COUNT, "days_to_report"),
            *bounds.checks(bounds.DAYS, "deadline_days"),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.supplier} – {self.issue}"

    @property
    def days_late(self) -> int:
        """Days past the contract's reporting deadline (0 when on time or without a deadline)."""
        return max(0, self.days_to_report - self.deadline_days) if self.deadline_days is not None else 0


class SummaryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PublishedSummary(PublicModel):
    """The explicit record a public page is built from: only fields that may be published (docs/domain-rules.md §6).

    Filled from allowed fields by an action; never a site name or address, never personal data.
    """

    case = models.OneToOneField(FollowUpCase, on_delete=models.CASCADE, related_name="summary")
    supplier_name = models.CharField(max_length=200)
    category_sv = models.CharField(max_length=200, blank=True)
    category_en = models.CharField(max_length=200, blank=True)
    products = models.CharField(max_length=300, blank=True)
    clause_version = models.CharField(max_length=200, blank=True)
    steps = models.JSONField(default=list, help_text="[{step, type, date, auditor}]")
    site_countries = models.JSONField(default=list, help_text="Country names (sv, en), never site names")
    site_audit_reason = models.TextField(blank=True)
    findings = models.JSONField(default=list, help_text="[{kind, requirement, area, status, closed_on}]")
    deviations = models.PositiveIntegerField(default=0, validators=bounds.COUNT.validators)
    observations = models.PositiveIntegerField(default=0, validators=bounds.COUNT.validators)
    positives = models.PositiveIntegerField(default=0, validators=bounds.COUNT.validators)
    traffic_light = models.CharField(max_length=10)
    closed_on = models.DateField(null=True, blank=True, validators=bounds.EVENT_DATE.validators)
    text_sv = models.TextField(_("summary (Swedish)"), blank=True)
    text_en = models.TextField(_("summary (English)"), blank=True)
    status = models.CharField(max_length=20, choices=SummaryStatus.choices, default=SummaryStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = user_ref()
    light_reasons = models.JSONField(default=list, blank=True, help_text="[{message, params}]")
    comment_until = models.DateField(
        _("supplier may comment until"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    supplier_comment = models.TextField(_("supplier's comment"), blank=True)
    supplier_commented_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            *bounds.checks(bounds.COUNT, "deviations", "observations", "positives"),
            *bounds.checks(bounds.EVENT_DATE, "closed_on", "comment_until"),
        ]
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.supplier_name

    category = bilingual("category")
    text = bilingual("text")

    @property
    def comment_open(self) -> bool:
        """Whether the supplier may still comment on this draft."""
        return (
            self.status == SummaryStatus.DRAFT
            and not self.supplier_comment
            and self.comment_until is not None
            and timezone.localdate() <= self.comment_until
        )

    @property
    def light(self) -> Light:
        """The stored light with its reasons, read in the reader's language."""
        reasons = tuple(Reason.from_json(r) for r in self.light_reasons)
        return Light(self.traffic_light, reasons)
