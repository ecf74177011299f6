"""Every form of the project, rendered in Swedish, shows no string of an English catalogue.

Forms are found, not listed: every Form and ModelForm subclass defined in a `kedja.<app>.forms`
module. Each is built with no arguments where it can be; a form whose constructor needs arguments
(querysets, the acting user, a case) is built through Django's base constructor, so its declared
fields are checked but fields it adds itself are not. What is checked is what a person reads:
labels, help texts, choice labels, error messages and the rendered form (Django's own strings such
as the empty choice's "- Select an option -" included).

"A string of an English catalogue" is a msgid of Django's, a contrib app's, a library's or one of
our apps' catalogues; it fails when Swedish renders it unchanged although it is not the same word
in Swedish (the Swedish catalogue has no translation, or a different one).
"""

import importlib
import inspect
import pkgutil
import re
from functools import cache
from html import unescape
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import trans_real

import kedja

pytestmark = pytest.mark.django_db

MSGID = re.compile(r'^msgid "(.*)"\n((?:".*"\n)*)', re.MULTILINE)


def form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for app in pkgutil.iter_modules(kedja.__path__):
        try:
            module = importlib.import_module(f"kedja.{app.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def build(cls: type[forms.BaseForm]) -> forms.BaseForm:
    try:
        form = cls()
    except (TypeError, KeyError, AttributeError, ValueError):
        form = cls.__new__(cls)
        base = forms.BaseModelForm if issubclass(cls, forms.BaseModelForm) else forms.BaseForm
        base.__init__(form)
    for field in form.fields.values():
        # A queryset the skipped constructor would have set: render the field with no rows.
        if isinstance(field, forms.ModelChoiceField) and field.queryset is None:
            field.queryset = ContentType.objects.none()
    return form


def _catalogue_files() -> list[Path]:
    roots = [Path(trans_real.__file__).parents[2] / "conf" / "locale" / "en"]
    roots += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    return [path for root in roots if root.is_dir() for path in root.rglob("django.po")]


@cache
def english_msgids() -> frozenset[str]:
    msgids = set()
    for path in _catalogue_files():
        for first, rest in MSGID.findall(path.read_text(encoding="utf-8")):
            text = first + "".join(line[1:-1] for line in rest.splitlines())
            text = text.encode().decode("unicode_escape").encode("latin-1").decode()
            if text.strip():
                msgids.add(text)
    return frozenset(msgids)


def shows_english(text: str) -> bool:
    """Whether `text`, shown in Swedish, is an English msgid Swedish does not write the same way."""
    text = str(text).strip()
    if text not in english_msgids():
        return False
    return trans_real.translation("sv")._catalog.get(text) != text


def texts(form: forms.BaseForm) -> list[str]:
    shown = []
    for field in form.fields.values():
        shown += [field.label or "", field.help_text or "", *field.error_messages.values()]
        choices = getattr(field, "choices", None)
        if isinstance(choices, list):
            for _value, label in choices:
                shown += [label for _v, label in label] if isinstance(label, list | tuple) else [label]
    html = unescape(re.sub(r"<[^>]+>", "\n", str(form)))
    return [str(text) for text in shown] + html.splitlines()


def test_the_project_has_forms_to_check():
    classes = form_classes()
    assert len(classes) > 40
    assert {cls.__module__.split(".")[1] for cls in classes} >= {"followup", "risk", "contracts", "plans"}


def test_every_form_reads_in_swedish():
    problems = []
    with translation.override("sv"):
        for cls in form_classes():
            form = build(cls)
            problems += [
                f"{cls.__module__}.{cls.__name__}: {text!r}" for text in texts(form) if shows_english(text)
            ]
    assert not problems, "English in Swedish forms:\n" + "\n".join(sorted(set(problems)))


def test_the_check_finds_django_strings_left_in_english():
    assert shows_english("This field is required.") is True  # had Swedish not been active
    with translation.override("sv"):
        assert str(forms.CharField().error_messages["required"]) == "Detta fält måste fyllas i."
    assert shows_english("Status") is False
