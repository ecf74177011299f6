"""The one policy for running an action from a view: forbidden is a 404, invalid says why."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory

from kedja.core.run import posted, run_action, run_form, run_posted_form


class NameForm(forms.Form):
    name = forms.CharField()


def _request():
    request = RequestFactory().post("/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _texts(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


def test_action_gets_the_signed_in_user_and_its_result_is_returned():
    request = _request()
    outcome = run_action(request, lambda *, acting_user, value: (acting_user, value), value=3, success="Done")
    assert outcome and outcome.result == (request.user, 3)
    assert _texts(request) == ["Done"]


def test_action_returning_nothing_still_counts_as_done():
    assert run_action(_request(), lambda *, acting_user: None)


def test_forbidden_action_is_the_same_404_as_a_missing_object():
    def forbidden(*, acting_user):
        raise PermissionDenied("no")

    with pytest.raises(Http404):
        run_action(_request(), forbidden)


def test_invalid_action_without_a_form_says_why_in_a_message():
    def invalid(*, acting_user):
        raise ValidationError("The plan is already approved.")

    request = _request()
    outcome = run_action(request, invalid, success="Done")
    assert not outcome and outcome.result is None
    assert _texts(request) == ["The plan is already approved."]


def test_invalid_action_puts_field_errors_on_their_field_and_the_rest_above_the_form():
    def invalid(*, acting_user):
        raise ValidationError({"name": "Taken.", "other": "Not a field of this form."})

    form = NameForm({"name": "x"})
    assert form.is_valid()
    request = _request()
    assert not run_action(request, invalid, form=form)
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Not a field of this form."]
    assert _texts(request) == []


def test_a_posted_valid_form_is_the_moment_to_run():
    request = _request()
    assert posted(request, NameForm({"name": "x"}))
    assert not posted(request, NameForm({"name": ""}))
    get = RequestFactory().get("/")
    assert not posted(get, NameForm({"name": "x"}))


def test_an_invalid_posted_form_runs_nothing_and_says_why():
    ran = []
    request = _request()
    outcome = run_posted_form(request, NameForm({"name": ""}), lambda **kwargs: ran.append(kwargs))
    assert not outcome and ran == []
    assert _texts(request) and "name" in _texts(request)[0]


def test_a_valid_posted_form_runs_with_its_data_and_the_arguments():
    request = _request()
    outcome = run_posted_form(
        request, NameForm({"name": "x"}), lambda *, acting_user, name, extra: (name, extra), extra=1
    )
    assert outcome.result == ("x", 1)


def test_run_form_runs_with_the_forms_fields_only_when_posted_and_valid():
    calls = []

    def action(*, acting_user, name, extra):
        calls.append((name, extra))
        return name

    request = _request()
    assert run_form(request, NameForm({"name": "x"}), action, extra=2, success="Saved").result == "x"
    assert not run_form(request, NameForm({"name": ""}), action, extra=2)
    assert not run_form(RequestFactory().get("/"), NameForm({"name": "x"}), action, extra=2)
    assert calls == [("x", 2)]
    assert _texts(request) == ["Saved"]
