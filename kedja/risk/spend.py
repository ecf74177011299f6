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
import datetime
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
from django.utils.translation import gettext_lazy as _

from kedja.core.tables import Limits, TableError, TableInfo, detect_delimiter, detect_encoding, iter_rows
from kedja.risk.matching import longest_prefix, normalise_cpv
from kedja.risk.spend_progress import Progress

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
    "account": ("account", "Konto", "Kontonummer", "Konto nr", "Kostnadskonto", "Baskonto"),
}
ROLES = tuple(COLUMN_ALIASES)
ROLE_LABELS = {
    "supplier": _("Supplier (organisation number or name)"),
    "cpv": _("CPV code"),
    "category": _("Category"),
    "amount": _("Amount"),
    "date": _("Date"),
    "country": _("Country of origin"),
    "account": _("Account (Konto), for lines without a CPV code"),
}
REASONS = {
    "no_supplier": _("Supplier missing"),
    "bad_amount": _("Amount missing or not a number"),
    "unknown_category": _("Unknown or malformed CPV code or category"),
    "unmapped_account": _("No CPV code, and the account is not in your region's account mapping"),
    "bad_country": _("Country not recognised (ISO3, ISO2 or the country's name in Swedish or English)"),
    "summary_row": _("Summary row (e.g. “Summa”), not an invoice line"),
    "blank_line": _("Empty line"),
    "undated": _("Date missing or not readable, so the line cannot be placed in the chosen period"),
    "outside_period": _("Date outside the chosen period"),
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
    accounts: dict[str, str] = field(
        default_factory=dict
    )  # the region's account → category, for lines without CPV


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
    period: dict = field(default_factory=dict)  # {"start", "end"} as ISO dates when the totals are limited
    columns: dict[str, str] = field(default_factory=dict)  # role → the file's column name
    account_lines: int = 0  # lines without CPV code placed in a category by their account
    account_spend: Decimal = Decimal(0)
    accounts: dict[str, str] = field(default_factory=dict)  # the accounts so used → category name

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
        data["account_spend"] = str(self.account_spend)
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
        result.account_spend = Decimal(data.get("account_spend", 0))
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
    if not any(role in found for role in ("cpv", "category", "account")):
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


def prepare(
    path: Path, work_dir: Path, *, kind: str = "", sheet: str = "", scan_bytes: int | None = None
) -> Prepared:
    """Make the uploaded file readable by DuckDB: Parquet and UTF-8 CSV as they are, other CSV
    encodings rewritten to UTF-8 and XLSX turned into CSV, in `work_dir`. With `scan_bytes` only the
    start decides the encoding (see `screen`)."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head == b"PAR1":
            return _parquet(path)
        if kind == "xlsx" or head.startswith(b"PK\x03\x04"):
            return _from_xlsx(handle, work_dir, sheet)
        if b"\x00" in head:
            raise SpendFileError(_("The file is neither CSV, XLSX nor Parquet."))
        try:
            encoding = detect_encoding(handle, scan_bytes=scan_bytes)
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
    replace(replace(replace(replace(s, chr(160), ''), ' ', ''), chr(8722), '-'), ',', '.') AS DECIMAL(38, 4));
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


def _day(prepared: Prepared, found: dict, types: dict) -> tuple[str, str]:
    """SQL for the line's date (NULL when missing or unreadable) and for whether it is missing."""
    if "date" not in found:
        return "CAST(NULL AS DATE)", "TRUE"
    name = found["date"]
    column = _column(prepared, name)
    if types.get(name, "VARCHAR").upper() in ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"):
        return f"CAST({column} AS DATE)", f"{column} IS NULL"
    text = f"CAST({column} AS VARCHAR)"
    # Most exports write dates without spaces: trim only when the value as written is not a date.
    return (
        f"coalesce(kedja_date({text}), kedja_date(trim({text})))",
        f"({text} IS NULL OR trim({text}) = '')",
    )


def _expr(prepared: Prepared, found: dict, role: str, default: str = "NULL") -> str:
    return f"CAST({_column(prepared, found[role])} AS VARCHAR)" if role in found else default


def _table(con, name: str, columns: str, rows: list[tuple]) -> None:
    con.execute(f"CREATE TEMP TABLE {name} ({columns})")
    if rows:
        con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})", rows)


def _lookups(
    con, prepared: Prepared, found: dict, tables: ScreeningTables, progress: Progress
) -> tuple[int, dict[str, str]]:
    """Resolve every distinct CPV/category value and country value in Python, with the exact rules,
    into small tables the main pass joins: `cats` and `ctrys` give each raw value a number, `combos`
    gives each pair of numbers its category, ISO3, weight and any problem. Returns the number of
    country values and the accounts that placed lines without CPV code in a category.

    Joins on one text column each and then one integer are far cheaper for DuckDB than one join on
    two text columns (measured: about half the time of the main pass).
    """
    key = "cpv" if "cpv" in found else "category"
    pairs = progress.run(
        con,
        f"SELECT DISTINCT {_category_key(prepared, found)}, coalesce({_expr(prepared, found, 'country')}, '') "
        f"FROM {prepared.source}",
    )
    cats = {cat: n for n, cat in enumerate(sorted({cat for cat, _ in pairs if cat is not None}))}
    ctrys = {ctry: n for n, ctry in enumerate(sorted({ctry for _, ctry in pairs}))}
    by_slug = {slug: slug for slug in tables.category_names}
    by_slug.update({name.lower(): slug for slug, name in tables.category_names.items()})
    resolved = {cat: _category_of(cat, key, tables, by_slug) for cat in cats}
    combos = [
        (cats[cat] * len(ctrys) + ctrys[ctry], *_combo(ctry, resolved[cat], tables, cat.startswith(ACCOUNT)))
        for cat, ctry in pairs
        if cat is not None
    ]
    _table(con, "cats", "cat VARCHAR, cat_id INTEGER", list(cats.items()))
    _table(con, "ctrys", "ctry VARCHAR, ctry_id INTEGER", list(ctrys.items()))
    _table(
        con,
        "combos",
        "combo INTEGER, category VARCHAR, iso3 VARCHAR, weight DOUBLE, problem VARCHAR, via_account BOOLEAN",
        combos,
    )
    used = {cat[1:]: slug for cat, slug in resolved.items() if slug and cat.startswith(ACCOUNT)}
    return len(ctrys), used


# A category key that starts with this character is an account (from the Konto column), not a CPV code.
ACCOUNT = chr(1)


def _category_key(prepared: Prepared, found: dict) -> str:
    """The value a line's category is found from: its CPV code or category, or, when it has none and
    an account column is mapped, its account (marked with ACCOUNT)."""
    key = "cpv" if "cpv" in found else "category"
    base = _expr(prepared, found, key)
    if "account" not in found:
        return base
    account = f"trim({_expr(prepared, found, 'account')})"
    return (
        f"CASE WHEN ({base} IS NULL OR trim({base}) = '') AND {account} <> '' "
        f"THEN {_sql_text(ACCOUNT)} || {account} ELSE {base} END"
    )


def country_code(raw: str, tables: ScreeningTables) -> str | None:
    """ISO3 for a country written as ISO3, ISO2 or a name; None when it cannot be recognised."""
    code = raw.strip().upper()
    if tables.countries:
        return tables.countries.get(code)
    return code if len(code) == 3 and code.isalpha() else None


def _combo(ctry: str, category: str | None, tables: ScreeningTables, via_account: bool) -> tuple:
    iso3 = country_code(ctry, tables) if ctry.strip() else None
    problem = None
    if category is None:
        problem = "unmapped_account" if via_account else "unknown_category"
    elif ctry.strip() and iso3 is None:
        problem = "bad_country"
    weights = tables.weights
    weight = weights.get((category, iso3 or ""), weights.get((category, ""), DEFAULT_WEIGHT))
    return (category, iso3, weight, problem, via_account)


def _category_of(raw: str, key: str, tables: ScreeningTables, by_slug: dict[str, str]) -> str | None:
    if raw.startswith(ACCOUNT):
        return tables.accounts.get(raw[1:])
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
    progress: Callable[[int], None] | None = None,
    period: Period | None = None,
) -> Screening:
    """Screen one file of spend lines and return the aggregates and the listed problems.

    `columns` maps roles to the file's column names (from the mapping step); without it the
    headers are recognised by name. `progress` is called with the percentage read so far. With a
    `period` only lines dated within it are in the totals.

    The encoding is decided from the file's first megabyte; DuckDB checks UTF-8 on every line while
    it reads, and only when it finds a line that is not UTF-8 is the whole file examined (to refuse
    a file mixing encodings, naming the lines, or to read it as Windows-1252). A correct UTF-8 file
    is thus read by Python only once, for its sha256.
    """
    job = Job(tables, max_issues, threads, columns, kind, sheet, progress, period)
    try:
        return _screen(Path(path), job, HEAD_BYTES)
    except _NotUtf8:
        return _screen(Path(path), job, None)


@dataclass(frozen=True)
class Period:
    """The dates a screening's totals are limited to; either end may be open."""

    start: datetime.date | None = None
    end: datetime.date | None = None

    def to_json(self) -> dict:
        return {"start": self.start and self.start.isoformat(), "end": self.end and self.end.isoformat()}


@dataclass
class Job:
    """What one screening run needs besides the file (the arguments of `screen`)."""

    tables: ScreeningTables
    max_issues: int
    threads: int | None
    columns: dict[str, str] | None
    kind: str
    sheet: str
    progress: Callable[[int], None] | None
    period: Period | None


class _NotUtf8(Exception):
    """DuckDB met a line that is not UTF-8 in a file whose start was."""


HEAD_BYTES = 1 << 20


def _screen(path: Path, job: Job, scan_bytes: int | None) -> Screening:
    with tempfile.TemporaryDirectory(dir=path.parent, prefix="screening-") as work:
        prepared = prepare(path, Path(work), kind=job.kind, sheet=job.sheet, scan_bytes=scan_bytes)
        found = _checked_mapping(prepared.header, job.columns)
        con = connect(job.threads)
        tracker = Progress(job.progress)
        try:
            types = _types(con, prepared)
            countries, accounts = _lookups(con, prepared, found, job.tables, tracker)
            result = _aggregate(con, prepared, found, types, job, countries, tracker)
        except duckdb.Error as error:
            if scan_bytes and "unicode" in str(error).lower():
                raise _NotUtf8 from None
            raise SpendFileError(_("The file could not be read: %s") % str(error).split("\n")[0]) from None
        finally:
            con.close()
    result.source = {k: v for k, v in asdict(prepared.info).items() if v}
    result.columns = found
    result.accounts = {
        account: job.tables.category_names.get(slug, slug) for account, slug in accounts.items()
    }
    result.period = job.period.to_json() if job.period else {}
    return result


def _checked_mapping(header: list[str], columns: dict[str, str] | None) -> dict[str, str]:
    found = detect_columns(header) if columns is None else {r: c for r, c in columns.items() if c}
    unknown = [c for c in found.values() if c not in header]
    if unknown:
        raise SpendFileError(_("The file has no column “%s”.") % unknown[0])
    check_columns(found)
    return found


def _date_reason(period: Period | None) -> str:
    """Without a period a date that cannot be read only flags the line; with one, such a line cannot
    be placed in the period and leaves the totals, counted apart from the lines outside it."""
    if period is None:
        return "WHEN s.day IS NULL AND NOT s.day_blank THEN 'bad_date'"
    bounds = [f"s.day < DATE '{period.start.isoformat()}'"] if period.start else []
    bounds += [f"s.day > DATE '{period.end.isoformat()}'"] if period.end else []
    return "WHEN s.day IS NULL THEN 'undated' " + (
        f"WHEN {' OR '.join(bounds)} THEN 'outside_period'" if bounds else ""
    )


def _classified_sql(
    prepared: Prepared, found: dict, types: dict, countries: int, period: Period | None = None
) -> str:
    """Every line with its category, country, weight and the reason it is not screened (NULL: screened).

    The reasons that need only the line itself are decided before the joins, so the joins carry
    five narrow columns instead of every raw value."""
    key = "cpv" if "cpv" in found else "category"
    supplier, cat, amount_raw = (_expr(prepared, found, role) for role in ("supplier", key, "amount"))
    day, day_blank = _day(prepared, found, types)
    first = f"CAST({_column(prepared, prepared.header[0])} AS VARCHAR)"
    summary = _sql_text(SUMMARY_PATTERN)
    return f"""
    WITH src AS (
        SELECT file_row_number AS row_no, {supplier} AS supplier_raw, {_category_key(prepared, found)} AS cat_raw,
               coalesce({_expr(prepared, found, "country")}, '') AS country_raw,
               {_amount(prepared, found, types)} AS amount, {day} AS day, {day_blank} AS day_blank,
               CASE WHEN ({supplier} IS NULL OR trim({supplier}) = '') AND ({cat} IS NULL OR trim({cat}) = '')
                         AND ({amount_raw} IS NULL OR trim({amount_raw}) = '') THEN 'blank_line'
                    WHEN ({cat} IS NULL OR trim({cat}) = '')
                         AND (regexp_matches(coalesce({first}, ''), {summary})
                              OR regexp_matches(coalesce({supplier}, ''), {summary})) THEN 'summary_row'
                    WHEN {supplier} IS NULL OR trim({supplier}) = '' THEN 'no_supplier'
               END AS line_reason
        FROM {prepared.source}
    )
    SELECT s.row_no, s.supplier_raw, s.amount, k.category, k.iso3 AS country, coalesce(k.weight, 0) AS weight,
           coalesce(k.via_account, false) AS via_account,
           CASE WHEN s.line_reason IS NOT NULL THEN s.line_reason
                WHEN s.amount IS NULL THEN 'bad_amount'
                WHEN k.combo IS NULL THEN 'unknown_category'
                WHEN k.problem IS NOT NULL THEN k.problem
                {_date_reason(period)}
           END AS reason
    FROM src s LEFT JOIN cats a ON a.cat = s.cat_raw LEFT JOIN ctrys b ON b.ctry = s.country_raw
         LEFT JOIN combos k ON k.combo = a.cat_id * {int(countries)} + b.ctry_id
    """


def _aggregate(
    con,
    prepared: Prepared,
    found: dict,
    types: dict,
    job: Job,
    countries: int,
    progress: Progress,
) -> Screening:
    # One pass over the file: two GROUPING SETS, (category, country, reason) — a few hundred groups
    # that give the category, country and reason totals — and (supplier); min(row_no, n) keeps the
    # first row numbers of each reason; only those rows are read again. (Four sets, one per
    # dimension, cost DuckDB a fourth more.)
    # A flagged line (a date that cannot be read) is counted in the totals and listed too.
    counted = "(reason IS NULL OR reason IN ('" + "', '".join(FLAGS) + "'))"
    rows = progress.run(
        con,
        f"""
        WITH lines AS ({_classified_sql(prepared, found, types, countries, job.period)})
        SELECT GROUPING(supplier_raw) AS by_category, category, country, reason, via_account, supplier_raw,
               count(*) FILTER (WHERE {counted}) AS n,
               sum(amount) FILTER (WHERE {counted}) AS spend,
               sum(CAST(amount AS DOUBLE) * weight) FILTER (WHERE {counted}) AS weighted,
               count(*) AS n_all,
               min(row_no, {int(job.max_issues)}) FILTER (WHERE reason IS NOT NULL) AS first_rows
        FROM lines
        GROUP BY GROUPING SETS ((category, country, reason, via_account), (supplier_raw))
    """,
    )
    result = _collect(rows, job.tables, job.max_issues)
    first = sorted((row_no, reason) for reason, numbers in result.first_rows.items() for row_no in numbers)
    result.issues = _issue_rows(con, prepared, found, first[: job.max_issues])
    return result


def _issue_rows(con, prepared: Prepared, found: dict, first: list[tuple[int, str]]) -> list[dict]:
    """The listed problem lines with their values as written. Only the file's start up to the last
    listed line is read again (LIMIT stops DuckDB's reading there), not the whole file."""
    if not first:
        return []
    key = "cpv" if "cpv" in found else "category"
    reasons = dict(first)
    numbers = ", ".join(str(int(n)) for n in reasons)
    fetched = con.sql(f"""
        SELECT file_row_number, {_expr(prepared, found, "supplier")}, {_expr(prepared, found, key)},
               {_expr(prepared, found, "amount")}, {_expr(prepared, found, "country")}, {_expr(prepared, found, "date")}
        FROM (SELECT * FROM {prepared.source} LIMIT {max(reasons) + 1})
        WHERE file_row_number IN ({numbers}) ORDER BY file_row_number
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


def _collect(rows, tables: ScreeningTables, max_issues: int) -> Screening:
    result = Screening()
    suppliers: dict[str, dict] = {}
    categories: dict[str, dict] = {}
    countries: dict[str, dict] = {}
    first: dict[str, list[int]] = {}
    for (
        by_category,
        category,
        country,
        reason,
        via_account,
        supplier_raw,
        n,
        spend,
        weighted,
        n_all,
        first_rows,
    ) in rows:
        entry = {"lines": n, "spend": spend or Decimal(0), "weighted": weighted or 0.0}
        if not by_category:  # by supplier as written; merged by organisation number or name
            if n:
                _merge_supplier(suppliers, supplier_raw, entry, tables)
            continue
        result.total_lines += n_all
        if n:
            _add(categories, category, tables.category_names.get(category, ""), entry)
            _add(countries, country or "", country or "", entry)
            result.valid_lines += n
            result.total_spend += entry["spend"]
            result.weighted_spend += entry["weighted"]
            if via_account:
                result.account_lines += n
                result.account_spend += entry["spend"]
        if reason is not None:
            result.issue_counts[reason] = result.issue_counts.get(reason, 0) + n_all
            first.setdefault(reason, []).extend(first_rows or [])
    result.first_rows = {reason: sorted(numbers)[:max_issues] for reason, numbers in first.items()}
    result.by_category, result.by_country = list(categories.values()), list(countries.values())
    result.by_supplier = list(suppliers.values())
    for listing in (result.by_category, result.by_supplier, result.by_country):
        listing.sort(key=lambda e: (-e["weighted"], -e["spend"], e["key"]))
    return result


def _add(totals: dict[str, dict], key: str, name: str, entry: dict) -> None:
    current = totals.setdefault(
        key, {"key": key, "name": name, "lines": 0, "spend": Decimal(0), "weighted": 0.0}
    )
    for field_name in ("lines", "spend", "weighted"):
        current[field_name] += entry[field_name]


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
