"""Global, read-mostly reference data: countries, CPV, categories, issues, ILO instruments,
and the versioned code of conduct and contract clause."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.i18n import bilingual, in_english
from kedja.core.models import InForceModel, PublicModel, end_not_before_start
from kedja.organisations.models import ProcurementArea


class BilingualName:
    """`name` in the active language: Swedish by default, English when the user chose English."""

    name = bilingual("name")


class Country(BilingualName, models.Model):
    iso3 = models.CharField(max_length=3, unique=True)
    iso2 = models.CharField(max_length=2, blank=True)
    name_sv = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120)

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name


class CpvCode(models.Model):
    """A code of the EU Common Procurement Vocabulary 2008, stored without its check digit."""

    code = models.CharField(max_length=8, unique=True)
    division = models.CharField(max_length=2, db_index=True)
    level = models.PositiveSmallIntegerField(validators=bounds.CPV_LEVEL.validators)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    label_sv = models.CharField(max_length=400)
    label_en = models.CharField(max_length=400)

    class Meta:
        constraints = [
            *bounds.checks(bounds.CPV_LEVEL, "level"),
        ]
        ordering = ["code"]
        verbose_name = _("CPV code")
        verbose_name_plural = _("CPV codes")

    label = bilingual("label", fallback=False)

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class CategoryStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    HISTORICAL = "historical", _("Historical")
    ANALYSED = "analysed", _("Risk-analysed only")


class Category(BilingualName, PublicModel):
    """A purchasing category; its CPV prefixes decide which codes belong to it (longest wins)."""

    slug = models.SlugField(max_length=80, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    status = models.CharField(_("status"), max_length=20, choices=CategoryStatus.choices)
    notes = models.TextField(_("notes"), blank=True)
    source_url = models.TextField(_("sources"), blank=True)

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class CategoryCpvPrefix(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="cpv_prefixes")
    prefix = models.CharField(max_length=8)

    class Meta:
        ordering = ["prefix"]
        constraints = [models.UniqueConstraint(fields=["category", "prefix"], name="category_prefix_unique")]

    def __str__(self) -> str:
        return self.prefix


class PriorityPeriod(PublicModel):
    """A period of the national division of responsibilities, e.g. 2023–2025."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    starts_on = models.DateField(_("starts on"), validators=bounds.EVENT_DATE.validators)
    ends_on = models.DateField(_("ends on"), validators=bounds.EVENT_DATE.validators)
    decided_on = models.DateField(
        _("decided on"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    decision_text = models.TextField(_("decision"), blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("priority period")
        verbose_name_plural = _("priority periods")
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "starts_on", "ends_on", "decided_on"),
            end_not_before_start("starts_on", "ends_on", "period_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.name


class CategoryResponsibility(models.Model):
    """Which area is responsible for a category in a period, and whether it is prioritised."""

    period = models.ForeignKey(PriorityPeriod, on_delete=models.PROTECT, related_name="responsibilities")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="responsibilities")
    area = models.ForeignKey(
        ProcurementArea, null=True, blank=True, on_delete=models.PROTECT, related_name="responsibilities"
    )
    prioritised = models.BooleanField(_("prioritised"), default=False)

    class Meta:
        ordering = ["period", "area__letter", "category__name_sv"]
        constraints = [models.UniqueConstraint(fields=["period", "category"], name="responsibility_unique")]

    def __str__(self) -> str:
        return f"{self.period}: {self.category} – {self.area or '–'}"


class CodeArea(models.TextChoices):
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    LABOUR_RIGHTS = "labour_rights", _("Workers' rights")
    ENVIRONMENT = "environment", _("Environment")
    BUSINESS_ETHICS = "business_ethics", _("Business ethics and anti-corruption")


class IloConvention(models.Model):
    code = models.CharField(max_length=10, unique=True)
    title_en = models.CharField(max_length=300)
    label_sv = models.CharField(max_length=300)
    main_issue_code = models.CharField(max_length=60, blank=True)
    fundamental = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ILO instrument")
        verbose_name_plural = _("ILO instruments")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return self.title_en if in_english() else self.label_sv


class Issue(BilingualName, models.Model):
    """An issue of the risk taxonomy with its default scale and irremediability."""

    code = models.SlugField(max_length=60, unique=True)
    name_sv = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    area = models.CharField(max_length=30, choices=CodeArea.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    ilo_conventions = models.ManyToManyField(IloConvention, blank=True, related_name="issues")
    other_instruments = models.TextField(blank=True)
    zero_tolerance = models.BooleanField(default=False)
    default_scale = models.PositiveSmallIntegerField(validators=bounds.SCORE.validators)
    default_irremediability = models.PositiveSmallIntegerField(validators=bounds.SCORE.validators)
    ilab_type = models.CharField(max_length=2, blank=True)
    description_en = models.TextField(blank=True)

    class Meta:
        ordering = ["area", "name_sv"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [
            bounds.SCORE.check("default_scale", "issue_scale_1_5"),
            bounds.SCORE.check("default_irremediability", "issue_irremediability_1_5"),
        ]

    def __str__(self) -> str:
        return self.name


class DocumentKind(models.TextChoices):
    CODE_OF_CONDUCT = "code_of_conduct", _("Code of conduct")
    CONTRACT_CLAUSE = "contract_clause", _("Contract clause")


class ClauseLevel(models.TextChoices):
    ADVANCED_2024 = "advanced_2024", _("2024 clause, advanced level")
    BASIC = "basic", _("Basic level (Upphandlingsmyndigheten)")
    OLD_SIX_ROUTINES = "old_six_routines", _("Older terms with six routine requirements")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class RequirementDocument(InForceModel, PublicModel):
    """One version of the code of conduct or of the contract clause.

    A published version never changes: editing it starts a draft (a copy that names it as
    `previous`), and publishing the draft ends the previous version's validity. Contracts point
    at the version they were signed under, so they keep reading the text they agreed to.
    """

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    key = models.SlugField(_("key"), max_length=60, unique=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    version = models.CharField(_("version"), max_length=30)
    level = models.CharField(_("level"), max_length=30, choices=ClauseLevel.choices, blank=True)
    # Empty until the draft is published: a draft is never in force.
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    summary_sv = models.TextField(_("summary (Swedish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DocumentStatus.choices,
        default=DocumentStatus.PUBLISHED,
        db_default=DocumentStatus.PUBLISHED,
    )
    published_on = models.DateField(
        _("published on"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="later_versions",
        verbose_name=_("previous version"),
    )

    class Meta:
        constraints = [
            *InForceModel.Meta.constraints,
            *bounds.checks(bounds.EVENT_DATE, "published_on"),
        ]
        ordering = ["kind", "-valid_from"]
        verbose_name = _("requirement document")
        verbose_name_plural = _("requirement documents")

    title = bilingual("title", fallback=False)
    summary = bilingual("summary", fallback=False)

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT


class RequirementSection(models.TextChoices):
    COMMITMENT = "commitment", _("Commitment")
    PROCESS_REQUIREMENT = "process_requirement", _("Process requirement")
    ROUTINE_REQUIREMENT = "routine_requirement", _("Routine requirement")
    REPORTING = "reporting", _("Reporting obligation")
    MONITORING = "monitoring", _("Monitoring and traceability")
    SANCTIONS = "sanctions", _("Deviations and sanctions")
    ZERO_TOLERANCE = "zero_tolerance", _("Zero-tolerance deviation")


class Requirement(models.Model):
    """One requirement of a document, with a stable key that survives renumbering (e.g. `pr-grievance`)."""

    document = models.ForeignKey(RequirementDocument, on_delete=models.CASCADE, related_name="requirements")
    key = models.SlugField(max_length=60)
    number = models.CharField(_("number"), max_length=10, blank=True)
    section = models.CharField(_("section"), max_length=30, choices=RequirementSection.choices)
    code_area = models.CharField(
        _("code of conduct area"), max_length=30, choices=CodeArea.choices, blank=True
    )
    title_sv = models.CharField(_("title (Swedish)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    text_sv = models.TextField(_("text (Swedish)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    criterion_sv = models.TextField(_("assessment criterion (Swedish)"), blank=True)
    criterion_en = models.TextField(_("assessment criterion (English)"), blank=True)
    is_placeholder = models.BooleanField(
        _("content not known"), default=False, help_text=_("The content is not public; edit when known.")
    )
    order = models.PositiveSmallIntegerField(default=0, validators=bounds.ORDER.validators)
    corresponds_to = models.ManyToManyField("self", blank=True, symmetrical=True)
    ilo_conventions = models.ManyToManyField(IloConvention, blank=True, related_name="requirements")

    class Meta:
        ordering = ["document", "order"]
        constraints = [
            *bounds.checks(bounds.ORDER, "order"),
            models.UniqueConstraint(fields=["document", "key"], name="requirement_key_unique"),
        ]

    title = bilingual("title", fallback=False)
    text = bilingual("text", fallback=False)
    criterion = bilingual("criterion", fallback=False)

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()
