"""The supplier's own profile and document library: kept by the supplier once, read by every buyer.

A library document is uploaded once and linked from any answer (followup.Answer.documents), so a
supplier with contracts in many regions never uploads the same policy twice.
"""

import uuid as uuid_lib
from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.dates import add_months
from kedja.core.models import PublicModel, UploadedDocument, end_not_before_start, user_ref
from kedja.organisations.models import Organisation
from kedja.reference.models import Category, Requirement


class CompanyProfile(PublicModel):
    """What the supplier says about itself to the regions; the supplier organisation owns it."""

    supplier = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="company_profile")
    legal_name = models.CharField(_("legal name"), max_length=200)
    visiting_address = models.TextField(_("visiting address"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    sectors = models.ManyToManyField(
        Category, blank=True, related_name="+", verbose_name=_("categories sold to the regions")
    )
    products = models.TextField(_("products sold to the regions"), blank=True)
    policies_summary = models.TextField(
        _("policies"), blank=True, help_text=_("Which policies you have and where they are published.")
    )
    updated_by = user_ref()

    class Meta:
        verbose_name = _("company profile")
        verbose_name_plural = _("company profiles")

    def __str__(self) -> str:
        return self.legal_name


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    CODE = "code", _("Code of conduct")
    RISK_ANALYSIS = "risk_analysis", _("Risk analysis")
    AUDIT_REPORT = "audit_report", _("Audit report")
    CERTIFICATE = "certificate", _("Certificate")
    ROUTINE = "routine", _("Routine or instruction")
    OTHER = "other", _("Other")


# Governing documents (§4.5): the ones a supplier must revise within one to two years.
GOVERNING_KINDS = (DocumentKind.POLICY, DocumentKind.CODE, DocumentKind.RISK_ANALYSIS, DocumentKind.ROUTINE)


class Freshness(models.TextChoices):
    """Where a library document stands on a day: by valid-until, and for a governing document also
    by the date it was issued."""

    CURRENT = "current", _("Current")
    REVISION_DUE = "revision_due", _("Due for revision")
    OUT_OF_DATE = "out_of_date", _("Out of date")
    EXPIRED = "expired", _("Expired")


def freshness_on(kind: str, issued_on: date | None, valid_until: date | None, today: date) -> Freshness:
    """Expired once valid-until has passed; a governing document issued more than
    KEDJA_DOCUMENT_OUT_OF_DATE_MONTHS ago is out of date, more than KEDJA_DOCUMENT_REVISION_DUE_MONTHS
    ago due for revision (issued exactly that many months ago: not yet)."""
    if valid_until is not None and valid_until < today:
        return Freshness.EXPIRED
    if issued_on is None or kind not in GOVERNING_KINDS:
        return Freshness.CURRENT
    if add_months(issued_on, settings.KEDJA_DOCUMENT_OUT_OF_DATE_MONTHS) < today:
        return Freshness.OUT_OF_DATE
    if add_months(issued_on, settings.KEDJA_DOCUMENT_REVISION_DUE_MONTHS) < today:
        return Freshness.REVISION_DUE
    return Freshness.CURRENT


def _library_path(instance, filename: str) -> str:
    # A random name: the original name may carry personal data and must not decide the path.
    return f"suppliers/library/{uuid_lib.uuid4().hex}{PurePath(filename).suffix.lower()}"


class LibraryDocument(UploadedDocument):
    """One document in a supplier's library. Confidential: the supplier, the secretariat and the
    strategists of regions with a contract with the supplier (never the media URL: see views)."""

    supplier = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="library_documents")
    kind = models.CharField(
        _("type"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=_library_path)
    issued_on = models.DateField(
        _("date issued"), null=True, blank=True, validators=bounds.DOCUMENT_DATE.validators
    )
    requirements = models.ManyToManyField(
        Requirement, blank=True, related_name="+", verbose_name=_("requirements it supports")
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    uploaded_by = user_ref()
    expiry_notices = models.JSONField(default=list, blank=True, help_text="Keys of expiry notices sent")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("library document")
        verbose_name_plural = _("library documents")
        constraints = [
            *UploadedDocument.Meta.constraints,
            *bounds.checks(bounds.DOCUMENT_DATE, "issued_on"),
            end_not_before_start(
                "issued_on", "valid_until", "library_document_dates_ordered", open_end=True, open_start=True
            ),
        ]
        indexes = [models.Index(fields=["supplier", "is_archived"], name="library_supplier_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def freshness(self) -> Freshness:
        """Today's standing (templates flag anything but current)."""
        return freshness_on(self.kind, self.issued_on, self.valid_until, timezone.localdate())
