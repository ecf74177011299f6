from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kedja.core import ratelimit
from kedja.organisations import actions, lockout
from kedja.organisations.models import ROLES_BY_KIND, Organisation, Role


class LockoutMixin:
    """Sign-in that refuses an address after repeated failures, even with the right password.

    Failures are counted per e-mail address (organisations.lockout) and per network address
    (core.ratelimit), so neither one account nor many accounts can be tried from one place.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked_out": _(
            "Too many failed sign-ins for this address. Try again in %(minutes)s minutes "
            "or reset your password."
        ),
        "rate_limited": _("Too many failed sign-ins from your network. Try again in %(minutes)s minutes."),
    }

    def clean(self):
        email = (self.cleaned_data.get("username") or "").strip().lower()
        if ratelimit.is_limited(self.request, ratelimit.LOGIN):
            actions.record_failed_sign_in(username=email, reason="rate_limited")
            raise ValidationError(
                self.error_messages["rate_limited"],
                code="rate_limited",
                params={"minutes": settings.ADDRESS_FAILURE_MINUTES},
            )
        if email and lockout.is_locked_out(email):
            actions.record_failed_sign_in(username=email, reason="locked_out")
            raise ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            ratelimit.record_failure(self.request, ratelimit.LOGIN)
            if email:
                lockout.register_failure(email)
            actions.record_failed_sign_in(username=email, reason="password")
            raise
        lockout.clear_failures(email)
        return cleaned


class LockoutAuthenticationForm(LockoutMixin, AuthenticationForm):
    pass


class LockoutAdminAuthenticationForm(LockoutMixin, AdminAuthenticationForm):
    """The admin's sign-in, under the same lockout: otherwise it is a way around it."""

    error_messages = {**AdminAuthenticationForm.error_messages, **LockoutMixin.error_messages}


def role_choices_for(organisation: Organisation) -> list[tuple[str, str]]:
    allowed = ROLES_BY_KIND[organisation.kind]
    return [(value, label) for value, label in Role.choices if value in allowed]


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    is_org_admin = forms.BooleanField(label=_("May manage the organisation's users"), required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices_for(organisation)


class InviteForm(MembershipForm):
    """A membership for someone new: their name and address first, then the membership's fields."""

    full_name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    field_order = ["full_name", "email", "role", "title", "is_org_admin"]
