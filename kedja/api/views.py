"""The API tokens page: a user creates, sees and revokes their own personal access tokens."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kedja.api import actions, queries
from kedja.api.forms import TokenForm
from kedja.core.run import run_action, run_form


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    context = {"form": form, "tokens": queries.tokens_of(request.user)}
    created = run_form(request, form, actions.create_token)
    if created:
        token, secret = created.result
        # Shown in this response only: the secret is not stored, so no later page can show it.
        context.update(form=TokenForm(), created=token, secret=secret)
    response = render(request, "api/token_list.html", context)
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, uuid: UUID) -> HttpResponse:
    token = queries.get_token_for_user(request.user, uuid)
    success = _("The token %(name)s was revoked.") % {"name": token.name}
    run_action(request, actions.revoke_token, token=token, success=success)
    return redirect("tokens:list")
