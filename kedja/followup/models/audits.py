"""Step 2 (office audit: document requests, interviews, checklist) and step 3 (on-site audit)."""

import uuid as uuid_lib
from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kedja.contracts.models import Site
from kedja.core import bounds
from kedja.core.models import PublicModel, end_not_before_start, user_ref
from kedja.organisations.models import Organisation
from kedja.reference.models import Requirement

from .case import CostBearer, FollowUpCase, Recommendation

# Governing documents older than this count as not current (docs/domain-rules.md §4.5: revised within 1–2 years).
DEFAULT_DOCUMENT_MAX_AGE_YEARS = 2


class OfficeAudit(PublicModel):
    """The office audit of how the work is applied for one product (step 2)."""

    case = models.OneToOneField(FollowUpCase, on_delete=models.CASCADE, related_name="office_audit")
    product = models.CharField(_("product"), max_length=300)
    audit_firm = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("audit firm (empty: in-house)"),
    )
    held_on = models.DateField(_("held on"), null=True, blank=True, validators=bounds.EVENT_DATE.validators)
    cost_bearer = models.CharField(_("cost bearer"), max_length=20, choices=CostBearer.choices)
    document_max_age_years = models.PositiveSmallIntegerField(
        _("documents count as current for (years)"),
        default=DEFAULT_DOCUMENT_MAX_AGE_YEARS,
        validators=bounds.YEARS.validators,
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Recommendation.choices, blank=True)
    outcome_reason = models.TextField(_("reason"), blank=True)

    def __str__(self) -> str:
        return f"{self.case} – {self.product}"

    class Meta:
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "held_on"),
            *bounds.checks(bounds.YEARS, "document_max_age_years"),
        ]


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")


class DocumentRequest(PublicModel):
    """A document the auditor asks the supplier for before the office audit, with a deadline."""

    office_audit = models.ForeignKey(OfficeAudit, on_delete=models.CASCADE, related_name="document_requests")
    requirement = models.ForeignKey(
        Requirement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(_("requested document"), max_length=300)
    deadline = models.DateField(_("deadline"), validators=bounds.EVENT_DATE.validators)
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.REQUESTED)
    documents = models.ManyToManyField("EvidenceDocument", blank=True, related_name="requests")

    class Meta:
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "deadline"),
        ]
        ordering = ["deadline", "created_at"]

    def __str__(self) -> str:
        return self.description

    @property
    def is_overdue(self) -> bool:
        return self.status == RequestStatus.REQUESTED and self.deadline < timezone.localdate()


class IntervieweeRole(models.TextChoices):
    DUE_DILIGENCE_CONTACT = "dd_contact", _("Due-diligence contact")
    MANAGEMENT = "management", _("Management")
    WORKER_REPRESENTATIVE = "worker_rep", _("Worker representative")
    SAFETY_REPRESENTATIVE = "safety_rep", _("Safety representative")
    WORKER = "worker", _("Worker")
    OTHER = "other", _("Other")


class Interview(PublicModel):
    """An interview held during the office audit. Names and notes are confidential personal data."""

    office_audit = models.ForeignKey(OfficeAudit, on_delete=models.CASCADE, related_name="interviews")
    held_on = models.DateField(_("date"), validators=bounds.EVENT_DATE.validators)
    role = models.CharField(_("role"), max_length=20, choices=IntervieweeRole.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "held_on"),
        ]
        ordering = ["held_on", "created_at"]

    def __str__(self) -> str:
        return self.get_role_display()


class ChecklistItem(models.Model):
    """The office-audit check of one process requirement against the criteria of docs/domain-rules.md §4.5."""

    uuid = models.UUIDField(default=uuid_lib.uuid4, unique=True, editable=False)
    office_audit = models.ForeignKey(OfficeAudit, on_delete=models.CASCADE, related_name="checklist")
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="+")
    document_date = models.DateField(
        _("date of the newest document"), null=True, blank=True, validators=bounds.DOCUMENT_DATE.validators
    )
    relevant = models.BooleanField(_("relevant to the supplier's own operations"), null=True)
    supports_claims = models.BooleanField(_("supports the claims"), null=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["requirement__order"]
        constraints = [
            *bounds.checks(bounds.DOCUMENT_DATE, "document_date"),
            models.UniqueConstraint(fields=["office_audit", "requirement"], name="checklist_unique"),
        ]

    def __str__(self) -> str:
        return str(self.requirement)

    def is_current(self, today: date | None = None) -> bool | None:
        """Dated and current: the newest document is younger than the audit's limit."""
        if self.document_date is None:
            return None
        today = today or timezone.localdate()
        years = self.office_audit.document_max_age_years
        try:
            limit = today.replace(year=today.year - years)
        except ValueError:  # 29 February
            limit = today.replace(year=today.year - years, day=28)
        return self.document_date >= limit

    @property
    def passes(self) -> bool:
        return bool(self.is_current() and self.relevant and self.supports_claims)


class Announcement(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    SEMI = "semi", _("Semi-announced")
    UNANNOUNCED = "unannounced", _("Unannounced")


class SiteAuditStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    REPORTED = "reported", _("Reported")


class SiteAudit(PublicModel):
    """A targeted on-site audit at one production site (step 3). The assigned firm's auditors see it."""

    case = models.ForeignKey(FollowUpCase, on_delete=models.CASCADE, related_name="site_audits")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site"))
    audit_firm = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="assigned_site_audits",
        verbose_name=_("audit firm"),
    )
    announcement = models.CharField(_("announcement"), max_length=20, choices=Announcement.choices)
    starts_on = models.DateField(_("first day"), validators=bounds.EVENT_DATE.validators)
    ends_on = models.DateField(_("last day"), validators=bounds.EVENT_DATE.validators)
    worker_interviews = models.PositiveIntegerField(
        _("workers interviewed"), default=0, validators=bounds.COUNT.validators
    )
    reason = models.TextField(_("why this site"))
    cost_bearer = models.CharField(_("cost bearer"), max_length=20, choices=CostBearer.choices)
    status = models.CharField(max_length=20, choices=SiteAuditStatus.choices, default=SiteAuditStatus.PLANNED)
    report = models.ForeignKey(
        "EvidenceDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("audit report"),
    )
    assigned_by = user_ref()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "starts_on", "ends_on"),
            *bounds.checks(bounds.COUNT, "worker_interviews"),
            end_not_before_start("starts_on", "ends_on", "site_audit_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.case.supplier} – {self.starts_on}"
