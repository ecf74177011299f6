"""Every public writer in an app's action modules is atomic, keyword-only and leaves an audit entry.

The rule is architecture.md convention 1. The test reads the source (decorators, signatures, calls)
rather than running the actions, so it covers every action of every app, also the ones a feature
adds later. "Records to the audit log" means the writer calls `record` (kedja.core.audit) itself or
through a helper of its own app's action modules that does. Every public function of an action
module counts as a writer: a read or a pure check belongs in the app's queries or rules modules.
"""

import ast
import importlib
import inspect
from pathlib import Path

import pytest

KEDJA = Path(__file__).resolve().parents[2]

# Writers Kedja runs itself, with no person acting (a supplier's zero-tolerance report makes Kedja
# open a case and record the deviation): atomic, keyword-only and audited, but with no acting_user.
SYSTEM_WRITERS = {
    "kedja.followup.actions.cases.open_case_for_report",
    "kedja.followup.actions.findings.record_self_reported_deviation",
    # A grievance is reported anonymously, without an account; the reporter's secret is the key.
    "kedja.grievance.actions.submit_report",
    "kedja.grievance.actions.add_reporter_information",
    # The reminder task notes when it last reminded the handlers.
    "kedja.grievance.actions.mark_reminded",
    # A refused sign-in has no one signed in: it is logged under the address typed.
    "kedja.organisations.actions.record_failed_sign_in",
    # Screening raises alerts, and screens a supplier or site that someone added or changed.
    "kedja.watchlists.actions.raise_alerts",
    "kedja.watchlists.actions.screen_changed_subjects",
}


def _action_modules() -> list[str]:
    # An app's writers live in actions.py, an actions/ package, or a topic's *_actions.py (risk's
    # spend screening).
    paths = sorted(KEDJA.glob("*/actions.py")) + sorted(KEDJA.glob("*/actions/*.py"))
    paths += sorted(KEDJA.glob("*/*_actions.py"))
    modules = []
    for path in paths:
        if path.name.startswith("_") and path.name != "__init__.py":
            continue  # private helper modules (followup/actions/_common.py) hold no public writers
        if path.name == "__init__.py":
            continue  # a package's __init__ only re-exports
        modules.append(".".join(path.relative_to(KEDJA.parent).with_suffix("").parts))
    return modules


def _functions(module_name: str) -> dict[str, ast.FunctionDef]:
    source = inspect.getsource(importlib.import_module(module_name))
    return {node.name: node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}


def _called_names(function: ast.FunctionDef) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            called = node.func
            names.add(called.id if isinstance(called, ast.Name) else getattr(called, "attr", ""))
    return names


def _recorders(app: str) -> set[str]:
    """Names of the functions in the app's action modules (private helpers included) that record."""
    functions = {}
    paths = [
        *KEDJA.glob(f"{app}/actions.py"),
        *KEDJA.glob(f"{app}/actions/*.py"),
        *KEDJA.glob(f"{app}/*_actions.py"),
    ]
    for path in paths:
        module = ".".join(path.relative_to(KEDJA.parent).with_suffix("").parts)
        functions.update(_functions(module))
    calls = {name: _called_names(function) for name, function in functions.items()}
    # `record_many` is `record` for bulk actions (one batched insert of many entries); `record_event`
    # is `record` for what is not a row (a refused sign-in).
    recorders = {name for name, called in calls.items() if called & {"record", "record_many", "record_event"}}
    while True:
        more = {name for name, called in calls.items() if called & recorders} - recorders
        if not more:
            return recorders
        recorders |= more


def _writers():
    for module_name in _action_modules():
        module = importlib.import_module(module_name)
        for name, node in _functions(module_name).items():
            qualified = f"{module_name}.{name}"
            if name.startswith("_"):
                continue
            yield pytest.param(module, node, id=qualified)


def test_every_app_with_actions_is_walked():
    apps = {name.split(".")[1] for name in _action_modules()}
    assert {
        "api",
        "contracts",
        "followup",
        "grievance",
        "organisations",
        "plans",
        "reference",
        "reports",
        "risk",
        "suppliers",
        "training",
    } <= apps


@pytest.mark.parametrize(("module", "node"), _writers())
def test_public_writer_is_atomic(module, node):
    decorators = {ast.unparse(decorator) for decorator in node.decorator_list}
    # Or its writes are all in one `with transaction.atomic():` block, when it first reads or stores
    # a file outside the transaction (risk's spend screening).
    blocks = [
        ast.unparse(item.context_expr)
        for statement in ast.walk(node)
        if isinstance(statement, ast.With)
        for item in statement.items
    ]
    atomic = decorators & {"transaction.atomic", "atomic"} or "transaction.atomic()" in blocks
    assert atomic, f"{node.name} is not @transaction.atomic"


@pytest.mark.parametrize(("module", "node"), _writers())
def test_public_writer_takes_keyword_only_arguments_with_acting_user(module, node):
    parameters = inspect.signature(getattr(module, node.name)).parameters.values()
    positional = [p.name for p in parameters if p.kind not in (p.KEYWORD_ONLY, p.VAR_KEYWORD)]
    assert not positional, f"{node.name} takes {positional} by position"
    if f"{module.__name__}.{node.name}" not in SYSTEM_WRITERS:
        assert "acting_user" in {p.name for p in parameters}, f"{node.name} has no acting_user"


@pytest.mark.parametrize(("module", "node"), _writers())
def test_public_writer_records_to_the_audit_log(module, node):
    app = module.__name__.split(".")[1]
    assert node.name in _recorders(app), f"{node.name} writes no audit entry"


def test_the_list_of_system_writers_names_only_functions_that_exist():
    for qualified in SYSTEM_WRITERS:
        module_name, name = qualified.rsplit(".", 1)
        assert name in _functions(module_name), f"{qualified} is gone: remove it from the list"
