"""What every page benchmark shares: fresh planner statistics and the summary of a run's times."""

from __future__ import annotations

import statistics

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
