"""Helpers shared by the follow-up views."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _


def run_action(request: HttpRequest, call: Callable, success: str) -> bool:
    """Run an action, turning domain errors into messages; True when it succeeded."""
    try:
        call()
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text or _("You may not do this."))
        return False
    messages.success(request, success)
    return True
