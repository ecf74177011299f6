from django import forms
from django.utils.translation import gettext_lazy as _

from kedja.watchlists.models import ListSource


class LoadEditionForm(forms.Form):
    source = forms.ChoiceField(label=_("List"), choices=ListSource.choices)
    edition = forms.CharField(
        label=_("Edition"),
        max_length=100,
        required=False,
        help_text=_("As the publisher dates it, e.g. 2026-11-28. Empty means today."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "The publisher's own file: entities.ftm.json (OpenSanctions), sdn.xml (OFAC), the EU's FSF XML, "
            "the UN consolidated list XML, or a CSV with a name column (UFLPA, CBP, the secretariat's own list)."
        ),
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("confirm", _("Confirm: it is the listed organisation")),
            ("dismiss", _("Dismiss: another organisation")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when dismissing: what tells the two apart (address, registration number …)."),
    )
