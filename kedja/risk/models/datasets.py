"""Open datasets as loaded editions: every value row belongs to one edition, and old editions stay."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.models import LoadedEdition


class DatasetKind(models.TextChoices):
    WGI = "wgi", _("Worldwide Governance Indicators")
    HDI = "hdi", _("Human Development Index")
    ILAB_GOODS = "ilab_goods", _("ILAB List of Goods")
    ILAB_PROFILES = "ilab_profiles", _("ILAB child-labour country profiles")
    CPV_ILAB = "cpv_ilab", _("CPV to ILAB goods mapping")
    SECTOR_RISK = "sector_risk", _("Sector and stage risk defaults")
    COUNTRY_GROUPS = "country_groups", _("Country groups")


class DatasetEdition(LoadedEdition):
    """One loaded file of one dataset. Assessments record the editions (and hashes) they used."""

    kind = models.CharField(_("dataset"), max_length=20, choices=DatasetKind.choices)
    parameters = models.JSONField(default=dict, blank=True)
    # An edition uploaded from the page waits (None) until the secretariat adopts it: until then no
    # score, page or proposal reads it; only the preview of what it would change does.
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "-created_at"]
        verbose_name = _("dataset edition")
        verbose_name_plural = _("dataset editions")
        constraints = LoadedEdition.constraints_per("kind", "dataset_edition")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.edition}"

    def as_record(self) -> dict:
        """What an assessment stores about the edition it used."""
        return {"edition": self.edition, "sha256": self.sha256, "file": self.file_name}


class EditionRow(models.Model):
    edition = models.ForeignKey(DatasetEdition, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class CountryRow(EditionRow):
    """An edition's row about one country."""

    iso3 = models.CharField(max_length=3)
    country_name = models.CharField(max_length=120)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.iso3


class WgiValue(CountryRow):
    wb_code = models.CharField(max_length=3, blank=True)
    va_pctrank = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, validators=bounds.PERCENT.validators
    )
    rl_pctrank = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, validators=bounds.PERCENT.validators
    )
    cc_pctrank = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, validators=bounds.PERCENT.validators
    )

    class Meta:
        constraints = [
            *bounds.checks(bounds.PERCENT, "va_pctrank", "rl_pctrank", "cc_pctrank"),
            models.UniqueConstraint(fields=["edition", "iso3"], name="wgi_value_unique"),
        ]


class HdiValue(CountryRow):
    hdi = models.DecimalField(max_digits=4, decimal_places=3, null=True, validators=bounds.SHARE.validators)

    class Meta:
        constraints = [
            *bounds.checks(bounds.SHARE, "hdi"),
            models.UniqueConstraint(fields=["edition", "iso3"], name="hdi_value_unique"),
        ]


class IlabGoodListing(EditionRow):
    good = models.CharField(max_length=120, db_index=True)
    sector = models.CharField(max_length=60, blank=True)
    country_name = models.CharField(max_length=120)
    iso3 = models.CharField(max_length=3, db_index=True)
    child_labor = models.BooleanField(default=False)
    forced_labor = models.BooleanField(default=False)
    forced_child_labor = models.BooleanField(default=False)
    derived = models.BooleanField(default=False)
    derived_country = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["good", "country_name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "good", "iso3"], name="ilab_listing_unique")
        ]

    def __str__(self) -> str:
        return f"{self.good} – {self.country_name}"


class IlabCountryProfile(CountryRow):
    advancement_level = models.CharField(max_length=200, blank=True)
    working_children_share = models.DecimalField(
        max_digits=6, decimal_places=4, null=True, validators=bounds.SHARE.validators
    )
    c138_ratified = models.CharField(max_length=10, blank=True)
    c182_ratified = models.CharField(max_length=10, blank=True)
    palermo_ratified = models.CharField(max_length=10, blank=True)
    webpage = models.URLField(blank=True)

    class Meta:
        constraints = [
            *bounds.checks(bounds.SHARE, "working_children_share"),
            models.UniqueConstraint(fields=["edition", "iso3"], name="ilab_profile_unique"),
        ]


class CpvIlabGood(EditionRow):
    cpv_prefix = models.CharField(max_length=8)
    category_slug = models.CharField(max_length=80, blank=True)
    good = models.CharField(max_length=120)
    tier_hint = models.CharField(max_length=30)
    confidence = models.CharField(max_length=10)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "cpv_prefix", "good"], name="cpv_ilab_good_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cpv_prefix} → {self.good}"


class SectorRiskDefault(EditionRow):
    category_slug = models.CharField(max_length=80, blank=True)
    cpv_prefix = models.CharField(max_length=8, blank=True)
    good = models.CharField(max_length=120, blank=True)
    stage = models.CharField(max_length=30)
    typical_min_tier = models.PositiveSmallIntegerField(default=1, validators=bounds.TIER.validators)
    country_iso3 = models.CharField(max_length=3, blank=True)
    country_group = models.CharField(max_length=30, blank=True)
    process = models.TextField(blank=True)
    issues = models.CharField(max_length=300, blank=True)
    sr = models.PositiveSmallIntegerField(validators=bounds.SCORE.validators)
    rationale = models.TextField(blank=True)
    confidence = models.CharField(max_length=20, blank=True)
    source_url = models.TextField(blank=True)

    class Meta:
        constraints = [
            *bounds.checks(bounds.TIER, "typical_min_tier"),
            bounds.SCORE.check("sr", "sector_risk_sr_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.stage} Sr {self.sr}"


class CountryGroupMember(EditionRow):
    group = models.CharField(max_length=30)
    iso3 = models.CharField(max_length=3)
    membership = models.CharField(max_length=10, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "group", "iso3"], name="country_group_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.iso3}"
