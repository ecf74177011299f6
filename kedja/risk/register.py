"""Contract and supplier risk registers, derived on the fly from the contract's category, CPV codes,
declared production countries and known sites, and corrected by people's overrides.

Derived items are not stored: they follow the data. Overrides are stored (ContractRiskOverride).
The contract's rating is the worst category among its items (docs/risk-method.md §2.8, decision).

Everything a register reads is fetched in bulk for all contracts of a page (`RegisterFacts.load`),
so a page costs the same handful of queries however many contracts and suppliers it shows.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Prefetch, prefetch_related_objects

from kedja.contracts.models import Contract, Site
from kedja.reference.models import ClauseLevel, Country, Issue
from kedja.risk import config
from kedja.risk.assessment import TIER_HINT_STAGE
from kedja.risk.data import RiskData
from kedja.risk.matching import RiskItemKey
from kedja.risk.models import ContractRiskOverride, RiskItem
from kedja.risk.scoring import ItemInputs, RiskCategory, assess, risk_category, sort_key


@dataclass
class RegisterItem:
    issue: Issue
    country: Country | None
    good: str
    stage: str
    source: str
    severity: int = 0
    likelihood: int = 0
    priority: int = 0
    category: str = "low"
    actual: bool = False
    override: ContractRiskOverride | None = None

    @property
    def key(self) -> tuple:
        return (self.issue.pk, self.country.pk if self.country else None, self.good)

    @property
    def colour(self) -> str:
        return {"critical": "red", "high": "red", "medium": "yellow"}.get(self.category, "green")


@dataclass
class Register:
    contract: Contract
    items: list[RegisterItem] = field(default_factory=list)

    @property
    def rating(self) -> str | None:
        if not self.items:
            return None
        return str(max((RiskCategory(i.category) for i in self.items), key=lambda c: c.rank))

    @property
    def headline(self) -> RegisterItem | None:
        return self.items[0] if self.items else None


def contract_leverage(contract: Contract) -> dict[str, bool]:
    long_term = contract.ends_on is not None and contract.ends_on - contract.starts_on >= timedelta(days=730)
    return {
        "term_2_years_or_renewable": long_term or contract.is_renewable,
        "advanced_clause": contract.clause_version.level == ClauseLevel.ADVANCED_2024,
        "collective_follow_up": True,  # the 21 regions follow up jointly
    }


def _countries(contract: Contract) -> list[Country]:
    found = {c.pk: c for c in contract._register_countries}
    for site in contract._register_sites:
        if site.country_id:
            found.setdefault(site.country_id, site.country)
    return list(found.values())


def _category_ids(contract: Contract) -> list[int]:
    """A contract draws on its category's analysis and on the parent category's."""
    return [c for c in (contract.category_id, contract.category.parent_id) if c]


def _fetch_related(contracts: list[Contract]) -> None:
    """What `contract_register` reads of each contract, fetched for all of them at once.

    The related rows go to attributes of our own rather than Django's prefetch cache, and are
    dropped first, so every load reads them afresh: a register computed again after an override
    sees it. Sites and CPV codes keep their model ordering, which decides which of two equal
    derived items is kept."""
    for contract in contracts:
        for attr in ("_register_cpv_codes", "_register_countries", "_register_sites", "_register_overrides"):
            contract.__dict__.pop(attr, None)
    prefetch_related_objects(
        contracts,
        "supplier",
        "category__parent",
        "clause_version",
        Prefetch("cpv_codes", to_attr="_register_cpv_codes"),
        Prefetch("production_countries", to_attr="_register_countries"),
        Prefetch("sites", queryset=Site.objects.select_related("country"), to_attr="_register_sites"),
        Prefetch(
            "risk_overrides",
            queryset=ContractRiskOverride.objects.select_related("issue", "country"),
            to_attr="_register_overrides",
        ),
    )


@dataclass
class RegisterFacts:
    """The datasets, the issues and the category analyses' items that a page's registers share,
    each read once. Items are grouped by category with their place in the method's order, so one
    contract's items come out in the same order as if they were queried for it alone."""

    data: RiskData
    issues: dict[str, Issue]
    items_by_category: dict[int, list[tuple[int, RiskItem]]]

    @classmethod
    def load(cls, contracts: list[Contract], data: RiskData | None = None) -> RegisterFacts:
        """Fetch what the registers of `contracts` read (in place on the contracts, too)."""
        _fetch_related(contracts)
        category_ids = {c for contract in contracts for c in _category_ids(contract)}
        items = (
            RiskItem.objects.filter(analysis__category_id__in=category_ids)
            .exclude(review="rejected")
            .select_related("issue", "country", "stage", "analysis__category", "analysis__period")
        )
        by_category: dict[int, list[tuple[int, RiskItem]]] = defaultdict(list)
        for place, item in enumerate(items if category_ids else []):
            by_category[item.analysis.category_id].append((place, item))
        issues = {i.code: i for i in Issue.objects.all()}
        return cls(data or RiskData.current(), issues, dict(by_category))

    def analysis_items(self, contract: Contract, countries: list[Country]) -> list[RiskItem]:
        """The analysed items of the contract's category and its parent, in the countries the
        contract is known to produce in (all of them when none is known)."""
        country_ids = {c.pk for c in countries}
        merged = heapq.merge(*(self.items_by_category.get(c, []) for c in _category_ids(contract)))
        return [item for _, item in merged if not country_ids or item.country_id in country_ids]


def _derived(contract: Contract, facts: RegisterFacts) -> dict[tuple, RegisterItem]:
    data, issues = facts.data, facts.issues
    countries = _countries(contract)
    by_iso3 = {c.iso3: c for c in countries}
    found: dict[tuple, RegisterItem] = {}
    for cpv in contract._register_cpv_codes:
        for row in data.goods_for_cpv(cpv.code):
            for listing in data.listings_of(row.good):
                if listing.iso3 not in by_iso3:
                    continue
                for code in ("child_labour", "forced_labour"):
                    if code in issues and data.ilab(row.good, listing.iso3, issues[code].ilab_type):
                        item = RegisterItem(
                            issues[code],
                            by_iso3[listing.iso3],
                            row.good,
                            TIER_HINT_STAGE.get(row.tier_hint, "manufacturing"),
                            f"ILAB: {row.good}",
                        )
                        found.setdefault(item.key, item)
    for analysed in facts.analysis_items(contract, countries):
        item = RegisterItem(
            analysed.issue, analysed.country, analysed.good, analysed.stage.stage, str(analysed.analysis)
        )
        found.setdefault(item.key, item)
    return found


def _score(item: RegisterItem, contract: Contract, data: RiskData, leverage: dict) -> None:
    iso3 = item.country.iso3 if item.country else None
    ctx = data.context(iso3, child_labour_issue=item.issue.ilab_type == "CL")
    category = contract.category
    key = RiskItemKey(
        stage=item.stage,
        category=category.slug,
        parent_category=category.parent.slug if category.parent_id else "",
        good=item.good,
        country=iso3,
    )
    result = assess(
        ItemInputs(
            sc=item.issue.default_scale,
            so_band=3,
            ir=item.issue.default_irremediability,
            ctx=ctx.ctx,
            sr=data.sr(key).sr,
            actual=item.actual,
            ilab=data.ilab(item.good, iso3, item.issue.ilab_type),
            leverage_answers=leverage,
        ),
        questions=config.contribution_questions(),
        deadlines=config.response_deadlines(),
    )
    lik = item.override.likelihood if item.override and item.override.likelihood else result.lik
    item.severity, item.likelihood, item.priority = result.sev, lik, result.sev * lik
    item.category = str(risk_category(result.sev, lik, actual=item.actual))


def contract_register(
    contract: Contract, data: RiskData | None = None, *, facts: RegisterFacts | None = None
) -> Register:
    """The contract's register: derived items, overrides applied, sorted as the method says.

    Pass the `facts` of a whole page when scoring many contracts (see `follow_up_list`)."""
    facts = facts or RegisterFacts.load([contract], data)
    data = facts.data
    found = _derived(contract, facts)
    for override in contract._register_overrides:
        key = (override.issue_id, override.country_id, override.good)
        item = found.get(key) or RegisterItem(
            override.issue, override.country, override.good, "manufacturing", "override"
        )
        item.override, item.actual = override, override.actual
        found[key] = item
    leverage = contract_leverage(contract)
    items = []
    for item in found.values():
        if item.override and item.override.excluded:
            continue
        _score(item, contract, data, leverage)
        items.append(item)
    items.sort(
        key=lambda i: sort_key(
            i.severity,
            i.likelihood,
            actual=i.actual,
            item_id=(i.issue.code, i.country.iso3 if i.country else "", i.good),
        )
    )
    return Register(contract, items)


@dataclass
class SupplierRisk:
    supplier: object
    registers: list[Register]
    open_cases: list = field(default_factory=list)

    @property
    def rating(self) -> str | None:
        ratings = [RiskCategory(r.rating) for r in self.registers if r.rating]
        return str(max(ratings, key=lambda c: c.rank)) if ratings else None

    @property
    def rank(self) -> int:
        return RiskCategory(self.rating).rank if self.rating else 0

    @property
    def top_priority(self) -> int:
        return max((r.headline.priority for r in self.registers if r.headline), default=0)

    @property
    def spend(self) -> int:
        return int(sum(r.contract.estimated_value_sek or 0 for r in self.registers))


def follow_up_list(contracts, data: RiskData | None = None) -> list[SupplierRisk]:
    """Suppliers ranked by risk (worst category, then highest P) and then spend: whom to follow up.

    The contracts' registers are built from facts read once for all of them."""
    contracts = list(contracts)
    facts = RegisterFacts.load(contracts, data)
    by_supplier: dict[int, SupplierRisk] = {}
    for contract in contracts:
        entry = by_supplier.setdefault(contract.supplier_id, SupplierRisk(contract.supplier, []))
        entry.registers.append(contract_register(contract, facts=facts))
    return sorted(by_supplier.values(), key=lambda s: (-s.rank, -s.top_priority, -s.spend, s.supplier.name))
