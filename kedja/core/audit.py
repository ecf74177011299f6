"""Writing and reading the audit log. Every action in every app calls record()."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models

from kedja.core.models import AuditEntry

# Entries that record a reading or a session rather than a change of what is stored.
NOT_CHANGES = (
    "core.document.downloaded",
    "core.export.downloaded",
    "organisations.user.signed_in",
    "organisations.user.sign_in_failed",
)


def latest_change() -> int:
    """The id of the newest entry that records a change. Every write goes through an action that
    records one, so it dates everything stored: figures computed after it are still true."""
    changes = AuditEntry.objects.exclude(action__in=NOT_CHANGES).order_by("-id")
    return changes.values_list("id", flat=True).first() or 0


def object_key(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def record(
    action: str, obj: models.Model, *, actor: Any, changes: dict[str, Any] | None = None
) -> AuditEntry:
    """Append an audit entry for `obj`. `changes` maps a field name to [old, new] or a value."""
    object_type, object_id = object_key(obj)
    return record_event(
        action, actor=actor, object_type=object_type, object_id=object_id, what=str(obj), changes=changes
    )


def record_event(
    action: str,
    *,
    actor: Any,
    object_type: str,
    what: str,
    object_id: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an audit entry about something that is not (or not yet) a row: a failed sign-in names
    the address typed, a download of a national dataset names the file."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=what[:300],
        changes=_jsonable(changes or {}),
    )


def record_download(obj: models.Model | None, *, actor: Any, filename: str, export: bool) -> AuditEntry:
    """Log a release: an export, or a download of a confidential document (who, when, which file).
    Called by the download views after their access check, so only what was handed out is logged;
    an export of figures that belong to no one row (a national dataset) is logged by its file name."""
    action = "core.export.downloaded" if export else "core.document.downloaded"
    if obj is None:
        return record_event(action, actor=actor, object_type="", what=filename, changes={"file": filename})
    return record(action, obj, actor=actor, changes={"file": filename})


def record_many(
    entries: Sequence[tuple[str, models.Model, Mapping[str, Any]]], *, actor: Any
) -> list[AuditEntry]:
    """`record` for many (action, object, changes) at once, in one batched insert (bulk actions)."""
    who = actor if getattr(actor, "is_authenticated", False) else None
    rows = []
    for action, obj, changes in entries:
        object_type, object_id = object_key(obj)
        rows.append(
            AuditEntry(
                actor=who,
                action=action,
                object_type=object_type,
                object_id=object_id,
                object_repr=str(obj)[:300],
                changes=_jsonable(changes or {}),
            )
        )
    return AuditEntry.objects.bulk_create(rows, batch_size=500)


def diff(instance: models.Model, values: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields in `values` whose value differs from the instance's, as {field: [old, new]}."""
    changed = {}
    for field, new in values.items():
        old = getattr(instance, field)
        if old != new:
            changed[field] = [old, new]
    return changed


def history(obj: models.Model):
    """The audit entries of one object, newest first."""
    object_type, object_id = object_key(obj)
    return AuditEntry.objects.filter(object_type=object_type, object_id=object_id).select_related("actor")


def without_fields(entries, hidden: set[str]) -> list[AuditEntry]:
    """History entries with the changes of `hidden` fields left out (not saved), for readers who may
    not see those fields: a history table shows only what its reader may see."""
    shown = []
    for entry in entries:
        entry.changes = {k: v for k, v in (entry.changes or {}).items() if k not in hidden}
        shown.append(entry)
    return shown


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "all") and callable(value.all):
        return [str(v) for v in value.all()]
    return str(value)
