"""Forms of the steering layer. They only parse input; the rules live in the actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds, numbers
from kedja.followup.models import CostBearer, Questionnaire
from kedja.organisations.models import ProcurementArea, User
from kedja.organisations.queries import regions, suppliers
from kedja.reference.models import Category, PriorityPeriod
from kedja.risk.models.analysis import RiskCategoryChoice

from .models import ActivityKind, ContactRole, GoalArea, Horizon

QUARTERS = [(1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")]
STEPS = [(1, _("Step 1: self-assessment")), (2, _("Step 2: office audit")), (3, _("Step 3: on-site audit"))]


class DateInput(forms.DateInput):
    input_type = "date"


class DecisionForm(forms.Form):
    """A steering-group decision: the new period and, per category, its area and priority."""

    name = forms.CharField(
        label=_("Name of the new period"), max_length=50, help_text=_("For example 2026–2030.")
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=DateInput, validators=bounds.EVENT_DATE.validators
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput, validators=bounds.EVENT_DATE.validators)
    decided_on = forms.DateField(
        label=_("Decided by the steering group on"), widget=DateInput, validators=bounds.EVENT_DATE.validators
    )
    decision_text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, based_on: PriorityPeriod | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        current = {}
        if based_on is not None:
            current = {r.category_id: r for r in based_on.responsibilities.all()}
        self.categories = list(Category.objects.order_by("name_sv"))
        area_choices = [
            ("", _("No responsible area")),
            *((a.letter, str(a)) for a in ProcurementArea.objects.all()),
        ]
        self.category_rows = []
        for category in self.categories:
            resp = current.get(category.pk)
            area_field = f"area_{category.slug}"
            prio_field = f"prio_{category.slug}"
            self.fields[area_field] = forms.ChoiceField(
                label=_("Responsible area for %(category)s") % {"category": category.name},
                choices=area_choices,
                required=False,
                initial=resp.area.letter if resp and resp.area else "",
            )
            self.fields[prio_field] = forms.BooleanField(
                label=_("%(category)s is prioritised") % {"category": category.name},
                required=False,
                initial=bool(resp and resp.prioritised),
            )
            self.category_rows.append((category, area_field, prio_field))

    def bound_rows(self):
        return [(c, self[a], self[p]) for c, a, p in self.category_rows]

    def changes(self):
        areas = {a.letter: a for a in ProcurementArea.objects.all()}
        return [
            (c, areas.get(self.cleaned_data[a] or ""), self.cleaned_data[p]) for c, a, p in self.category_rows
        ]


class ContactForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ContactRole.choices)
    region = forms.ModelChoiceField(label=_("Region"), queryset=regions())
    area = forms.ModelChoiceField(
        label=_("Area (coordinators only)"), queryset=ProcurementArea.objects.all(), required=False
    )
    person = forms.ModelChoiceField(
        label=_("User (optional)"),
        # Suppliers' and audit firms' accounts are never offered (the action refuses them too).
        queryset=User.objects.filter(
            is_active=True, memberships__organisation__kind__in=["secretariat", "region"]
        )
        .exclude(memberships__organisation__kind__in=["supplier", "audit_firm"])
        .distinct(),
        required=False,
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    valid_from = forms.DateField(
        label=_("From"), widget=DateInput, initial=timezone.localdate, validators=bounds.EVENT_DATE.validators
    )


class PlanCreateForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    risk_analysis_version = forms.CharField(
        label=_("Risk analysis relied on"), max_length=100, required=False
    )

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["category"].queryset = categories


class PlanEditForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    risk_analysis_version = forms.CharField(
        label=_("Risk analysis relied on"), max_length=100, required=False
    )


class ProductForm(forms.Form):
    name = forms.CharField(label=_("Product or sub-category"), max_length=200)
    rationale = forms.CharField(label=_("Risk rationale"), widget=forms.Textarea(attrs={"rows": 2}))


class GoalForm(forms.Form):
    goal_area = forms.ChoiceField(label=_("Goal area"), choices=GoalArea.choices)
    horizon = forms.ChoiceField(label=_("Horizon"), choices=Horizon.choices)
    year = forms.IntegerField(label=_("Year (yearly goals)"), required=False, **bounds.YEAR.limits)
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=suppliers(), required=False)
    product = forms.CharField(label=_("Product"), max_length=200, required=False)
    step = forms.TypedChoiceField(
        label=_("Step"), choices=[("", "–"), *STEPS], coerce=int, required=False, empty_value=None
    )
    year = forms.IntegerField(label=_("Year"), **bounds.YEAR.limits)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)
    responsible_region = forms.ModelChoiceField(
        label=_("Responsible region"), queryset=regions(), required=False
    )


class ExpectationForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=regions())
    year = forms.IntegerField(label=_("Year"), **bounds.YEAR.limits)
    followups_led = forms.IntegerField(label=_("Follow-ups led"), initial=0, **bounds.COUNT.limits)
    followups_joined = forms.IntegerField(
        label=_("Follow-ups taken part in"), initial=0, **bounds.COUNT.limits
    )
    coordinator_hours = forms.IntegerField(
        label=_("Coordinator and contact-person hours"), initial=0, **bounds.HOURS.limits
    )
    joint_audits = forms.IntegerField(label=_("Joint audits"), initial=0, **bounds.COUNT.limits)


class CompleteForm(forms.Form):
    completed_on = forms.DateField(
        label=_("Completed on"),
        widget=DateInput,
        initial=timezone.localdate,
        validators=bounds.EVENT_DATE.validators,
    )


class DelayForm(forms.Form):
    reason = forms.CharField(label=_("Reason for delay"), widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class HoursForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=regions())
    year = forms.IntegerField(label=_("Year"), **bounds.YEAR.limits)
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=bounds.HOURS.high)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class YearPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), **bounds.YEAR.limits)


class ProposalForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Proposing region"), queryset=regions())
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=suppliers())
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all(), required=False)
    product = forms.CharField(label=_("Product"), max_length=200, required=False)
    step = forms.TypedChoiceField(label=_("Step"), choices=STEPS, coerce=int, initial=1)
    motivation = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, region_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if region_queryset is not None:
            self.fields["region"].queryset = region_queryset


class EntryForm(forms.Form):
    lead_region = forms.ModelChoiceField(label=_("Lead region"), queryset=regions())
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=[("", "–"), *QUARTERS], coerce=int, required=False, empty_value=None
    )
    cost_bearer = forms.ChoiceField(label=_("Cost bearer"), choices=CostBearer.choices)
    cost_note = forms.CharField(
        label=_("Cost note (who bears the cost when “other”)"), max_length=300, required=False
    )


class LaunchForm(forms.Form):
    questionnaire = forms.ModelChoiceField(
        label=_("Self-assessment questionnaire (sends step 1)"),
        queryset=Questionnaire.objects.filter(is_active=True),
        required=False,
    )
    deadline = forms.DateField(
        label=_("Answers due"), widget=DateInput, required=False, validators=bounds.EVENT_DATE.validators
    )


class ScreeningProposalForm(forms.Form):
    """Suppliers of a spend screening to propose for a year's follow-up: chosen ones, or all that
    reach a risk weight."""

    year_plan = forms.ModelChoiceField(label=_("Follow-up year"), queryset=None, to_field_name="year")
    region = forms.ModelChoiceField(label=_("Proposing region"), queryset=regions())
    supplier_keys = forms.MultipleChoiceField(
        label=_("Suppliers"), widget=forms.CheckboxSelectMultiple, required=False
    )
    min_risk = forms.DecimalField(
        label=_("Or every supplier with an average risk weight of at least"),
        min_value=0,
        max_value=1,
        decimal_places=2,
        required=False,
        help_text=_("0–1: risk-weighted spend divided by spend. Used when no supplier is ticked."),
    )

    def __init__(self, *args, year_plans, region_queryset, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year_plan"].queryset = year_plans
        self.fields["year_plan"].label_from_instance = lambda plan: str(plan.year)
        self.fields["region"].queryset = region_queryset
        self.fields["supplier_keys"].choices = [
            (row["key"], f"{row['organisation'].name} ({numbers.number(row['risk'], 2)})") for row in rows
        ]


class FollowUpProposalForm(forms.Form):
    """Suppliers of the "whom to follow up" list to propose for a year's follow-up (step 1)."""

    year_plan = forms.ModelChoiceField(label=_("Follow-up year"), queryset=None, to_field_name="year")
    region = forms.ModelChoiceField(label=_("Proposing region"), queryset=regions())
    suppliers = forms.MultipleChoiceField(label=_("Suppliers"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, year_plans, region_queryset, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = {str(row.supplier.uuid): row for row in rows}
        self.fields["year_plan"].queryset = year_plans
        self.fields["year_plan"].label_from_instance = lambda plan: str(plan.year)
        self.fields["region"].queryset = region_queryset
        self.fields["suppliers"].choices = [
            (key, f"{row.supplier.name} ({RiskCategoryChoice(row.rating).label if row.rating else '–'})")
            for key, row in self.rows.items()
        ]

    def chosen(self) -> dict:
        """The action's arguments: the year, the region and the chosen rows of the list."""
        data = self.cleaned_data
        rows = [self.rows[key] for key in data["suppliers"]]
        return {"year_plan": data["year_plan"], "region": data["region"], "rows": rows}
