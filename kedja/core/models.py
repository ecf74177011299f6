"""Base models and the audit log shared by every app."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.i18n import bilingual


class InForceQuerySet(models.QuerySet):
    """Rows valid from `valid_from` to `valid_to`, both days included; no `valid_to` means open-ended.

    The one answer to "in force on a date" for every dated row (area memberships, coordinatorships,
    contact designations, requirement documents). A row without `valid_from` is never in force.
    """

    def in_force(self, on: date | None = None) -> "InForceQuerySet":
        """Rows in force on `on` (default: today)."""
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))

    def in_force_during(self, starts_on: date, ends_on: date) -> "InForceQuerySet":
        """Rows in force on at least one day from `starts_on` to `ends_on`."""
        return self.filter(valid_from__lte=ends_on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=starts_on)
        )


class PublicModel(models.Model):
    """A model reached from URLs by its UUID, never by its sequential id."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def user_ref(*, blank: bool = True, verbose_name: str | Promise | None = None) -> models.ForeignKey:
    """A user a row names (who recorded, approved or uploaded it). The row outlives the account:
    deleting the user empties the link. Users get no reverse accessor for it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


def end_not_before_start(
    start: str, end: str, name: str, *, open_end: bool = False, open_start: bool = False
) -> models.CheckConstraint:
    """A named check that the date in `end` is not before the one in `start`. With `open_end` (or
    `open_start`) an empty end (or start) passes too."""
    condition = Q(**{f"{end}__gte": models.F(start)})
    if open_start:
        condition = Q(**{f"{start}__isnull": True}) | condition
    if open_end:
        condition = Q(**{f"{end}__isnull": True}) | condition
    return models.CheckConstraint(condition=condition, name=name)


class InForceModel(models.Model):
    """A dated row, in force from `valid_from` to `valid_to` (empty: open-ended); `objects.in_force()`
    finds the rows in force on a day. Subclasses add `InForceModel.Meta.constraints` to their own."""

    valid_from = models.DateField(_("valid from"), validators=bounds.EVENT_DATE.validators)
    valid_to = models.DateField(_("valid to"), null=True, blank=True, validators=bounds.EVENT_DATE.validators)

    objects = InForceQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = bounds.checks(bounds.EVENT_DATE, "valid_from", "valid_to")


class LoadedEdition(PublicModel):
    """One loaded file of a published dataset or list, with where it came from and under which
    licence. Older editions stay when a newer one is loaded, so what used one can still name it."""

    edition = models.CharField(_("edition"), max_length=100)
    file_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64)
    licence = models.CharField(_("licence"), max_length=100)
    attribution_sv = models.TextField(_("attribution (Swedish)"))
    attribution_en = models.TextField(_("attribution (English)"))
    source_url = models.URLField(_("source"), blank=True)
    is_current = models.BooleanField(_("current edition"), default=True)
    row_count = models.PositiveIntegerField(default=0, validators=bounds.STORED_COUNT.validators)

    attribution = bilingual("attribution", fallback=False)

    class Meta:
        abstract = True

    @staticmethod
    def constraints_per(key: str, prefix: str) -> list[models.BaseConstraint]:
        """Editions of one `key` (the dataset, the list): each file loaded once (`<prefix>_file_unique`),
        one current edition (`<prefix>_one_current`); and the row count within its bounds."""
        return [
            *bounds.checks(bounds.STORED_COUNT, "row_count"),
            models.UniqueConstraint(fields=[key, "sha256"], name=f"{prefix}_file_unique"),
            models.UniqueConstraint(fields=[key], condition=Q(is_current=True), name=f"{prefix}_one_current"),
        ]


class UploadedDocument(PublicModel):
    """A document someone uploaded, as core.uploads accepted it: the name it was uploaded under (the
    stored file gets a random one), its real type and size, and until when it is valid."""

    original_name = models.CharField(_("file name"), max_length=255)
    detected_type = models.CharField(max_length=10)
    size = models.PositiveIntegerField(validators=bounds.STORED_COUNT.validators)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, validators=bounds.DOCUMENT_DATE.validators
    )

    class Meta:
        abstract = True
        constraints = [
            *bounds.checks(bounds.STORED_COUNT, "size"),
            *bounds.checks(bounds.DOCUMENT_DATE, "valid_until"),
        ]


class AuditEntry(models.Model):
    """One recorded change: who did what to which object, and what changed."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = user_ref()
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class WorkerHeartbeat(models.Model):
    """When a task worker last showed it was alive; read by the health endpoint."""

    worker_id = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} {self.seen_at:%Y-%m-%d %H:%M:%S}"


class AddressFailure(models.Model):
    """A failed sign-in or workshop join from one network address.

    Counted in the database so the limit holds across several workers. The address is kept only
    as a keyed hash (core.ratelimit.address_key), and rows older than the rate-limit window are
    deleted as new ones arrive.
    """

    scope = models.CharField(max_length=30)
    key = models.CharField(max_length=16)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"], name="address_failure_key_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.scope} {self.key}"
