"""The notification settings form; the rules are in actions.set_preference."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Delivery


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("E-mail"), choices=Delivery.choices, widget=forms.RadioSelect, initial=Delivery.IMMEDIATE
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
