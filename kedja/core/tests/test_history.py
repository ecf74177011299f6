"""History tables read as words: action labels, field labels and choice labels, never raw keys."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

from kedja.core import history
from kedja.core.action_labels import ACTION_LABELS
from kedja.core.audit import record
from kedja.core.models import AuditEntry

KEDJA = Path(__file__).resolve().parents[2]


def _recorded_codes() -> tuple[set[str], set[str]]:
    """Action codes passed to record() in the project's code: whole codes, and the fixed start of
    codes built with an f-string (`f"contracts.site.{verb}"`)."""
    codes, prefixes = set(), set()
    for path in KEDJA.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = getattr(node, "func", None)
            if not isinstance(node, ast.Call) or getattr(called, "id", getattr(called, "attr", "")) not in (
                "record",
                "record_event",
            ):
                continue
            if not node.args:
                continue
            code = node.args[0]
            for part in (code.body, code.orelse) if isinstance(code, ast.IfExp) else (code,):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    codes.add(part.value)
                elif isinstance(part, ast.JoinedStr) and isinstance(part.values[0], ast.Constant):
                    prefixes.add(part.values[0].value)
    return codes, prefixes


def test_every_recorded_action_has_a_label():
    codes, prefixes = _recorded_codes()
    assert len(codes) > 100, "the code walk found too few record() calls to be trusted"
    missing = sorted(code for code in codes if "." in code and code not in ACTION_LABELS)
    assert not missing, f"add a label to kedja/core/action_labels.py for: {missing}"
    for prefix in prefixes:
        assert any(code.startswith(prefix) for code in ACTION_LABELS), f"no label for codes {prefix}…"


@pytest.mark.django_db
def test_a_contract_change_reads_in_swedish_with_labels_and_choices(personas):
    AuditEntry.objects.create(
        action="contracts.contract.updated",
        object_type="contracts.contract",
        object_id="1",
        object_repr="AVT-1",
        actor=personas.olle,
        changes={
            "penalty_per_week_sek": [1000, 2500],
            "traceability_site_types": ["raw_material", "component"],
            "is_framework_agreement": [False, True],
            "supplier": "MediSupply Nordic AB",
            "file": "avtal.xlsx",
        },
    )
    with translation.override("sv"):
        (row,) = history.readable(AuditEntry.objects.filter(action="contracts.contract.updated"))
        shown = {change.label: change.value for change in row.changes}
    assert row.what == "Avtal ändrat"
    assert shown == {
        "Vite per påbörjad vecka (kr exkl. moms)": "1000 → 2500",
        "Typer av anläggningar som ska redovisas": "Råvaruutvinning, Komponenttillverkning",
        "Ramavtal": "Nej → Ja",
        "Leverantör": "MediSupply Nordic AB",
        "Fil": "avtal.xlsx",
    }


@pytest.mark.django_db
def test_an_unknown_action_and_key_never_show_the_raw_code(personas):
    record("someapp.thing.frobbed", personas.olle, actor=None, changes={"frob_count": 3})
    with translation.override("sv"):
        (row,) = history.readable(AuditEntry.objects.filter(action="someapp.thing.frobbed"))
    assert row.what == "Övrig ändring"
    assert [(c.label, c.value) for c in row.changes] == [("Frob count", "3")]
