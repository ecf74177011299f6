"""Grievances from people in the supply chain: the report, its dialogue with the anonymous
reporter, attachments, the handler's assessment and decision, and the intake's rate-limit counter.

Nothing here stores an IP address, a browser fingerprint or an exact timestamp of the reporter's
device; the reporter is known only by a receipt code and a secret whose hash is kept.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.models import PublicModel, user_ref


class ReportedIssue(models.TextChoices):
    FORCED_LABOUR = "forced_labour", _("Forced labour")
    CHILD_LABOUR = "child_labour", _("Child labour")
    SAFETY = "safety", _("Health and safety")
    WAGES = "wages", _("Wages")
    FREEDOM_OF_ASSOCIATION = "freedom_of_association", _("Freedom of association")
    ENVIRONMENT = "environment", _("Environment")
    CORRUPTION = "corruption", _("Corruption")
    OTHER = "other", _("Other")


# The risk taxonomy's issue (reference.Issue.code) a reported issue starts the assessment from.
REFERENCE_ISSUE: dict[str, str] = {
    ReportedIssue.FORCED_LABOUR: "forced_labour",
    ReportedIssue.CHILD_LABOUR: "child_labour",
    ReportedIssue.SAFETY: "ohs",
    ReportedIssue.WAGES: "wages",
    ReportedIssue.FREEDOM_OF_ASSOCIATION: "freedom_of_association",
    ReportedIssue.ENVIRONMENT: "environment",
    ReportedIssue.CORRUPTION: "corruption",
}


class GrievanceStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    DECIDED = "decided", _("Being handled")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = [GrievanceStatus.RECEIVED, GrievanceStatus.ACKNOWLEDGED, GrievanceStatus.DECIDED]


class Decision(models.TextChoices):
    FOLLOW_UP = "follow_up", _("A follow-up case was opened")
    SUPPLIER_ASKED = "supplier_asked", _("The supplier was asked to respond")
    REFERRED = "referred", _("Referred elsewhere")


class Credibility(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Not assessed yet")
    CREDIBLE = "credible", _("Credible")
    PARTLY = "partly", _("Partly credible, needs checking")
    NOT_CREDIBLE = "not_credible", _("Not credible")


class Grievance(PublicModel):
    """One report. The reporter's own words are kept as written; the handler's fields are internal."""

    receipt_code = models.CharField(_("receipt code"), max_length=20, unique=True)
    secret_hash = models.CharField(max_length=200)
    language = models.CharField(_("language of the report"), max_length=10)
    issue = models.CharField(_("what it is about"), max_length=30, choices=ReportedIssue.choices)
    description = models.TextField(_("what happened"))
    country = models.ForeignKey(
        "reference.Country", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("country")
    )
    site_name = models.CharField(_("workplace or site"), max_length=300, blank=True)
    place = models.CharField(_("address or place"), max_length=300, blank=True)
    product_or_company = models.CharField(_("product, brand or company"), max_length=300, blank=True)
    when = models.CharField(_("when it happened"), max_length=200, blank=True)
    affected = models.CharField(_("who is affected"), max_length=300, blank=True)
    # Fernet token (see crypto.py); readable only through queries.contact_details_for().
    contact_encrypted = models.TextField(blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GrievanceStatus.choices, default=GrievanceStatus.RECEIVED
    )
    acknowledge_by = models.DateField(_("acknowledge by"), validators=bounds.EVENT_DATE.validators)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    referred_to = models.CharField(_("referred to"), max_length=300, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closing_reason = models.TextField(_("reason for closing (the reporter reads it)"), blank=True)
    # Triage by the grievance handler.
    suppliers = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+", verbose_name=_("suppliers")
    )
    contracts = models.ManyToManyField(
        "contracts.Contract", blank=True, related_name="+", verbose_name=_("contracts")
    )
    sites = models.ManyToManyField("contracts.Site", blank=True, related_name="+", verbose_name=_("sites"))
    categories = models.ManyToManyField(
        "reference.Category", blank=True, related_name="+", verbose_name=_("categories")
    )
    risk_issue = models.ForeignKey(
        "reference.Issue",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issue in the risk taxonomy"),
    )
    credibility = models.CharField(
        _("credibility"), max_length=20, choices=Credibility.choices, default=Credibility.NOT_ASSESSED
    )
    scale = models.PositiveSmallIntegerField(
        _("scale (Sc)"), null=True, blank=True, validators=bounds.SCORE.validators
    )
    scope_band = models.PositiveSmallIntegerField(
        _("scope (So band)"), null=True, blank=True, validators=bounds.SCORE.validators
    )
    irremediability = models.PositiveSmallIntegerField(
        _("irremediability (Ir)"), null=True, blank=True, validators=bounds.SCORE.validators
    )
    vulnerable = models.BooleanField(_("vulnerable groups affected"), default=False)
    severity = models.PositiveSmallIntegerField(
        _("severity"), null=True, blank=True, validators=bounds.SCORE.validators
    )
    assessment_note = models.TextField(_("internal assessment note"), blank=True)
    case = models.ForeignKey(
        "followup.FollowUpCase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("follow-up case"),
    )
    evidence = models.ForeignKey(
        "risk.Evidence",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("evidence in the risk analysis"),
    )
    last_reminded_on = models.DateField(null=True, blank=True, validators=bounds.EVENT_DATE.validators)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("grievance")
        verbose_name_plural = _("grievances")
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "acknowledge_by", "last_reminded_on"),
            *bounds.checks(bounds.SCORE, "severity"),
            bounds.SCORE.check("scale", "grievance_scale_1_5", or_null=True),
            bounds.SCORE.check("scope_band", "grievance_scope_1_5", or_null=True),
            bounds.SCORE.check("irremediability", "grievance_irremediability_1_5", or_null=True),
        ]

    def __str__(self) -> str:
        return self.receipt_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_open_grievance(self) -> bool:
        """Open in the risk method's sense: still being handled here, not referred elsewhere."""
        return self.is_open and self.decision != Decision.REFERRED


class Author(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    HANDLER = "handler", _("Grievance handler")


class Message(PublicModel):
    """One turn of the dialogue. Handler messages marked internal never reach the reporter."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=20, choices=Author.choices)
    author = user_ref()
    text = models.TextField(_("message"))

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.grievance} {self.author_kind} {self.created_at:%Y-%m-%d}"


class Attachment(PublicModel):
    """A photo or document, stored only after its metadata (EXIF, document properties) was removed."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=10)
    file = models.FileField(upload_to="grievance/%Y/")
    size = models.PositiveIntegerField(validators=bounds.STORED_COUNT.validators)

    def __str__(self) -> str:
        return f"{self.grievance} {self.kind}"

    class Meta:
        constraints = [
            *bounds.checks(bounds.STORED_COUNT, "size"),
        ]


class SupplierRequest(PublicModel):
    """The handler asks a supplier to respond; the supplier reads only the handler's own wording."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="supplier_requests")
    supplier = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("question to the supplier"))
    respond_by = models.DateField(_("respond by"), validators=bounds.EVENT_DATE.validators)
    response = models.TextField(_("the supplier's response"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    asked_by = user_ref()

    class Meta:
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "respond_by"),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.grievance} → {self.supplier}"


class IntakeCounter(models.Model):
    """Requests in the current rate-limit window per key. The key is a keyed hash of the client
    address and the window, cut short, so it cannot be turned back into an address or linked
    across windows; rows of past windows are deleted on the next request."""

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=32)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0, validators=bounds.STORED_COUNT.validators)

    class Meta:
        constraints = [
            *bounds.checks(bounds.STORED_COUNT, "count"),
            models.UniqueConstraint(fields=["scope", "key", "window_start"], name="grievance_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M} {self.count}"
