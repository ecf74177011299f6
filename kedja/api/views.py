"""The API tokens page: a user creates, sees and revokes their own personal access tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.api import actions, queries
from kedja.api.forms import TokenForm


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    context = {"form": form, "tokens": queries.tokens_of(request.user)}
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = actions.create_token(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Shown in this response only: the secret is not stored, so no later page can show it.
            context.update(form=TokenForm(), created=token, secret=secret)
    response = render(request, "api/token_list.html", context)
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, uuid) -> HttpResponse:
    token = queries.get_token_for_user(request.user, uuid)
    actions.revoke_token(acting_user=request.user, token=token)
    messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
    return redirect("tokens:list")
