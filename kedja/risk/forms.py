"""Forms of the risk app: input checks only; rules live in actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.forms import ModelMultipleChoiceField
from kedja.reference.models import Category, Country, Issue
from kedja.risk import config, spend
from kedja.risk.editions import UPLOADABLE
from kedja.risk.matching import normalise_cpv
from kedja.risk.models import AnalysisStage, RiskItem
from kedja.risk.models.analysis import EvidenceKindChoice, InvolvementChoice, ItemStatus, Stage


class SpendUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File with spend lines (CSV, Excel XLSX or Parquet)"),
        help_text=_(
            "Columns: supplier organisation number or name, CPV code or category, amount, and optionally "
            "date and country of origin. Swedish and English column names are recognised; you can "
            "correct the columns in the next step."
        ),
    )
    keep_file = forms.BooleanField(
        label=_("Keep the file after screening"),
        required=False,
        help_text=_("Otherwise the file is deleted as soon as the screening is done; the result is kept."),
    )


class SpendMappingForm(forms.Form):
    """Which of the file's columns holds each role; pre-filled with the recognised names."""

    def __init__(self, *args, header: list[str], sheets: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        if len(sheets) > 1:
            self.fields["sheet"] = forms.ChoiceField(
                label=_("Sheet"),
                choices=[(name, name) for name in sheets],
                help_text=_("After choosing another sheet, show its first lines to check its columns."),
            )
        choices = [("", _("— not in the file —")), *((name, name) for name in header)]
        for role in spend.ROLES:
            self.fields[role] = forms.ChoiceField(
                label=spend.ROLE_LABELS[role], choices=choices, required=False
            )
        for name, label in (("period_start", _("Period from")), ("period_end", _("Period to"))):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
                validators=bounds.EVENT_DATE.validators,
            )
        self.fields["period_start"].help_text = _(
            "Optional. Only lines dated within the period are counted; lines whose date cannot be "
            "read are then counted apart and left out of the totals."
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("The period ends before it starts."))
        return data


SCORES = [(n, str(n)) for n in range(1, 6)]
CONTRIBUTION_LABELS = {
    "price_below_cost": _("The price is below the cost of compliance"),
    "lead_times_compressed": _("Lead times have been compressed"),
    "orders_changed_short_notice": _("Orders were changed at short notice"),
    "specifications_force_risk": _("Our specifications push the supplier towards the impact"),
    "payment_terms_force_risk": _("Our payment terms push the supplier towards the impact"),
}
LEVERAGE_LABELS = {
    "share_5_percent": _("The contract is at least 5 percent of the supplier's relevant turnover"),
    "term_2_years_or_renewable": _("The term is at least 2 years, or the contract is renewable"),
    "collective_follow_up": _("Collective follow-up is available"),
    "advanced_clause": _("The contract includes the advanced due-diligence clause"),
}


class StartAnalysisForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"))

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.slug, c.name) for c in categories]


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    countries = ModelMultipleChoiceField(
        label=_("Countries"), queryset=Country.objects.all(), required=False, to_field_name="iso3"
    )
    description = forms.CharField(label=_("What happens here"), required=False, max_length=300)


class IssueCountryGoodForm(forms.Form):
    """The issue, country and good that name a risk, for an item and for a contract's override."""

    issue = forms.ModelChoiceField(label=_("Issue"), queryset=Issue.objects.all(), to_field_name="code")
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        required=False,
        to_field_name="iso3",
        empty_label=_("Unknown"),
    )
    good = forms.CharField(
        label=_("Good"),
        required=False,
        max_length=120,
        help_text=_("Choose a good from the ILAB list (search by name); another good may be typed."),
        widget=forms.TextInput(attrs={"list": "ilab-goods", "autocomplete": "off"}),
    )


class ItemAddForm(IssueCountryGoodForm):
    """An item's CPV code and tier belong to the item only: a contract's override names its risk
    by issue, country and good, and its action takes nothing else."""

    stage = forms.ModelChoiceField(label=_("Stage"), queryset=AnalysisStage.objects.none())
    cpv_code = forms.CharField(
        label=_("CPV code"),
        required=False,
        max_length=10,
        help_text=_("Sector-risk rows keyed on CPV apply to the item through this code."),
        widget=forms.TextInput(attrs={"list": "category-cpv", "inputmode": "numeric"}),
    )
    tier = forms.IntegerField(
        label=_("Tier"),
        required=False,
        validators=bounds.TIER.validators,
        help_text=_(
            "1 the contracted supplier, 2 and up its sub-suppliers; empty: the stage's typical tier."
        ),
    )
    field_order = ["stage"]

    def __init__(self, *args, analysis=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = AnalysisStage.objects.filter(analysis=analysis)

    def clean_cpv_code(self) -> str:
        raw = self.cleaned_data["cpv_code"]
        code = normalise_cpv(raw) if raw else ""
        if code is None:
            raise forms.ValidationError(_("A CPV code has eight digits, such as 33169000."))
        return code


class ItemEditForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    scale = forms.TypedChoiceField(label=_("Scale (Sc)"), choices=SCORES, coerce=int)
    scope_band = forms.TypedChoiceField(label=_("Scope (So band)"), choices=SCORES, coerce=int)
    irremediability = forms.TypedChoiceField(label=_("Irremediability (Ir)"), choices=SCORES, coerce=int)
    score_reason = forms.CharField(
        label=_("Reason for changed scores"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    vulnerable = forms.BooleanField(label=_("Vulnerable groups affected"), required=False)
    vulnerable_groups = forms.CharField(label=_("Vulnerable groups"), required=False, max_length=300)
    sr_override = forms.TypedChoiceField(
        label=_("Sector risk (Sr) override"),
        choices=[("", "–"), *SCORES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    sr_reason = forms.CharField(label=_("Reason for the Sr override"), required=False)
    unmapped_listed_tier = forms.BooleanField(
        label=_("A listed tier lacks traceability data"), required=False
    )
    own_operations = forms.BooleanField(
        label=_("The impact is in the region's own operations"), required=False
    )
    involvement_override = forms.ChoiceField(
        label=_("Involvement override"), choices=[("", "–"), *InvolvementChoice.choices], required=False
    )
    involvement_reason = forms.CharField(label=_("Reason for the involvement override"), required=False)
    confidential_note = forms.CharField(
        label=_("Internal note (never published)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = config.contribution_questions()
        for key in self.questions:
            self.fields[key] = forms.BooleanField(label=CONTRIBUTION_LABELS[key], required=False)
        for key, label in LEVERAGE_LABELS.items():
            self.fields[key] = forms.BooleanField(label=label, required=False)

    @classmethod
    def for_item(cls, item: RiskItem, data=None):
        initial = {name: getattr(item, name) for name in cls.base_fields}
        initial.update(item.involvement_answers)
        initial.update(item.leverage_answers)
        return cls(data, initial=initial)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["involvement_answers"] = {key: data.pop(key) for key in self.questions}
        data["leverage_answers"] = {key: data.pop(key) for key in LEVERAGE_LABELS}
        return data


class BulkReviewForm(forms.Form):
    """Many proposals confirmed or rejected in one go: the ticked ones, or every one shown under the
    current filters ("select all shown" works without JavaScript)."""

    items = forms.MultipleChoiceField(label=_("Proposals"), required=False)
    shown = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)
    all_shown = forms.BooleanField(label=_("Select all shown"), required=False)
    reason = forms.CharField(label=_("Reason (required to reject)"), required=False, max_length=500)
    decision = forms.ChoiceField(choices=[("confirm", _("Confirm")), ("reject", _("Reject"))])

    def __init__(self, *args, proposed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(uuid, uuid) for uuid in proposed]
        self.fields["items"].choices = self.fields["shown"].choices = choices

    def chosen(self) -> list[str]:
        data = self.cleaned_data
        return data["shown"] if data["all_shown"] else data["items"]


class RemovalForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the removal"), max_length=500)


class ChainRemovalForm(RemovalForm):
    """A country off a stage, or (no country chosen) the whole stage."""

    country = forms.ModelChoiceField(
        label=_("Remove"),
        queryset=Country.objects.none(),
        required=False,
        to_field_name="iso3",
        empty_label=_("The whole stage"),
    )

    field_order = ["country", "reason"]

    def __init__(self, *args, stage: AnalysisStage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = stage.countries.all()


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=EvidenceKindChoice.choices)
    source = forms.CharField(label=_("Source"), max_length=300)
    dated = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.DOCUMENT_DATE.validators,
    )
    credible = forms.BooleanField(label=_("Credible"), required=False, initial=True)
    is_open = forms.BooleanField(label=_("Open"), required=False, initial=True)
    supplier_specific = forms.BooleanField(label=_("Specific to a supplier"), required=False, initial=True)


class TextsForm(forms.Form):
    summary = forms.CharField(
        label=_("Public summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    confidential_notes = forms.CharField(
        label=_("Internal notes (never published)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OverrideForm(IssueCountryGoodForm):
    excluded = forms.BooleanField(label=_("Not relevant for this contract"), required=False)
    actual = forms.BooleanField(label=_("Actual impact"), required=False)
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood override"),
        choices=[("", "–"), *SCORES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)


class AccountCategoryForm(forms.Form):
    account = forms.CharField(
        label=_("Account"), max_length=40, help_text=_("As the finance system writes it, e.g. 4010.")
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), to_field_name="slug"
    )


class EditionUploadForm(forms.Form):
    """A newer file of one of the open datasets, in the format the shipped file has."""

    kind = forms.ChoiceField(label=_("Dataset"))
    edition = forms.CharField(
        label=_("Edition"),
        max_length=80,
        required=False,
        help_text=_("For example “2024 list” or “2025 update”; the file name when left empty."),
    )
    file = forms.FileField(
        label=_("File (CSV or Excel XLSX)"),
        help_text=_("The same columns as the file Kedja ships for the dataset."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in UPLOADABLE]
