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
