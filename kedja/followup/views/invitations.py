"""The link in an invitation e-mail: it records that it was opened and, for an account Kedja made,
is where the invited person chooses a password (guarded by Django's password-reset token)."""

from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kedja.core.run import posted, run_action

from .. import actions
from ..answer_queries import invitation_by_link


def invitation_open(request: HttpRequest, uuid) -> HttpResponse:
    """An existing account's link: noted as opened, then the request (signing in first if needed)."""
    invitation = invitation_by_link(uuid)
    run_action(request, actions.note_link_opened, invitation=invitation)
    return redirect("followup:portal_request", uuid=invitation.request.uuid)


def invitation_password(request: HttpRequest, uuid, token: str) -> HttpResponse:
    """A new account's link: noted as opened; the person chooses a password and is signed in."""
    invitation = invitation_by_link(uuid)
    run_action(request, actions.note_link_opened, invitation=invitation)
    user = invitation.user
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "followup/invitation_password.html", {"valid": False}, status=400)
    form = SetPasswordForm(user, request.POST or None)
    if posted(request, form):
        outcome = run_action(
            request,
            actions.choose_invitation_password,
            form=form,
            invitation=invitation,
            password=form.cleaned_data["new_password1"],
            success=_("Your password is saved. Welcome to Kedja."),
        )
        if outcome:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("followup:portal_request", uuid=invitation.request.uuid)
    context = {"valid": True, "form": form, "invitation": invitation}
    return render(request, "followup/invitation_password.html", context)
