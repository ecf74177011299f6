"""Severity of a human-rights impact (docs/risk-method.md §2.2), as pure Python.

The one formula behind a risk item's severity (`risk.scoring`) and a follow-up finding's
(`followup.actions.findings`). It lives here, below both apps, because `followup` may not import
`risk` (docs/architecture-notes.md item 9) and the inputs — scale, scope, irremediability — are the
issue defaults that `reference` already owns.
"""

from dataclasses import dataclass
from enum import StrEnum


class SeverityAgg(StrEnum):
    """How scale, scope and irremediability combine; the method uses HYBRID (the others for tests of it)."""

    HYBRID = "hybrid"
    MAX_ALL = "max_all"
    MEAN = "mean"


@dataclass(frozen=True)
class Severity:
    sc: int
    so_band: int
    so: int
    ir: int
    sev: int
    agg: str


def ceil_third(total: int) -> int:
    return -(-total // 3)


def scope_score(so_band: int, vulnerable: bool) -> int:
    """So: the scope band, one higher when vulnerable groups are affected, at most 5."""
    return min(5, so_band + (1 if vulnerable else 0))


def severity(
    sc: int, so_band: int, ir: int, *, vulnerable: bool = False, agg: SeverityAgg = SeverityAgg.HYBRID
) -> Severity:
    """Severity from scale, scope band and irremediability (each 1–5).

    HYBRID: Sev = max(Sc, Ir, ⌈(Sc + So + Ir) / 3⌉), so neither a grave scale nor an irremediable
    harm is averaged away.
    """
    for value in (sc, so_band, ir):
        if not 1 <= value <= 5:
            raise ValueError("scores must lie in 1–5")
    so = scope_score(so_band, vulnerable)
    mean_up = ceil_third(sc + so + ir)
    if agg == SeverityAgg.MAX_ALL:
        sev = max(sc, so, ir)
    elif agg == SeverityAgg.MEAN:
        sev = mean_up
    else:
        sev = max(sc, ir, mean_up)
    return Severity(sc=sc, so_band=so_band, so=so, ir=ir, sev=sev, agg=str(agg))
