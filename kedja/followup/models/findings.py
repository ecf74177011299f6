"""Findings (deviations, observations), corrective action plans and remediation for affected people."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.models import PublicModel, user_ref
from kedja.reference.models import CodeArea, Issue, Requirement

from .audits import OfficeAudit, SiteAudit
from .case import FollowUpCase


class FindingKind(models.TextChoices):
    DEVIATION = "deviation", _("Deviation")
    OBSERVATION = "observation", _("Observation")
    POSITIVE = "positive", _("Positive observation")


class Involvement(models.TextChoices):
    CAUSE = "cause", _("Cause")
    CONTRIBUTE = "contribute", _("Contribute")
    LINKED = "linked", _("Directly linked")


class DeviationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PROGRESS = "progress", _("Progress made")
    CLOSED = "closed", _("Closed")


class Finding(PublicModel):
    """A deviation, observation or positive observation of one case.

    Severity is computed from scale, scope and irremediability (docs/risk-method.md §2.2) by the action that
    records the finding; `confidential_details` is shown only to those who see confidential parts.
    """

    case = models.ForeignKey(FollowUpCase, on_delete=models.CASCADE, related_name="findings")
    step = models.PositiveSmallIntegerField(_("step"), default=1, validators=bounds.STEP.validators)
    office_audit = models.ForeignKey(
        OfficeAudit, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    site_audit = models.ForeignKey(
        SiteAudit, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FindingKind.choices)
    requirement = models.ForeignKey(
        Requirement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("breached requirement"),
    )
    code_area = models.CharField(
        _("code of conduct area"), max_length=30, choices=CodeArea.choices, blank=True
    )
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("issue")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    confidential_details = models.TextField(_("confidential details"), blank=True)
    scale = models.PositiveSmallIntegerField(
        _("scale"), null=True, blank=True, validators=bounds.SCORE.validators
    )
    scope_band = models.PositiveSmallIntegerField(
        _("scope (people affected)"), null=True, blank=True, validators=bounds.SCORE.validators
    )
    vulnerable_groups = models.BooleanField(_("vulnerable groups affected"), default=False)
    irremediability = models.PositiveSmallIntegerField(
        _("irremediability"), null=True, blank=True, validators=bounds.SCORE.validators
    )
    severity = models.PositiveSmallIntegerField(
        _("severity"), null=True, blank=True, validators=bounds.SCORE.validators
    )
    is_zero_tolerance = models.BooleanField(_("zero-tolerance deviation"), default=False)
    needs_sanction_decision = models.BooleanField(_("flagged for a sanction decision"), default=False)
    buyer_involvement = models.CharField(
        _("buyer's involvement"), max_length=20, choices=Involvement.choices, blank=True
    )
    supplier_involvement = models.CharField(
        _("supplier's involvement"), max_length=20, choices=Involvement.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DeviationStatus.choices, default=DeviationStatus.OPEN
    )
    deadline = models.DateField(
        _("deadline for correction"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    recorded_by = user_ref()
    source_report = models.ForeignKey(
        "ZeroToleranceReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
        help_text="The supplier's own report this deviation was recorded from",
    )

    class Meta:
        ordering = ["case", "-severity", "created_at"]
        constraints = [
            *bounds.checks(bounds.STEP, "step"),
            *bounds.checks(bounds.SCORE, "severity"),
            *bounds.checks(bounds.EVENT_DATE, "deadline", "closed_on"),
            bounds.SCORE.check("scale", "finding_scale_1_5", or_null=True),
            bounds.SCORE.check("scope_band", "finding_scope_1_5", or_null=True),
            bounds.SCORE.check("irremediability", "finding_irremediability_1_5", or_null=True),
            models.CheckConstraint(
                condition=Q(is_zero_tolerance=False) | Q(kind="deviation"),
                name="finding_zero_tolerance_is_deviation",
            ),
        ]
        indexes = [models.Index(fields=["case", "kind", "status"], name="followup_finding_case_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def latest_plan(self) -> "PlanProposal | None":
        """The supplier's latest proposed plan (from the prefetched versions when there are)."""
        proposals = list(self.plan_proposals.all())
        return proposals[-1] if proposals else None

    @property
    def is_overdue(self) -> bool:
        return (
            self.kind == FindingKind.DEVIATION
            and self.status != DeviationStatus.CLOSED
            and self.deadline is not None
            and self.deadline < timezone.localdate()
        )


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PROGRESS = "progress", _("Progress made")
    CLOSED = "closed", _("Closed")


class VerificationMethod(models.TextChoices):
    DESK = "desk", _("Desk review")
    VISIT = "visit", _("Follow-up visit")


class CorrectiveAction(PublicModel):
    """One action of the supplier's corrective action plan for a deviation. Overdue is derived."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="actions")
    # The finding's case, stored with the action: a finding never changes case, and the dashboards,
    # inboxes and reports count open and overdue actions per case without reading every finding
    # (at 20,000 cases the finding join was a third of the dashboard's slowest statement).
    case = models.ForeignKey(
        FollowUpCase, on_delete=models.CASCADE, related_name="corrective_actions", editable=False
    )
    description = models.TextField(_("action"))
    root_cause = models.TextField(_("root cause"), blank=True)
    owner = models.CharField(_("responsible person"), max_length=200)
    deadline = models.DateField(_("deadline"), validators=bounds.EVENT_DATE.validators)
    required_evidence = models.TextField(_("required evidence"), blank=True)
    verification_method = models.CharField(
        _("verification"), max_length=10, choices=VerificationMethod.choices, default=VerificationMethod.DESK
    )
    supplier_response = models.TextField(_("supplier's response"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    verified_on = models.DateField(
        _("verified on"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    verified_by = user_ref()
    verification_note = models.TextField(_("verification note"), blank=True)
    evidence = models.ManyToManyField("EvidenceDocument", blank=True, related_name="actions")

    class Meta:
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "deadline", "verified_on"),
        ]
        ordering = ["deadline", "created_at"]
        # Dashboards and inboxes list the open actions whose deadline has passed, earliest first.
        indexes = [
            models.Index(
                fields=["deadline", "id"], condition=~Q(status="closed"), name="action_open_deadline_idx"
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def save(self, *args, **kwargs) -> None:
        if self.case_id is None:
            self.case_id = self.finding.case_id
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        return self.status != ActionStatus.CLOSED and self.deadline < timezone.localdate()


class RemediationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    COMPLETED = "completed", _("Completed")
    VERIFIED = "verified", _("Verified")


class Remediation(PublicModel):
    """Remedy for affected people (PR7), kept apart from the supplier's own corrective actions.

    Never holds personal data: groups and numbers only.
    """

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="remediations")
    affected_group = models.CharField(_("affected group"), max_length=200)
    people_affected = models.PositiveIntegerField(
        _("number of people"), null=True, blank=True, validators=bounds.PEOPLE.validators
    )
    description = models.TextField(_("remedy"))
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True, validators=bounds.SEK.validators
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    rights_holders_consulted = models.BooleanField(_("affected people consulted"), default=False)
    deadline = models.DateField(_("deadline"), null=True, blank=True, validators=bounds.EVENT_DATE.validators)
    status = models.CharField(
        _("status"), max_length=20, choices=RemediationStatus.choices, default=RemediationStatus.PLANNED
    )
    completed_on = models.DateField(
        _("completed on"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    # Asked of the supplier only where it caused or contributed (rules.remedy_asked_of_supplier);
    # where it is only directly linked the buyer uses its leverage instead.
    asked_of_supplier = models.BooleanField(_("asked of the supplier"), default=False)

    class Meta:
        constraints = [
            *bounds.checks(bounds.PEOPLE, "people_affected"),
            *bounds.checks(bounds.SEK, "amount"),
            *bounds.checks(bounds.EVENT_DATE, "deadline", "completed_on"),
        ]
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.affected_group}: {self.description[:60]}"


class PlanStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting the buyer's review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")


class PlanProposal(PublicModel):
    """One version of the corrective action plan the supplier proposes for a deviation: root cause
    and actions (`actions`: description, owner, deadline, evidence it will provide). A version is
    never rewritten; a revision is the next version, so both sides see the whole exchange."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="plan_proposals")
    version = models.PositiveSmallIntegerField(_("version"), validators=bounds.NUMBER.validators)
    root_cause = models.TextField(_("root cause"))
    actions = models.JSONField(default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.PROPOSED
    )
    proposed_by = user_ref()
    reviewed_by = user_ref()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("the buyer's comment"), blank=True)

    class Meta:
        ordering = ["finding", "version"]
        verbose_name = _("proposed corrective action plan")
        constraints = [
            *bounds.checks(bounds.NUMBER, "version"),
            models.UniqueConstraint(fields=["finding", "version"], name="followup_plan_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.finding} v{self.version}"


class SupplierReport(PublicModel):
    """One report of the supplier on a corrective action or on a remedy asked of it, kept as sent:
    a later report is added beside it, never written over it."""

    action = models.ForeignKey(
        CorrectiveAction, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    remediation = models.ForeignKey(
        Remediation, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    text = models.TextField(_("report"))
    document = models.ForeignKey(
        "EvidenceDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = user_ref()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("supplier's report")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__isnull=True, remediation__isnull=False)
                | Q(action__isnull=False, remediation__isnull=True),
                name="followup_report_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
