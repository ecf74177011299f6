"""The one shape of the follow-up's POST-only form views: a form posted from an object's page runs
its action, and the page is shown again."""

from collections.abc import Callable
from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kedja.core.run import run_posted_form


def run_and_return(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[..., Any],
    page: tuple[str, Any],
    /,
    *,
    success: str,
    **arguments: Any,
) -> HttpResponse:
    """Run `action` with the posted `form` as `run_posted_form` does (what is wrong with the input is
    said in a message), then go back to `page`, a URL name and the uuid it takes, however it went."""
    run_posted_form(request, form, action, success=success, **arguments)
    name, uuid = page
    return redirect(name, uuid=uuid)
