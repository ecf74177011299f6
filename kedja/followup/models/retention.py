"""Thinning (gallring) of closed cases' documents: the file goes, the record of it stays."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.models import user_ref

from .questionnaire import EvidenceDocument


class ThinnedDocument(models.Model):
    """A document whose file was thinned after the retention period: the case file's manifest
    keeps its name, type, uploader and checksum, and shows it as thinned on this date."""

    document = models.OneToOneField(EvidenceDocument, on_delete=models.CASCADE, related_name="thinning")
    thinned_on = models.DateField(_("thinned on"), validators=bounds.EVENT_DATE.validators)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    thinned_by = user_ref()

    class Meta:
        constraints = [*bounds.checks(bounds.EVENT_DATE, "thinned_on")]
        verbose_name = _("thinned document")
        verbose_name_plural = _("thinned documents")

    def __str__(self) -> str:
        return f"{self.document} ({self.thinned_on})"
