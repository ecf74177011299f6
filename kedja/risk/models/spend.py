"""A saved spend screening: the uploaded file's fingerprint, how it was read, and its result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.models import PublicModel
from kedja.organisations.models import Organisation
from kedja.reference.models import Category


class ScreeningStatus(models.TextChoices):
    MAPPING = "mapping", _("Waiting for the column mapping")
    QUEUED = "queued", _("Waiting to be screened")
    RUNNING = "running", _("Being screened")
    DONE = "done", _("Done")
    FAILED = "failed", _("Could not be screened")


class SpendScreening(PublicModel):
    """One uploaded spend file and its screening. Of its lines only the first few are stored, for the
    mapping step, and cleared when the screening starts; the file
    is deleted after screening unless the person who uploaded it chose to keep it."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The region (or the secretariat) the screening belongs to; sharing shows it to its colleagues.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"), validators=bounds.BYTES.validators)
    sha256 = models.CharField(max_length=64)
    kind = models.CharField(max_length=10)  # csv, xlsx, parquet
    stored_file = models.CharField(max_length=255, blank=True)  # under MEDIA_ROOT; "" once deleted
    keep_file = models.BooleanField(_("keep the file after screening"), default=False)
    source = models.JSONField(default=dict)  # how it was read: encoding, delimiter, sheet
    header = models.JSONField(default=list)
    sample = models.JSONField(default=list)  # the first lines, shown in the mapping step, then cleared
    columns = models.JSONField(default=dict)  # role → the file's column name, as confirmed
    status = models.CharField(max_length=10, choices=ScreeningStatus.choices, default=ScreeningStatus.MAPPING)
    error = models.TextField(blank=True)
    result = models.JSONField(null=True, blank=True)
    datasets = models.JSONField(default=list)  # the risk dataset editions the weights came from
    # Only lines dated within the period are in the totals (either end may be open).
    period_start = models.DateField(_("from"), null=True, blank=True, validators=bounds.EVENT_DATE.validators)
    period_end = models.DateField(_("to"), null=True, blank=True, validators=bounds.EVENT_DATE.validators)
    progress = models.PositiveSmallIntegerField(default=0, validators=bounds.PERCENT.validators)  # % read
    shared = models.BooleanField(_("shared with colleagues"), default=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            *bounds.checks(bounds.BYTES, "size"),
            *bounds.checks(bounds.EVENT_DATE, "period_start", "period_end"),
            *bounds.checks(bounds.PERCENT, "progress"),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_start__lte=models.F("period_end")),
                name="risk_spendscreening_period_ordered",
            ),
        ]
        ordering = ["-created_at"]
        verbose_name = _("spend screening")
        verbose_name_plural = _("spend screenings")

    def __str__(self) -> str:
        return self.file_name


class AccountCategory(PublicModel):
    """A region's mapping of a finance-system account (the Konto column) to a purchasing category,
    used for spend lines that have no CPV code."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    account = models.CharField(_("account"), max_length=40)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "account"], name="risk_accountcategory_unique"),
        ]
        ordering = ["account"]
        verbose_name = _("account mapping")
        verbose_name_plural = _("account mappings")

    def __str__(self) -> str:
        return f"{self.account} → {self.category}"
