from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kedja.organisations import lockout
from kedja.organisations.models import ROLES_BY_KIND, Organisation, Role


class LockoutAuthenticationForm(AuthenticationForm):
    """Sign-in that refuses an address after repeated failures, even with the right password."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked_out": _(
            "Too many failed sign-ins for this address. Try again in %(minutes)s minutes "
            "or reset your password."
        ),
    }

    def clean(self):
        from django.conf import settings

        email = (self.cleaned_data.get("username") or "").strip().lower()
        if email and lockout.is_locked_out(email):
            raise ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if email:
                lockout.register_failure(
                    email, self.request.META.get("REMOTE_ADDR") if self.request else None
                )
            raise
        lockout.clear_failures(email)
        return cleaned


def role_choices_for(organisation: Organisation) -> list[tuple[str, str]]:
    allowed = ROLES_BY_KIND[organisation.kind]
    return [(value, label) for value, label in Role.choices if value in allowed]


class InviteForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    is_org_admin = forms.BooleanField(label=_("May manage the organisation's users"), required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices_for(organisation)


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    is_org_admin = forms.BooleanField(label=_("May manage the organisation's users"), required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices_for(organisation)
