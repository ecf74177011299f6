"""What every page benchmark shares: fresh planner statistics and the summary of a run's times."""

from __future__ import annotations

import statistics
import time

# The page every table is compared with: anonymous, two small queries, no template. Ratios to it
# measured in the same run say how heavy a page is regardless of how busy the machine is.
TRIVIAL_URL = "/healthz"


def analyze() -> None:
    """Refresh the planner's statistics after bulk loading (autovacuum may be off or not have run)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def median_p95(times: list[float]) -> tuple[float, float]:
    if len(times) < 2:
        return times[0], times[0]
    return statistics.median(times), statistics.quantiles(times, n=20, method="inclusive")[18]


def page_table(small: dict, large: dict, size: str) -> int:
    """Print each page's queries and times at both sizes, as markdown; the number of pages that
    failed or whose query count grew with the rows. Keys are (page, persona); each persona needs
    a "Trivial (health)" row, the ratios' denominator."""
    print(
        f"| Page | Persona | Status | Queries (small) | Queries ({size}) | Median ms (small) | Median ms ({size})"
        f" | p95 ms ({size}) | Median ÷ trivial | p95 ÷ trivial |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    failed = 0
    for key, big in large.items():
        little, trivial = small[key], large[("Trivial (health)", key[1])]
        grew = big.queries > little.queries or big.status != 200 or little.status != 200
        failed += grew
        print(
            f"| {key[0]} | {key[1]} | {big.status} | {little.queries} | {big.queries}{' ⚠' if grew else ''} |"
            f" {little.median_ms:.0f} | {big.median_ms:.0f} | {big.p95_ms:.0f} |"
            f" {big.median_ms / trivial.median_ms:.1f} | {big.p95_ms / trivial.median_ms:.1f} |"
        )
    if failed:
        print(f"\n{failed} page(s) failed or their query count grew with the rows.")
    return failed


class Statements:
    """Records each SQL statement of a request with its time and parameters (an execute_wrapper)."""

    def __init__(self) -> None:
        self.seen: list[tuple[float, str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if not many:
                self.seen.append(((time.perf_counter() - started) * 1000, sql, params))


def explain_slowest(client, url: str) -> str:
    """One request to `url` split into SQL and the rest, and the plan of its slowest statement
    (EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on SQLite), as markdown."""
    from django.db import connection

    statements = Statements()
    started = time.perf_counter()
    with connection.execute_wrapper(statements):
        client.get(url)
    total = (time.perf_counter() - started) * 1000
    sql_ms = sum(ms for ms, _, _ in statements.seen)
    ms, sql, params = max(statements.seen, key=lambda seen: seen[0])
    explain = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        plan = "\n".join(" ".join(str(column) for column in row) for row in cursor.fetchall())
        statement = connection.ops.last_executed_query(cursor.cursor, sql, params).removeprefix(explain)
    return (
        f"{total:.0f} ms, of which SQL {sql_ms:.0f} ms in {len(statements.seen)} statements;"
        f" the slowest took {ms:.1f} ms:\n\n```sql\n{statement}\n```\n\n```\n{plan}\n```\n"
    )


def explain_slow_pages(pages, over_ms: float) -> str:
    """For each (page, persona, median ms, client, url) whose median is over `over_ms`: where its
    time goes and the plan of its slowest statement, as markdown (empty if none is that slow)."""
    sections = [
        f"### {page} ({persona}): median {median:.0f} ms\n\n{url}: {explain_slowest(client, url)}"
        for page, persona, median, client, url in pages
        if median > over_ms
    ]
    return "\n".join([f"\n## Pages over {over_ms:.0f} ms\n", *sections]) if sections else ""
