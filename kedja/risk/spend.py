"""Spend screening with DuckDB: invoice or order lines are read straight from the uploaded CSV or
Parquet file and aggregated in one pass; no line ever enters the relational database.

Every line is classified: valid lines feed the aggregates, the others are counted per reason and
the first N are listed with their reason. Nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from django.utils.translation import gettext_lazy as _

from kedja.risk.matching import longest_prefix, normalise_cpv

COLUMN_ALIASES = {
    "supplier": (
        "supplier_org_number",
        "org_number",
        "organisationsnummer",
        "supplier",
        "supplier_name",
        "leverantor",
    ),
    "cpv": ("cpv", "cpv_code", "cpv_kod"),
    "category": ("category", "kategori"),
    "amount": ("amount", "belopp", "amount_sek"),
    "date": ("date", "datum", "invoice_date"),
    "country": ("country", "country_of_origin", "ursprungsland"),
}
REASONS = {
    "no_supplier": _("Supplier missing"),
    "bad_amount": _("Amount missing or not a number"),
    "bad_date": _("Date not valid"),
    "unknown_category": _("Unknown or malformed CPV code or category"),
    "bad_country": _("Country is not an ISO 3166 alpha-3 code"),
}
DEFAULT_WEIGHT = 0.5  # a category without an analysis is not treated as low risk
NUMERIC = (
    "DOUBLE",
    "FLOAT",
    "DECIMAL",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "SMALLINT",
    "TINYINT",
    "UBIGINT",
    "UINTEGER",
)


class SpendFileError(ValueError):
    """The file cannot be screened at all (wrong type, missing columns); the message says why."""


@dataclass
class ScreeningTables:
    """The reference facts the screening joins against, kept as small in-memory tables."""

    category_prefixes: dict[str, list[str]]
    category_names: dict[str, str]
    suppliers: dict[str, str] = field(default_factory=dict)  # normalised org number or name → display name
    weights: dict[tuple[str, str], float] = field(default_factory=dict)  # (category, iso3 or "") → 0..1
    countries: set[str] = field(default_factory=set)


@dataclass
class Screening:
    total_lines: int = 0
    valid_lines: int = 0
    total_spend: float = 0.0
    weighted_spend: float = 0.0
    by_category: list[dict] = field(default_factory=list)
    by_supplier: list[dict] = field(default_factory=list)
    by_country: list[dict] = field(default_factory=list)
    issue_counts: dict[str, int] = field(default_factory=dict)
    issues: list[dict] = field(default_factory=list)

    @property
    def top_suppliers(self) -> list[dict]:
        return self.by_supplier[:10]


def normalise_supplier(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    return digits if len(digits) >= 6 else value.strip().lower()


def _source(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(4)
    if head == b"PAR1":
        return f"read_parquet('{_quote(path)}', file_row_number=true)"
    if b"\x00" in head:
        raise SpendFileError(_("The file is neither CSV nor Parquet."))
    return f"(SELECT *, row_number() OVER () - 1 AS file_row_number FROM read_csv('{_quote(path)}', all_varchar=true, header=true))"


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _columns(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, tuple[str, str]]:
    try:
        described = con.sql(f"DESCRIBE SELECT * FROM {source}").fetchall()
    except duckdb.Error as error:
        raise SpendFileError(
            _("The file could not be read as CSV or Parquet: %s") % str(error).split("\n")[0]
        ) from None
    present = {name.lower().strip(): (name, kind) for name, kind, *_ in described}
    found = {}
    for role, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in present:
                found[role] = present[alias]
                break
    missing = [role for role in ("supplier", "amount") if role not in found]
    if "cpv" not in found and "category" not in found:
        missing.append("cpv/category")
    if missing:
        raise SpendFileError(_("Required columns are missing: %s") % ", ".join(missing))
    return found


def _expr(found: dict, role: str, default: str = "NULL") -> str:
    return f'"{found[role][0]}"' if role in found else default


def _amount(found: dict) -> str:
    name, kind = found["amount"]
    if kind.upper().startswith(NUMERIC):
        return f'CAST("{name}" AS DOUBLE)'
    return f"""TRY_CAST(replace(replace(trim("{name}"), ' ', ''), ',', '.') AS DOUBLE)"""


def _date_ok(found: dict) -> str:
    if "date" not in found:
        return "TRUE"
    name, kind = found["date"]
    if kind.upper() in ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"):
        return "TRUE"
    return f"""("{name}" IS NULL OR trim("{name}") = '' OR TRY_CAST("{name}" AS DATE) IS NOT NULL)"""


def _lookups(con, source: str, found: dict, tables: ScreeningTables) -> None:
    """Resolve the distinct CPV/category and supplier values in Python: few values, exact rules."""
    key = "cpv" if "cpv" in found else "category"
    raw_values = [
        row[0]
        for row in con.sql(f"SELECT DISTINCT CAST({_expr(found, key)} AS VARCHAR) FROM {source}").fetchall()
    ]
    by_slug = {slug: slug for slug in tables.category_names}
    by_slug.update({name.lower(): slug for slug, name in tables.category_names.items()})
    rows = []
    for raw in raw_values:
        if raw is None:
            continue
        if key == "cpv":
            code = normalise_cpv(raw)
            matches = longest_prefix(code, tables.category_prefixes) if code else []
            category = matches[0] if len(matches) == 1 else None  # a shared prefix is ambiguous
        else:
            category = by_slug.get(raw.strip().lower())
        rows.append((raw, category))
    con.execute("CREATE TEMP TABLE cat_lookup (raw VARCHAR, category VARCHAR)")
    if rows:
        con.executemany("INSERT INTO cat_lookup VALUES (?, ?)", rows)
    con.execute("CREATE TEMP TABLE weights (category VARCHAR, iso3 VARCHAR, weight DOUBLE)")
    weight_rows = [(c, i, w) for (c, i), w in tables.weights.items()]
    if weight_rows:
        con.executemany("INSERT INTO weights VALUES (?, ?, ?)", weight_rows)
    con.execute("CREATE TEMP TABLE suppliers (key VARCHAR, name VARCHAR)")
    if tables.suppliers:
        con.executemany("INSERT INTO suppliers VALUES (?, ?)", list(tables.suppliers.items()))


def screen(
    path: Path, tables: ScreeningTables, *, max_issues: int = 50, threads: int | None = None
) -> Screening:
    """Screen one file of spend lines and return the aggregates and the listed problems."""
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    try:
        source = _source(Path(path))
        found = _columns(con, source)
        _lookups(con, source, found, tables)
        return _aggregate(con, source, found, tables, max_issues)
    except duckdb.Error as error:
        raise SpendFileError(_("The file could not be read: %s") % str(error).split("\n")[0]) from None
    finally:
        con.close()


def _classified_sql(source: str, found: dict) -> str:
    key = "cpv" if "cpv" in found else "category"
    supplier = f"CAST({_expr(found, 'supplier')} AS VARCHAR)"
    country = f"upper(trim(CAST({_expr(found, 'country')} AS VARCHAR)))"
    return f"""
    WITH src AS (
        SELECT file_row_number AS row_no, {supplier} AS supplier_raw,
               CAST({_expr(found, key)} AS VARCHAR) AS cat_raw, {_amount(found)} AS amount,
               {_date_ok(found)} AS date_ok, nullif({country}, '') AS country
        FROM {source}
    ),
    keyed AS (
        SELECT src.*, CASE WHEN length(regexp_replace(supplier_raw, '[^0-9]', '', 'g')) >= 6
                           THEN regexp_replace(supplier_raw, '[^0-9]', '', 'g')
                           ELSE lower(trim(supplier_raw)) END AS supplier_key
        FROM src
    ),
    classified AS (
        SELECT k.*, l.category,
               CASE WHEN k.supplier_raw IS NULL OR trim(k.supplier_raw) = '' THEN 'no_supplier'
                    WHEN k.amount IS NULL THEN 'bad_amount'
                    WHEN NOT k.date_ok THEN 'bad_date'
                    WHEN l.category IS NULL THEN 'unknown_category'
                    WHEN k.country IS NOT NULL AND NOT regexp_full_match(k.country, '[A-Z]{{3}}') THEN 'bad_country'
               END AS reason
        FROM keyed k LEFT JOIN cat_lookup l ON l.raw = k.cat_raw
    )
    SELECT c.*, coalesce(wc.weight, w.weight, {DEFAULT_WEIGHT}) AS weight
    FROM classified c
    LEFT JOIN weights w ON w.category = c.category AND w.iso3 = ''
    LEFT JOIN weights wc ON wc.category = c.category AND wc.iso3 = c.country
    """


def _aggregate(con, source: str, found: dict, tables: ScreeningTables, max_issues: int) -> Screening:
    # One pass over the file: GROUPING SETS give the three dimensions and the per-reason counts,
    # arg_min(…, n) keeps the first rows of each reason without a second scan.
    rows = con.sql(f"""
        WITH lines AS ({_classified_sql(source, found)})
        SELECT GROUPING(category, supplier_key, country, reason) AS g, category, supplier_key, country, reason,
               count(*) FILTER (WHERE reason IS NULL) AS n,
               sum(amount) FILTER (WHERE reason IS NULL) AS spend,
               sum(amount * weight) FILTER (WHERE reason IS NULL) AS weighted,
               count(*) AS n_all, any_value(supplier_raw) AS supplier_raw,
               arg_min(struct_pack(row_no, supplier_raw, cat_raw, amount, country), row_no, {int(max_issues)})
                   FILTER (WHERE reason IS NOT NULL) AS first_rows
        FROM lines
        GROUP BY GROUPING SETS ((category), (supplier_key), (country), (reason))
    """).fetchall()
    return _collect(rows, tables, max_issues)


def _collect(rows, tables: ScreeningTables, max_issues: int) -> Screening:
    result = Screening()
    issues = []
    for g, category, supplier_key, country, reason, n, spend, weighted, n_all, supplier_raw, first in rows:
        entry = {"lines": n, "spend": spend or 0.0, "weighted": weighted or 0.0}
        if g == 0b0111:  # grouped by category
            if n:
                result.by_category.append(
                    {**entry, "key": category, "name": tables.category_names.get(category, "")}
                )
        elif g == 0b1011:  # by supplier
            if n:
                name = tables.suppliers.get(supplier_key)
                result.by_supplier.append(
                    {**entry, "key": supplier_key, "name": name or supplier_raw, "known": name is not None}
                )
        elif g == 0b1101:  # by country
            if n:
                result.by_country.append({**entry, "key": country or "", "name": country or ""})
        else:  # by reason
            result.total_lines += n_all
            if reason is None:
                result.valid_lines, result.total_spend, result.weighted_spend = (
                    n,
                    entry["spend"],
                    entry["weighted"],
                )
            else:
                result.issue_counts[reason] = n_all
                issues += [
                    {**row, "reason": reason, "reason_text": str(REASONS[reason])} for row in first or []
                ]
    for listing in (result.by_category, result.by_supplier, result.by_country):
        listing.sort(key=lambda e: (-e["weighted"], -e["spend"], e["key"]))
    result.issues = sorted(issues, key=lambda i: i["row_no"])[:max_issues]
    for issue in result.issues:
        issue["row"] = issue.pop("row_no") + 1  # 1-based data row (the header is not counted)
    return result
