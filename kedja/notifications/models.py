"""Notifications: one stored row per event and recipient, so an e-mail goes once and a failed one
is retried and visible; and each person's choice of immediate e-mail or a daily digest."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds

# A failed send is tried again on each delivery run until this many attempts have failed.
MAX_ATTEMPTS = 5
ATTEMPTS = bounds.Bounds(0, MAX_ATTEMPTS)


class Kind(models.TextChoices):
    DOCUMENT_REQUESTED = "document_requested", _("Document requested")
    ACTION_DUE = "action_due", _("Corrective action due within 7 days")
    ACTION_OVERDUE = "action_overdue", _("Corrective action overdue")
    SUPPLIER_RESPONSE = "supplier_response", _("Supplier response received")
    SELF_ASSESSMENT_SUBMITTED = "self_assessment_submitted", _("Self-assessment submitted")
    AUDIT_REPORTED = "audit_reported", _("Audit report uploaded")
    SANCTION_GROUND = "sanction_ground", _("Ground for a sanction")
    ZERO_TOLERANCE_REPORTED = (
        "zero_tolerance_reported",
        _("Zero-tolerance deviation reported by the supplier"),
    )
    ZERO_TOLERANCE_REPORTED_LATE = "zero_tolerance_late", _("Zero-tolerance deviation reported late")
    SUMMARY_READY = "summary_ready", _("Summary ready to publish")
    WATCHLIST_ALERT = "watchlist_alert", _("Watch-list alert")
    JOINT_CASE_STARTED = "joint_started", _("Joint case started")
    JOINT_CASE_CLOSED = "joint_closed", _("Joint case closed")


# What each notification says; stored as msgids so each recipient reads it in their own language.
TEXTS = {
    Kind.DOCUMENT_REQUESTED: gettext_noop(
        "%(buyer)s asks for a document before the office audit: %(what)s. Due %(deadline)s."
    ),
    Kind.ACTION_DUE: gettext_noop("The corrective action “%(what)s” for %(supplier)s is due %(deadline)s."),
    Kind.ACTION_OVERDUE: gettext_noop(
        "The corrective action “%(what)s” for %(supplier)s was due %(deadline)s and is not closed."
    ),
    Kind.SUPPLIER_RESPONSE: gettext_noop("%(supplier)s responded: %(what)s."),
    Kind.SELF_ASSESSMENT_SUBMITTED: gettext_noop(
        "%(supplier)s submitted its self-assessment for %(case)s. It awaits your assessment."
    ),
    Kind.AUDIT_REPORTED: gettext_noop("The on-site audit of %(supplier)s was reported. Review the findings."),
    Kind.SANCTION_GROUND: gettext_noop(
        "A zero-tolerance deviation at %(supplier)s: %(what)s. A sanction decision is due."
    ),
    Kind.ZERO_TOLERANCE_REPORTED: gettext_noop(
        "%(supplier)s reported a zero-tolerance deviation %(days)s days after becoming aware of it: "
        "%(what)s. Measures taken: %(taken)s. Measures planned: %(planned)s. A sanction decision is due."
    ),
    Kind.ZERO_TOLERANCE_REPORTED_LATE: gettext_noop(
        "%(supplier)s reported a zero-tolerance deviation too late: %(days)s days after becoming aware "
        "of it, %(late)s days past the contract's deadline of %(deadline)s days. %(what)s. "
        "Measures taken: %(taken)s. Measures planned: %(planned)s. A sanction decision is due, "
        "also for the late report."
    ),
    Kind.SUMMARY_READY: gettext_noop(
        "The summary of the follow-up of %(supplier)s is ready to be checked and published."
    ),
    Kind.WATCHLIST_ALERT: gettext_noop(
        "%(subject)s may be on a sanctions or forced-labour list, named there “%(entry)s” "
        "(score %(score)s of 100). Confirm or dismiss the alert."
    ),
    Kind.JOINT_CASE_STARTED: gettext_noop(
        "%(buyer)s leads a joint follow-up of %(supplier)s (%(case)s) in which your region takes part. "
        "The case page shows your region's tasks and share of the cost."
    ),
    Kind.JOINT_CASE_CLOSED: gettext_noop(
        "The joint follow-up of %(supplier)s (%(case)s), led by %(buyer)s, was closed."
    ),
}


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be sent")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one e-mail per event")
    DIGEST = "digest", _("Once a day, in one e-mail")


class Notification(models.Model):
    """One event told to one person. `key` names the event (e.g. "action-overdue:12:2026-05-01"):
    the unique (key, recipient) pair is what makes telling someone twice impossible."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    key = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=500, help_text="Path of the page where the event is handled")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, validators=ATTEMPTS.validators)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="notifications_once_per_recipient"),
            *bounds.checks(ATTEMPTS, "attempts"),
        ]
        indexes = [models.Index(fields=["status", "recipient"], name="notifications_status_idx")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def text(self) -> str:
        """The message in the active language."""
        try:
            return gettext(TEXTS[Kind(self.kind)]) % self.params
        except (KeyError, TypeError, ValueError):
            return str(Kind(self.kind).label)


class Preference(models.Model):
    """How and in which language one person wants to be told (no row: at once, in Swedish)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(
        _("e-mail"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    language = models.CharField(
        _("language of the e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.delivery}, {self.language}"
