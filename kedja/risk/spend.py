"""Spend screening with DuckDB: invoice or order lines are read straight from the uploaded file
(one pass for the distinct codes, one aggregation pass, then only the listed problem rows); the lines
never enter the relational database (the mapping step keeps its first few lines until it is done).

Files are read as Swedish finance systems export them: CSV in UTF-8 or Windows-1252 with ; , or tab
(found by `kedja.core.tables`; other encodings are rewritten to UTF-8 first), XLSX (turned into CSV
first, with the zip-bomb and size checks of the table reader) and Parquet. Amounts with space,
no-break or narrow no-break space, point or apostrophe as thousands separator, decimal comma or
point, minus as -, U+2212, trailing minus or parentheses; dates as ISO (with or without time),
YYYYMMDD, DD.MM.YYYY, YYYY-MM or Excel serial numbers. Sums are exact decimals.

Every line is classified: valid lines feed the aggregates, the others are counted per reason and
the first N are listed with their reason. A line whose date cannot be read is flagged but stays in
the totals. Nothing is dropped silently.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
from django.utils.translation import gettext_lazy as _

from kedja.core.tables import Limits, TableError, TableInfo, detect_delimiter, detect_encoding, iter_rows
from kedja.risk.matching import longest_prefix, normalise_cpv

# Header names as finance systems write them, compared without case, accents, spaces or punctuation
# ("Org.nr" is "orgnr", "Belopp SEK" is "beloppsek"). For each role the first name found wins, so an
# organisation number is preferred over a supplier name.
COLUMN_ALIASES = {
    "supplier": (
        "supplier_org_number",
        "org_number",
        "Org.nr",
        "Orgnr",
        "Organisationsnummer",
        "Leverantörens organisationsnummer",
        "Leverantör orgnr",
        "supplier",
        "supplier_name",
        "Leverantör",
        "Leverantörsnamn",
        "Leverantörens namn",
        "vendor",
        "vendor_name",
    ),
    "cpv": ("cpv", "cpv_code", "CPV-kod", "CPV kod"),
    "category": ("category", "Kategori", "Inköpskategori"),
    "amount": (
        "amount",
        "amount_sek",
        "Belopp",
        "Belopp SEK",
        "Belopp exkl. moms",
        "Netto",
        "Nettobelopp",
        "Totalbelopp",
    ),
    "date": ("date", "Datum", "invoice_date", "Fakturadatum", "Bokföringsdatum", "Verifikationsdatum"),
    "country": ("country", "country_of_origin", "Ursprungsland", "Land", "Landkod"),
}
ROLES = tuple(COLUMN_ALIASES)
ROLE_LABELS = {
    "supplier": _("Supplier (organisation number or name)"),
    "cpv": _("CPV code"),
    "category": _("Category"),
    "amount": _("Amount"),
    "date": _("Date"),
    "country": _("Country of origin"),
}
REASONS = {
    "no_supplier": _("Supplier missing"),
    "bad_amount": _("Amount missing or not a number"),
    "unknown_category": _("Unknown or malformed CPV code or category"),
    "bad_country": _("Country not recognised (ISO3, ISO2 or the country's name in Swedish or English)"),
    "summary_row": _("Summary row (e.g. “Summa”), not an invoice line"),
    "blank_line": _("Empty line"),
    # Flags only: the line stays in every total.
    "bad_date": _("Date not readable (the line is still counted in the totals)"),
}
FLAGS = ("bad_date",)
SUMMARY_WORDS = ("summa", "total", "totalt", "totalsumma", "delsumma", "sum")
# A line without CPV code or category whose first column or supplier starts with one of these words
# is the export's own total.
SUMMARY_PATTERN = r"^\s*(?i:" + "|".join(SUMMARY_WORDS) + r")\b"
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
    # Upper-cased ISO3, ISO2 and Swedish and English names → ISO3; empty: any three letters are ISO3.
    countries: dict[str, str] = field(default_factory=dict)


@dataclass
class Screening:
    total_lines: int = 0
    valid_lines: int = 0
    total_spend: Decimal = Decimal(0)
    weighted_spend: float = 0.0
    by_category: list[dict] = field(default_factory=list)
    by_supplier: list[dict] = field(default_factory=list)
    by_country: list[dict] = field(default_factory=list)
    issue_counts: dict[str, int] = field(default_factory=dict)
    issues: list[dict] = field(default_factory=list)
    first_rows: dict[str, list[int]] = field(default_factory=dict)
    source: dict = field(default_factory=dict)  # how the file was read: kind, encoding, delimiter, sheet
    columns: dict[str, str] = field(default_factory=dict)  # role → the file's column name

    @property
    def top_suppliers(self) -> list[dict]:
        return self.by_supplier[:10]

    @property
    def issue_groups(self) -> list[dict]:
        """Counts per reason in words, with whether the lines are in the totals."""
        return [
            {"reason": r, "text": str(REASONS[r]), "count": n, "in_totals": r in FLAGS}
            for r, n in self.issue_counts.items()
        ]

    def to_json(self) -> dict:
        """A JSON-safe copy for storing the result; decimals become strings."""
        data = asdict(self)
        data["total_spend"] = str(self.total_spend)
        for name in ("by_category", "by_supplier", "by_country"):
            data[name] = [{**e, "spend": str(e["spend"])} for e in data[name]]
        data["issues"] = [
            {**i, "amount": None if i["amount"] is None else str(i["amount"])} for i in data["issues"]
        ]
        return data

    @classmethod
    def from_json(cls, data: dict) -> Screening:
        result = cls(**data)
        result.total_spend = Decimal(data["total_spend"])
        for name in ("by_category", "by_supplier", "by_country"):
            setattr(result, name, [{**e, "spend": Decimal(e["spend"])} for e in data[name]])
        return result


def normalise_supplier(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    return digits if len(digits) >= 6 else value.strip().lower()


def header_key(name: str) -> str:
    """A header compared without case, accents, spaces or punctuation: "Org.nr" → "orgnr"."""
    plain = unicodedata.normalize("NFKD", name.strip().lower())
    return re.sub(r"[^a-z0-9]", "", "".join(ch for ch in plain if not unicodedata.combining(ch)))


ALIAS_KEYS = {role: [header_key(a) for a in aliases] for role, aliases in COLUMN_ALIASES.items()}


def accepted_names(role: str) -> str:
    return ", ".join(dict.fromkeys(a for a in COLUMN_ALIASES[role] if a[0].isupper() or "_" not in a))


def detect_columns(header: list[str]) -> dict[str, str]:
    """Role → column name, for the roles whose column the header has under a known name."""
    present = {}
    for name in header:
        present.setdefault(header_key(name), name)
    found = {}
    for role, keys in ALIAS_KEYS.items():
        for key in keys:
            if key in present:
                found[role] = present[key]
                break
    return found


def check_columns(found: dict[str, str]) -> None:
    """Refuse a mapping without supplier, amount and a CPV code or category, naming accepted headers."""
    missing = [role for role in ("supplier", "amount") if role not in found]
    if "cpv" not in found and "category" not in found:
        missing.append("cpv")
    if missing:
        accepted = "; ".join(f"{ROLE_LABELS[r]}: {accepted_names(r)}" for r in missing)
        raise SpendFileError(
            _(
                "Required columns are missing: %(missing)s. Name the columns in the first row, for example — %(accepted)s."
            )
            % {"missing": ", ".join(str(ROLE_LABELS[r]) for r in missing), "accepted": accepted}
        )


# Reading the file -------------------------------------------------------------------------------------

XLSX_LIMITS = Limits(rows=1_048_576, columns=200)  # Excel's own row limit


@dataclass
class Prepared:
    """A file DuckDB can read: the source expression, its columns, and how the original was read."""

    source: str
    header: list[str]
    info: TableInfo


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def prepare(path: Path, work_dir: Path, *, kind: str = "", sheet: str = "") -> Prepared:
    """Make the uploaded file readable by DuckDB: Parquet and UTF-8 CSV as they are, other CSV
    encodings rewritten to UTF-8 and XLSX turned into CSV, in `work_dir`."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head == b"PAR1":
            return _parquet(path)
        if kind == "xlsx" or head.startswith(b"PK\x03\x04"):
            return _from_xlsx(handle, work_dir, sheet)
        if b"\x00" in head:
            raise SpendFileError(_("The file is neither CSV, XLSX nor Parquet."))
        try:
            encoding = detect_encoding(handle)
        except TableError as error:
            raise SpendFileError(error.messages[0]) from None
        handle.seek(0)
        first = handle.readline(1 << 16).decode(encoding, errors="replace")
    info = TableInfo(kind="csv", encoding=encoding, delimiter=detect_delimiter(first))
    if encoding not in ("utf-8", "utf-8-sig"):
        utf8 = work_dir / "utf8.csv"
        with (
            path.open(encoding=encoding, newline="") as source,
            utf8.open("w", encoding="utf-8", newline="") as out,
        ):
            shutil.copyfileobj(source, out, 1 << 20)
        path = utf8
    return _csv(path, info)


def _parquet(path: Path) -> Prepared:
    source = f"read_parquet('{_quote(path)}', file_row_number=true)"
    try:
        header = [row[0] for row in duckdb.sql(f"DESCRIBE SELECT * FROM {source}").fetchall()]
    except duckdb.Error:
        raise SpendFileError(_("The Parquet file could not be read.")) from None
    return Prepared(source, [h for h in header if h != "file_row_number"], TableInfo(kind="parquet"))


def parquet_rows(path: Path, limit: int) -> list[list[str]]:
    """The column names and the first lines of a Parquet file, as text."""
    prepared = _parquet(path)
    names = ", ".join(f"CAST({_column(prepared, h)} AS VARCHAR)" for h in prepared.header)
    lines = duckdb.sql(f"SELECT {names} FROM {prepared.source} LIMIT {int(limit) - 1}").fetchall()
    return [prepared.header, *[["" if v is None else v for v in line] for line in lines]]


def preview(header: list[str], sample: list[list[str]], columns: dict[str, str]) -> list[dict]:
    """The first lines as the screening will read them: each mapped value, and the amount and date
    as understood (None when they cannot be read)."""
    con = connect()
    try:
        rows = []
        for line in sample:
            raw = {
                role: line[header.index(name)] if header.index(name) < len(line) else ""
                for role, name in columns.items()
            }
            amount, day = con.execute(
                "SELECT kedja_amount(?), kedja_date(trim(?))", [raw.get("amount", ""), raw.get("date", "")]
            ).fetchone()
            rows.append({"raw": raw, "amount": amount, "date": day})
        return rows
    finally:
        con.close()


def _csv(path: Path, info: TableInfo) -> Prepared:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        try:
            header = next(csv.reader(handle, delimiter=info.delimiter), [])
        except csv.Error:
            header = []
    header = [h.strip() for h in header]
    if not any(header):
        raise SpendFileError(_("The file is empty or its first row has no column names."))
    # Columns given explicitly: DuckDB then reads every line as text without guessing a dialect,
    # which a blank line or a summary row at the top could mislead. WITH ORDINALITY numbers the
    # lines while streaming (a row_number() window would hold the whole file in memory).
    columns = ", ".join(f"{_sql_text(f'c{i}')}: 'VARCHAR'" for i in range(len(header)))
    source = (
        f"(SELECT *, ordinality - 1 AS file_row_number FROM read_csv('{_quote(path)}', "
        f"header=false, skip=1, auto_detect=false, delim={_sql_text(info.delimiter)}, quote='\"', escape='\"', "
        f"null_padding=true, strict_mode=false, columns={{{columns}}}) WITH ORDINALITY)"
    )
    return Prepared(source, header, info)


def _from_xlsx(handle, work_dir: Path, sheet: str) -> Prepared:
    info = TableInfo(kind="xlsx")
    out_path = work_dir / "sheet.csv"
    try:
        with out_path.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out, delimiter=";").writerows(iter_rows(handle, info, XLSX_LIMITS, sheet=sheet))
    except TableError as error:
        raise SpendFileError(error.messages[0]) from None
    prepared = _csv(out_path, TableInfo(kind="csv", encoding="utf-8", delimiter=";"))
    prepared.info = info
    return prepared


def _column(prepared: Prepared, name: str) -> str:
    """The SQL name of a header's column (CSV columns are c0, c1, … in header order)."""
    if prepared.info.kind == "parquet":
        return '"' + name.replace('"', '""') + '"'
    return f'"c{prepared.header.index(name)}"'


# Reading amounts and dates: DuckDB macros, so the page and the benchmark run the same SQL -------------
# A cast that fails costs more than string functions, so each value gets one cheap reading first:
# kedja_amount removes spaces and reads a decimal comma, which only succeeds when it agrees with the
# full rules of kedja_number (point, comma or apostrophe thousands, trailing minus, parentheses);
# kedja_date picks the one format a value's length and punctuation allow.

MACROS = r"""
CREATE OR REPLACE TEMP MACRO kedja_clean(s) AS
    regexp_replace(replace(trim(s), chr(8722), '-'), '[ ' || chr(160) || chr(8239) || chr(39) || ']', '', 'g');
CREATE OR REPLACE TEMP MACRO kedja_signed(t) AS CASE
    WHEN t LIKE '(%)' THEN '-' || t[2:-2]
    WHEN t LIKE '%-' AND t NOT LIKE '-%' THEN '-' || t[1:-2]
    ELSE t END;
CREATE OR REPLACE TEMP MACRO kedja_number(t) AS TRY_CAST(CASE
    WHEN regexp_full_match(t, '-?\d{1,3}(\.\d{3})+(,\d+)?') THEN replace(replace(t, '.', ''), ',', '.')
    WHEN regexp_full_match(t, '-?\d{1,3}(,\d{3}){2,}(\.\d+)?|-?\d{1,3}(,\d{3})+\.\d+') THEN replace(t, ',', '')
    WHEN regexp_full_match(t, '-?\d*,\d+') THEN replace(t, ',', '.')
    ELSE t END AS DECIMAL(38, 4));
CREATE OR REPLACE TEMP MACRO kedja_cheap_amount(s) AS TRY_CAST(
    replace(replace(replace(replace(replace(s, ' ', ''), chr(160), ''), chr(8239), ''), chr(8722), '-'), ',', '.')
    AS DECIMAL(38, 4));
CREATE OR REPLACE TEMP MACRO kedja_amount_or(cheap, s) AS CASE
    WHEN cheap IS NOT NULL THEN cheap ELSE kedja_number(kedja_signed(kedja_clean(s))) END;
CREATE OR REPLACE TEMP MACRO kedja_amount(s) AS kedja_amount_or(kedja_cheap_amount(s), s);
CREATE OR REPLACE TEMP MACRO kedja_date(s) AS CASE
    WHEN length(s) = 10 AND s[5] = '-' THEN TRY_CAST(s AS DATE)
    WHEN length(s) = 8 THEN CAST(try_strptime(s, '%Y%m%d') AS DATE)
    WHEN length(s) = 10 AND s[3] = '.' THEN CAST(try_strptime(s, '%d.%m.%Y') AS DATE)
    WHEN length(s) = 7 THEN CAST(try_strptime(s, '%Y-%m') AS DATE)
    WHEN length(s) > 10 THEN CAST(TRY_CAST(s AS TIMESTAMP) AS DATE)
    WHEN regexp_full_match(s, '\d{5}(\.\d+)?') AND TRY_CAST(s AS DOUBLE) BETWEEN 20000 AND 80000
         THEN DATE '1899-12-30' + CAST(floor(CAST(s AS DOUBLE)) AS INTEGER)
    END;
"""


def connect(threads: int | None = None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    con.execute(MACROS)
    return con


def _types(con, prepared: Prepared) -> dict[str, str]:
    if prepared.info.kind != "parquet":
        return {}
    return {name: kind for name, kind, *_ in con.sql(f"DESCRIBE SELECT * FROM {prepared.source}").fetchall()}


def _amount(prepared: Prepared, found: dict, types: dict) -> str:
    name = found["amount"]
    if types.get(name, "VARCHAR").upper().startswith(NUMERIC):
        return f"CAST({_column(prepared, name)} AS DECIMAL(38, 4))"
    return f"kedja_amount(CAST({_column(prepared, name)} AS VARCHAR))"


def _date_ok(prepared: Prepared, found: dict, types: dict) -> str:
    if "date" not in found:
        return "TRUE"
    name = found["date"]
    if types.get(name, "VARCHAR").upper() in ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"):
        return "TRUE"
    column = f"trim(CAST({_column(prepared, name)} AS VARCHAR))"
    return f"({column} IS NULL OR {column} = '' OR kedja_date({column}) IS NOT NULL)"


def _expr(prepared: Prepared, found: dict, role: str, default: str = "NULL") -> str:
    return f"CAST({_column(prepared, found[role])} AS VARCHAR)" if role in found else default


def _table(con, name: str, columns: str, rows: list[tuple]) -> None:
    con.execute(f"CREATE TEMP TABLE {name} ({columns})")
    if rows:
        con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})", rows)


def _lookups(con, prepared: Prepared, found: dict, tables: ScreeningTables) -> list[str]:
    """Resolve every distinct (CPV/category, country) pair in Python, with the exact rules, into one
    small table carrying category, ISO3, weight and any problem; return the blank supplier values.

    One scan collects the distinct values (GROUPING SETS); the main pass then joins one small table
    instead of running string functions and several joins on every line.
    """
    key = "cpv" if "cpv" in found else "category"
    distinct = con.sql(f"""
        SELECT GROUPING(cat, ctry, sup), cat, ctry, sup FROM (
            SELECT {_expr(prepared, found, key)} AS cat, coalesce({_expr(prepared, found, "country")}, '') AS ctry,
                   {_expr(prepared, found, "supplier")} AS sup FROM {prepared.source})
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


def country_code(raw: str, tables: ScreeningTables) -> str | None:
    """ISO3 for a country written as ISO3, ISO2 or a name; None when it cannot be recognised."""
    code = raw.strip().upper()
    if tables.countries:
        return tables.countries.get(code)
    return code if len(code) == 3 and code.isalpha() else None


def _combo(cat: str, ctry: str, category: str | None, tables: ScreeningTables) -> tuple:
    iso3 = country_code(ctry, tables) if ctry.strip() else None
    problem = None
    if category is None:
        problem = "unknown_category"
    elif ctry.strip() and iso3 is None:
        problem = "bad_country"
    weights = tables.weights
    weight = weights.get((category, iso3 or ""), weights.get((category, ""), DEFAULT_WEIGHT))
    return (cat, ctry, category, iso3, weight, problem)


def _category_of(raw: str, key: str, tables: ScreeningTables, by_slug: dict[str, str]) -> str | None:
    if key == "cpv":
        code = normalise_cpv(raw)
        matches = longest_prefix(code, tables.category_prefixes) if code else []
        return matches[0] if len(matches) == 1 else None  # a shared prefix is ambiguous
    return by_slug.get(raw.strip().lower())


def screen(
    path: Path,
    tables: ScreeningTables,
    *,
    max_issues: int = 50,
    threads: int | None = None,
    columns: dict[str, str] | None = None,
    kind: str = "",
    sheet: str = "",
) -> Screening:
    """Screen one file of spend lines and return the aggregates and the listed problems.

    `columns` maps roles to the file's column names (from the mapping step); without it the
    headers are recognised by name.
    """
    path = Path(path)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix="screening-") as work:
        prepared = prepare(path, Path(work), kind=kind, sheet=sheet)
        found = _checked_mapping(prepared.header, columns)
        con = connect(threads)
        try:
            types = _types(con, prepared)
            blanks = _lookups(con, prepared, found, tables)
            result = _aggregate(con, prepared, found, types, tables, max_issues, blanks)
        except duckdb.Error as error:
            raise SpendFileError(_("The file could not be read: %s") % str(error).split("\n")[0]) from None
        finally:
            con.close()
    result.source = {k: v for k, v in asdict(prepared.info).items() if v}
    result.columns = found
    return result


def _checked_mapping(header: list[str], columns: dict[str, str] | None) -> dict[str, str]:
    found = detect_columns(header) if columns is None else {r: c for r, c in columns.items() if c}
    unknown = [c for c in found.values() if c not in header]
    if unknown:
        raise SpendFileError(_("The file has no column “%s”.") % unknown[0])
    check_columns(found)
    return found


def _classified_sql(prepared: Prepared, found: dict, types: dict, blanks: list[str]) -> str:
    key = "cpv" if "cpv" in found else "category"
    special = ", ".join(_sql_text(b) for b in blanks) or "NULL"
    return f"""
    WITH src AS (
        SELECT file_row_number AS row_no, {_expr(prepared, found, "supplier")} AS supplier_raw,
               {_expr(prepared, found, key)} AS cat_raw, {_amount(prepared, found, types)} AS amount,
               {_date_ok(prepared, found, types)} AS date_ok,
               coalesce({_expr(prepared, found, "country")}, '') AS country_raw,
               {_expr(prepared, found, "amount")} AS amount_raw,
               CAST({_column(prepared, prepared.header[0])} AS VARCHAR) AS first_raw
        FROM {prepared.source}
    )
    SELECT s.row_no, s.supplier_raw, s.amount, k.category, k.iso3 AS country, coalesce(k.weight, 0) AS weight,
           CASE WHEN (s.supplier_raw IS NULL OR trim(s.supplier_raw) = '')
                     AND (s.cat_raw IS NULL OR trim(s.cat_raw) = '')
                     AND (s.amount_raw IS NULL OR trim(s.amount_raw) = '') THEN 'blank_line'
                WHEN (s.cat_raw IS NULL OR trim(s.cat_raw) = '')
                     AND (regexp_matches(coalesce(s.first_raw, ''), {_sql_text(SUMMARY_PATTERN)})
                          OR regexp_matches(coalesce(s.supplier_raw, ''), {_sql_text(SUMMARY_PATTERN)}))
                     THEN 'summary_row'
                WHEN s.supplier_raw IS NULL OR s.supplier_raw IN ({special}) THEN 'no_supplier'
                WHEN s.amount IS NULL THEN 'bad_amount'
                WHEN k.cat IS NULL THEN 'unknown_category'
                WHEN k.problem IS NOT NULL THEN k.problem
                WHEN NOT s.date_ok THEN 'bad_date'
           END AS reason
    FROM src s LEFT JOIN combos k ON k.cat = s.cat_raw AND k.ctry = s.country_raw
    """


def _aggregate(
    con,
    prepared: Prepared,
    found: dict,
    types: dict,
    tables: ScreeningTables,
    max_issues: int,
    blanks: list[str],
) -> Screening:
    # One pass over the file: GROUPING SETS give the three dimensions and the per-reason counts,
    # min(row_no, n) keeps the first row numbers of each reason; only those rows are read again.
    # A flagged line (a date that cannot be read) is counted in the totals and listed too.
    counted = "(reason IS NULL OR reason IN ('" + "', '".join(FLAGS) + "'))"
    rows = con.sql(f"""
        WITH lines AS ({_classified_sql(prepared, found, types, blanks)})
        SELECT GROUPING(category, supplier_raw, country, reason) AS g, category, supplier_raw, country, reason,
               count(*) FILTER (WHERE {counted}) AS n,
               sum(amount) FILTER (WHERE {counted}) AS spend,
               sum(CAST(amount AS DOUBLE) * weight) FILTER (WHERE {counted}) AS weighted,
               count(*) AS n_all,
               min(row_no, {int(max_issues)}) FILTER (WHERE reason IS NOT NULL) AS first_rows
        FROM lines
        GROUP BY GROUPING SETS ((category), (supplier_raw), (country), (reason))
    """).fetchall()
    result = _collect(rows, tables)
    first = sorted((row_no, reason) for reason, numbers in result.first_rows.items() for row_no in numbers)
    result.issues = _issue_rows(con, prepared, found, types, first[:max_issues])
    return result


def _issue_rows(
    con, prepared: Prepared, found: dict, types: dict, first: list[tuple[int, str]]
) -> list[dict]:
    if not first:
        return []
    key = "cpv" if "cpv" in found else "category"
    reasons = dict(first)
    numbers = ", ".join(str(int(n)) for n in reasons)
    fetched = con.sql(f"""
        SELECT file_row_number, {_expr(prepared, found, "supplier")}, {_expr(prepared, found, key)},
               {_expr(prepared, found, "amount")}, {_expr(prepared, found, "country")}, {_expr(prepared, found, "date")}
        FROM {prepared.source} WHERE file_row_number IN ({numbers}) ORDER BY file_row_number
    """).fetchall()
    return [
        {
            "row": row_no + 1,  # 1-based data row (the header is not counted)
            "supplier_raw": supplier,
            "cat_raw": category,
            "amount": amount,
            "country": country,
            "date": date,
            "reason": reasons[row_no],
            "reason_text": str(REASONS[reasons[row_no]]),
        }
        for row_no, supplier, category, amount, country, date in fetched
    ]


def _collect(rows, tables: ScreeningTables) -> Screening:
    result = Screening()
    suppliers: dict[str, dict] = {}
    for g, category, supplier_raw, country, reason, n, spend, weighted, n_all, first in rows:
        entry = {"lines": n, "spend": spend or Decimal(0), "weighted": weighted or 0.0}
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
            if reason is None or reason in FLAGS:
                result.valid_lines += n
                result.total_spend += entry["spend"]
                result.weighted_spend += entry["weighted"]
            if reason is not None:
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
            "spend": Decimal(0),
            "weighted": 0.0,
        },
    )
    for field_name in ("lines", "spend", "weighted"):
        current[field_name] += entry[field_name]
