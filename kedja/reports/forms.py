from django import forms
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds


class ReportRequestForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=bounds.YEAR.high)
