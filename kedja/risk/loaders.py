"""Reading the shipped open datasets into edition rows. Parsing only; actions.load_dataset writes."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db.models import Model

from kedja.risk.models import (
    CountryGroupMember,
    CpvIlabGood,
    DatasetKind,
    HdiValue,
    IlabCountryProfile,
    IlabGoodListing,
    SectorRiskDefault,
    WgiValue,
)

ILAB_NOTE_SV = (
    "Källa: U.S. Department of Labor, Bureau of International Labor Affairs, 2022 List of Goods Produced by "
    "Child Labor or Forced Labor och 2022 Findings on the Worst Forms of Child Labor (public domain). "
    "Användningen innebär inte att U.S. Department of Labor står bakom Kedja."
)
ILAB_NOTE_EN = (
    "Source: U.S. Department of Labor, Bureau of International Labor Affairs, 2022 List of Goods Produced by "
    "Child Labor or Forced Labor and 2022 Findings on the Worst Forms of Child Labor (public domain). "
    "Use does not imply that the U.S. Department of Labor endorses Kedja."
)
CURATED_SV = (
    "Källa: Kedjas kuraterade referenstabeller (informerade standardvärden som områdessamordnarna granskar)."
)
CURATED_EN = (
    "Source: Kedja's curated reference tables (informed defaults for the area coordinators to review)."
)


@dataclass(frozen=True)
class DatasetSpec:
    kind: str
    path: str
    edition: str
    licence: str
    attribution_sv: str
    attribution_en: str
    source_url: str
    model: type[Model]
    parse: Callable[[list[dict]], tuple[list[dict], dict]]


def read_records(path: Path) -> list[dict]:
    """The rows of a shipped CSV file as dicts keyed by its header."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _dec(value: str | None) -> Decimal | None:
    value = (value or "").strip()
    if value in ("", ".."):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _yes(value: str) -> bool:
    return (value or "").strip().lower() == "yes"


def parse_wgi(records: list[dict]) -> tuple[list[dict], dict]:
    rows = [
        {
            "iso3": r["iso3"],
            "wb_code": r["wb_code"],
            "country_name": r["country"],
            "va_pctrank": _dec(r["va_pctrank"]),
            "rl_pctrank": _dec(r["rl_pctrank"]),
            "cc_pctrank": _dec(r["cc_pctrank"]),
        }
        for r in records
        if r["iso3"]  # ANT (former Netherlands Antilles) has no ISO code
    ]
    return rows, {"year": 2023}


def parse_hdi(records: list[dict]) -> tuple[list[dict], dict]:
    """HDI values of the latest year the file has a column for (hdi_2022 in the 2023/2024 report)."""
    year = max(int(name[4:]) for name in records[0] if re.fullmatch(r"hdi_\d{4}", name or ""))
    rows = [
        {"iso3": r["iso3"], "country_name": r["country"], "hdi": _dec(r[f"hdi_{year}"])}
        for r in records
        if not r["iso3"].startswith("ZZ")  # regional and world aggregates
    ]
    values = [r["hdi"] for r in rows if r["hdi"] is not None]
    if not values:
        raise ValueError("no HDI values")
    return rows, {"year": year, "hdi_min": str(min(values)), "hdi_max": str(max(values))}


def parse_ilab_goods(records: list[dict]) -> tuple[list[dict], dict]:
    rows = [
        {
            "good": r["good"],
            "sector": r["sector"],
            "country_name": r["country"],
            "iso3": r["iso3"],
            "child_labor": _yes(r["child_labor"]),
            "forced_labor": _yes(r["forced_labor"]),
            "forced_child_labor": _yes(r["forced_child_labor"]),
            "derived": _yes(r["derived_labor_exploitation"]),
            "derived_country": "" if r["derived_country"] in ("", "No") else r["derived_country"],
        }
        for r in records
    ]
    return rows, {}


def parse_ilab_profiles(records: list[dict]) -> tuple[list[dict], dict]:
    rows = [
        {
            "iso3": r["iso3"],
            "country_name": r["country"],
            "advancement_level": r["advancement_level"].strip(),
            "working_children_share": _dec(r["working_children_5_14_share"]),
            "c138_ratified": r["c138_ratified"].strip(),
            "c182_ratified": r["c182_ratified"].strip(),
            "palermo_ratified": r["palermo_ratified"].strip(),
            "webpage": r["webpage"].strip(),
        }
        for r in records
        if r["iso3"]
    ]
    return rows, {}


def parse_cpv_ilab(records: list[dict]) -> tuple[list[dict], dict]:
    rows = [
        {
            "cpv_prefix": r["cpv_prefix"],
            "category_slug": r["category"],
            "good": r["good"],
            "tier_hint": r["tier_hint"],
            "confidence": r["confidence"],
            "note": r["note"],
        }
        for r in records
    ]
    return rows, {}


def parse_sector_risk(records: list[dict]) -> tuple[list[dict], dict]:
    rows = [
        {
            "category_slug": r["category"],
            "cpv_prefix": r["cpv_prefix"],
            "good": r["good"],
            "stage": r["stage"],
            "typical_min_tier": int(r["typical_min_tier"] or 1),
            "country_iso3": r["country_iso3"],
            "country_group": r["country_group"],
            "process": r["process"],
            "issues": r["issues"],
            "sr": int(r["sr"]),
            "rationale": r["rationale"],
            "confidence": r["confidence"],
            "source_url": r["source_url"],
        }
        for r in records
    ]
    return rows, {}


def parse_country_groups(records: list[dict]) -> tuple[list[dict], dict]:
    return [{"group": r["group"], "iso3": r["iso3"], "membership": r["membership"]} for r in records], {}


SPECS = [
    DatasetSpec(
        DatasetKind.WGI,
        "wgi/wgi_2023_wide.csv",
        "2024 update (2023 values)",
        "CC BY 4.0",
        "Källa: Världsbanken, Worldwide Governance Indicators, uppdatering 2024 (Kaufmann & Kraay, "
        "www.govindicators.org), CC BY 4.0. Omräknat av Kedja.",
        "Source: World Bank, Worldwide Governance Indicators, 2024 update (Kaufmann & Kraay, "
        "www.govindicators.org), CC BY 4.0. Recomputed by Kedja.",
        "https://www.govindicators.org",
        WgiValue,
        parse_wgi,
    ),
    DatasetSpec(
        DatasetKind.HDI,
        "hdi/HDR23-24_Composite_indices_complete_time_series.csv",
        "HDR 2023/2024 (HDI 2022)",
        "CC BY 3.0 IGO",
        "Källa: UNDP, Human Development Report 2023/2024, Human Development Index, CC BY 3.0 IGO. "
        "Omräknat av Kedja.",
        "Source: UNDP, Human Development Report 2023/2024, Human Development Index, CC BY 3.0 IGO. "
        "Recomputed by Kedja.",
        "https://hdr.undp.org",
        HdiValue,
        parse_hdi,
    ),
    DatasetSpec(
        DatasetKind.ILAB_GOODS,
        "ilab/ilab_goods_list_2022ed.csv",
        "2022",
        "Public domain",
        ILAB_NOTE_SV,
        ILAB_NOTE_EN,
        "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods",
        IlabGoodListing,
        parse_ilab_goods,
    ),
    DatasetSpec(
        DatasetKind.ILAB_PROFILES,
        "ilab/ilab_country_profiles_2022ed_summary.csv",
        "2022 reporting year",
        "Public domain",
        ILAB_NOTE_SV,
        ILAB_NOTE_EN,
        "https://www.dol.gov/agencies/ilab/resources/reports/child-labor/findings",
        IlabCountryProfile,
        parse_ilab_profiles,
    ),
    DatasetSpec(
        DatasetKind.CPV_ILAB,
        "reference/cpv_ilab_goods.csv",
        "1",
        "EUPL-1.2",
        CURATED_SV,
        CURATED_EN,
        "",
        CpvIlabGood,
        parse_cpv_ilab,
    ),
    DatasetSpec(
        DatasetKind.SECTOR_RISK,
        "reference/sector_risk.csv",
        "1",
        "EUPL-1.2",
        CURATED_SV,
        CURATED_EN,
        "",
        SectorRiskDefault,
        parse_sector_risk,
    ),
    DatasetSpec(
        DatasetKind.COUNTRY_GROUPS,
        "reference/country_groups.csv",
        "1",
        "EUPL-1.2",
        CURATED_SV,
        CURATED_EN,
        "",
        CountryGroupMember,
        parse_country_groups,
    ),
]
SPEC_BY_KIND = {spec.kind: spec for spec in SPECS}
