"""Spend screening benchmark: Kedja's screening vs a hand-written DuckDB query vs plain pandas.

Generates N spend lines (default 10 million) as Parquet with DuckDB into a temporary directory,
then runs each variant in its own subprocess and reads that child's peak RSS (ru_maxrss via
wait4), so the variants cannot inflate each other's memory figures.

    python -m bench.spend_screening [--rows N] [--threads T]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kedja" / "reference" / "data" / "reference"
VARIANTS = ("kedja", "duckdb_sql", "pandas")
N_SUPPLIERS = 5000
COUNTRIES = ["SWE", "DEU", "CHN", "MYS", "PAK", "IND", "THA", "VNM", "POL", "USA", None]


def reference_tables():
    """Categories with prefixes and names, suppliers and weights, built from the shipped CSVs."""
    prefixes: dict[str, list[str]] = {}
    names = {}
    with (DATA / "categories.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[row["slug"]] = row["name_sv"]
            for prefix in row["cpv_prefixes"].split(";"):
                prefixes.setdefault(prefix.strip(), []).append(row["slug"])
    suppliers = {f"556{n:07d}": f"Leverantör {n} AB" for n in range(N_SUPPLIERS // 2)}
    weights = {}
    for n, slug in enumerate(sorted(names)):
        weights[(slug, "")] = round(0.2 + (n % 5) * 0.2, 2)
        weights[(slug, "CHN")] = 1.0
    return prefixes, names, suppliers, weights


def cpv_pool(prefixes: dict[str, list[str]]) -> list[str]:
    codes = [p.ljust(8, "0") for p in sorted(prefixes)]
    # Notices write a check digit; some lines carry it, as real exports do.
    return codes + [f"{c}-{n % 10}" for n, c in enumerate(codes)] + ["99999999", "abc"]


def generate(path: Path, rows: int) -> None:
    import duckdb

    prefixes, *_ = reference_tables()
    pool = cpv_pool(prefixes)
    countries = ", ".join("NULL" if c is None else f"'{c}'" for c in COUNTRIES)
    con = duckdb.connect()
    con.execute("SELECT setseed(0.42)")
    con.execute(f"""
        COPY (
            SELECT printf('556%07d', (hash(i) % {N_SUPPLIERS})::BIGINT) AS supplier_org_number,
                   list_element({pool!r}, ((hash(i * 7) % {len(pool)}) + 1)::BIGINT) AS cpv,
                   CASE WHEN i % 9973 = 0 THEN NULL ELSE round(random() * 20000, 2) END AS amount,
                   DATE '2024-01-01' + (i % 730)::INTEGER AS date,
                   list_element([{countries}], ((hash(i * 13) % {len(COUNTRIES)}) + 1)::BIGINT) AS country
            FROM range({rows}) t(i)
        ) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)
    """)
    con.close()


def summary(by_category: dict[str, tuple[int, float, float]]) -> dict:
    return {k: [n, s, w] for k, (n, s, w) in sorted(by_category.items())}


def same(a: dict, b: dict) -> bool:
    """Equal counts, and sums equal up to floating-point summation order."""
    if a.keys() != b.keys():
        return False
    return all(
        a[k][0] == b[k][0]
        and all(abs(x - y) <= 1e-9 * max(1.0, abs(y)) for x, y in zip(a[k][1:], b[k][1:], strict=True))
        for k in a
    )


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kedja.settings_test")
    import django

    django.setup()


def run_kedja(path: Path, threads: int | None) -> dict:
    from kedja.risk.spend import ScreeningTables, screen

    prefixes, names, suppliers, weights = reference_tables()
    tables = ScreeningTables(prefixes, names, suppliers, weights)
    result = screen(path, tables, threads=threads)
    return summary({e["key"]: (e["lines"], float(e["spend"]), e["weighted"]) for e in result.by_category})


HAND_WRITTEN = """
WITH lines AS (SELECT * FROM read_parquet('{path}')),
codes AS (SELECT DISTINCT cpv FROM lines),
matched AS (
    SELECT c.cpv, p.category, length(p.prefix) AS len,
           max(length(p.prefix)) OVER (PARTITION BY c.cpv) AS best
    FROM codes c JOIN prefixes p
      ON starts_with(lpad(split_part(c.cpv, '-', 1), 8, '0'), p.prefix)
    WHERE regexp_full_match(c.cpv, '\\d{{7,8}}(-\\d)?')
),
resolved AS (  -- the longest prefix wins; a prefix shared by two categories stays unresolved
    SELECT cpv, any_value(category) AS category FROM matched WHERE len = best
    GROUP BY cpv HAVING count(*) = 1
),
scored AS (
    SELECT l.supplier_org_number AS supplier, r.category, l.country, l.amount,
           coalesce(wc.weight, w.weight, 0.5) AS weight,
           CASE WHEN l.amount IS NULL THEN 'bad_amount' WHEN r.category IS NULL THEN 'unknown_category' END AS reason
    FROM lines l LEFT JOIN resolved r ON r.cpv = l.cpv
    LEFT JOIN weights w ON w.category = r.category AND w.iso3 = ''
    LEFT JOIN weights wc ON wc.category = r.category AND wc.iso3 = l.country
)
SELECT GROUPING(category, supplier, country, reason) AS g, category, supplier, country, reason,
       count(*) FILTER (WHERE reason IS NULL), sum(amount) FILTER (WHERE reason IS NULL),
       sum(amount * weight) FILTER (WHERE reason IS NULL), count(*)
FROM scored GROUP BY GROUPING SETS ((category), (supplier), (country), (reason))
"""


def run_duckdb_sql(path: Path, threads: int | None) -> dict:
    import duckdb

    prefixes, names, suppliers, weights = reference_tables()
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {threads}")
    con.execute("CREATE TABLE prefixes (prefix VARCHAR, category VARCHAR)")
    con.executemany("INSERT INTO prefixes VALUES (?, ?)", [(p, c) for p, cs in prefixes.items() for c in cs])
    con.execute("CREATE TABLE weights (category VARCHAR, iso3 VARCHAR, weight DOUBLE)")
    con.executemany("INSERT INTO weights VALUES (?, ?, ?)", [(c, i, w) for (c, i), w in weights.items()])
    rows = con.sql(HAND_WRITTEN.format(path=path)).fetchall()
    return summary({r[1]: (r[5], r[6] or 0.0, r[7] or 0.0) for r in rows if r[0] == 0b0111 and r[5]})


def run_pandas(path: Path, threads: int | None) -> dict:
    import pandas as pd

    from kedja.risk.matching import longest_prefix, normalise_cpv

    prefixes, names, suppliers, weights = reference_tables()
    df = pd.read_parquet(path)
    lookup = {}
    for raw in df["cpv"].dropna().unique():
        code = normalise_cpv(raw)
        found = longest_prefix(code, prefixes) if code else []
        lookup[raw] = found[0] if len(found) == 1 else None
    df["category"] = df["cpv"].map(lookup)
    df["weight"] = 0.5
    base = pd.Series({c: w for (c, i), w in weights.items() if i == ""})
    df["weight"] = df["category"].map(base).fillna(0.5)
    special = {(c, i): w for (c, i), w in weights.items() if i}
    for (category, iso3), weight in special.items():
        df.loc[(df["category"] == category) & (df["country"] == iso3), "weight"] = weight
    valid = df[df["amount"].notna() & df["category"].notna()].copy()
    valid["weighted"] = valid["amount"] * valid["weight"]
    valid.groupby("supplier_org_number")[["amount", "weighted"]].sum()
    valid.groupby("country", dropna=False)[["amount", "weighted"]].sum()
    by_cat = valid.groupby("category").agg(n=("amount", "size"), s=("amount", "sum"), w=("weighted", "sum"))
    return summary({k: (int(r.n), float(r.s), float(r.w)) for k, r in by_cat.iterrows()})


RUNNERS = {"kedja": run_kedja, "duckdb_sql": run_duckdb_sql, "pandas": run_pandas}


def measure(variant: str, path: Path, threads: int | None) -> dict:
    """Run one variant in a child process; its own peak RSS comes from wait4."""
    command = [sys.executable, "-m", "bench.spend_screening", "--child", variant, "--file", str(path)]
    if threads:
        command += ["--threads", str(threads)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{variant} failed with exit code {process.returncode}")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024  # Linux reports KiB
    return result


def child(variant: str, path: Path, threads: int | None) -> None:
    if variant == "kedja":
        setup_django()  # process start-up, not screening: kept outside the timed part
    started = time.perf_counter()
    aggregates = RUNNERS[variant](path, threads)
    print(json.dumps({"seconds": time.perf_counter() - started, "aggregates": aggregates}))


def run(rows: int, threads: int | None = None, workdir: Path | None = None) -> dict:
    """Generate the data, measure every variant, and return the numbers and whether they agree."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        path = Path(tmp) / "spend.parquet"
        started = time.perf_counter()
        generate(path, rows)
        generated = time.perf_counter() - started
        results = {variant: measure(variant, path, threads) for variant in VARIANTS}
    reference = results["duckdb_sql"]["aggregates"]
    return {
        "rows": rows,
        "generate_seconds": generated,
        "results": results,
        "agree": all(same(r["aggregates"], reference) for r in results.values()),
    }


def print_table(report: dict) -> None:
    base = report["results"]["duckdb_sql"]
    print(
        f"rows: {report['rows']:,}  (generated in {report['generate_seconds']:.1f} s, {os.cpu_count()} cores)"
    )
    print(f"{'variant':<12}{'seconds':>10}{'peak MB':>10}{'time × SQL':>12}{'memory × SQL':>14}")
    for variant, r in report["results"].items():
        print(
            f"{variant:<12}{r['seconds']:>10.2f}{r['peak_mb']:>10.0f}"
            f"{r['seconds'] / base['seconds']:>12.2f}{r['peak_mb'] / base['peak_mb']:>14.2f}"
        )
    kedja = report["results"]["kedja"]
    print(f"same aggregates in all variants: {'yes' if report['agree'] else 'NO'}")
    print(
        f"target: Kedja within 1.5× of hand-written DuckDB ({kedja['seconds'] / base['seconds']:.2f}×) "
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
