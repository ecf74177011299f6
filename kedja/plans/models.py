"""The steering layer: division of responsibilities, category action plans, the yearly follow-up plan.

The division itself (which category is prioritised and which area is responsible) lives in
`reference.PriorityPeriod` and `reference.CategoryResponsibility`; this app adds the steering-group
decision that created each period, the dated contact people, and everything planned against a period.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kedja.core import bounds
from kedja.core.models import InForceModel, PublicModel, end_not_before_start, user_ref
from kedja.followup.models import CostBearer, FollowUpCase
from kedja.organisations.models import Organisation, ProcurementArea
from kedja.reference.models import Category, PriorityPeriod

# Division of responsibilities --------------------------------------------------------------------


class DivisionDecision(PublicModel):
    """The steering-group decision that established a period's division of responsibilities.

    A changed division is a new period with its own responsibilities; the replaced period and its
    plans are left untouched so they stay readable as they were.
    """

    period = models.OneToOneField(PriorityPeriod, on_delete=models.PROTECT, related_name="division_decision")
    replaces = models.ForeignKey(
        PriorityPeriod,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by_decisions",
        verbose_name=_("replaces"),
    )
    decided_on = models.DateField(_("decided on"), validators=bounds.EVENT_DATE.validators)
    decision_text = models.TextField(_("decision"))
    changes = models.JSONField(default=list, blank=True)
    recorded_by = user_ref()

    class Meta:
        constraints = [
            *bounds.checks(bounds.EVENT_DATE, "decided_on"),
        ]
        ordering = ["-decided_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.period} ({self.decided_on})"


class ContactRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Area coordinator")
    SOCIAL = "social", _("Contact person, social issues")
    ENVIRONMENTAL = "environmental", _("Contact person, environmental issues")


class ResponsibilityContact(InForceModel, PublicModel):
    """A dated designation: an area's coordinator, or a region's social or environmental contact."""

    role = models.CharField(_("role"), max_length=20, choices=ContactRole.choices)
    area = models.ForeignKey(
        ProcurementArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("area"),
    )
    region = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="responsibility_contacts",
        verbose_name=_("region"),
    )
    person = user_ref(verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)

    class Meta:
        ordering = ["role", "region__name", "-valid_from"]
        constraints = [
            *InForceModel.Meta.constraints,
            end_not_before_start("valid_from", "valid_to", "plans_contact_dates_ordered", open_end=True),
            models.CheckConstraint(
                condition=~Q(role="coordinator") | Q(area__isnull=False), name="plans_coordinator_has_area"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.get_role_display()}"


# Category action plans ---------------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", pgettext_lazy("plan", "Approved")


class ActionPlan(PublicModel):
    """The responsible area's action plan for one prioritised category in one period (docs/domain-rules.md §5)."""

    period = models.ForeignKey(PriorityPeriod, on_delete=models.PROTECT, related_name="action_plans")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="action_plans")
    area = models.ForeignKey(ProcurementArea, on_delete=models.PROTECT, related_name="action_plans")
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    risk_analysis_version = models.CharField(_("risk analysis relied on"), max_length=100, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = user_ref()

    class Meta:
        ordering = ["period", "area__letter", "category__name_sv"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [models.UniqueConstraint(fields=["period", "category"], name="plans_plan_unique")]

    def __str__(self) -> str:
        return f"{self.category} {self.period}"


class PrioritisedProduct(PublicModel):
    """A product or sub-category the plan prioritises, with why (the risk rationale)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("product or sub-category"), max_length=200)
    rationale = models.TextField(_("risk rationale"))

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name


class GoalArea(models.TextChoices):
    """The four goal areas of the 2017 national plan."""

    FOLLOW_UP = "follow_up", _("Follow-up and control")
    COOPERATION = "cooperation", _("Cooperation and dialogue")
    RESOURCES = "resources", _("Resources and competence")
    COMMUNICATION = "communication", _("Communication")


class Horizon(models.TextChoices):
    LONG_TERM = "long_term", _("Long-term goal")
    YEARLY = "yearly", _("Yearly goal")


class PlanGoal(PublicModel):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    goal_area = models.CharField(_("goal area"), max_length=20, choices=GoalArea.choices)
    horizon = models.CharField(_("horizon"), max_length=20, choices=Horizon.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=bounds.YEAR.validators
    )
    text = models.TextField(_("goal"))

    class Meta:
        constraints = [
            *bounds.checks(bounds.YEAR, "year"),
        ]
        ordering = ["goal_area", "horizon", "year", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class ActivityKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up")
    DIALOGUE = "dialogue", _("Supplier or industry dialogue")
    TRAINING = "training", _("Training")
    RISK_UPDATE = "risk_update", _("Risk-analysis update")


class PlannedActivity(PublicModel):
    """One planned activity. Whether a follow-up is done is computed from the follow-up cases;
    other kinds are marked done by the plan's editors or the responsible region."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    supplier = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("supplier"),
    )
    product = models.CharField(_("product"), max_length=200, blank=True)
    step = models.PositiveSmallIntegerField(
        _("step"), null=True, blank=True, validators=bounds.STEP.validators
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=bounds.YEAR.validators)
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=bounds.QUARTER.validators)
    responsible_region = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible region"),
    )
    case = models.ForeignKey(
        FollowUpCase,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("case"),
    )
    completed_on = models.DateField(
        _("completed on"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    delay_reason = models.TextField(_("reason for delay"), blank=True)

    class Meta:
        ordering = ["year", "quarter", "created_at"]
        constraints = [
            *bounds.checks(bounds.YEAR, "year"),
            *bounds.checks(bounds.EVENT_DATE, "completed_on"),
            bounds.QUARTER.check("quarter", "plans_activity_quarter_1_4"),
            bounds.STEP.check("step", "plans_activity_step_1_3", or_null=True),
            models.CheckConstraint(
                condition=~Q(kind="follow_up") | Q(step__isnull=False), name="plans_followup_has_step"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RegionExpectation(models.Model):
    """What the plan expects of one region in one year; the actual contribution is computed."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="expectations")
    region = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=bounds.YEAR.validators)
    followups_led = models.PositiveSmallIntegerField(
        _("follow-ups led"), default=0, validators=bounds.COUNT.validators
    )
    followups_joined = models.PositiveSmallIntegerField(
        _("follow-ups taken part in"), default=0, validators=bounds.COUNT.validators
    )
    coordinator_hours = models.PositiveIntegerField(
        _("coordinator and contact-person hours"), default=0, validators=bounds.HOURS.validators
    )
    joint_audits = models.PositiveSmallIntegerField(
        _("joint audits"), default=0, validators=bounds.COUNT.validators
    )

    class Meta:
        ordering = ["year", "region__name"]
        constraints = [
            *bounds.checks(bounds.YEAR, "year"),
            *bounds.checks(bounds.COUNT, "followups_led", "followups_joined", "joint_audits"),
            *bounds.checks(bounds.HOURS, "coordinator_hours"),
            models.UniqueConstraint(fields=["plan", "region", "year"], name="plans_expectation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"


class HoursReport(PublicModel):
    """Hours a region spent on a plan in a year, reported once by the region (Kedja has no other source)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="hours_reports")
    region = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), validators=bounds.YEAR.validators)
    hours = models.PositiveIntegerField(_("hours"), validators=bounds.HOURS.validators)
    note = models.CharField(_("note"), max_length=300, blank=True)
    reported_by = user_ref()

    class Meta:
        constraints = [
            *bounds.checks(bounds.YEAR, "year"),
            *bounds.checks(bounds.HOURS, "hours"),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.region} {self.year}: {self.hours} h"


# Yearly follow-up planning -----------------------------------------------------------------------


class YearPlanStatus(models.TextChoices):
    OPEN = "open", _("Open for proposals")
    CONSOLIDATED = "consolidated", _("Consolidated")
    APPROVED = "approved", pgettext_lazy("plan", "Approved")
    LAUNCHED = "launched", _("Launched")


class YearlyFollowUpPlan(PublicModel):
    """The national follow-up plan of one year, consolidated from the regions' proposals."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=bounds.YEAR.validators)
    status = models.CharField(
        _("status"), max_length=20, choices=YearPlanStatus.choices, default=YearPlanStatus.OPEN
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = user_ref()
    launched_at = models.DateTimeField(null=True, blank=True)
    launch_note = models.TextField(blank=True)

    class Meta:
        constraints = [
            *bounds.checks(bounds.YEAR, "year"),
        ]
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class SupplierToFollowUp(PublicModel):
    """A supplier (and product) to follow up in a year's plan, and at which step."""

    supplier = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("supplier")
    )
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("category"),
    )
    product = models.CharField(_("product"), max_length=200, blank=True)
    step = models.PositiveSmallIntegerField(_("step"), default=1, validators=bounds.STEP.validators)

    class Meta:
        abstract = True


class PlanEntry(SupplierToFollowUp):
    """One line of the national plan: a supplier (and product) followed up by a lead and other regions."""

    year_plan = models.ForeignKey(YearlyFollowUpPlan, on_delete=models.CASCADE, related_name="entries")
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, validators=bounds.QUARTER.validators
    )
    lead_region = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("lead region")
    )
    participating_regions = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("participating regions")
    )
    cost_bearer = models.CharField(
        _("cost bearer"), max_length=20, choices=CostBearer.choices, default=CostBearer.NATIONAL
    )
    cost_note = models.CharField(_("cost note"), max_length=300, blank=True)
    case = models.ForeignKey(FollowUpCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["supplier__name", "product"]
        constraints = [
            *bounds.checks(bounds.QUARTER, "quarter"),
            bounds.STEP.check("step", "plans_entry_step_1_3"),
        ]

    def __str__(self) -> str:
        return f"{self.supplier} {self.product}".strip()


class Proposal(SupplierToFollowUp):
    """A region's proposal of a supplier (and product) to follow up next year."""

    year_plan = models.ForeignKey(YearlyFollowUpPlan, on_delete=models.CASCADE, related_name="proposals")
    region = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    motivation = models.TextField(_("why"), blank=True)
    proposed_by = user_ref()
    entry = models.ForeignKey(
        PlanEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            bounds.STEP.check("step", "plans_proposal_step_1_3"),
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.supplier} {self.product}".strip()
