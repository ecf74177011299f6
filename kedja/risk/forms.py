"""Forms of the risk app: input checks only; rules live in actions."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SpendUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File with spend lines (CSV or Parquet)"),
        help_text=_(
            "Columns: supplier organisation number or name, CPV code or category, amount, and optionally "
            "date and country of origin (ISO3)."
        ),
    )
