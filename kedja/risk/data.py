"""The current dataset editions in memory, and the scoring lookups built on them.

`RiskData.current()` reads every current edition once (a handful of small queries), so scoring
a whole analysis or register costs no per-item queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from kedja.risk.matching import IlabRow, RiskItemKey, SectorRow, SrChoice, ilab_listing, sector_risk
from kedja.risk.models import (
    CountryGroupMember,
    CpvIlabGood,
    DatasetEdition,
    DatasetKind,
    HdiValue,
    IlabCountryProfile,
    IlabGoodListing,
    SectorRiskDefault,
    WgiValue,
)
from kedja.risk.scoring import (
    ChildLabourProfile,
    CountryContext,
    Governance,
    HdiRange,
    IlabMatch,
    country_context,
)

DEFAULT_HDI_RANGE = HdiRange(low=Decimal("0.380"), high=Decimal("0.967"))


@dataclass
class RiskData:
    editions: dict[str, DatasetEdition] = field(default_factory=dict)
    governance: dict[str, Governance] = field(default_factory=dict)
    hdi: dict[str, Decimal | None] = field(default_factory=dict)
    hdi_range: HdiRange = DEFAULT_HDI_RANGE
    profiles: dict[str, ChildLabourProfile] = field(default_factory=dict)
    ilab_rows: list[IlabRow] = field(default_factory=list)
    cpv_goods: list[CpvIlabGood] = field(default_factory=list)
    sector_rows: list[SectorRow] = field(default_factory=list)
    groups: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def current(cls, *, instead: DatasetEdition | None = None) -> RiskData:
        """The current editions; with `instead`, that edition in place of its dataset's current one
        (what an edition not yet adopted would change).

        An edition's rows never change once stored, so the lookups built from a set of editions are
        kept (per process) and reused while the same editions are current: one query, not the
        thousands of rows each page would otherwise read again (about a second of the analysis page).
        """
        editions = {e.kind: e for e in DatasetEdition.objects.filter(is_current=True)}
        if instead is not None:
            editions[instead.kind] = instead
        key = tuple(sorted((k, e.pk, e.sha256, e.edition, e.created_at) for k, e in editions.items()))
        if key not in _LOADED:
            _LOADED.clear()  # only the newest set is worth keeping
            _LOADED[key] = cls._load(editions)
        return _LOADED[key]

    @classmethod
    def _load(cls, editions: dict[str, DatasetEdition]) -> RiskData:
        data = cls(editions=editions)

        def rows(model, kind):
            edition = editions.get(kind)
            return model.objects.filter(edition=edition) if edition else model.objects.none()

        for w in rows(WgiValue, DatasetKind.WGI):
            data.governance[w.iso3] = Governance(w.va_pctrank, w.rl_pctrank, w.cc_pctrank)
        data.hdi = {h.iso3: h.hdi for h in rows(HdiValue, DatasetKind.HDI)}
        hdi_edition = editions.get(DatasetKind.HDI)
        if hdi_edition and "hdi_min" in hdi_edition.parameters:
            params = hdi_edition.parameters
            data.hdi_range = HdiRange(Decimal(params["hdi_min"]), Decimal(params["hdi_max"]))
        data.profiles = {
            p.iso3: ChildLabourProfile(p.advancement_level, p.c138_ratified, p.c182_ratified)
            for p in rows(IlabCountryProfile, DatasetKind.ILAB_PROFILES)
        }
        data.ilab_rows = [
            IlabRow(
                g.good,
                g.iso3,
                g.child_labor,
                g.forced_labor,
                g.forced_child_labor,
                g.derived,
                g.derived_country,
            )
            for g in rows(IlabGoodListing, DatasetKind.ILAB_GOODS)
        ]
        data.cpv_goods = list(rows(CpvIlabGood, DatasetKind.CPV_ILAB))
        data.sector_rows = [
            SectorRow(
                stage=s.stage,
                sr=s.sr,
                category=s.category_slug,
                cpv_prefix=s.cpv_prefix,
                good=s.good,
                country_iso3=s.country_iso3,
                country_group=s.country_group,
                typical_min_tier=s.typical_min_tier,
                process=s.process,
                issues=tuple(code for code in s.issues.split(";") if code),
            )
            for s in rows(SectorRiskDefault, DatasetKind.SECTOR_RISK)
        ]
        groups: dict[str, set[str]] = defaultdict(set)
        for member in rows(CountryGroupMember, DatasetKind.COUNTRY_GROUPS):
            groups[member.group].add(member.iso3)
        data.groups = dict(groups)
        return data

    def context(self, iso3: str | None, *, child_labour_issue: bool = False) -> CountryContext:
        return country_context(
            iso3,
            self.governance.get(iso3) if iso3 else None,
            self.hdi.get(iso3) if iso3 else None,
            self.hdi_range,
            child_labour_issue=child_labour_issue,
            profile=self.profiles.get(iso3) if iso3 else None,
        )

    def ilab(self, good: str, iso3: str | None, issue_type: str) -> IlabMatch | None:
        return ilab_listing(self.ilab_rows, good, iso3, issue_type)

    def sr(self, key: RiskItemKey) -> SrChoice:
        return sector_risk(self.sector_rows, key, self.groups)

    def goods_for_cpv(self, cpv: str) -> list[CpvIlabGood]:
        """Every mapping row whose prefix the CPV code starts with (all of them, not only the longest)."""
        return [row for row in self.cpv_goods if cpv.startswith(row.cpv_prefix)]

    def listed_good(self, name: str) -> str | None:
        """The ILAB good of this name whatever its case ("cotton" is "Cotton"); None when unlisted."""
        wanted = name.strip().casefold()
        return next((row.good for row in self.ilab_rows if row.good.casefold() == wanted), None)

    def listings_of(self, good: str) -> list[IlabRow]:
        return [row for row in self.ilab_rows if row.good == good]

    def editions_record(self) -> dict:
        return {kind: edition.as_record() for kind, edition in sorted(self.editions.items())}


_LOADED: dict[tuple, RiskData] = {}
