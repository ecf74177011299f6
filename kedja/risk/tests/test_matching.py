"""Default Sr lookup (the suggested matching of the curated tables) and ILAB matching."""

import csv

from django.conf import settings

from kedja.risk.matching import (
    IlabRow,
    RiskItemKey,
    SectorRow,
    ilab_listing,
    longest_prefix,
    normalise_cpv,
    sector_risk,
)
from kedja.risk.scoring import IlabMatch


def shipped_rows():
    path = settings.KEDJA_DATA_DIR / "reference" / "sector_risk.csv"
    with path.open(encoding="utf-8") as handle:
        return [
            SectorRow(
                stage=r["stage"],
                sr=int(r["sr"]),
                category=r["category"],
                cpv_prefix=r["cpv_prefix"],
                good=r["good"],
                country_iso3=r["country_iso3"],
                country_group=r["country_group"],
                typical_min_tier=int(r["typical_min_tier"] or 1),
            )
            for r in csv.DictReader(handle)
        ]


GROUPS = {"EU_EEA": {"DEU", "SWE", "POL"}}


def test_method_reference_points_from_the_shipped_table():
    rows = shipped_rows()
    gloves = RiskItemKey(
        stage="manufacturing",
        category="gloves",
        parent_category="general_consumables",
        cpv="33141420",
        country="MYS",
        tier=1,
    )
    assert sector_risk(rows, gloves, GROUPS).sr == 4
    sialkot = RiskItemKey(
        stage="manufacturing", category="surgical_instruments", cpv="33169000", country="PAK", tier=3
    )
    assert sector_risk(rows, sialkot, GROUPS).sr == 5
    exporter = RiskItemKey(
        stage="manufacturing", category="surgical_instruments", cpv="33169000", country="PAK", tier=1
    )
    assert sector_risk(rows, exporter, GROUPS).sr == 4
    eu = RiskItemKey(stage="assembly", category="it_ict", cpv="30213100", country="DEU", tier=1)
    assert sector_risk(rows, eu, GROUPS).sr == 2


def test_country_beats_group_beats_none_and_unknown_tier_takes_highest():
    rows = [
        SectorRow(stage="manufacturing", sr=3, category="x"),
        SectorRow(stage="manufacturing", sr=2, country_group="EU_EEA"),
        SectorRow(stage="manufacturing", sr=4, category="x", country_iso3="DEU"),
    ]
    assert sector_risk(rows, RiskItemKey(stage="manufacturing", category="x", country="DEU"), GROUPS).sr == 4
    assert (
        sector_risk(rows[:2], RiskItemKey(stage="manufacturing", category="x", country="DEU"), GROUPS).sr == 2
    )
    assert (
        sector_risk(rows[:2], RiskItemKey(stage="manufacturing", category="x", country="CHN"), GROUPS).sr == 3
    )


def test_no_match_gives_three_marked_as_no_default():
    choice = sector_risk([], RiskItemKey(stage="distribution"), GROUPS)
    assert choice.sr == 3 and choice.is_default


def test_ilab_matching_by_issue_type():
    rows = [
        IlabRow("Rubber Gloves", "MYS", forced_labor=True),
        IlabRow("Lithium-Ion Batteries", "CHN", derived=True, derived_country="Congo"),
        IlabRow("Bricks", "PAK", forced_child_labor=True),
    ]
    assert ilab_listing(rows, "Rubber Gloves", "MYS", "FL") == IlabMatch.DIRECT
    assert ilab_listing(rows, "Rubber Gloves", "MYS", "CL") is None
    assert ilab_listing(rows, "Rubber Gloves", "THA", "FL") is None
    assert ilab_listing(rows, "Lithium-Ion Batteries", "CHN", "CL") == IlabMatch.DERIVED
    assert ilab_listing(rows, "Bricks", "PAK", "CL") == IlabMatch.DIRECT
    assert ilab_listing(rows, "Bricks", "PAK", "") is None


def test_cpv_normalisation_and_longest_prefix():
    assert normalise_cpv("33141420-0") == "33141420"
    assert normalise_cpv("3000000") == "03000000"
    assert normalise_cpv("abc") is None
    prefixes = {"3316": ["medical_technology"], "33169": ["surgical_instruments"]}
    assert longest_prefix("33169000", prefixes) == ["surgical_instruments"]
    assert longest_prefix("99999999", prefixes) == []
