"""Personal access tokens for the REST API."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.models import PublicModel


class ApiToken(PublicModel):
    """A personal access token: acts as its owner, never more. Only a SHA-256 digest is stored.

    The token is 32 random bytes, so a plain digest (no salt, no slow hash) is enough: there is
    no dictionary to try, and the lookup by digest stays one index probe per request.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    expires_on = models.DateField(_("expires on"), validators=bounds.EVENT_DATE.validators)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "expires_on"),
            models.UniqueConstraint(
                fields=["user", "name"], condition=Q(revoked_at__isnull=True), name="api_token_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_on >= timezone.localdate()


class RateWindow(models.Model):
    """API requests one caller made in one fixed window of time. Kept in the database so every
    worker process and thread counts against the same number (an in-memory cache is per process)."""

    caller = models.CharField(max_length=64)
    # Seconds since the epoch: compared as numbers, no time zone.
    ends_at = models.BigIntegerField(validators=bounds.EPOCH_SECONDS.validators)
    hits = models.PositiveIntegerField(default=0, validators=bounds.STORED_COUNT.validators)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["caller", "ends_at"], name="api_rate_window_unique"),
            *bounds.checks(bounds.EPOCH_SECONDS, "ends_at"),
            *bounds.checks(bounds.STORED_COUNT, "hits"),
        ]

    def __str__(self) -> str:
        return f"{self.caller} until {self.ends_at}: {self.hits}"
