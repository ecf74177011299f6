"""The one way a view runs an action, so every page refuses and reports in the same way."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest


@dataclass(frozen=True)
class Outcome:
    """What `run_action` did: true when the action ran, with what it returned in `result`."""

    ok: bool
    result: Any = None

    def __bool__(self) -> bool:
        return self.ok


def run_action(
    request: HttpRequest,
    action: Callable[..., Any],
    /,
    *,
    form: BaseForm | None = None,
    success: str = "",
    **arguments: Any,
) -> Outcome:
    """Call `action(acting_user=request.user, **arguments)` with the policy every view shares.

    - Forbidden (`PermissionDenied`): raises `Http404`, the same answer as for a missing object,
      so a refusal never tells an outsider that the object exists.
    - Invalid (`ValidationError`, the domain error every action raises for a broken rule): the
      write changed nothing (actions are atomic), so the user is told why — on `form` when one
      is given (errors keyed by a field of the form go to that field, the rest above the form),
      otherwise as an error message on the page the view goes to next.
    - Done: `success`, when given, is shown as a message.

    Returns an `Outcome` that is true when the action ran; `outcome.result` is its return value.
    """
    return _run(request, partial(action, acting_user=request.user, **arguments), form=form, success=success)


def run_anonymous_action(
    request: HttpRequest,
    action: Callable[..., Any],
    /,
    *,
    form: BaseForm | None = None,
    success: str = "",
    **arguments: Any,
) -> Outcome:
    """`run_action` for the few writers that take no acting user (a grievance reported without an
    account): `action(**arguments)`, refused and reported by the same policy."""
    return _run(request, partial(action, **arguments), form=form, success=success)


def _run(request: HttpRequest, call: Callable[[], Any], *, form: BaseForm | None, success: str) -> Outcome:
    try:
        result = call()
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
        else:
            add_errors(form, error)
        return Outcome(ok=False)
    if success:
        messages.success(request, success)
    return Outcome(ok=True, result=result)


def add_errors(form: BaseForm, error: ValidationError) -> None:
    """Put an action's `ValidationError` on `form`: on the named field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def posted(request: HttpRequest, form: BaseForm) -> bool:
    """True when `request` is a POST and `form` (bound to its data) is valid: the moment to run."""
    return request.method == "POST" and form.is_valid()


def run_posted_form(
    request: HttpRequest, form: BaseForm, action: Callable[..., Any], /, **arguments: Any
) -> Outcome:
    """For a form posted to a view that redirects afterwards (no page to show the form again on):
    run `action` with the form's cleaned data and `arguments` when the form is valid; otherwise
    say in an error message what is wrong with the input, and run nothing."""
    if not valid_or_report(request, form):
        return Outcome(ok=False)
    return run_action(request, action, **arguments, **form.cleaned_data)


def valid_or_report(request: HttpRequest, form: BaseForm) -> bool:
    """True when the posted `form` is valid; otherwise say in an error message what is wrong with
    the input. For views that redirect afterwards and so have no page to show the form again on."""
    if form.is_valid():
        return True
    messages.error(request, form.errors.as_text())
    return False


def run_form(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[..., Any],
    /,
    *,
    success: str = "",
    **arguments: Any,
) -> Outcome:
    """`run_action` for a form whose fields are the action's arguments: when `request` posts a valid
    `form`, run `action` with its cleaned data plus `arguments`, errors going onto the form. On a GET
    or invalid input nothing runs and the outcome is false, so the view shows the form again."""
    if not posted(request, form):
        return Outcome(ok=False)
    return run_action(request, action, form=form, success=success, **form.cleaned_data, **arguments)


def run_upload_form(
    request: HttpRequest, form: BaseForm, action: Callable[..., Any], /, **arguments: Any
) -> Outcome:
    """`run_form` for a form with a file in its field `file`, which the action takes as `uploaded`
    (the name every action that reads or stores an upload gives it); `success` goes in `arguments`."""
    if not posted(request, form):
        return Outcome(ok=False)
    data = dict(form.cleaned_data)
    return run_action(request, action, form=form, uploaded=data.pop("file"), **data, **arguments)
