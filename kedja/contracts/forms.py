"""Forms for suppliers, contacts, contracts and sites. They only collect input; rules live in actions."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kedja.contracts.actions import ContractInput, SiteInput
from kedja.contracts.models import Contract, ContractStatus, Site, SiteType
from kedja.contracts.queries import SiteView
from kedja.core import bounds
from kedja.core.forms import ModelMultipleChoiceField
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.organisations.queries import regions
from kedja.reference.models import Category, Country, DocumentKind, DocumentStatus, Issue, RequirementDocument


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SupplierForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="iso3", empty_label=None
    )
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=30,
        required=False,
        help_text=_("Swedish suppliers: NNNNNN-NNNN. Foreign suppliers: the number used in their country."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    @classmethod
    def for_supplier(cls, supplier: Organisation, data=None) -> "SupplierForm":
        initial = {
            "name": supplier.name,
            "country": supplier.country_code,
            "org_number": supplier.org_number,
            "website": supplier.website,
        }
        return cls(data, initial=initial)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    role = forms.CharField(label=_("Role or title"), max_length=200, required=False)
    is_due_diligence_contact = forms.BooleanField(
        label=_("Responsible for due diligence"), required=False, initial=True
    )


class ContractForm(forms.Form):
    reference = forms.CharField(label=_("Contract reference"), max_length=60)
    title = forms.CharField(label=pgettext_lazy("contract", "Title"), max_length=300)
    supplier = forms.ModelChoiceField(
        label=_("Supplier"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.SUPPLIER),
        to_field_name="uuid",
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all())
    owning_regions = ModelMultipleChoiceField(
        label=_("Owning regions"),
        queryset=regions(),
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
    )
    cpv_codes = forms.CharField(
        label=_("CPV codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("8-digit codes separated by commas or spaces; a check digit (-5) is removed."),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ContractStatus.choices, initial=ContractStatus.ACTIVE
    )
    starts_on = forms.DateField(
        label=_("Start date"), widget=DateInput(), validators=bounds.EVENT_DATE.validators
    )
    ends_on = forms.DateField(
        label=_("End date"), required=False, widget=DateInput(), validators=bounds.EVENT_DATE.validators
    )
    is_renewable = forms.BooleanField(label=_("Renewable"), required=False)
    estimated_value_sek = forms.DecimalField(
        label=_("Estimated value (SEK)"),
        required=False,
        decimal_places=0,
        **bounds.SEK.limits,
    )
    is_framework_agreement = forms.BooleanField(label=_("Framework agreement"), required=False)
    clause_version = forms.ModelChoiceField(
        label=_("Clause version"),
        queryset=RequirementDocument.objects.filter(
            kind=DocumentKind.CONTRACT_CLAUSE, status=DocumentStatus.PUBLISHED
        ),
    )
    due_diligence_starts_on = forms.DateField(
        label=_("Due diligence applies from"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty means from the start date."),
        validators=bounds.EVENT_DATE.validators,
    )
    reporting_deadline_days = forms.IntegerField(
        label=_("Reporting deadline for zero-tolerance deviations (calendar days)"),
        required=False,
        min_value=1,
        max_value=bounds.DAYS.high,
    )
    traceability_deadline_weeks = forms.IntegerField(
        label=_("Traceability deadline (weeks)"),
        required=False,
        min_value=1,
        max_value=bounds.WEEKS.high,
        initial=4,
        help_text=_("Empty means 4 weeks."),
    )
    traceability_site_types = forms.MultipleChoiceField(
        label=_("Site types to disclose"),
        choices=SiteType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    penalty_per_week_sek = forms.DecimalField(
        label=_("Penalty per started week (SEK excl. VAT)"),
        required=False,
        decimal_places=0,
        **bounds.PENALTY_SEK.limits,
    )
    penalty_cap_weeks = forms.IntegerField(
        label=_("Penalty cap (weeks)"), required=False, min_value=1, max_value=bounds.WEEKS.high
    )
    call_off_stop_months = forms.IntegerField(
        label=_("Call-off stop months before immediate termination"),
        required=False,
        min_value=1,
        max_value=bounds.MONTHS.high,
        help_text=_("Framework agreements only."),
    )
    zero_tolerance_issues = ModelMultipleChoiceField(
        label=_("Zero-tolerance list"),
        queryset=Issue.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cost_sharing = forms.CharField(
        label=_("Cost sharing for follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    production_countries = ModelMultipleChoiceField(
        label=_("Declared production countries"),
        queryset=Country.objects.all(),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and "zero_tolerance_issues" not in self.initial:
            self.initial["zero_tolerance_issues"] = list(Issue.objects.filter(zero_tolerance=True))

    @classmethod
    def for_contract(cls, contract: Contract, data=None) -> "ContractForm":
        initial = {name: getattr(contract, name) for name in cls.base_fields if name != "cpv_codes"}
        for name in ("owning_regions", "zero_tolerance_issues", "production_countries"):
            initial[name] = list(getattr(contract, name).all())
        initial["cpv_codes"] = ", ".join(code.code for code in contract.cpv_codes.all())
        return cls(data, initial=initial)

    def to_input(self) -> ContractInput:
        data = dict(self.cleaned_data)
        for name in ("owning_regions", "zero_tolerance_issues", "production_countries"):
            data[name] = list(data[name])
        return ContractInput(**data)


class SiteForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=300)
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False)
    tier = forms.IntegerField(
        label=_("Tier"), initial=1, **bounds.TIER.limits, help_text=_("1 = the contracted supplier.")
    )
    site_type = forms.ChoiceField(label=_("Site type"), choices=SiteType.choices)
    supplies_to = forms.TypedChoiceField(label=_("Supplies to"), required=False, coerce=int, empty_value=None)
    products = forms.CharField(label=_("Products or processes"), max_length=300, required=False)
    workers = forms.IntegerField(label=_("Number of workers"), required=False, **bounds.PEOPLE.limits)
    is_confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        initial=True,
        help_text=_("Name and address are shown only to those who may see confidential parts."),
    )

    def __init__(self, *args, chain: list[SiteView], site: Site | None = None, **kwargs):
        if site is not None:
            kwargs.setdefault("initial", {name: getattr(site, name) for name in self.base_fields})
            kwargs["initial"]["supplies_to"] = site.supplies_to_id
        super().__init__(*args, **kwargs)
        # Choices use the masked display names so the drop-down cannot reveal a confidential site.
        options = [view for view in chain if site is None or view.pk != site.pk]
        self.fields["supplies_to"].choices = [("", _("Nobody in this chain (delivers to the buyer)"))] + [
            (view.pk, f"{view.name} ({_('tier')} {view.tier})") for view in options
        ]
        self._sites = {view.pk for view in options}

    def to_input(self, contract: Contract) -> SiteInput:
        data = dict(self.cleaned_data)
        target = data.pop("supplies_to")
        data["supplies_to"] = contract.sites.filter(pk=target).first() if target in self._sites else None
        return SiteInput(**data)


class SiteImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Use the template's columns. Nothing is saved until you have checked the preview."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
