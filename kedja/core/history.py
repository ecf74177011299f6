"""History tables in words: what happened, to which field, with values as the forms show them.

The audit log keeps stable keys (`contracts.contract.updated`, `penalty_per_week_sek`,
`raw_material`); people read the model's field labels and the choices' labels in their language.
A key that names no field keeps a readable form of itself, never the raw key.

Overwritten text is kept as versions: an action records a text field's change as [old, new], so
the n-th such entry of an object holds version n (before) and version n + 1 (after). A history row
shows the version a text change made and, word by word, what changed from the one before.
"""

import dataclasses
import difflib
import re
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kedja.core.action_labels import ACTION_LABELS, CHANGE_LABELS, VALUE_LABELS
from kedja.core.models import AuditEntry


@dataclass(frozen=True)
class Change:
    label: str
    value: str
    version: int | None = None  # the version of an overwritten text that this change made
    diff: list[tuple[str, str]] = dataclasses.field(
        default_factory=list
    )  # ("same" | "removed" | "added", words)
    lang: str = ""  # the language of the value when the field holds one language ("title_en")


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    actor: Any
    what: str
    changes: list[Change]
    entry: AuditEntry


# Country names by ISO3, read once per history table (not once per entry that names countries).
_COUNTRY_NAMES: ContextVar[dict[str, str] | None] = ContextVar("history_country_names", default=None)


def readable(entries, *, with_versions: bool = True) -> list[HistoryRow]:
    """Entries in words; `with_versions` adds each overwritten text's version and word diff (an
    export of old → new values leaves them out: counting versions reads the objects' whole logs)."""
    entries = list(entries)
    versions = _versions(entries) if with_versions else None
    token = _COUNTRY_NAMES.set({})
    try:
        return [
            HistoryRow(entry.at, entry.actor, action_label(entry.action), _changes(entry, versions), entry)
            for entry in entries
        ]
    finally:
        _COUNTRY_NAMES.reset(token)


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else _("Other change")


def _changes(entry: AuditEntry, versions: dict[tuple[int, str], int] | None) -> list[Change]:
    model = _model(entry.object_type)
    app_label = entry.object_type.split(".")[0]
    changes = []
    for key, value in (entry.changes or {}).items():
        field = _field(model, app_label, key)
        label = capfirst(_label(field, key) or _(key.replace("_", " ")))
        lang = value_language(key)
        if versions is not None and _is_text_change(field, value):
            version, words = versions.get((entry.pk, key)), text_diff(value[0] or "", value[1] or "")
            changes.append(Change(label, _value_text(field, app_label, value), version, words, lang))
        else:
            changes.append(Change(label, _value_text(field, app_label, value), lang=lang))
    return changes


def value_language(key: str) -> str:
    """ "sv" or "en" for a field that holds text in one language (`title_sv`, `text_en`), so pages
    mark it with `lang` for screen readers and the language crawl; else ""."""
    language = key.rsplit("_", 1)[-1]
    return language if language in ("sv", "en") and key != language else ""


def _is_text_change(field, value: Any) -> bool:
    """An overwritten text: [old, new] strings of a text field, or of a key that names no field
    when one side is prose (has a space), so codes, dates and numbers are not shown as versions."""
    if not isinstance(value, list) or len(value) != 2:
        return False
    if not all(side is None or isinstance(side, str) for side in value) or value == [None, None]:
        return False
    if isinstance(field, models.TextField):
        return True
    prose = any(side and re.search(r"\s", side) for side in value)
    return prose and (field is None or (isinstance(field, models.CharField) and not field.choices))


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """What changed from `old` to `new`, word by word: ("same" | "removed" | "added", text) parts."""
    before, after = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("same", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            parts.append(("removed", "".join(before[a1:a2])))
        if b2 > b1:
            parts.append(("added", "".join(after[b1:b2])))
    return parts


def _versions(entries: list[AuditEntry]) -> dict[tuple[int, str], int]:
    """(entry id, key) → the version its text change made, counted over the object's whole log
    (one query for all the objects in `entries`, however few of their entries are shown)."""
    wanted = {
        (entry.object_type, entry.object_id)
        for entry in entries
        if _text_keys(entry.object_type, entry.changes)
    }
    if not wanted:
        return {}
    objects = Q()
    for object_type, object_id in wanted:
        objects |= Q(object_type=object_type, object_id=object_id)
    rows = AuditEntry.objects.filter(objects).order_by("id")
    counts: dict[tuple[str, str, str], int] = defaultdict(lambda: 1)
    versions = {}
    for pk, object_type, object_id, changes in rows.values_list("id", "object_type", "object_id", "changes"):
        for key in _text_keys(object_type, changes):
            counts[object_type, object_id, key] += 1
            versions[pk, key] = counts[object_type, object_id, key]
    return versions


def _text_keys(object_type: str, changes: dict | None) -> list[str]:
    model, app_label = _model(object_type), object_type.split(".")[0]
    return [
        key for key, value in (changes or {}).items() if _is_text_change(_field(model, app_label, key), value)
    ]


def change_label(object_type: str, key: str) -> str | None:
    """The label of a change's key on an object of `object_type`; None when Kedja has none."""
    return _label(_field(_model(object_type), object_type.split(".")[0], key), key)


def _label(field, key: str) -> str | None:
    """The label of a change's key: its field's label, a label for keys that name no field, or
    the catalogue's words for the key (a contact's phone recorded on its supplier). None: unknown."""
    untranslated = field is not None and not isinstance(field.verbose_name, Promise)
    if field is not None and not (untranslated and key in CHANGE_LABELS):
        return _(str(field.verbose_name))  # a relation without a label of its own has its name
    if key in CHANGE_LABELS:
        return str(CHANGE_LABELS[key])
    words = key.replace("_", " ")
    translated = _(words)
    return translated if translated != words else None


def _value_text(field, app_label: str, value: Any) -> str:
    if _is_old_new(field, value):
        old, new = value
        return f"{_one(field, app_label, old)} → {_one(field, app_label, new)}"
    return _one(field, app_label, value)


def _is_old_new(field, value: Any) -> bool:
    """A diff is stored as [old, new]; a many-valued field's value is a list of its own."""
    if not isinstance(value, list) or len(value) != 2:
        return False
    many = field is not None and (field.many_to_many or isinstance(field, models.JSONField))
    return not many or all(isinstance(side, list) for side in value)


def _one(field, app_label: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if _is_country(field) and isinstance(value, str | list):
        return _country_names(field.related_model, value if isinstance(value, list) else [value])
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(_one(field, app_label, item) for item in value)
    if isinstance(value, dict):
        return ", ".join(
            f"{capfirst(str(k).replace('_', ' '))}: {_one(None, app_label, v)}" for k, v in value.items()
        )
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    label = choices.get(value) or _choice_keys(app_label).get(str(value)) or VALUE_LABELS.get(str(value))
    return str(label) if label is not None else str(value)


def _is_country(field) -> bool:
    """A relation to countries, recorded by ISO3 code (`PAK`): shown by the country's name."""
    related = getattr(field, "related_model", None)
    return related is not None and any(f.name == "iso3" for f in related._meta.get_fields())


def _country_names(country_model, codes: list) -> str:
    names = _COUNTRY_NAMES.get()
    if names is None:  # outside a history table: nothing to share the read with
        names = {}
    if not names:
        names.update({country.iso3: str(country) for country in country_model.objects.all()})
    return ", ".join(names.get(str(code), str(code)) for code in codes)


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


@cache
def _field(model, app_label: str, key: str):
    """The field a change's key names: on the object's model, else on another model of its app
    (an action may record a child's fields on its parent, a contact's on the supplier)."""
    candidates = [model] if model is not None else []
    candidates += _app_models(app_label)
    for candidate in candidates:
        try:
            field = candidate._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        if not field.auto_created:  # a reverse relation has no label of its own
            return field
    return None


def _app_models(app_label: str) -> list[type[models.Model]]:
    try:
        return list(apps.get_app_config(app_label).get_models())
    except LookupError:
        return []


@cache
def _choice_keys(app_label: str) -> dict[str, Any]:
    """Every choice key of the app's fields, with its (lazy) label: a list stored in a JSON field
    holds keys of a choice field elsewhere in the app (a contract's site types are sites' types)."""
    keys: dict[str, Any] = {}
    for model in _app_models(app_label):
        for field in model._meta.get_fields():
            for key, label in getattr(field, "flatchoices", None) or []:
                keys.setdefault(str(key), label)
    return keys
