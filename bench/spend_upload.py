"""Spend screening of a Swedish finance-system CSV through the page's code path, against DuckDB SQL.

Generates N lines (default 10 million) as a finance system exports them: semicolons, Swedish
headers, amounts with decimal comma and no-break-space thousands, some credit notes with U+2212,
dates as YYYYMMDD. Then, each in its own process with its peak RSS read through wait4:

- kedja: what happens after the browser's upload has landed on disk — `start_screening` (type
  check, the first megabyte's encoding, the file copied to media storage with its sha256; a real
  large upload is moved instead and hashed in the task), `confirm_mapping`, and the background
  task (`run_screening`, run by the immediate task backend in the same process) that checks the
  encoding over the whole file, reads it and saves the result;
- duckdb_sql: a hand-written DuckDB query over the same file computing the same totals.

    python -m bench.spend_upload [--rows N] [--threads T]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ("kedja", "duckdb_sql")
UNKNOWN_CPV = "99999999"
COUNTRIES = ["SWE", "Malaysia", "CHN", "PK", "", "Sverige"]


def cpv_codes() -> list[str]:
    """Eight-digit codes that Kedja's shipped categories resolve to exactly one category, some with a
    check digit, plus one unknown code."""
    import csv

    prefixes: dict[str, list[str]] = {}
    with (ROOT / "kedja" / "reference" / "data" / "reference" / "categories.csv").open(
        encoding="utf-8"
    ) as handle:
        for row in csv.DictReader(handle):
            for prefix in row["cpv_prefixes"].split(";"):
                prefixes.setdefault(prefix.strip(), []).append(row["slug"])
    codes = []
    for prefix in sorted(prefixes):
        code = prefix.ljust(8, "0")
        longest = max((p for p in prefixes if code.startswith(p)), key=len)
        if len(prefixes[longest]) == 1:
            codes.append(code if len(codes) % 2 else f"{code}-1")
    return codes[:20] + [UNKNOWN_CPV]


def generate(path: Path, rows: int) -> None:
    import duckdb

    codes = cpv_codes()
    cpv = ", ".join(f"'{c}'" for c in codes)
    countries = ", ".join(f"'{c}'" for c in COUNTRIES)
    con = duckdb.connect()
    con.execute(f"""
        COPY (
            SELECT printf('556%07d', (hash(i) % 5000)::BIGINT) AS "Org.nr",
                   list_element([{cpv}], ((hash(i * 7) % {len(codes)}) + 1)::BIGINT) AS "CPV-kod",
                   CASE WHEN i % 50 = 0 THEN chr(8722) ELSE '' END
                     || replace(replace(format('{{:,.2f}}', (hash(i * 3) % 2000000) / 100.0), ',', chr(160)), '.', ',')
                     AS "Belopp SEK",
                   strftime(DATE '2024-01-01' + (i % 730)::INTEGER, '%Y%m%d') AS "Fakturadatum",
                   list_element([{countries}], ((hash(i * 13) % {len(COUNTRIES)}) + 1)::BIGINT) AS "Land"
            FROM range({rows}) t(i)
        ) TO '{path}' (FORMAT csv, DELIMITER ';', HEADER true, QUOTE '"')
    """)
    con.close()


SETUP: dict = {}


def setup_django(workdir: Path) -> None:
    """A throwaway database with the reference data and the personas (outside the timed part)."""
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kedja.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = workdir / "media"
    settings.KEDJA_SPEND_MAX_BYTES = 1 << 40
    call_command("migrate", verbosity=0)
    from kedja.organisations.testing import build_personas
    from kedja.reference.testing import load_test_reference

    load_test_reference()
    SETUP["user"] = build_personas().olle


def run_kedja(path: Path, threads: int | None) -> tuple[dict, dict]:
    """Upload → mapping → background task, as the page does; returns the totals and the timings."""
    from django.core.files.uploadedfile import UploadedFile

    from kedja.risk import spend_actions
    from kedja.risk.models import SpendScreening

    user = SETUP["user"]
    timings = {}
    started = time.perf_counter()
    with path.open("rb") as handle:
        upload = UploadedFile(handle, name="leverantorsreskontra.csv", size=path.stat().st_size)
        item = spend_actions.start_screening(acting_user=user, uploaded=upload)
    timings["upload_seconds"] = time.perf_counter() - started
    spend_actions.confirm_mapping(acting_user=user, screening=item, columns=item.columns)
    item = SpendScreening.objects.get(pk=item.pk)
    timings["screen_seconds"] = time.perf_counter() - started - timings["upload_seconds"]
    if item.status != "done":
        raise RuntimeError(item.error or item.status)
    totals = {"spend": item.result["total_spend"]}
    totals["by_country"] = {e["key"]: e["spend"] for e in item.result["by_country"]}
    return totals, timings


HAND_WRITTEN = """
WITH lines AS (
    SELECT "Org.nr" AS supplier, "CPV-kod" AS cpv, upper(coalesce("Land", '')) AS land,
           CAST(replace(replace(replace("Belopp SEK", chr(160), ''), chr(8722), '-'), ',', '.') AS DECIMAL(38, 4))
             AS amount,
           try_strptime("Fakturadatum", '%Y%m%d') AS day
    FROM read_csv('{path}', delim=';', header=true, all_varchar=true)
),
codes AS (SELECT DISTINCT cpv FROM lines),
matched AS (
    SELECT c.cpv, p.category, length(p.prefix) AS len, max(length(p.prefix)) OVER (PARTITION BY c.cpv) AS best
    FROM codes c JOIN prefixes p ON starts_with(lpad(split_part(c.cpv, '-', 1), 8, '0'), p.prefix)
    WHERE regexp_full_match(c.cpv, '\\d{{7,8}}(-\\d)?')
),
resolved AS (
    SELECT cpv, any_value(category) AS category FROM matched WHERE len = best GROUP BY cpv HAVING count(*) = 1
),
scored AS (
    SELECT l.supplier, r.category, coalesce(n.iso3, '') AS country, l.amount, coalesce(w.weight, 0.5) AS weight,
           CASE WHEN l.supplier IS NULL THEN 'no_supplier' WHEN l.amount IS NULL THEN 'bad_amount'
                WHEN r.category IS NULL THEN 'unknown_category'
                WHEN l.land <> '' AND n.iso3 IS NULL THEN 'bad_country' END AS reason,
           l.day IS NULL AS bad_date
    FROM lines l LEFT JOIN resolved r ON r.cpv = l.cpv LEFT JOIN names n ON n.name = l.land
    LEFT JOIN weights w ON w.category = r.category
)
SELECT GROUPING(category, supplier, country, reason) AS g, category, supplier, country, reason,
       count(*) FILTER (WHERE reason IS NULL), sum(amount) FILTER (WHERE reason IS NULL),
       sum(CAST(amount AS DOUBLE) * weight) FILTER (WHERE reason IS NULL), count(*), count(*) FILTER (WHERE bad_date)
FROM scored GROUP BY GROUPING SETS ((category), (supplier), (country), (reason))
"""
COUNTRY_NAMES = {"SWE": "SWE", "SVERIGE": "SWE", "MALAYSIA": "MYS", "MYS": "MYS", "CHN": "CHN", "PK": "PAK"}


def run_duckdb_sql(path: Path, threads: int | None) -> tuple[dict, dict]:
    """The same work written by hand for this one file layout: Swedish amounts and dates, the
    longest-prefix category, country names, and the category, supplier, country and reason totals."""
    import duckdb

    from bench.spend_screening import reference_tables

    prefixes, _names, _suppliers, weights = reference_tables()
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {threads}")
    con.execute("CREATE TABLE prefixes (prefix VARCHAR, category VARCHAR)")
    con.executemany("INSERT INTO prefixes VALUES (?, ?)", [(p, c) for p, cs in prefixes.items() for c in cs])
    con.execute("CREATE TABLE weights (category VARCHAR, weight DOUBLE)")
    con.executemany("INSERT INTO weights VALUES (?, ?)", [(c, w) for (c, i), w in weights.items() if not i])
    con.execute("CREATE TABLE names (name VARCHAR, iso3 VARCHAR)")
    con.executemany("INSERT INTO names VALUES (?, ?)", list(COUNTRY_NAMES.items()))
    rows = con.sql(HAND_WRITTEN.format(path=path)).fetchall()
    by_country = {r[3]: str(r[6]) for r in rows if r[0] == 0b1101 and r[5]}
    total = sum((Decimal(v) for v in by_country.values()), Decimal(0))
    return {"spend": str(total), "by_country": by_country}, {}


RUNNERS = {"kedja": run_kedja, "duckdb_sql": run_duckdb_sql}


def child(variant: str, path: Path, threads: int | None) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="kedja-bench-upload-", dir=path.parent))
    if variant == "kedja":
        setup_django(workdir)
    started = time.perf_counter()
    totals, timings = RUNNERS[variant](path, threads)
    print(json.dumps({"seconds": time.perf_counter() - started, "totals": totals, **timings}))


def measure(variant: str, path: Path, threads: int | None) -> dict:
    command = [sys.executable, "-m", "bench.spend_upload", "--child", variant, "--file", str(path)]
    if threads:
        command += ["--threads", str(threads)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{variant} failed")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def same(a: dict, b: dict) -> bool:
    """Kedja's totals equal the hand-written query's, exactly (both are decimal sums)."""

    def norm(totals):
        return {k: Decimal(v) for k, v in totals["by_country"].items()}, Decimal(totals["spend"])

    return norm(a) == norm(b)


def run(rows: int, threads: int | None = None, workdir: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        path = Path(tmp) / "leverantorsreskontra.csv"
        started = time.perf_counter()
        generate(path, rows)
        generated = time.perf_counter() - started
        size = path.stat().st_size
        results = {variant: measure(variant, path, threads) for variant in VARIANTS}
    return {
        "rows": rows,
        "file_mb": size / 1e6,
        "generate_seconds": generated,
        "results": results,
        "agree": same(results["kedja"]["totals"], results["duckdb_sql"]["totals"]),
    }


def print_table(report: dict) -> None:
    base, kedja = report["results"]["duckdb_sql"], report["results"]["kedja"]
    print(
        f"rows: {report['rows']:,}  CSV {report['file_mb']:.0f} MB (generated in "
        f"{report['generate_seconds']:.1f} s, {os.cpu_count()} cores)"
    )
    print(f"{'variant':<12}{'seconds':>10}{'peak MB':>10}{'time × SQL':>12}")
    for variant, r in report["results"].items():
        print(
            f"{variant:<12}{r['seconds']:>10.2f}{r['peak_mb']:>10.0f}{r['seconds'] / base['seconds']:>12.2f}"
        )
    print(
        f"kedja: upload step {kedja['upload_seconds']:.2f} s (type, first megabyte's encoding, copy to "
        f"storage with sha256), background screening {kedja['screen_seconds']:.2f} s"
    )
    print(f"same totals per country (exact decimals): {'yes' if report['agree'] else 'NO'}")
    print(
        f"target: within 1.5× of hand-written DuckDB ({kedja['seconds'] / base['seconds']:.2f}×) "
        f"and under 2 GB peak ({kedja['peak_mb']:.0f} MB)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--child", choices=VARIANTS)
    parser.add_argument("--file", type=Path)
    args, _ = parser.parse_known_args(argv)
    if args.child:
        child(args.child, args.file, args.threads)
        return
    print_table(run(args.rows, args.threads))


if __name__ == "__main__":
    main(sys.argv[1:])
