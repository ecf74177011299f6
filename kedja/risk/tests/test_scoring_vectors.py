"""The test vectors of docs/risk-method.md §3, reproduced exactly."""

from decimal import Decimal as D

import pytest

from kedja.risk.scoring import (
    ChildLabourProfile,
    EvidenceFact,
    EvidenceKind,
    Governance,
    HdiRange,
    IlabMatch,
    ItemInputs,
    RiskCategory,
    SeverityAgg,
    assess,
    country_context,
    leverage,
    sort_key,
)

RANGE = HdiRange(low=D("0.380"), high=D("0.967"))

CTX_VECTORS = [
    # iso3, (va, rl, cc), hdi, wgi, hd, cr, ctx
    ("SWE", ("97.1", "93.4", "97.6"), "0.952", "0.0397", "0.0256", "0.0354", 1),
    ("DEU", ("94.6", "92.9", "94.3"), "0.950", "0.0607", "0.0290", "0.0512", 1),
    ("MYS", ("51.0", "67.5", "61.8"), "0.807", "0.3990", "0.2726", "0.3611", 2),
    ("CHN", ("7.4", "52.8", "54.2"), "0.788", "0.6187", "0.3049", "0.5245", 3),
    ("THA", ("35.8", "57.5", "35.8"), "0.803", "0.5697", "0.2794", "0.4826", 3),
    ("BIH", ("38.2", "39.6", "30.7"), "0.779", "0.6383", "0.3203", "0.5429", 3),
    ("PAK", ("23.0", "21.2", "18.9"), "0.540", "0.7897", "0.7274", "0.7710", 4),
    ("COD", ("15.7", "4.7", "5.2"), "0.481", "0.9147", "0.8279", "0.8886", 5),
    ("TWN", ("84.8", "86.3", "84.4"), None, "0.1483", None, "0.1483", 1),
]


@pytest.mark.parametrize(("iso3", "pct", "hdi", "wgi", "hd", "cr", "ctx"), CTX_VECTORS)
def test_country_context_vectors(iso3, pct, hdi, wgi, hd, cr, ctx):
    result = country_context(iso3, Governance(*(D(p) for p in pct)), D(hdi) if hdi else None, RANGE)
    assert result.wgi == D(wgi)
    assert result.hd == (D(hd) if hd else None)
    assert result.cr == D(cr)
    assert result.ctx == ctx


def test_unknown_country_is_not_low():
    result = country_context(None, None, None, RANGE)
    assert result.cr == D("0.8")
    assert result.ctx == 5


def test_partial_wgi_uses_available_indicators():
    result = country_context("XXX", Governance(va=D("50"), rl=None, cc=D("30")), None, RANGE)
    assert result.wgi == D("0.6000")
    assert result.ctx == 4


def test_child_labour_bump_rules():
    pak = ChildLabourProfile("Moderate Advancement", "Yes", "Yes")
    cod = ChildLabourProfile("Minimal Advancement – Efforts Made but Continued Practice", "Yes", "Yes")
    unratified = ChildLabourProfile("Moderate Advancement", "No", "Yes")
    thai_gov = Governance(D("35.8"), D("57.5"), D("35.8"))
    assert country_context("THA", thai_gov, D("0.803"), RANGE, child_labour_issue=True, profile=pak).ctx == 3
    bumped = country_context("THA", thai_gov, D("0.803"), RANGE, child_labour_issue=True, profile=cod)
    assert bumped.ctx == 4 and bumped.child_labour_bump
    assert (
        country_context("THA", thai_gov, D("0.803"), RANGE, child_labour_issue=True, profile=unratified).ctx
        == 4
    )
    # Only child-labour issues are bumped; blank profiles record "no ILAB data".
    assert country_context("THA", thai_gov, D("0.803"), RANGE, profile=cod).ctx == 3
    blank = country_context(
        "CHN", thai_gov, D("0.803"), RANGE, child_labour_issue=True, profile=ChildLabourProfile()
    )
    assert not blank.child_labour_bump and "no ILAB data" in blank.reasons


WRO = EvidenceFact(EvidenceKind.GRIEVANCE)
REMEDIATION = EvidenceFact(EvidenceKind.VERIFIED_REMEDIATION)
CERTIFICATION = EvidenceFact(EvidenceKind.CERTIFICATION)

# number: (sc, so_band, ir, vulnerable, ctx, sr, extra inputs, sev, l0, l, p, category)
ITEM_VECTORS = {
    1: (5, 4, 4, True, 2, 4, {"ilab": IlabMatch.DIRECT}, 5, 3, 5, 25, "critical"),
    2: (5, 4, 5, True, 4, 5, {"ilab": IlabMatch.DIRECT}, 5, 5, 5, 25, "critical"),
    3: (2, 5, 2, False, 3, 4, {}, 3, 4, 4, 12, "medium"),
    4: (5, 5, 5, False, 5, 5, {"ilab": IlabMatch.DIRECT}, 5, 5, 5, 25, "critical"),
    5: (3, 2, 1, True, 1, 4, {}, 3, 3, 3, 9, "medium"),
    6: (3, 2, 1, True, 1, 4, {"evidence": (WRO,)}, 3, 3, 5, 15, "high"),
    7: (3, 4, 3, True, 3, 3, {}, 4, 3, 3, 12, "high"),
    8: (4, 3, 3, False, 5, 2, {}, 4, 4, 4, 16, "high"),
    9: (5, 5, 5, False, 3, 3, {"ilab": IlabMatch.DERIVED}, 5, 3, 4, 20, "critical"),
    10: (5, 5, 5, False, 3, 3, {"ilab": IlabMatch.DERIVED, "evidence": (REMEDIATION,)}, 5, 3, 3, 15, "high"),
    11: (
        5,
        5,
        5,
        False,
        3,
        3,
        {"ilab": IlabMatch.DERIVED, "unmapped_listed_tier": True},
        5,
        3,
        5,
        25,
        "critical",
    ),
    12: (
        5,
        4,
        4,
        True,
        2,
        4,
        {"ilab": IlabMatch.DIRECT, "evidence": (CERTIFICATION,)},
        5,
        3,
        4,
        20,
        "critical",
    ),
    13: (4, 2, 3, False, 3, 3, {"actual": True}, 4, 3, 5, 20, "critical"),
    14: (5, 2, 5, False, 1, 2, {}, 5, 2, 2, 10, "high"),
    15: (5, 2, 5, False, 1, 1, {}, 5, 1, 1, 5, "medium"),
    16: (2, 1, 1, False, 1, 2, {}, 2, 2, 2, 4, "low"),
    17: (4, 3, 3, False, 5, 5, {}, 4, 5, 5, 20, "high"),
}


def run(number, **changes):
    sc, so, ir, vulnerable, ctx, sr, extra, *_ = ITEM_VECTORS[number]
    return assess(
        ItemInputs(sc=sc, so_band=so, ir=ir, vulnerable=vulnerable, ctx=ctx, sr=sr, **{**extra, **changes})
    )


@pytest.mark.parametrize("number", sorted(ITEM_VECTORS))
def test_item_vectors(number):
    *_, sev, l0, lik, p, category = ITEM_VECTORS[number]
    result = run(number)
    assert (result.sev, result.likelihood.l0, result.lik, result.priority, result.category) == (
        sev,
        l0,
        lik,
        p,
        RiskCategory(category),
    )


def test_vector_2_scope_includes_vulnerable_bump():
    assert run(2).severity.so == 5


def test_vector_3_under_other_aggregations():
    assert (run(3, agg=SeverityAgg.MAX_ALL).sev, run(3, agg=SeverityAgg.MAX_ALL).category) == (5, "critical")
    assert (run(3, agg=SeverityAgg.MEAN).sev, run(3, agg=SeverityAgg.MEAN).category) == (3, "medium")


def test_vector_14_under_mean():
    result = run(14, agg=SeverityAgg.MEAN)
    assert (result.sev, result.priority, result.category) == (4, 8, "medium")


def test_register_sort_order():
    results = {n: run(n) for n in (8, 14, 15, 17)}
    order = sorted(results, key=lambda n: sort_key(results[n].sev, results[n].lik, actual=False, item_id=n))
    assert order == [14, 15, 17, 8]


def test_actual_sorts_before_potential_on_ties():
    keys = [sort_key(4, 4, actual=False, item_id=1), sort_key(4, 4, actual=True, item_id=2)]
    assert sorted(keys)[0] == keys[1]


def test_leverage_points():
    assert leverage({}) == 1
    assert leverage({"share_5_percent": True}) == 1
    assert (
        leverage(
            dict.fromkeys(
                ["share_5_percent", "term_2_years_or_renewable", "collective_follow_up", "advanced_clause"],
                True,
            )
        )
        == 3
    )


def test_every_run_returns_all_sub_scores():
    data = run(11).as_dict()
    assert data["severity"]["so"] == 5
    assert data["likelihood"]["after_ilab"] == 4 and data["likelihood"]["gap"] == 1
    assert data["likelihood"]["floor"] == 3
    assert {"leverage", "priority", "category", "involvement", "responses", "remediation"} <= data.keys()
