"""Scoring stored risk items with the current datasets, and proposing items from the open data.

Pure computation over models already loaded: callers (actions) save the results.
"""

from __future__ import annotations

from dataclasses import dataclass

from kedja.reference.models import Category
from kedja.risk import config
from kedja.risk.data import RiskData
from kedja.risk.matching import RiskItemKey
from kedja.risk.models import RiskItem
from kedja.risk.responses import Involvement
from kedja.risk.scoring import EvidenceFact, EvidenceKind, ItemInputs, assess

TIER_HINT_STAGE = {
    "final_product": "manufacturing",
    "component": "component",
    "processing": "processing",
    "raw_material": "raw_material",
}
STAGE_TIER = {"raw_material": 4, "processing": 3, "component": 2, "manufacturing": 1, "assembly": 1}
ISSUES_BY_ILAB_FLAG = {"child_labor": ["child_labour"], "forced_labor": ["forced_labour"]}


def item_key(item: RiskItem) -> RiskItemKey:
    category = item.analysis.category
    return RiskItemKey(
        stage=item.stage.stage,
        category=category.slug,
        parent_category=category.parent.slug if category.parent_id else "",
        cpv=item.cpv_code,
        good=item.good,
        country=item.country.iso3 if item.country_id else None,
        tier=item.tier if item.tier is not None else item.stage.tier,
    )


def score_item(item: RiskItem, data: RiskData, evidence: list | None = None) -> None:
    """Compute and set the item's scores and the record of every sub-score and dataset used."""
    iso3 = item.country.iso3 if item.country_id else None
    ctx = data.context(iso3, child_labour_issue=item.issue.ilab_type == "CL")
    sr_choice = data.sr(item_key(item))
    sr = item.sr_override or sr_choice.sr
    ilab = data.ilab(item.good, iso3, item.issue.ilab_type)
    facts = [
        EvidenceFact(EvidenceKind(e.kind), e.credible, e.is_open, e.supplier_specific)
        for e in (evidence if evidence is not None else item.evidence.all())
    ]
    result = assess(
        ItemInputs(
            sc=item.scale,
            so_band=item.scope_band,
            ir=item.irremediability,
            ctx=ctx.ctx,
            sr=sr,
            vulnerable=item.vulnerable,
            actual=item.status == "actual",
            ilab=ilab,
            unmapped_listed_tier=item.unmapped_listed_tier,
            evidence=tuple(facts),
            own_operations=item.own_operations,
            involvement_answers=item.involvement_answers,
            involvement_override=Involvement(item.involvement_override)
            if item.involvement_override
            else None,
            leverage_answers=item.leverage_answers,
        ),
        questions=config.contribution_questions(),
        deadlines=config.response_deadlines(),
    )
    item.severity, item.likelihood, item.priority = result.sev, result.lik, result.priority
    item.risk_category, item.involvement, item.leverage = (
        str(result.category),
        result.involvement,
        result.leverage,
    )
    item.scores = {
        **result.as_dict(),
        "country_context": {
            "iso3": iso3,
            "wgi": _s(ctx.wgi),
            "hd": _s(ctx.hd),
            "cr": _s(ctx.cr),
            "ctx_base": ctx.ctx_base,
            "child_labour_bump": ctx.child_labour_bump,
            "ctx": ctx.ctx,
            "reasons": ctx.reasons,
        },
        "sr": {
            "value": sr,
            "default": sr_choice.sr,
            "no_default": sr_choice.is_default,
            "overridden": bool(item.sr_override),
        },
        "ilab": str(ilab) if ilab else None,
    }
    item.datasets = data.editions_record()


def _s(value) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class Proposal:
    stage: str
    iso3: str
    issue_code: str
    good: str
    cpv: str
    reason: str


def category_prefixes(category: Category) -> list[str]:
    """The category's own prefixes and its sub-categories' (an analysis of general consumables
    covers gloves, which inherit its priority)."""
    categories = [category, *category.children.all()]
    return [p.prefix for c in categories for p in c.cpv_prefixes.all()]


AUTOMATIC_CONFIDENCE = frozenset({"high"})


def _overlapping(category: Category, data: RiskData) -> list:
    prefixes = category_prefixes(category)
    return [
        row
        for row in data.cpv_goods
        if any(row.cpv_prefix.startswith(p) or p.startswith(row.cpv_prefix) for p in prefixes)
    ]


def offered_mappings(category: Category, data: RiskData) -> list:
    """CPV → ILAB good links of medium or low confidence: shown to people, proposed only on request."""
    seen, offered = set(), []
    for row in _overlapping(category, data):
        if row.confidence not in AUTOMATIC_CONFIDENCE and (row.cpv_prefix, row.good) not in seen:
            seen.add((row.cpv_prefix, row.good))
            offered.append(row)
    return offered


Chain = dict[str, set[str]]
"""The chain a workshop has mapped: each stage's ISO3 country codes."""


def proposals_for(
    category: Category,
    data: RiskData,
    issue_codes: set[str],
    chain: Chain,
    *,
    confidence: frozenset[str] = AUTOMATIC_CONFIDENCE,
) -> list[Proposal]:
    """Risk items the open data suggests inside the mapped chain: a stage × country the workshop
    has not mapped is never proposed (it is offered by `other_producers` instead)."""
    return [
        p for p in _candidates(category, data, issue_codes, confidence) if p.iso3 in chain.get(p.stage, set())
    ]


@dataclass(frozen=True)
class Producer:
    """A stage × country the open data names for the category's goods that the chain lacks."""

    stage: str
    iso3: str
    goods: tuple[str, ...]
    issue_codes: tuple[str, ...]


def other_producers(
    category: Category,
    data: RiskData,
    issue_codes: set[str],
    chain: Chain,
    *,
    confidence: frozenset[str] = AUTOMATIC_CONFIDENCE,
) -> list[Producer]:
    """The global list for the category's goods outside the mapped chain, one row per stage × country,
    for the workshop to add on purpose."""
    found: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for p in _candidates(category, data, issue_codes, confidence):
        if p.iso3 not in chain.get(p.stage, set()):
            goods, issues = found.setdefault((p.stage, p.iso3), (set(), set()))
            goods.update({p.good} - {""})
            issues.add(p.issue_code)
    return [
        Producer(stage, iso3, tuple(sorted(goods)), tuple(sorted(issues)))
        for (stage, iso3), (goods, issues) in found.items()
    ]


def _candidates(
    category: Category, data: RiskData, issue_codes: set[str], confidence: frozenset[str]
) -> list[Proposal]:
    """Everything the open data suggests for the category, wherever in the world: CPV → ILAB good →
    listed countries (only mappings of the given confidence), and sector rows with a country."""
    found: dict[tuple, Proposal] = {}
    for row in _overlapping(category, data):
        if row.confidence not in confidence:
            continue
        stage = TIER_HINT_STAGE.get(row.tier_hint, "manufacturing")
        for listing in data.listings_of(row.good):
            for code in _listed_issues(listing):
                if code in issue_codes:
                    reason = f"CPV {row.cpv_prefix} → {row.good} ({row.confidence}) → ILAB {listing.iso3}"
                    found.setdefault(
                        (stage, listing.iso3, code, row.good),
                        Proposal(stage, listing.iso3, code, row.good, row.cpv_prefix.ljust(8, "0"), reason),
                    )
    slugs = {category.slug, category.parent.slug if category.parent_id else ""} - {""}
    for row in data.sector_rows:
        if row.category in slugs and row.country_iso3:
            for code in [c for c in row.issues if c in issue_codes][:2]:
                reason = f"Sr {row.sr}: {row.process}"
                key = (row.stage, row.country_iso3, code, row.good)
                found.setdefault(
                    key,
                    Proposal(
                        row.stage,
                        row.country_iso3,
                        code,
                        row.good,
                        row.cpv_prefix.ljust(8, "0") if row.cpv_prefix else "",
                        reason,
                    ),
                )
    return list(found.values())


def _listed_issues(listing) -> list[str]:
    if listing.derived:
        return ["child_labour", "forced_labour"]
    codes = []
    if listing.child_labor or listing.forced_child_labor:
        codes.append("child_labour")
    if listing.forced_labor or listing.forced_child_labor:
        codes.append("forced_labour")
    return codes
