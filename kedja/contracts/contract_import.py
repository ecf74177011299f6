"""Bulk import of contracts (and their suppliers) from CSV or XLSX, for region officers.

The file is read by core's one table reader (encoding, delimiter, XLSX limits). Headers may be the
template's English keys or their Swedish names. Every row is parsed, then every row is run through
the same actions as the contract form (`create_supplier`, `create_contract`, `update_contract`)
inside one transaction with a savepoint per row, so each row's problems are exactly the form's.
The preview rolls that transaction back; the confirmation runs it again and keeps it only when
every row passes: all rows or none.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kedja.contracts import actions
from kedja.contracts.imports import ImportProblems, Problem
from kedja.contracts.models import Contract, ContractStatus
from kedja.core.exports import csv_text, xlsx_bytes
from kedja.core.tables import Limits, TableError, read_table
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.organisations.queries import actor_for, regions
from kedja.reference.models import Category, Country, DocumentKind, RequirementDocument
from kedja.reference.queries import category_for_cpv, current_document

MAX_ROWS = 5_000
SIGNING_SALT = "kedja.contracts.contract-import"

# Column key → its Swedish header. Either spelling is accepted, in any case.
COLUMNS = {
    "reference": gettext_lazy("contract reference"),
    "title": gettext_lazy("title"),
    "supplier": gettext_lazy("supplier"),
    "org_number": gettext_lazy("organisation number"),
    "supplier_country": gettext_lazy("supplier country"),
    "category": gettext_lazy("category"),
    "owning_regions": gettext_lazy("owning regions"),
    "cpv_codes": gettext_lazy("CPV codes"),
    "starts_on": gettext_lazy("start date"),
    "ends_on": gettext_lazy("end date"),
    "status": gettext_lazy("status"),
    "estimated_value_sek": gettext_lazy("estimated value (SEK)"),
    "framework_agreement": gettext_lazy("framework agreement"),
    "clause_version": gettext_lazy("clause version"),
}
# The Swedish headers, and other names contract registers commonly use for the same columns.
ALIASES = {
    "diarienummer": "reference",
    "benämning": "title",
    "leverantör": "supplier",
    "organisationsnummer": "org_number",
    "leverantörens land": "supplier_country",
    "kategori": "category",
    "ägande regioner": "owning_regions",
    "cpv-koder": "cpv_codes",
    "startdatum": "starts_on",
    "slutdatum": "ends_on",
    "uppskattat värde (kr)": "estimated_value_sek",
    "ramavtal": "framework_agreement",
    "version av avtalsvillkoret": "clause_version",
    "avtalsnummer": "reference",
    "avtals-id": "reference",
    "orgnr": "org_number",
    "org.nr": "org_number",
    "avtalsvillkor": "clause_version",
    "uppskattat värde (sek)": "estimated_value_sek",
    "avtalsvärde": "estimated_value_sek",
}
REQUIRED = ("reference", "title", "supplier", "starts_on")
YES = {"yes", "ja", "y", "j", "x", "1", "true", "sant"}
NO = {"no", "nej", "n", "0", "false", "falskt", ""}
EXAMPLE_ROW = {
    "reference": "RS-2025-17",
    "title": "Undersökningshandskar",
    "supplier": "Handskar AB",
    "org_number": "556677-8899",
    "supplier_country": "SWE",
    "category": "gloves",
    "owning_regions": "Region Stockholm",
    "cpv_codes": "33141420",
    "starts_on": "2025-03-01",
    "ends_on": "2028-02-29",
    "status": "active",
    "estimated_value_sek": "1200000",
    "framework_agreement": "ja",
    "clause_version": "clause-2024",
}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


@dataclass
class PlannedContract:
    """One row as it will be (or was) written."""

    row: int
    reference: str
    title: str
    supplier: str
    new_supplier: bool
    category: str
    regions: str
    created: bool


@dataclass
class ContractImportPlan:
    rows: list[PlannedContract] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for row in self.rows if row.created)

    @property
    def updated(self) -> int:
        return len(self.rows) - self.created

    @property
    def new_suppliers(self) -> int:
        return len({row.supplier for row in self.rows if row.new_supplier})


# Reading -----------------------------------------------------------------------------------------


def _column_of(header: str) -> str | None:
    """The column key of a header: the key itself, or its label in Swedish or English."""
    key = _key(header)
    if key in COLUMNS or key in ALIASES:
        return ALIASES.get(key, key)
    for language in ("sv", "en"):
        with translation.override(language):
            labels = {_key(str(label)): name for name, label in COLUMNS.items()}
        if key in labels:
            return labels[key]
    return None


def read_upload(uploaded) -> list[tuple[int, dict[str, str]]]:
    """The data rows as (spreadsheet row number, {column key: text}); ImportProblems for a bad file."""
    try:
        _info, values = read_table(uploaded, Limits(rows=MAX_ROWS, columns=len(COLUMNS) + 20))
    except TableError as error:
        raise ImportProblems([Problem(message) for message in error.messages]) from None
    header = [_column_of(h) for h in values[0]]
    unknown = [values[0][i] for i, name in enumerate(header) if name is None and values[0][i]]
    missing = [name for name in REQUIRED if name not in header]
    problems = []
    if missing:
        problems.append(Problem(_("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)}, row=1))
    if unknown:
        problems.append(Problem(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}, row=1))
    if problems:
        raise ImportProblems(problems)
    rows = [
        (number, {name: raw[i] if i < len(raw) else "" for i, name in enumerate(header) if name})
        for number, raw in enumerate(values[1:], start=2)
        if any(raw)
    ]
    if not rows:
        raise ImportProblems([Problem(_("The file has a header but no contracts."))])
    return rows


# Parsing one row ---------------------------------------------------------------------------------


class _Lookups:
    """Reference rows read once for the whole file."""

    def __init__(self):
        self.countries: dict[str, Country] = {}
        for country in Country.objects.all():
            for name in (country.iso3, country.iso2, country.name_sv, country.name_en):
                self.countries.setdefault(_key(name), country)
        self.categories: dict[str, Category] = {}
        for category in Category.objects.all():
            for name in (category.slug, category.name_sv, category.name_en):
                self.categories.setdefault(_key(name), category)
        self.regions: dict[str, Organisation] = {}
        for region in regions():
            for name in (region.slug, region.name, region.name_en, region.code):
                if name:
                    self.regions.setdefault(_key(name), region)
        self.clauses = {
            c.key: c for c in RequirementDocument.objects.filter(kind=DocumentKind.CONTRACT_CLAUSE)
        }
        self.current_clause = current_document(DocumentKind.CONTRACT_CLAUSE)


class RowError(ValidationError):
    """Problems of one row's cells, keyed by column."""


def _date(value: str, column: str, errors: dict) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        errors[column] = _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}
        return None


def _value(value: str, errors: dict) -> Decimal | None:
    cleaned = value.replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        errors["estimated_value_sek"] = _("“%(value)s” is not an amount.") % {"value": value}
        return None
    if amount < 0:
        errors["estimated_value_sek"] = _("The value cannot be negative.")
    return amount.quantize(Decimal(1))


def _status(value: str, errors: dict) -> str:
    if not value:
        return ContractStatus.ACTIVE
    for code, label in ContractStatus.choices:
        if _key(value) in (code, _key(str(label))) or _key(value) in _SWEDISH_STATUS.get(code, ()):
            return code
    errors["status"] = _("Unknown status “%(value)s”: use planned, active or ended.") % {"value": value}
    return ContractStatus.ACTIVE


_SWEDISH_STATUS = {
    "planned": ("planerat", "planerad"),
    "active": ("aktivt", "aktiv", "pågående"),
    "ended": ("avslutat", "avslutad"),
}


def _flag(value: str, errors: dict) -> bool:
    if _key(value) in YES:
        return True
    if _key(value) not in NO:
        errors["framework_agreement"] = _("Write yes or no.")
    return False


def _owning_regions(value: str, actor, lookups: _Lookups, errors: dict) -> list[Organisation]:
    names = [part for part in re.split(r"[;,]", value) if part.strip()]
    if not names:
        # An officer of one region imports that region's contracts without naming it on every row.
        own = [r for r in lookups.regions.values() if r.pk in actor.officer_region_ids]
        return list(dict.fromkeys(own))[:1] if len(set(own)) == 1 else []
    found = [lookups.regions.get(_key(name)) for name in names]
    unknown = [name.strip() for name, region in zip(names, found, strict=True) if region is None]
    if unknown:
        errors["owning_regions"] = _("Unknown region: %(names)s.") % {"names": ", ".join(unknown)}
    return list(dict.fromkeys(r for r in found if r is not None))


def _category(value: str, cpv: str, lookups: _Lookups, errors: dict) -> Category | None:
    if value:
        category = lookups.categories.get(_key(value))
        if category is None:
            errors["category"] = _("Unknown category “%(value)s”.") % {"value": value}
        return category
    found = set()
    for code in re.split(r"[\s,;]+", cpv.strip()):
        if code:
            try:
                found.update(category_for_cpv(code))
            except ValidationError:
                continue
    if len(found) != 1:
        errors["category"] = _("Give the category: the CPV codes do not tell it.")
        return None
    return found.pop()


@dataclass
class _Row:
    supplier_name: str
    org_number: str
    country: Country | None
    data: actions.ContractInput


def _parse(row: dict[str, str], actor, lookups: _Lookups) -> _Row:
    errors: dict[str, str] = {}
    for column in REQUIRED:
        if not row.get(column, "").strip():
            errors[column] = _("This column must be filled in.")
    country_text = row.get("supplier_country", "").strip() or "SWE"
    country = lookups.countries.get(_key(country_text))
    if country is None:
        errors["supplier_country"] = _("Unknown country “%(value)s”.") % {"value": country_text}
    clause_key = row.get("clause_version", "").strip()
    clause = lookups.clauses.get(clause_key) if clause_key else lookups.current_clause
    if clause is None and clause_key:
        errors["clause_version"] = _("Unknown clause version “%(value)s”.") % {"value": clause_key}
    elif clause is None:
        errors["clause_version"] = _("No contract clause is in force today: give the clause version.")
    data = actions.ContractInput(
        reference=row.get("reference", ""),
        title=row.get("title", ""),
        supplier=None,
        category=_category(row.get("category", "").strip(), row.get("cpv_codes", ""), lookups, errors),
        owning_regions=_owning_regions(row.get("owning_regions", ""), actor, lookups, errors),
        starts_on=_date(row.get("starts_on", "").strip(), "starts_on", errors),
        ends_on=_date(row.get("ends_on", "").strip(), "ends_on", errors),
        clause_version=clause,
        status=_status(row.get("status", "").strip(), errors),
        cpv_codes=row.get("cpv_codes", ""),
        estimated_value_sek=_value(row.get("estimated_value_sek", ""), errors),
        is_framework_agreement=_flag(row.get("framework_agreement", ""), errors),
    )
    if errors:
        raise RowError(errors)
    return _Row(row["supplier"].strip(), row.get("org_number", "").strip(), country, data)


# Running the rows through the actions ------------------------------------------------------------


def _supplier(acting_user, row: _Row) -> tuple[Organisation, bool]:
    suppliers = Organisation.objects.filter(kind=OrganisationKind.SUPPLIER)
    number = actions.normalise_org_number(row.org_number, row.country) if row.org_number else ""
    found = (number and suppliers.filter(org_number=number).first()) or suppliers.filter(
        name__iexact=row.supplier_name
    ).first()
    if found:
        return found, False
    created = actions.create_supplier(
        acting_user=acting_user, name=row.supplier_name, country=row.country, org_number=number
    )
    return created, True


def _write(acting_user, row: _Row, number: int) -> PlannedContract:
    supplier, new_supplier = _supplier(acting_user, row)
    row.data.supplier = supplier
    existing = Contract.objects.filter(supplier=supplier, reference=row.data.reference.strip()).first()
    if existing:
        actions.update_contract(acting_user=acting_user, contract=existing, data=row.data)
    else:
        actions.create_contract(acting_user=acting_user, data=row.data)
    return PlannedContract(
        row=number,
        reference=row.data.reference.strip(),
        title=row.data.title.strip(),
        supplier=supplier.name,
        new_supplier=new_supplier,
        category=str(row.data.category),
        regions=", ".join(r.name for r in row.data.owning_regions),
        created=existing is None,
    )


def _row_problems(number: int, error: Exception) -> list[Problem]:
    if isinstance(error, PermissionDenied):
        return [Problem(str(error), number)]
    if hasattr(error, "error_dict"):
        return [Problem(m, number, column) for column, ms in error.message_dict.items() for m in ms]
    return [Problem(m, number) for m in error.messages]


def import_contracts(*, acting_user, rows: list[tuple[int, dict[str, str]]], dry_run: bool = False):
    """Check every row through the contract actions and write all of them, or none.

    Returns the ContractImportPlan (with `dry_run`, what would be written; nothing is kept). Raises
    ImportProblems listing every problem, by row and column, when any row fails.
    """
    actor = actor_for(acting_user)
    if not (actor.is_secretariat or actor.officer_region_ids):
        raise PermissionDenied(_("You may not register contracts."))
    lookups, plan, problems, seen = _Lookups(), ContractImportPlan(), [], {}
    with transaction.atomic():
        for number, raw in rows:
            try:
                with transaction.atomic():
                    row = _parse(raw, actor, lookups)
                    key = (_key(row.org_number or row.supplier_name), _key(row.data.reference))
                    if key in seen:
                        raise ValidationError(
                            {
                                "reference": _("Row %(row)d has the same supplier and reference.")
                                % {"row": seen[key]}
                            }
                        )
                    seen[key] = number
                    plan.rows.append(_write(acting_user, row, number))
            except (ValidationError, PermissionDenied) as error:
                problems.extend(_row_problems(number, error))
        if problems or dry_run:
            transaction.set_rollback(True)
    if problems:
        raise ImportProblems(problems)
    return plan


# Preview token and template ----------------------------------------------------------------------


def sign_rows(rows, *, file_name: str, user) -> str:
    """The checked rows as a signed token, so confirming needs no second upload and cannot alter them."""
    return signing.dumps(
        {"file": file_name, "rows": [[n, row] for n, row in rows]},
        salt=f"{SIGNING_SALT}:{user.pk}",
        compress=True,
    )


def unsign_rows(token: str, *, user):
    try:
        payload = signing.loads(token, salt=f"{SIGNING_SALT}:{user.pk}", max_age=3600)
    except signing.BadSignature:
        raise ValidationError(_("The preview has expired. Upload the file again.")) from None
    return payload["file"], [(n, row) for n, row in payload["rows"]]


def template_headers() -> list[str]:
    """The template's headers in the reader's language (either language is accepted back)."""
    return [str(label) for label in COLUMNS.values()]


def _template_rows() -> list[list[str]]:
    return [template_headers(), [EXAMPLE_ROW[name] for name in COLUMNS]]


def template_csv() -> str:
    return csv_text(_template_rows(), delimiter=";")


def template_xlsx() -> bytes:
    return xlsx_bytes([(_("Contracts"), _template_rows())])
