"""Base models and the audit log shared by every app."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


class AuditEntry(models.Model):
    """One recorded change: who did what to which object, and what changed."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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
