"""Watch lists as dated editions of their publishers' files, their entries, screenings and alerts."""

from typing import cast

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kedja.contracts.models import Site
from kedja.core import bounds
from kedja.core.models import LoadedEdition, PublicModel, user_ref
from kedja.followup.models import FollowUpCase
from kedja.organisations.models import Organisation
from kedja.risk.models import Evidence


class ListSource(models.TextChoices):
    OPENSANCTIONS = "opensanctions", _("OpenSanctions (FollowTheMoney)")
    OFAC_SDN = "ofac_sdn", _("OFAC Specially Designated Nationals list")
    EU_FSF = "eu_fsf", _("EU consolidated list of financial sanctions")
    UN_SC = "un_sc", _("UN Security Council consolidated list")
    UFLPA = "uflpa", _("UFLPA Entity List")
    CBP_WRO = "cbp_wro", _("CBP withhold release orders and findings")
    SECRETARIAT = "secretariat", _("The secretariat's own list")


class ListCategory(models.TextChoices):
    SANCTIONS = "sanctions", _("Sanctions")
    FORCED_LABOUR = "forced_labour", _("Forced-labour enforcement")
    OWN = "own", _("Own list")


class ListEdition(LoadedEdition):
    """One loaded file of one list. Entries of older editions stay, so a decision can name its entry."""

    source = models.CharField(_("list"), max_length=20, choices=ListSource.choices)
    category = models.CharField(_("category"), max_length=20, choices=ListCategory.choices)
    skipped_individuals = models.PositiveIntegerField(default=0, validators=bounds.STORED_COUNT.validators)
    loaded_by = user_ref(blank=False)

    class Meta:
        ordering = ["source", "-created_at"]
        verbose_name = _("list edition")
        verbose_name_plural = _("list editions")
        constraints = [
            *LoadedEdition.constraints_per("source", "watchlist_edition"),
            *bounds.checks(bounds.STORED_COUNT, "skipped_individuals"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.edition}"


class ListEntry(models.Model):
    """One organisation named by an edition, as its publisher wrote it."""

    edition = models.ForeignKey(ListEdition, on_delete=models.PROTECT, related_name="entries")
    entry_id = models.CharField(max_length=200)
    name = models.CharField(_("name"), max_length=500)
    aliases = models.JSONField(default=list, blank=True)
    countries = models.JSONField(default=list, blank=True)
    identifiers = models.JSONField(default=list, blank=True)
    address = models.TextField(_("address"), blank=True)
    programme = models.CharField(_("programme"), max_length=500, blank=True)
    listed_on = models.CharField(_("listed on"), max_length=30, blank=True)
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["name"]
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        indexes = [models.Index(fields=["edition", "entry_id"], name="watchlist_entry_edition_idx")]

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ScreeningRun(PublicModel):
    """One screening of suppliers and sites against every current edition, with its progress."""

    reason = models.CharField(_("reason"), max_length=200)  # a msgid: see reason_text
    edition = models.ForeignKey(
        ListEdition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    subjects_total = models.PositiveIntegerField(default=0, validators=bounds.STORED_COUNT.validators)
    subjects_done = models.PositiveIntegerField(default=0, validators=bounds.STORED_COUNT.validators)
    alerts_raised = models.PositiveIntegerField(default=0, validators=bounds.STORED_COUNT.validators)
    # Empty: everything; otherwise only these suppliers' and sites' ids (a changed subject).
    supplier_ids = models.JSONField(default=list, blank=True)
    site_ids = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("watch-list screening")
        verbose_name_plural = _("watch-list screenings")
        constraints = [
            *bounds.checks(bounds.STORED_COUNT, "subjects_total", "subjects_done", "alerts_raised")
        ]

    def __str__(self) -> str:
        return self.reason_text

    @property
    def reason_text(self) -> str:
        """The reason in the reader's language, naming the edition loaded (its list's name too)."""
        return gettext(self.reason) % {"edition": self.edition or ""}

    @property
    def percent(self) -> int:
        return 100 if not self.subjects_total else round(100 * self.subjects_done / self.subjects_total)


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class Alert(PublicModel):
    """A candidate match of a supplier or a site with a list entry, for the case team to decide.

    Keyed on the entry's content hash: once dismissed, the same entry unchanged is not raised again
    for the same supplier or site; a changed entry is a new alert."""

    source = models.CharField(_("list"), max_length=20, choices=ListSource.choices)
    entry_key = models.CharField(max_length=200)  # the publisher's id of the entry
    content_hash = models.CharField(max_length=64)
    entry = models.ForeignKey(ListEntry, on_delete=models.PROTECT, related_name="alerts")
    supplier = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), validators=bounds.PERCENT.validators)
    reasons = models.JSONField(default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    decided_by = user_ref()
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    follow_up_proposed = models.BooleanField(_("follow-up case proposed"), default=False)
    # What a confirmation left: evidence on the risk items concerned, and the follow-up case the
    # case team started when it accepted the proposal.
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="+")
    follow_up_case = models.ForeignKey(
        FollowUpCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            *bounds.checks(bounds.PERCENT, "score"),
            models.CheckConstraint(
                condition=Q(supplier__isnull=True, site__isnull=False)
                | Q(supplier__isnull=False, site__isnull=True),
                name="watchlist_alert_one_subject",
            ),
            models.UniqueConstraint(
                fields=["supplier", "source", "entry_key", "content_hash"],
                condition=Q(supplier__isnull=False),
                name="watchlist_alert_supplier_entry_unique",
            ),
            models.UniqueConstraint(
                fields=["site", "source", "entry_key", "content_hash"],
                condition=Q(site__isnull=False),
                name="watchlist_alert_site_entry_unique",
            ),
        ]
        indexes = [models.Index(fields=["status", "source"], name="watchlist_alert_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.entry.name}"

    @property
    def supplier_concerned(self) -> Organisation:
        """The matched supplier, or the matched site's supplier (the constraint holds exactly one)."""
        return self.site.supplier if self.site is not None else cast(Organisation, self.supplier)

    @property
    def subject_name(self) -> str:
        return self.site.legal_name if self.site is not None else self.supplier_concerned.name
