from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kedja.contracts.models import Contract, Site
from kedja.core.forms import ModelMultipleChoiceField
from kedja.core.uploads import check_upload
from kedja.followup.models import OPEN_STATUSES, FollowUpCase
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.reference.models import Category, Country, Issue

from .models import Credibility, ReportedIssue
from .protection import form_token_ok, new_form_token

ACCEPTED = {"jpeg", "png", "pdf"}


def _max_bytes() -> int:
    return settings.KEDJA_GRIEVANCE_UPLOAD_MAX_BYTES


class AttachmentField(forms.FileField):
    """An optional photo (JPEG, PNG) or PDF, checked for size and real type; returns (bytes, kind)."""

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded:
            return None
        kind = check_upload(uploaded, allowed=ACCEPTED, max_bytes=_max_bytes())
        uploaded.seek(0)
        return uploaded.read(), kind


class TokenForm(forms.Form):
    """A public form with the time-based token of protection.py."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_token"].initial = new_form_token()

    def clean_form_token(self):
        if not form_token_ok(self.cleaned_data.get("form_token", "")):
            raise ValidationError(
                _("The form was sent too quickly or has expired. Please check it and send it again.")
            )
        return ""

    def fresh_token(self):
        """After an error, hand out a new token so the corrected form can be sent."""
        self.data = self.data.copy()
        self.data["form_token"] = new_form_token()


class CountryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Country) -> str:
        # Swedish names in Swedish, English names for every other language.
        return obj.name_sv if (get_language() or "sv").startswith("sv") else obj.name_en


class ReportForm(TokenForm):
    issue = forms.ChoiceField(label=gettext_lazy("What is it about?"), choices=ReportedIssue.choices)
    description = forms.CharField(
        label=gettext_lazy("What happened?"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Describe it in your own words. Do not write your name unless you want to."),
    )
    country = CountryChoiceField(
        label=gettext_lazy("Country"),
        queryset=Country.objects.order_by("name_en"),
        required=False,
        empty_label=gettext_lazy("Not sure or not given"),
    )
    site_name = forms.CharField(
        label=gettext_lazy("Name of the workplace, factory, farm or mine"), max_length=300, required=False
    )
    place = forms.CharField(label=gettext_lazy("Address or place"), max_length=300, required=False)
    product_or_company = forms.CharField(
        label=gettext_lazy("Product, brand or company"), max_length=300, required=False
    )
    when = forms.CharField(label=gettext_lazy("When did it happen?"), max_length=200, required=False)
    affected = forms.CharField(label=gettext_lazy("Who is affected?"), max_length=300, required=False)
    attachment = AttachmentField(
        label=gettext_lazy("Photo or document (optional)"),
        required=False,
        help_text=gettext_lazy("JPEG, PNG or PDF. Location and camera data are removed before it is stored."),
    )
    contact = forms.CharField(
        label=gettext_lazy("Contact details (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Only if you want us to be able to reach you. Stored encrypted and shown only to the people "
            "who handle reports."
        ),
    )


class LookupForm(TokenForm):
    code = forms.CharField(label=gettext_lazy("Receipt code"), max_length=40)
    secret = forms.CharField(label=gettext_lazy("Secret"), max_length=60, widget=forms.PasswordInput)


class AddInformationForm(TokenForm):
    text = forms.CharField(
        label=gettext_lazy("Add information or answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachment = AttachmentField(label=gettext_lazy("Photo or document (optional)"), required=False)


# Handler forms ------------------------------------------------------------------------------------


class MessageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Message to the reporter"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AcknowledgeForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message to the reporter (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LinkForm(forms.Form):
    suppliers = ModelMultipleChoiceField(
        label=gettext_lazy("Suppliers"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.SUPPLIER).order_by("name"),
        required=False,
    )
    contracts = ModelMultipleChoiceField(
        label=gettext_lazy("Contracts"), queryset=Contract.objects.none(), required=False
    )
    sites = ModelMultipleChoiceField(
        label=gettext_lazy("Sites"), queryset=Site.objects.none(), required=False, to_field_name="uuid"
    )
    categories = ModelMultipleChoiceField(
        label=gettext_lazy("Categories"), queryset=Category.objects.order_by("name_sv"), required=False
    )

    def __init__(self, *args, grievance, matched_site_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        supplier_ids = list(grievance.suppliers.values_list("pk", flat=True))
        self.fields["contracts"].queryset = Contract.objects.filter(supplier_id__in=supplier_ids)
        self.fields["sites"].queryset = Site.objects.filter(
            supplier_id__in=supplier_ids
        ) | Site.objects.filter(
            pk__in=list(matched_site_ids) + list(grievance.sites.values_list("pk", flat=True))
        )


def _optional_score(label: str) -> forms.TypedChoiceField:
    """A severity score from 1 to 5 that the handler may leave open."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "–")] + [(i, i) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )


class AssessForm(forms.Form):
    credibility = forms.ChoiceField(label=gettext_lazy("Credibility"), choices=Credibility.choices)
    risk_issue = forms.ModelChoiceField(
        label=gettext_lazy("Issue in the risk taxonomy"), queryset=Issue.objects.all(), required=False
    )
    scale = _optional_score(gettext_lazy("Scale (Sc): how grave the harm is"))
    scope_band = _optional_score(gettext_lazy("Scope (So): how many people are affected"))
    irremediability = _optional_score(
        gettext_lazy("Irremediable character (Ir): how hard it is to put right")
    )
    vulnerable = forms.BooleanField(label=gettext_lazy("Vulnerable groups affected"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Internal assessment note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OpenCaseForm(forms.Form):
    supplier = forms.ModelChoiceField(label=gettext_lazy("Supplier"), queryset=Organisation.objects.none())
    lead = forms.ModelChoiceField(
        label=gettext_lazy("Lead organisation"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, grievance, lead_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = grievance.suppliers.all()
        self.fields["lead"].queryset = lead_choices


class AddToCaseForm(forms.Form):
    case = forms.ModelChoiceField(
        label=gettext_lazy("Open follow-up case"), queryset=FollowUpCase.objects.none(), to_field_name="uuid"
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary for the case team"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Write nothing that could identify the reporter."),
    )
    record_finding = forms.BooleanField(
        label=gettext_lazy("Also record it as an observation"), required=False
    )

    def __init__(self, *args, grievance, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = FollowUpCase.objects.filter(
            supplier__in=grievance.suppliers.all(), status__in=OPEN_STATUSES
        ).select_related("supplier")


class AskSupplierForm(forms.Form):
    supplier = forms.ModelChoiceField(label=gettext_lazy("Supplier"), queryset=Organisation.objects.none())
    question = forms.CharField(
        label=gettext_lazy("Question to the supplier"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "The supplier reads only this. Write nothing that could identify the reporter."
        ),
    )

    def __init__(self, *args, grievance, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = grievance.suppliers.all()


class ReferForm(forms.Form):
    referred_to = forms.CharField(label=gettext_lazy("Referred to"), max_length=300)


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for closing (the reporter reads it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EvidenceForm(forms.Form):
    item = forms.ModelChoiceField(label=gettext_lazy("Risk item"), queryset=None, to_field_name="uuid")

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items


class SupplierResponseForm(forms.Form):
    response = forms.CharField(label=gettext_lazy("Your response"), widget=forms.Textarea(attrs={"rows": 5}))
