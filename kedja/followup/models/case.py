"""The follow-up case: one supplier, its contracts in scope, the steps taken and the timeline."""

from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kedja.contracts.models import Contract
from kedja.core import bounds
from kedja.core.models import PublicModel, user_ref
from kedja.organisations.models import Organisation
from kedja.reference.models import Category, Country

from ..rules import TrafficLight


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    STEP1_SENT = "step1_sent", _("Self-assessment sent")
    STEP1_SUBMITTED = "step1_submitted", _("Self-assessment submitted")
    STEP1_ASSESSED = "step1_assessed", _("Self-assessment assessed")
    STEP2 = "step2", _("Office audit")
    STEP3 = "step3", _("On-site audit")
    CORRECTIVE_ACTION = "corrective_action", _("Corrective action")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = [s for s in CaseStatus.values if s not in (CaseStatus.CLOSED, CaseStatus.CANCELLED)]


class CostBearer(models.TextChoices):
    NATIONAL = "national", _("National collaboration")
    REGION = "region", _("Lead region")
    SUPPLIER = "supplier", _("Supplier")
    ADDA = "adda", _("Adda")
    OTHER = "other", _("Other (see note)")


class CaseOrigin(models.TextChoices):
    CONTRACT = "contract", _("From a contract")
    SUPPLIER = "supplier", _("From a supplier")
    BULK = "bulk", _("Yearly send-out")
    STEP2 = "step2", _("Direct entry at step 2")
    ZERO_TOLERANCE = "zero_tolerance", _("Zero-tolerance report")
    PLAN = "plan", _("Yearly follow-up plan")


class Recommendation(models.TextChoices):
    CLOSE = "close", _("Close")
    ESCALATE = "escalate", _("Escalate to the next step")
    STEP3 = "step3", _("Straight to the on-site audit")


class FollowUpCase(PublicModel):
    """A follow-up of one supplier, carried as one case file from the first question to closure."""

    supplier = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="followup_cases", verbose_name=_("supplier")
    )
    contracts = models.ManyToManyField(
        Contract, blank=True, related_name="followup_cases", verbose_name=_("contracts in scope")
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="followup_cases"
    )
    products = models.CharField(_("products in scope"), max_length=300, blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_followup_cases", verbose_name=_("lead")
    )
    participating_regions = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="joined_followup_cases",
        verbose_name=_("participating regions"),
    )
    origin = models.CharField(_("origin"), max_length=20, choices=CaseOrigin.choices)
    current_step = models.PositiveSmallIntegerField(
        _("current step"), default=1, validators=bounds.STEP.validators
    )
    status = models.CharField(
        _("status"), max_length=30, choices=CaseStatus.choices, default=CaseStatus.DRAFT
    )
    cost_bearer = models.CharField(
        _("cost bearer"), max_length=20, choices=CostBearer.choices, default=CostBearer.REGION
    )
    cost_note = models.CharField(_("cost note"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("follow-up year"), validators=bounds.YEAR.validators)
    step1_recommendation = models.CharField(
        _("step 1 recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    step1_reason = models.TextField(_("step 1 reason"), blank=True)
    # What Kedja suggested when step 1 was concluded (rules.suggest_next_step) and, when the case
    # team chose otherwise, why.
    step1_suggestion = models.CharField(
        _("Kedja's suggestion"), max_length=20, choices=Recommendation.choices, blank=True
    )
    step1_suggestion_reasons = models.JSONField(default=list, blank=True)
    step1_override_reason = models.TextField(_("reason for not following the suggestion"), blank=True)
    step2_reason = models.TextField(_("reason for the office audit"), blank=True)
    step3_reason = models.TextField(_("reason for the on-site audit"), blank=True)
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True, validators=bounds.EVENT_DATE.validators
    )
    remedy_decision = models.TextField(_("decision on remedy still planned at closing"), blank=True)
    # The traffic light, stored so that lists and counts read it as a column (followup/lights.py
    # keeps both equal to rules.traffic_light): the colour while no deadline has passed, and the
    # earliest open deadline whose passing turns the case red.
    stored_light = models.CharField(
        max_length=6, choices=TrafficLight.choices, default=TrafficLight.GREEN, db_default=TrafficLight.GREEN
    )
    red_after = models.DateField(null=True, blank=True, validators=bounds.EVENT_DATE.validators)
    # How many of its deviations are open and closed, stored with the light from the same facts, so
    # that the reports' trend sums them over the cases instead of reading every finding (17 ms of
    # the reports dashboard at 20,000 cases and 60,000 findings).
    deviations_open = models.PositiveIntegerField(
        default=0, editable=False, validators=bounds.STORED_COUNT.validators
    )
    deviations_closed = models.PositiveIntegerField(
        default=0, editable=False, validators=bounds.STORED_COUNT.validators
    )
    # Step 1: the supplier's answer this case relies on, and the request through which it was asked.
    self_assessment = models.ForeignKey(
        "followup.SelfAssessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("self-assessment"),
    )
    answer_request = models.ForeignKey(
        "followup.AnswerRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    created_by = user_ref()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("follow-up case")
        verbose_name_plural = _("follow-up cases")
        constraints = [
            *bounds.checks(bounds.YEAR, "year"),
            *bounds.checks(bounds.EVENT_DATE, "closed_on"),
            *bounds.checks(bounds.EVENT_DATE, "red_after"),
            *bounds.checks(bounds.STORED_COUNT, "deviations_open", "deviations_closed"),
            bounds.STEP.check("current_step", "followup_case_step_1_3"),
        ]
        indexes = [models.Index(fields=["status", "current_step"], name="followup_case_status_idx")]

    def __str__(self) -> str:
        return f"{self.supplier} – {self.products or self.category or self.year}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CaseCountry(models.Model):
    """A country a case reaches: one its contracts' goods come from (contracts.ContractCountry) or
    the country of a site audited in it. Kept equal to those by `followup.case_countries`, whatever
    changes them.

    Stored because the dashboard's country filter otherwise read the country's 31,000 contract
    countries and their cases in each of its statements at the national maximum (27 ms each on
    PostgreSQL, 10 on SQLite); a country is reached by a few thousand cases at most."""

    case = models.ForeignKey(FollowUpCase, on_delete=models.CASCADE, related_name="+")
    # Looked up by country: the unique constraint's index, which starts with it, serves.
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["country", "case"], name="case_country_unique")]
        verbose_name = _("country a case reaches")
        verbose_name_plural = _("countries cases reach")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.country_id}"


class CaseNote(PublicModel):
    """An internal note of the case team. Confidential: never shown to the supplier or the public."""

    case = models.ForeignKey(FollowUpCase, on_delete=models.CASCADE, related_name="notes")
    author = user_ref(blank=False)
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class EventKind(models.TextChoices):
    STARTED = "started", _("Case started")
    TRANSITION = "transition", _("Status changed")
    INVITED = "invited", _("Supplier invited")
    REMINDER = "reminder", _("Reminder sent")
    SUBMITTED = "submitted", _("Answers submitted")
    FINDING = "finding", _("Finding recorded")
    ZERO_TOLERANCE = "zero_tolerance", _("Zero-tolerance deviation")
    CAP = "cap", _("Corrective action")
    AUDIT = "audit", _("Audit")
    SANCTION = "sanction", _("Sanction decision")
    PUBLISHED = "published", _("Summary published")
    REUSE = "reuse", _("Result reused")
    REMEDIATION = "remediation", _("Remediation")


class CaseEvent(models.Model):
    """One entry of the case timeline, in words the whole case team (and the supplier) understands.

    The audit log keeps the field-level changes; events keep the story. `shared_with_supplier`
    is false for events that reveal internal assessment work.
    """

    case = models.ForeignKey(FollowUpCase, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = user_ref()
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    message = models.CharField(max_length=300, help_text="English msgid, marked with gettext_noop")
    params = models.JSONField(default=dict, blank=True)
    shared_with_supplier = models.BooleanField(default=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The message in the reader's language. Messages are stored as msgids and coded parameters
        (statuses, decisions) as codes, so each reader gets the labels in their own language."""
        params = {k: param_label(k, v) for k, v in self.params.items()}
        try:
            return gettext(self.message) % params
        except (KeyError, TypeError, ValueError):
            return gettext(self.message)


def _choices_for(key: str):
    # Imported here: these modules import this one (and the grievance app imports the follow-up).
    from kedja.grievance.models import ReportedIssue

    from .findings import RemediationStatus
    from .reuse import ReuseDecisionKind
    from .sanctions import SanctionKind

    return {
        "old": CaseStatus,
        "new": CaseStatus,
        "decision": SanctionKind,
        "remediation": RemediationStatus,
        "reuse": ReuseDecisionKind,
        "grievance_issue": ReportedIssue,
    }.get(key)


def param_label(key: str, value: str) -> str:
    """The reader's label of a coded timeline parameter; other parameters are shown as stored."""
    if key == "key":
        return _reminder_label(value)
    choices = _choices_for(key)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return value


def _reminder_label(value: str) -> str:
    """ "before-7" → "7 days before the deadline", "after-1" → "1 day after the deadline"."""
    when, _sep, days = value.partition("-")
    if not days.isdigit() or when not in ("before", "after"):
        return value
    n = int(days)
    if when == "before":
        return ngettext("%(n)d day before the deadline", "%(n)d days before the deadline", n) % {"n": n}
    return ngettext("%(n)d day after the deadline", "%(n)d days after the deadline", n) % {"n": n}
