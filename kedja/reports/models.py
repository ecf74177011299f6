"""Generated annual reports, kept with their files so a published year can be downloaded again."""

from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.models import PublicModel, user_ref


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def _report_path(instance, filename: str) -> str:
    return f"reports/annual/{instance.year}/{instance.uuid}/{filename}"


class AnnualReport(PublicModel):
    """One generation of the collaboration's annual report (PDF and XLSX) for a year."""

    year = models.PositiveSmallIntegerField(_("year"), validators=bounds.YEAR.validators)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=bounds.PERCENT.validators
    )
    stage = models.CharField(pgettext_lazy("report generation", "stage"), max_length=200, blank=True)
    error = models.TextField(blank=True)
    language = models.CharField(max_length=10, default="sv")
    pdf = models.FileField(_("PDF"), upload_to=_report_path, blank=True)
    xlsx = models.FileField(_("spreadsheet"), upload_to=_report_path, blank=True)
    requested_by = user_ref()
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, validators=bounds.STORED_COUNT.validators)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            *bounds.checks(bounds.YEAR, "year"),
            *bounds.checks(bounds.PERCENT, "progress"),
            *bounds.checks(bounds.STORED_COUNT, "seconds"),
        ]

    def __str__(self) -> str:
        return f"{self.year} ({self.get_status_display()})"

    @property
    def stage_text(self) -> str:
        """The stage in the reader's language: it is stored as its English msgid."""
        return gettext(self.stage) if self.stage else ""

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)
