from django import forms
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.core.forms import ModelMultipleChoiceField
from kedja.reference.models import Category

from .models import DocumentKind


class DateInput(forms.DateInput):
    input_type = "date"


class ProfileForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=200)
    visiting_address = forms.CharField(
        label=_("Visiting address"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    postal_address = forms.CharField(
        label=_("Postal address"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    sectors = ModelMultipleChoiceField(
        Category.objects.order_by("name_sv"),
        label=_("Categories you sell to the regions"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    products = forms.CharField(
        label=_("Products you sell to the regions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    policies_summary = forms.CharField(
        label=_("Your policies"),
        help_text=_("Which policies you have, when they were adopted and where they are published."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class LibraryUploadForm(forms.Form):
    """A document for the library; the upload check (size, real type) runs in the action."""

    file = forms.FileField(label=_("File (PDF, image, Word, Excel, CSV or text)"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=DocumentKind.choices, initial=DocumentKind.POLICY)
    issued_on = forms.DateField(
        label=_("Date issued"), widget=DateInput, required=False, validators=bounds.DOCUMENT_DATE.validators
    )
    valid_until = forms.DateField(
        label=_("Valid until"), widget=DateInput, required=False, validators=bounds.DOCUMENT_DATE.validators
    )
