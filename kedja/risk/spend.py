"""Spend screening with DuckDB: invoice or order lines are read straight from the uploaded CSV or
Parquet file (one pass for the distinct codes, one aggregation pass, then only the listed problem
rows); no line ever enters the relational database.

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
    first_rows: dict[str, list[int]] = field(default_factory=dict)

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


def _table(con, name: str, columns: str, rows: list[tuple]) -> None:
    con.execute(f"CREATE TEMP TABLE {name} ({columns})")
    if rows:
        con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})", rows)


def _lookups(con, source: str, found: dict, tables: ScreeningTables) -> list[str]:
    """Resolve every distinct (CPV/category, country) pair in Python, with the exact rules, into one
    small table carrying category, ISO3, weight and any problem; return the blank supplier values.

    One scan collects the distinct values (GROUPING SETS); the main pass then joins one small table
    instead of running string functions and several joins on every line.
    """
    key = "cpv" if "cpv" in found else "category"
    distinct = con.sql(f"""
        SELECT GROUPING(cat, ctry, sup), cat, ctry, sup FROM (
            SELECT CAST({_expr(found, key)} AS VARCHAR) AS cat, coalesce(CAST({_expr(found, "country")} AS VARCHAR), '') AS ctry,
                   CAST({_expr(found, "supplier")} AS VARCHAR) AS sup FROM {source})
        GROUP BY GROUPING SETS ((cat, ctry), (sup))
    """).fetchall()
    by_slug = {slug: slug for slug in tables.category_names}
    by_slug.update({name.lower(): slug for slug, name in tables.category_names.items()})
    combos, blanks, resolved = [], [], {}
    for grouping, cat, ctry, sup in distinct:
        if grouping == 0b001 and cat is not None:
            if cat not in resolved:
                resolved[cat] = _category_of(cat, key, tables, by_slug)
            combos.append(_combo(cat, ctry, resolved[cat], tables))
        elif grouping == 0b110 and sup is not None and not sup.strip():
            blanks.append(sup)
    _table(
        con,
        "combos",
        "cat VARCHAR, ctry VARCHAR, category VARCHAR, iso3 VARCHAR, weight DOUBLE, problem VARCHAR",
        combos,
    )
    return blanks


def _combo(cat: str, ctry: str, category: str | None, tables: ScreeningTables) -> tuple:
    code = ctry.strip().upper()
    problem = None
    if category is None:
        problem = "unknown_category"
    elif code and not (len(code) == 3 and code.isalpha()):
        problem = "bad_country"
    weights = tables.weights
    weight = weights.get((category, code), weights.get((category, ""), DEFAULT_WEIGHT))
    return (cat, ctry, category, code or None, weight, problem)


def _category_of(raw: str, key: str, tables: ScreeningTables, by_slug: dict[str, str]) -> str | None:
    if key == "cpv":
        code = normalise_cpv(raw)
        matches = longest_prefix(code, tables.category_prefixes) if code else []
        return matches[0] if len(matches) == 1 else None  # a shared prefix is ambiguous
    return by_slug.get(raw.strip().lower())


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
        blanks = _lookups(con, source, found, tables)
        return _aggregate(con, source, found, tables, max_issues, blanks)
    except duckdb.Error as error:
        raise SpendFileError(_("The file could not be read: %s") % str(error).split("\n")[0]) from None
    finally:
        con.close()


def _classified_sql(source: str, found: dict, blanks: list[str]) -> str:
    key = "cpv" if "cpv" in found else "category"
    blank = " OR ".join(
        ["s.supplier_raw IS NULL", *(f"s.supplier_raw = '{b.replace(chr(39), chr(39) * 2)}'" for b in blanks)]
    )
    return f"""
    WITH src AS (
        SELECT file_row_number AS row_no, CAST({_expr(found, "supplier")} AS VARCHAR) AS supplier_raw,
               CAST({_expr(found, key)} AS VARCHAR) AS cat_raw, {_amount(found)} AS amount,
               {_date_ok(found)} AS date_ok, coalesce(CAST({_expr(found, "country")} AS VARCHAR), '') AS country_raw
        FROM {source}
    )
    SELECT s.row_no, s.supplier_raw, s.amount, k.category, k.iso3 AS country, coalesce(k.weight, 0) AS weight,
           CASE WHEN {blank} THEN 'no_supplier'
                WHEN s.amount IS NULL THEN 'bad_amount'
                WHEN NOT s.date_ok THEN 'bad_date'
                WHEN k.cat IS NULL THEN 'unknown_category'
                ELSE k.problem
           END AS reason
    FROM src s LEFT JOIN combos k ON k.cat = s.cat_raw AND k.ctry = s.country_raw
    """


def _aggregate(
    con, source: str, found: dict, tables: ScreeningTables, max_issues: int, blanks: list[str]
) -> Screening:
    # One pass over the file: GROUPING SETS give the three dimensions and the per-reason counts,
    # min(row_no, n) keeps the first row numbers of each reason; only those rows are read again.
    rows = con.sql(f"""
        WITH lines AS ({_classified_sql(source, found, blanks)})
        SELECT GROUPING(category, supplier_raw, country, reason) AS g, category, supplier_raw, country, reason,
               count(*) FILTER (WHERE reason IS NULL) AS n,
               sum(amount) FILTER (WHERE reason IS NULL) AS spend,
               sum(amount * weight) FILTER (WHERE reason IS NULL) AS weighted,
               count(*) AS n_all,
               min(row_no, {int(max_issues)}) FILTER (WHERE reason IS NOT NULL) AS first_rows
        FROM lines
        GROUP BY GROUPING SETS ((category), (supplier_raw), (country), (reason))
    """).fetchall()
    result = _collect(rows, tables)
    first = sorted((row_no, reason) for reason, numbers in result.first_rows.items() for row_no in numbers)
    result.issues = _issue_rows(con, source, found, first[:max_issues])
    return result


def _issue_rows(con, source: str, found: dict, first: list[tuple[int, str]]) -> list[dict]:
    if not first:
        return []
    key = "cpv" if "cpv" in found else "category"
    reasons = dict(first)
    numbers = ", ".join(str(int(n)) for n in reasons)
    fetched = con.sql(f"""
        SELECT file_row_number, CAST({_expr(found, "supplier")} AS VARCHAR), CAST({_expr(found, key)} AS VARCHAR),
               {_amount(found)}, CAST({_expr(found, "country")} AS VARCHAR)
        FROM {source} WHERE file_row_number IN ({numbers}) ORDER BY file_row_number
    """).fetchall()
    return [
        {
            "row": row_no + 1,  # 1-based data row (the header is not counted)
            "supplier_raw": supplier,
            "cat_raw": category,
            "amount": amount,
            "country": country,
            "reason": reasons[row_no],
            "reason_text": str(REASONS[reasons[row_no]]),
        }
        for row_no, supplier, category, amount, country in fetched
    ]


def _collect(rows, tables: ScreeningTables) -> Screening:
    result = Screening()
    suppliers: dict[str, dict] = {}
    for g, category, supplier_raw, country, reason, n, spend, weighted, n_all, first in rows:
        entry = {"lines": n, "spend": spend or 0.0, "weighted": weighted or 0.0}
        if g == 0b0111 and n:  # grouped by category
            result.by_category.append(
                {**entry, "key": category, "name": tables.category_names.get(category, "")}
            )
        elif g == 0b1011 and n:  # by supplier as written; merged below by organisation number or name
            _merge_supplier(suppliers, supplier_raw, entry, tables)
        elif g == 0b1101 and n:  # by country
            result.by_country.append({**entry, "key": country or "", "name": country or ""})
        elif g == 0b1110:  # by reason
            result.total_lines += n_all
            if reason is None:
                result.valid_lines, result.total_spend, result.weighted_spend = (
                    n,
                    entry["spend"],
                    entry["weighted"],
                )
            else:
                result.issue_counts[reason] = n_all
                result.first_rows[reason] = first or []
    result.by_supplier = list(suppliers.values())
    for listing in (result.by_category, result.by_supplier, result.by_country):
        listing.sort(key=lambda e: (-e["weighted"], -e["spend"], e["key"]))
    return result


def _merge_supplier(suppliers: dict[str, dict], raw: str, entry: dict, tables: ScreeningTables) -> None:
    key = normalise_supplier(raw)
    known = tables.suppliers.get(key)
    current = suppliers.setdefault(
        key,
        {
            "key": key,
            "name": known or raw,
            "known": known is not None,
            "lines": 0,
            "spend": 0.0,
            "weighted": 0.0,
        },
    )
    for field_name in ("lines", "spend", "weighted"):
        current[field_name] += entry[field_name]
