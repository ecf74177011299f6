"""Suppliers' contracts with their per-contract clause parameters, and supply-chain sites."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.models import PublicModel, end_not_before_start
from kedja.organisations.models import Organisation
from kedja.reference.models import Category, Country, CpvCode, Issue, RequirementDocument


class SupplierContact(PublicModel):
    """A named person at a supplier, e.g. its due-diligence contact (process requirement 1)."""

    supplier = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="supplier_contacts")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    is_due_diligence_contact = models.BooleanField(_("due-diligence contact"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier contact")
        verbose_name_plural = _("supplier contacts")

    def __str__(self) -> str:
        return self.name


class SiteType(models.TextChoices):
    FINAL_MANUFACTURING = "final_manufacturing", _("Final manufacturing")
    BEYOND_FINAL = "beyond_final", _("Tier beyond final manufacturing")
    COMPONENT = "component", _("Component production")
    SMELTER_REFINER = "smelter_refiner", _("Smelter/refiner (3TG, cobalt, mica)")
    RAW_MATERIAL = "raw_material", _("Raw-material extraction")
    SERVICE_DELIVERY = "service_delivery", _("Service delivery")
    DISTRIBUTION = "distribution", _("Distribution")


class ContractStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


# Joins the parts of a contract's search text. The search takes it out of a query, so a query
# never matches across two parts (contracts.queries.contract_search).
SEARCH_SEPARATOR = "\n"


def search_text_of(reference: str, title: str, supplier_name: str) -> str:
    """Stored case-folded, so that SQLite compares it with a plain LIKE: folding every row at search
    time took 150 ms at the national 200,000 contracts."""
    return SEARCH_SEPARATOR.join((reference, title, supplier_name)).casefold()


class Contract(PublicModel):
    """A contract with a supplier and the blanks of the due-diligence clause it fills in."""

    reference = models.CharField(_("contract reference"), max_length=60)
    # The OCDS id of the contracting process the contract was imported from; empty for contracts
    # registered in Kedja, whose ocid is derived from KEDJA_OCID_PREFIX and the uuid (ocds.ocid_for).
    ocid = models.CharField(_("OCDS id"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="supplier_contracts")
    owning_regions = models.ManyToManyField(
        Organisation, related_name="owned_contracts", verbose_name=_("owning regions")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("category")
    )
    cpv_codes = models.ManyToManyField(
        CpvCode, blank=True, related_name="contracts", verbose_name=_("CPV codes")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    starts_on = models.DateField(_("start date"), validators=bounds.EVENT_DATE.validators)
    ends_on = models.DateField(_("end date"), null=True, blank=True, validators=bounds.EVENT_DATE.validators)
    is_renewable = models.BooleanField(_("renewable"), default=False)
    estimated_value_sek = models.DecimalField(
        _("estimated value (SEK)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=bounds.SEK.validators,
    )
    is_framework_agreement = models.BooleanField(_("framework agreement"), default=False)
    clause_version = models.ForeignKey(
        RequirementDocument,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("clause version"),
    )
    # The code of conduct (appendix 1) as it read when the contract was signed; a later version
    # of the code never changes what this contract's supplier agreed to.
    code_of_conduct = models.ForeignKey(
        RequirementDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conduct_contracts",
        verbose_name=_("code of conduct version"),
    )
    due_diligence_starts_on = models.DateField(
        _("due diligence applies from"),
        null=True,
        blank=True,
        help_text=_("Empty means from the start date."),
        validators=bounds.EVENT_DATE.validators,
    )
    reporting_deadline_days = models.PositiveSmallIntegerField(
        _("reporting deadline (calendar days)"), null=True, blank=True, validators=bounds.DAYS.validators
    )
    traceability_deadline_weeks = models.PositiveSmallIntegerField(
        _("traceability deadline (weeks)"), default=4, validators=bounds.WEEKS.validators
    )
    traceability_site_types = models.JSONField(_("site types to disclose"), default=list, blank=True)
    penalty_per_week_sek = models.DecimalField(
        _("penalty per started week (SEK excl. VAT)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=bounds.PENALTY_SEK.validators,
    )
    penalty_cap_weeks = models.PositiveSmallIntegerField(
        _("penalty cap (weeks)"), null=True, blank=True, validators=bounds.WEEKS.validators
    )
    call_off_stop_months = models.PositiveSmallIntegerField(
        _("call-off stop months before immediate termination"),
        null=True,
        blank=True,
        validators=bounds.MONTHS.validators,
    )
    zero_tolerance_issues = models.ManyToManyField(
        Issue, blank=True, related_name="zero_tolerance_contracts", verbose_name=_("zero-tolerance list")
    )
    cost_sharing = models.TextField(_("cost sharing for follow-up"), blank=True)
    production_countries = models.ManyToManyField(
        Country, blank=True, related_name="contracts", verbose_name=_("declared production countries")
    )
    # Reference, title and supplier name in one column with one trigram index on PostgreSQL, so a
    # word in thousands of supplier names is found without joining and uniting three matches (at
    # the national maximum 260 ms for such a search page, against 40). Kept by save() and, when a
    # supplier is renamed, by contracts.signals.
    search_text = models.TextField(editable=False, default="", db_default="")

    class Meta:
        ordering = ["-starts_on", "reference"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "starts_on", "ends_on", "due_diligence_starts_on"),
            *bounds.checks(bounds.SEK, "estimated_value_sek"),
            *bounds.checks(bounds.DAYS, "reporting_deadline_days"),
            *bounds.checks(bounds.WEEKS, "traceability_deadline_weeks", "penalty_cap_weeks"),
            *bounds.checks(bounds.PENALTY_SEK, "penalty_per_week_sek"),
            *bounds.checks(bounds.MONTHS, "call_off_stop_months"),
            end_not_before_start("starts_on", "ends_on", "contract_dates_ordered", open_end=True),
            models.UniqueConstraint(fields=["supplier", "reference"], name="contract_reference_unique"),
        ]
        # The list pages sort by the first, the API's cursor pages by the second, an officer's start
        # page reads the active contracts ending first by the third; without them every page sorts
        # all contracts.
        indexes = [
            models.Index(fields=["-starts_on", "reference"], name="contract_list_order_idx"),
            models.Index(fields=["-created_at", "-id"], name="contract_api_order_idx"),
            models.Index(fields=["status", "ends_on", "id"], name="contract_ending_order_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.search_text = search_text_of(self.reference, self.title, self.supplier.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"reference", "title", "supplier", "supplier_id"} & set(
            update_fields
        ):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def penalty_max_sek(self):
        """The most the penalty can reach: rate × cap (amount = rate × min(cap, started weeks))."""
        if self.penalty_per_week_sek is None or not self.penalty_cap_weeks:
            return None
        return self.penalty_per_week_sek * self.penalty_cap_weeks

    @property
    def traceability_site_type_labels(self) -> list[str]:
        return [SiteType(value).label for value in self.traceability_site_types if value in SiteType.values]


class Site(PublicModel):
    """A place in a supplier's chain: the supplier's own or a sub-supplier's site (tier ≥ 1)."""

    supplier = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="supply_chain_sites")
    contracts = models.ManyToManyField(
        Contract, blank=True, related_name="sites", verbose_name=_("contracts")
    )
    legal_name = models.CharField(_("legal name"), max_length=300)
    address = models.TextField(_("address"), blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("country")
    )
    tier = models.PositiveSmallIntegerField(
        _("tier"), default=1, help_text=_("1 = the contracted supplier."), validators=bounds.TIER.validators
    )
    site_type = models.CharField(_("site type"), max_length=30, choices=SiteType.choices)
    supplies_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suppliers",
        verbose_name=_("supplies to"),
    )
    products = models.CharField(_("products or processes"), max_length=300, blank=True)
    workers = models.PositiveIntegerField(
        _("number of workers"), null=True, blank=True, validators=bounds.PEOPLE.validators
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=True,
        help_text=_("Name and address are shown only to those who may see confidential parts."),
    )

    class Meta:
        ordering = ["tier", "legal_name"]
        constraints = [
            *bounds.checks(bounds.TIER, "tier"),
            *bounds.checks(bounds.PEOPLE, "workers"),
        ]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return self.legal_name


class ContractCountry(models.Model):
    """A country the contract's goods come from: one of its declared production countries or the
    country of a site in its supply chain. Kept equal to those by `signals`, whatever changes them.

    Stored because "cases whose contracts reach Malaysia" otherwise reads the country's 34,000 sites
    and their contract links at the national maximum, for each statement of the follow-up dashboard
    that filters by country (over 300 ms)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="+")
    # Looked up by country: the unique constraint's index, which starts with it, serves.
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["country", "contract"], name="contract_country_unique")
        ]
        verbose_name = _("country of a contract's production")
        verbose_name_plural = _("countries of contracts' production")

    def __str__(self) -> str:
        return f"{self.contract_id}: {self.country_id}"
