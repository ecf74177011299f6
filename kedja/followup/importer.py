"""Import the findings of an existing audit report (SMETA, amfori BSCI, RBA …) from Kedja's template.

Every row is validated first; a single bad row means nothing is written (all-or-nothing).
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core.exports import csv_text, xlsx_bytes
from kedja.core.tables import Limits, read_table
from kedja.reference.models import CodeArea, Issue, Requirement

from .actions.findings import record_finding
from .models import FindingKind, Involvement, SiteAudit
from .queries import validate_finding_fields

COLUMNS = [
    "kind",
    "code_area",
    "requirement_key",
    "issue_code",
    "title",
    "description",
    "scale",
    "scope_band",
    "vulnerable_groups",
    "irremediability",
    "zero_tolerance",
    "supplier_involvement",
    "deadline",
]


def template_row(**values: str) -> list[str]:
    """A row of the template: the columns given filled in, "no" in the yes/no columns left out, the
    other columns empty."""
    defaults = {"vulnerable_groups": "no", "zero_tolerance": "no"}
    return [values.get(column, defaults.get(column, "")) for column in COLUMNS]


EXAMPLE_ROWS = [
    template_row(
        kind="deviation",
        code_area="labour_rights",
        issue_code="recruitment_fees",
        title="Workers paid recruitment fees",
        description="Migrant workers paid agency fees of 1–3 monthly wages.",
        scale="4",
        scope_band="3",
        vulnerable_groups="yes",
        irremediability="2",
        supplier_involvement="contribute",
        deadline="2026-09-30",
    ),
    template_row(
        kind="observation",
        code_area="labour_rights",
        issue_code="working_hours",
        title="Overtime records incomplete",
    ),
    template_row(kind="positive", code_area="environment", title="Wastewater treatment certified"),
]
YES = {"yes", "ja", "true", "1", "y", "x"}
NO = {"no", "nej", "false", "0", "n", ""}
MAX_ROWS = 2_000  # an audit report has tens of findings; more is a wrong file


@dataclass
class ImportResult:
    created: int = 0
    errors: list[str] = field(default_factory=list)


def template_csv() -> str:
    return csv_text([COLUMNS, *EXAMPLE_ROWS])


def template_xlsx() -> bytes:
    return xlsx_bytes([("findings", [COLUMNS, *EXAMPLE_ROWS])])


def read_rows(uploaded) -> list[dict[str, str]]:
    """Rows of a CSV or XLSX upload as dicts keyed by the template's column names."""
    _info, values = read_table(uploaded, Limits(rows=MAX_ROWS, columns=len(COLUMNS) + 20))
    header = [h.strip().lower() for h in values[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            _("Columns missing from the template: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows = []
    for raw in values[1:]:
        if not any(cell.strip() for cell in raw):
            continue
        rows.append({name: (raw[i].strip() if i < len(raw) else "") for i, name in enumerate(header)})
    if not rows:
        raise ValidationError(_("The file has no findings."))
    return rows


def _int(value: str, name: str) -> int | None:
    if not value:
        return None
    try:
        return int(float(value))
    except ValueError:
        raise ValidationError({name: _("“%(value)s” is not a number.") % {"value": value}}) from None


def _bool(value: str, name: str) -> bool:
    if value.lower() in YES:
        return True
    if value.lower() in NO:
        return False
    raise ValidationError({name: _("Write yes or no.")})


def parse_row(row: dict[str, str], *, requirements: dict[str, Requirement], issues: dict[str, Issue]) -> dict:
    """Turn one template row into record_finding arguments; raise ValidationError naming the column."""
    kind = row["kind"].lower()
    if kind not in FindingKind.values:
        raise ValidationError({"kind": _("Use deviation, observation or positive.")})
    if row["code_area"] and row["code_area"] not in CodeArea.values:
        raise ValidationError(
            {"code_area": _("Unknown code of conduct area “%(value)s”.") % {"value": row["code_area"]}}
        )
    if row["requirement_key"] and row["requirement_key"] not in requirements:
        raise ValidationError(
            {"requirement_key": _("Unknown requirement “%(value)s”.") % {"value": row["requirement_key"]}}
        )
    if row["issue_code"] and row["issue_code"] not in issues:
        raise ValidationError({"issue_code": _("Unknown issue “%(value)s”.") % {"value": row["issue_code"]}})
    if row["supplier_involvement"] and row["supplier_involvement"] not in Involvement.values:
        raise ValidationError({"supplier_involvement": _("Use cause, contribute or linked.")})
    try:
        deadline = date.fromisoformat(row["deadline"]) if row["deadline"] else None
    except ValueError:
        raise ValidationError({"deadline": _("Write the date as YYYY-MM-DD.")}) from None
    issue = issues.get(row["issue_code"])
    args = {
        "kind": kind,
        "code_area": row["code_area"] or (issue.area if issue else ""),
        "requirement": requirements.get(row["requirement_key"]),
        "issue": issue,
        "title": row["title"],
        "description": row["description"],
        "scale": _int(row["scale"], "scale") or (issue.default_scale if issue else None),
        "scope_band": _int(row["scope_band"], "scope_band"),
        "vulnerable_groups": _bool(row["vulnerable_groups"], "vulnerable_groups"),
        "irremediability": _int(row["irremediability"], "irremediability")
        or (issue.default_irremediability if issue else None),
        "zero_tolerance": _bool(row["zero_tolerance"], "zero_tolerance"),
        "supplier_involvement": row["supplier_involvement"],
        "deadline": deadline,
    }
    if args["zero_tolerance"] and kind != FindingKind.DEVIATION:
        raise ValidationError({"zero_tolerance": _("Only a deviation can be a zero-tolerance deviation.")})
    validate_finding_fields(
        kind=kind,
        title=args["title"],
        issue=issue,
        requirement=args["requirement"],
        scale=args["scale"],
        scope_band=args["scope_band"],
        irremediability=args["irremediability"],
        buyer_involvement="",
        supplier_involvement=args["supplier_involvement"],
        code_area=args["code_area"],
        deadline=deadline,
    )
    return args


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


def import_site_findings(*, acting_user, audit: SiteAudit, uploaded) -> ImportResult:
    """Validate every row, then record all findings in one transaction, or none with row-level errors."""
    try:
        rows = read_rows(uploaded)
    except ValidationError as error:
        return ImportResult(errors=[_messages(error)])
    requirements = {r.key: r for r in Requirement.objects.all()}
    issues = {i.code: i for i in Issue.objects.all()}
    parsed, errors = [], []
    for number, row in enumerate(rows, start=2):
        try:
            parsed.append(parse_row(row, requirements=requirements, issues=issues))
        except ValidationError as error:
            errors.append(_("Row %(row)d: %(message)s") % {"row": number, "message": _messages(error)})
    if errors:
        return ImportResult(errors=errors)
    with transaction.atomic():
        for args in parsed:
            record_finding(acting_user=acting_user, case=audit.case, site_audit=audit, **args)
    return ImportResult(created=len(parsed))
