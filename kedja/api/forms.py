"""The form for a new personal access token. Rules (name unique, expiry within a year) are in actions."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds

DEFAULT_LIFETIME_DAYS = 90


def _default_expiry() -> date:
    return timezone.localdate() + timedelta(days=DEFAULT_LIFETIME_DAYS)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. the system that uses it.")
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        initial=_default_expiry,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("At most one year from today."),
        validators=bounds.EVENT_DATE.validators,
    )
