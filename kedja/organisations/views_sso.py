"""Signing in and out, with a password or through the region's OpenID Connect provider (sso.py)."""

import logging

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, LogoutView
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kedja.organisations import actions, sso
from kedja.organisations.forms import LockoutAuthenticationForm

# The provider's own words go to the log for the IT administrator, never to the person signing in.
log = logging.getLogger(__name__)


class SignInView(LoginView):
    """The password form, with a "Sign in with <provider>" button when single sign-on is set up."""

    authentication_form = LockoutAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, sso_name=sso.provider_name() if sso.is_configured() else "")


class SignOutView(LogoutView):
    """Ends the Kedja session; after a single sign-on, goes on to end the provider's session too."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        id_token = request.session.get(sso.ID_TOKEN)
        response = super().post(request, *args, **kwargs)
        if id_token and sso.is_configured():
            return_to = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
            end_session = sso.end_session_url(id_token, return_to)
            if end_session:
                return redirect(end_session)
        return response


def _configured() -> None:
    if not sso.is_configured():
        raise Http404


def sso_start(request: HttpRequest) -> HttpResponse:
    _configured()
    next_url = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
    request.session[sso.NEXT] = next_url if safe else ""
    try:
        return sso.provider().authorize_redirect(request, request.build_absolute_uri(reverse("sso:callback")))
    except sso.PROVIDER_ERRORS as error:
        log.warning("Single sign-on could not start: %r", error)
        return _refused(request, _failed())


def sso_callback(request: HttpRequest) -> HttpResponse:
    _configured()
    try:
        token = sso.provider().authorize_access_token(request, claims_options=sso.required_claims())
        claims = token.get("userinfo")
        if not claims:
            return _refused(request, _failed())
        user = sso.account_for(dict(claims))
    except sso.Refused as refusal:
        return _refused(request, str(refusal))
    except sso.PROVIDER_ERRORS as error:
        log.warning("Single sign-on refused: %r", error)
        return _refused(request, _failed())
    actions.grant_memberships_from_groups(
        acting_user=user, groups=sso.groups_of(claims), mapping=sso.group_mapping()
    )
    next_url = request.session.pop(sso.NEXT, "")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[sso.ID_TOKEN] = token["id_token"]
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


def _failed() -> str:
    return _(
        "Signing in with %(provider)s did not succeed: its answer could not be accepted. "
        "Try again, or sign in with your Kedja password."
    ) % {"provider": sso.provider_name()}


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    actions.record_failed_sign_in(username="", reason="single_sign_on")
    context = {"reason": reason, "sso_name": sso.provider_name()}
    return render(request, "organisations/sso_refused.html", context, status=403)
