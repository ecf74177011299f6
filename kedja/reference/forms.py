from django import forms
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds


def _text(label, rows, lang, required=False):
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows, "lang": lang})
    )


class RequirementTextForm(forms.Form):
    """The texts of a requirement; saving goes through actions.edit_requirement_text.

    A plain form (not a ModelForm) so validation never touches the instance before the action
    compares old and new values for the audit entry.
    """

    title_sv = forms.CharField(
        label=_("Title (Swedish)"), max_length=300, widget=forms.TextInput(attrs={"lang": "sv"})
    )
    title_en = forms.CharField(
        label=_("Title (English)"), max_length=300, widget=forms.TextInput(attrs={"lang": "en"})
    )
    text_sv = _text(_("Text (Swedish)"), 6, "sv")
    text_en = _text(_("Text (English)"), 6, "en")
    criterion_sv = _text(_("Assessment criterion (Swedish)"), 3, "sv")
    criterion_en = _text(_("Assessment criterion (English)"), 3, "en")
    is_placeholder = forms.BooleanField(
        label=_("Content not known"),
        required=False,
        help_text=_("Tick while the content is not public; untick when you fill it in."),
    )

    @classmethod
    def initial_from(cls, requirement) -> dict:
        return {name: getattr(requirement, name) for name in cls.base_fields}


class PublishVersionForm(forms.Form):
    """The name and first day of a draft version; publishing goes through actions.publish_version."""

    version = forms.CharField(label=_("Version"), max_length=30)
    valid_from = forms.DateField(
        label=_("Valid from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=bounds.EVENT_DATE.validators,
        help_text=_("The previous version stays valid until the day before."),
    )
