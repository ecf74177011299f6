"""Reading and checking a supply-chain file (traceability disclosure, clause 4.3) before anything is written.

A supplier, or an editor of the contract, uploads the sites of one contract as CSV or XLSX. This
module only reads: it turns the file into rows, checks every row and returns a plan (or every
problem found, each with row number, column and reason). `actions.import_sites` writes the plan.
"""

import re
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from kedja.contracts.models import Contract, Site, SiteType
from kedja.core.exports import csv_text, xlsx_bytes
from kedja.core.tables import Limits, TableError, read_table
from kedja.reference.models import Country

COLUMNS = [
    "legal_name",
    "address",
    "country",
    "tier",
    "site_type",
    "supplies_to",
    "products",
    "workers",
    "confidential",
]
REQUIRED = ("legal_name", "country", "tier", "site_type")
EXAMPLE_ROWS = [
    ["Leverantör A AB", "Box 123, 111 22 Stockholm", "SWE", "1", "distribution", "", "Warehouse", "40", "no"],
    [
        "Klang Glove Works Sdn Bhd",
        "Jalan Industri 7, 41050 Klang",
        "MYS",
        "2",
        "final_manufacturing",
        "Leverantör A AB",
        "Nitrile examination gloves",
        "850",
        "yes",
    ],
    [
        "Selangor Latex Compounding",
        "Lot 12, Shah Alam",
        "Malaysia",
        "3",
        "component",
        "Klang Glove Works Sdn Bhd",
        "Nitrile latex",
        "120",
        "yes",
    ],
]
YES = {"yes", "ja", "true", "1", "y", "j", "x"}
NO = {"no", "nej", "false", "0", "n"}
MAX_ROWS = 10_000
MAX_TIER = 20
SIGNING_SALT = "kedja.contracts.site-import"


def _key(text: str) -> str:
    """Names compare case- and space-insensitively: "ACME  Ltd" is "acme ltd"."""
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass
class Problem:
    """One reason the file cannot be imported. `row` is the spreadsheet row (the header is row 1)."""

    message: str
    row: int | None = None
    column: str = ""


class ImportProblems(ValidationError):
    """Every problem found in a file; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([self.describe(p) for p in problems])

    @staticmethod
    def describe(problem: Problem) -> str:
        if problem.row is None:
            return problem.message
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": problem.row,
            "column": problem.column or "–",
            "message": problem.message,
        }


@dataclass
class PlannedSite:
    """One checked row: what will be written, and whether it updates an existing site."""

    row: int
    legal_name: str
    address: str
    country: Country
    tier: int
    site_type: str
    products: str
    workers: int | None
    is_confidential: bool
    existing: Site | None = None
    supplies_to_row: int | None = None  # index into the plan's rows
    supplies_to_site: Site | None = None
    supplies_to_name: str = ""

    @property
    def site_type_label(self) -> str:
        return SiteType(self.site_type).label


@dataclass
class ImportPlan:
    rows: list[PlannedSite] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for row in self.rows if row.existing is None)

    @property
    def updated(self) -> int:
        return len(self.rows) - self.created


# Reading the file --------------------------------------------------------------------------------


def read_upload(uploaded) -> list[tuple[int, dict[str, str]]]:
    """The data rows of an upload as (spreadsheet row number, {column: text}); blank rows skipped.

    Raises ImportProblems for a file that is too large, of the wrong type, empty, or whose header
    is not the template's.
    """
    try:
        _info, values = read_table(
            uploaded, Limits(rows=MAX_ROWS, columns=len(COLUMNS) + 20), allowed={"csv", "txt", "xlsx"}
        )
    except TableError as error:
        raise ImportProblems([Problem(message) for message in error.messages]) from None
    header = [h.strip().lower() for h in values[0]]
    _check_header(header)
    rows = []
    for number, raw in enumerate(values[1:], start=2):
        if any(raw):
            rows.append(
                (number, {name: (raw[i] if i < len(raw) else "") for i, name in enumerate(header) if name})
            )
    if not rows:
        raise ImportProblems([Problem(_("The file has a header but no sites."))])
    if len(rows) > MAX_ROWS:
        raise ImportProblems([Problem(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})])
    return rows


def _check_header(header: list[str]) -> None:
    problems = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.append(Problem(_("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)}, row=1))
    # An unknown column is most often a misspelt one whose values would silently be lost.
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        problems.append(
            Problem(
                _("Unknown columns: %(columns)s. The template's columns are: %(template)s.")
                % {"columns": ", ".join(unknown), "template": ", ".join(COLUMNS)},
                row=1,
            )
        )
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if repeated:
        problems.append(
            Problem(_("Columns given twice: %(columns)s.") % {"columns": ", ".join(repeated)}, row=1)
        )
    if problems:
        raise ImportProblems(problems)


# Checking the rows -------------------------------------------------------------------------------


class _Lookups:
    """Countries, site types and the contract's existing sites, each read once for the whole file."""

    def __init__(self, contract: Contract):
        self.countries: dict[str, Country] = {}
        for country in Country.objects.all():
            for name in (country.iso3, country.iso2, country.name_sv, country.name_en):
                if name:
                    self.countries.setdefault(_key(name), country)
        self.site_types: dict[str, str] = {}
        for value, label in SiteType.choices:
            self.site_types[value] = value
            for language in ("sv", "en"):
                with translation.override(language):
                    self.site_types[_key(str(label))] = value
        supplier_sites = list(Site.objects.filter(supplier_id=contract.supplier_id))
        self.by_name_country = {(_key(s.legal_name), s.country_id): s for s in supplier_sites}
        self.parent_of_site = {s.pk: s.supplies_to_id for s in supplier_sites}
        chain_ids = set(contract.sites.values_list("pk", flat=True))
        self.chain_by_name: dict[str, list[Site]] = {}
        for site in supplier_sites:
            if site.pk in chain_ids:
                self.chain_by_name.setdefault(_key(site.legal_name), []).append(site)


def _int(value: str, column: str, row: int, problems: list[Problem]) -> int | None:
    try:
        return int(value)
    except ValueError:
        problems.append(Problem(_("“%(value)s” is not a whole number.") % {"value": value}, row, column))
        return None


def _parse_row(number: int, row: dict[str, str], lookups: _Lookups, problems: list[Problem]):
    """One row into a PlannedSite, adding a Problem for each bad cell; None if any cell was bad."""
    found = len(problems)
    for column in REQUIRED:
        if not row.get(column, "").strip():
            problems.append(Problem(_("This column must be filled in."), number, column))
    name, raw_country = row.get("legal_name", ""), row.get("country", "")
    if len(name) > 300:
        problems.append(Problem(_("At most 300 characters."), number, "legal_name"))
    country = lookups.countries.get(_key(raw_country))
    if raw_country and country is None:
        problems.append(
            Problem(_("Unknown country “%(value)s”.") % {"value": raw_country}, number, "country")
        )
    tier = _int(row["tier"], "tier", number, problems) if row.get("tier") else None
    if tier is not None and not 1 <= tier <= MAX_TIER:
        problems.append(
            Problem(
                _("The tier is 1 (the contracted supplier) to %(max)d.") % {"max": MAX_TIER}, number, "tier"
            )
        )
    raw_type = row.get("site_type", "")
    site_type = lookups.site_types.get(raw_type) or lookups.site_types.get(_key(raw_type))
    if raw_type and site_type is None:
        problems.append(
            Problem(
                _("Unknown site type “%(value)s”. Use one of: %(types)s.")
                % {"value": raw_type, "types": ", ".join(SiteType.values)},
                number,
                "site_type",
            )
        )
    workers = _int(row["workers"], "workers", number, problems) if row.get("workers") else None
    if workers is not None and workers < 0:
        problems.append(Problem(_("The number of workers cannot be negative."), number, "workers"))
    products = row.get("products", "")
    if len(products) > 300:
        problems.append(Problem(_("At most 300 characters."), number, "products"))
    confidential = row.get("confidential", "").strip().lower()
    if confidential and confidential not in YES | NO:
        problems.append(Problem(_("Write yes or no."), number, "confidential"))
    if len(problems) > found:
        return None
    return PlannedSite(
        row=number,
        legal_name=re.sub(r"\s+", " ", name).strip(),
        address=row.get("address", "").strip(),
        country=country,
        tier=tier,
        site_type=site_type,
        products=products.strip(),
        workers=workers,
        # Unknown means confidential: disclosing a name by mistake cannot be undone.
        is_confidential=confidential not in NO,
        supplies_to_name=row.get("supplies_to", "").strip(),
    )


def _resolve_links(
    plan: list[PlannedSite], lookups: _Lookups, problems: list[Problem], names_in_file: set[str]
) -> None:
    """Point each row's supplies_to at another row, or at a site already in the contract's chain."""
    rows_by_name: dict[str, list[int]] = {}
    for index, site in enumerate(plan):
        rows_by_name.setdefault(_key(site.legal_name), []).append(index)
    for site in plan:
        wanted = _key(site.supplies_to_name)
        if not wanted:
            continue
        in_file, in_chain = rows_by_name.get(wanted, []), lookups.chain_by_name.get(wanted, [])
        if len(in_file) == 1:
            site.supplies_to_row = in_file[0]
        elif not in_file and len(in_chain) == 1:
            site.supplies_to_site = in_chain[0]
        elif not in_file and not in_chain and wanted in names_in_file:
            continue  # it names a row that has problems of its own, already reported
        elif in_file or in_chain:
            problems.append(
                Problem(
                    _("Several sites are called “%(name)s”; supplies_to cannot tell which one is meant.")
                    % {"name": site.supplies_to_name},
                    site.row,
                    "supplies_to",
                )
            )
        else:
            problems.append(
                Problem(
                    _("“%(name)s” is neither a row of this file nor a site in this contract's supply chain.")
                    % {"name": site.supplies_to_name},
                    site.row,
                    "supplies_to",
                )
            )


def _check_cycles(plan: list[PlannedSite], lookups: _Lookups, problems: list[Problem]) -> None:
    """A row whose supplies_to path (through rows and existing sites) comes back to itself is refused."""
    row_of_site = {site.existing.pk: i for i, site in enumerate(plan) if site.existing is not None}

    def parent(node: tuple[str, int]) -> tuple[str, int] | None:
        kind, ident = node
        if kind == "row":
            site = plan[ident]
            if site.supplies_to_row is not None:
                return ("row", site.supplies_to_row)
            target = site.supplies_to_site.pk if site.supplies_to_site else None
        else:
            target = lookups.parent_of_site.get(ident)
        if target is None:
            return None
        # An existing site that the file updates follows the file's supplies_to, not the stored one.
        return ("row", row_of_site[target]) if target in row_of_site else ("site", target)

    for index, site in enumerate(plan):
        seen, node = set(), parent(("row", index))
        while node is not None and node not in seen:
            if node == ("row", index):
                problems.append(
                    Problem(_("This would make the chain go round in a circle."), site.row, "supplies_to")
                )
                break
            seen.add(node)
            node = parent(node)


def plan_site_import(contract: Contract, rows: list[tuple[int, dict[str, str]]]) -> ImportPlan:
    """Check every row of a file for a contract's supply chain; raise ImportProblems listing all problems.

    Rows are matched to the supplier's existing sites on legal name and country, so importing the
    same file again updates those sites instead of adding copies.
    """
    lookups, problems, plan, first_row = _Lookups(contract), [], [], {}
    for number, row in rows:
        site = _parse_row(number, row, lookups, problems)
        if site is None:
            continue
        key = (_key(site.legal_name), site.country.pk)
        if key in first_row:
            problems.append(
                Problem(
                    _("The same site (legal name and country) is already on row %(row)d.")
                    % {"row": first_row[key]},
                    number,
                    "legal_name",
                )
            )
            continue
        first_row[key] = number
        site.existing = lookups.by_name_country.get(key)
        plan.append(site)
    names_in_file = {_key(row.get("legal_name", "")) for _, row in rows}
    _resolve_links(plan, lookups, problems, names_in_file)
    _check_cycles(plan, lookups, problems)
    if problems:
        raise ImportProblems(
            sorted(
                problems, key=lambda p: (p.row or 0, COLUMNS.index(p.column) if p.column in COLUMNS else -1)
            )
        )
    return ImportPlan(rows=plan)


# Carrying checked rows from the preview to the confirmation --------------------------------------


def sign_rows(rows: list[tuple[int, dict[str, str]]], *, file_name: str, contract: Contract, user) -> str:
    """The rows as a signed token, so the confirmation needs no second upload and cannot be altered."""
    payload = {"file": file_name, "rows": [[n, row] for n, row in rows]}
    return signing.dumps(payload, salt=f"{SIGNING_SALT}:{contract.uuid}:{user.pk}", compress=True)


def unsign_rows(token: str, *, contract: Contract, user) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """The file name and rows of a token from `sign_rows`; ValidationError if it was altered or is old."""
    try:
        payload = signing.loads(token, salt=f"{SIGNING_SALT}:{contract.uuid}:{user.pk}", max_age=3600)
    except signing.BadSignature:
        raise ValidationError(_("The preview has expired. Upload the file again.")) from None
    return payload["file"], [(n, row) for n, row in payload["rows"]]


# The template ------------------------------------------------------------------------------------


def template_csv() -> str:
    return csv_text([COLUMNS, *EXAMPLE_ROWS])


def template_xlsx() -> bytes:
    """The example rows (numbers as numbers) and a second sheet explaining the site types."""
    examples = [[int(v) if v.isdigit() else v for v in row] for row in EXAMPLE_ROWS]
    site_types = [[value, str(label)] for value, label in SiteType.choices]
    return xlsx_bytes(
        [("sites", [COLUMNS, *examples]), ("site_type", [["site_type", "description"], *site_types])]
    )
