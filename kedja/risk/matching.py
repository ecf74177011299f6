"""Pure lookups the scoring model needs: default Sr from sector_risk.csv, the ILAB listing of
a good in a country for an issue type, and CPV longest-prefix resolution.

The Sr matching follows the README of the curated tables ("suggested matching").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kedja.risk.scoring import IlabMatch

NO_DEFAULT_SR = 3


@dataclass(frozen=True)
class SectorRow:
    stage: str
    sr: int
    category: str = ""
    cpv_prefix: str = ""
    good: str = ""
    country_iso3: str = ""
    country_group: str = ""
    typical_min_tier: int = 1
    process: str = ""
    issues: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskItemKey:
    stage: str
    category: str = ""
    parent_category: str = ""
    cpv: str = ""
    good: str = ""
    country: str | None = None
    tier: int | None = None


@dataclass(frozen=True)
class SrChoice:
    sr: int
    row: SectorRow | None

    @property
    def is_default(self) -> bool:
        return self.row is None


def _matches(row: SectorRow, item: RiskItemKey, groups: dict[str, set[str]]) -> bool:
    if row.stage != item.stage:
        return False
    if row.category and row.category not in {item.category, item.parent_category} - {""}:
        return False
    if row.cpv_prefix and not (item.cpv or "").startswith(row.cpv_prefix):
        return False
    if row.good and row.good != item.good:
        return False
    if row.country_iso3 and row.country_iso3 != item.country:
        return False
    return not (row.country_group and item.country not in groups.get(row.country_group, set()))


def _preference(row: SectorRow, item: RiskItemKey) -> tuple:
    country = 2 if row.country_iso3 else 1 if row.country_group else 0
    product_keys = sum(1 for key in (row.category, row.cpv_prefix, row.good) if key)
    tier = _tier_rank(row, item.tier)
    return (country, product_keys, len(row.cpv_prefix), tier, row.sr)


def _tier_rank(row: SectorRow, tier: int | None) -> int:
    # Unknown tier: no tier preference, so the highest Sr wins the tie.
    if tier is None:
        return 0
    return row.typical_min_tier if row.typical_min_tier <= tier else -1


def sector_risk(rows: Iterable[SectorRow], item: RiskItemKey, groups: dict[str, set[str]]) -> SrChoice:
    """The default Sr for an item; Sr 3 with no row when nothing matches (unknown is not low)."""
    candidates = [row for row in rows if _matches(row, item, groups)]
    if not candidates:
        return SrChoice(NO_DEFAULT_SR, None)
    best = max(candidates, key=lambda row: _preference(row, item))
    return SrChoice(best.sr, best)


@dataclass(frozen=True)
class IlabRow:
    good: str
    iso3: str
    child_labor: bool = False
    forced_labor: bool = False
    forced_child_labor: bool = False
    derived: bool = False
    derived_country: str = ""


def ilab_row_matches(row: IlabRow, issue_type: str) -> IlabMatch | None:
    """CL matches child_labor or forced_child_labor; FL forced_labor or forced_child_labor;
    derived rows match both (docs/risk-method.md §2.11)."""
    if row.derived:
        return IlabMatch.DERIVED if issue_type in ("CL", "FL") else None
    if issue_type == "CL" and (row.child_labor or row.forced_child_labor):
        return IlabMatch.DIRECT
    if issue_type == "FL" and (row.forced_labor or row.forced_child_labor):
        return IlabMatch.DIRECT
    return None


def ilab_listing(rows: Iterable[IlabRow], good: str, iso3: str | None, issue_type: str) -> IlabMatch | None:
    """The strongest ILAB match of a good × country × issue type (direct beats derived)."""
    if not good or not iso3 or not issue_type:
        return None
    found = {ilab_row_matches(r, issue_type) for r in rows if r.good == good and r.iso3 == iso3}
    if IlabMatch.DIRECT in found:
        return IlabMatch.DIRECT
    return IlabMatch.DERIVED if IlabMatch.DERIVED in found else None


def normalise_cpv(raw: str) -> str | None:
    """An 8-character CPV code from '33141420-0', '33141420' or '3000000' (leading zero lost)."""
    code = (raw or "").strip().split("-")[0].strip()
    if not code.isdigit() or not 7 <= len(code) <= 8:
        return None
    return code.zfill(8)


def longest_prefix(code: str, prefixes: dict[str, list[str]]) -> list[str]:
    """The values of the longest prefix of `code` in `prefixes` (several if shared)."""
    for length in range(len(code), 0, -1):
        found = prefixes.get(code[:length])
        if found:
            return found
    return []
