from django import forms
from django.utils.translation import gettext_lazy as _


class ReportRequestForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000)
