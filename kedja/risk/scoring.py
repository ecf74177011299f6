"""The risk method's scoring model (docs/risk-method.md §2) as pure Python.

No database access here: callers pass in the facts (country values, ILAB listing, Sr) and get
back every sub-score, so a run can be stored and explained. Rounding is half-up throughout;
Python's round() is half-to-even and would give L0 = 2 for 2.5 (docs/risk-method.md §2.11).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum

from kedja.reference.severity import Severity, SeverityAgg, severity
from kedja.risk.responses import Involvement, Response, responses_for

FOUR_PLACES = Decimal("0.0001")
UNKNOWN_CR = Decimal("0.8")


def half_up(value: Decimal | int | float) -> int:
    """Round to the nearest integer, halves away from zero (for the positive values used here)."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class RiskCategory(StrEnum):
    """The method's categories, ordered from worst: use `rank` to compare."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"critical": 4, "high": 3, "medium": 2, "low": 1}[self.value]


class IlabMatch(StrEnum):
    DIRECT = "direct"
    DERIVED = "derived"


# Severity (§2.2) is shared with follow-up findings: kedja.reference.severity.


# --- country context (§2.3) ------------------------------------------------------------------


@dataclass(frozen=True)
class Governance:
    """2023 WGI percentile ranks (0–100); any may be missing."""

    va: Decimal | None = None
    rl: Decimal | None = None
    cc: Decimal | None = None


@dataclass(frozen=True)
class ChildLabourProfile:
    """The fields of an ILAB country profile the child-labour bump reads."""

    advancement_level: str = ""
    c138_ratified: str = ""
    c182_ratified: str = ""


@dataclass(frozen=True)
class HdiRange:
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class CountryContext:
    iso3: str | None
    wgi: Decimal | None
    hd: Decimal | None
    cr: Decimal
    ctx_base: int
    child_labour_bump: bool
    ctx: int
    reasons: list[str] = field(default_factory=list)


BUMP_LEVELS = ("No Advancement", "Minimal Advancement")
NO_PROFILE_DATA = ("", "No Assessment", "N/A")


def wgi_score(governance: Governance | None) -> Decimal | None:
    """1 − mean(available VA/RL/CC percentile ranks)/100; None when none is available."""
    if governance is None:
        return None
    values = [Decimal(v) for v in (governance.va, governance.rl, governance.cc) if v is not None]
    if not values:
        return None
    return 1 - (sum(values) / len(values)) / 100


def hd_score(hdi: Decimal | None, hdi_range: HdiRange) -> Decimal | None:
    if hdi is None:
        return None
    return (hdi_range.high - Decimal(hdi)) / (hdi_range.high - hdi_range.low)


def child_labour_bump(profile: ChildLabourProfile | None) -> tuple[bool, str]:
    """Whether the ILAB profile raises Ctx for child-labour issues, and why (or why not)."""
    if profile is None:
        return False, "no ILAB data"
    level = (profile.advancement_level or "").strip()
    ratified = {"C138": profile.c138_ratified.strip(), "C182": profile.c182_ratified.strip()}
    not_ratified = [code for code, value in ratified.items() if value == "No"]
    if level.startswith(BUMP_LEVELS):
        return True, f"ILAB: {level}"
    if not_ratified:
        return True, "ILAB: not ratified " + ", ".join(not_ratified)
    if level in NO_PROFILE_DATA:
        return False, "no ILAB data"
    return False, f"ILAB: {level}"


def country_context(
    iso3: str | None,
    governance: Governance | None,
    hdi: Decimal | None,
    hdi_range: HdiRange,
    *,
    child_labour_issue: bool = False,
    profile: ChildLabourProfile | None = None,
) -> CountryContext:
    """Ctx 1–5 with WGI, HD and CR; unknown country or no data gives CR 0.8 (unknown is not low)."""
    wgi = wgi_score(governance) if iso3 else None
    hd = hd_score(hdi, hdi_range) if iso3 else None
    reasons = []
    if wgi is not None and hd is not None:
        raw = Decimal("0.7") * wgi + Decimal("0.3") * hd
    elif wgi is not None or hd is not None:
        raw = wgi if wgi is not None else hd
        reasons.append("WGI only" if wgi is not None else "HDI only")
    else:
        raw = UNKNOWN_CR
        reasons.append("unknown country" if not iso3 else "no WGI or HDI data")
    cr = raw.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)
    base = 1 + min(4, int((5 * cr).to_integral_value(rounding=ROUND_FLOOR)))
    bump, why = child_labour_bump(profile) if child_labour_issue else (False, "")
    if child_labour_issue:
        reasons.append(why)
    return CountryContext(
        iso3=iso3,
        wgi=_q(wgi),
        hd=_q(hd),
        cr=cr,
        ctx_base=base,
        child_labour_bump=bump,
        ctx=min(5, base + 1) if bump else base,
        reasons=reasons,
    )


def _q(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


# --- likelihood (§2.5) -----------------------------------------------------------------------


class EvidenceKind(StrEnum):
    ALLEGATION = "allegation"
    WITHHOLD_RELEASE_ORDER = "wro"
    AUDIT_NON_CONFORMITY = "audit_nc"
    GRIEVANCE = "grievance"
    CERTIFICATION = "certification"
    VERIFIED_REMEDIATION = "verified_remediation"


RAISING_EVIDENCE = {
    EvidenceKind.ALLEGATION,
    EvidenceKind.WITHHOLD_RELEASE_ORDER,
    EvidenceKind.AUDIT_NON_CONFORMITY,
    EvidenceKind.GRIEVANCE,
}


@dataclass(frozen=True)
class EvidenceFact:
    kind: EvidenceKind
    credible: bool = True
    is_open: bool = True
    supplier_specific: bool = True


@dataclass(frozen=True)
class Likelihood:
    l0: int
    ilab: str | None
    after_ilab: int
    gap: int
    mitigation: int
    floor: int
    after_adjustments: int
    evidence_to_5: bool
    value: int


def mitigates(evidence: list[EvidenceFact]) -> bool:
    """Verified remediation or a credible certification covering the site and issue."""
    return any(
        e.kind == EvidenceKind.VERIFIED_REMEDIATION or (e.kind == EvidenceKind.CERTIFICATION and e.credible)
        for e in evidence
    )


def raises_to_five(evidence: list[EvidenceFact]) -> bool:
    """An open, credible, supplier-specific allegation, WRO, audit non-conformity or grievance."""
    return any(
        e.kind in RAISING_EVIDENCE and e.is_open and e.credible and e.supplier_specific for e in evidence
    )


def likelihood(
    ctx: int,
    sr: int,
    *,
    ilab: IlabMatch | None = None,
    unmapped_listed_tier: bool = False,
    evidence: list[EvidenceFact] | None = None,
    actual: bool = False,
) -> Likelihood:
    """L in four steps: L0, ILAB floor, gap/mitigation with one clamp, evidence (§2.5)."""
    evidence = evidence or []
    l0 = half_up(Decimal(ctx + sr) / 2)
    after_ilab = {IlabMatch.DIRECT: max(l0, 5), IlabMatch.DERIVED: max(l0, 4)}.get(ilab, l0)
    gap = 1 if unmapped_listed_tier else 0
    mitigation = 1 if mitigates(evidence) else 0
    floor = 3 if ilab else 1
    adjusted = max(floor, min(5, after_ilab + gap - mitigation))
    to_five = actual or raises_to_five(evidence)
    return Likelihood(
        l0=l0,
        ilab=str(ilab) if ilab else None,
        after_ilab=after_ilab,
        gap=gap,
        mitigation=mitigation,
        floor=floor,
        after_adjustments=adjusted,
        evidence_to_5=to_five,
        value=5 if to_five else adjusted,
    )


# --- involvement and leverage (§2.6, §2.7) ---------------------------------------------------

# The questions whose "yes" makes the region a contributor. The method names three and says the
# set must stay configurable (specifications, payment terms); callers may pass their own list.
CONTRIBUTION_QUESTIONS = ("price_below_cost", "lead_times_compressed", "orders_changed_short_notice")
EXTRA_CONTRIBUTION_QUESTIONS = ("specifications_force_risk", "payment_terms_force_risk")
LEVERAGE_QUESTIONS = (
    "share_5_percent",
    "term_2_years_or_renewable",
    "collective_follow_up",
    "advanced_clause",
)


def involvement(
    *, own_operations: bool, answers: dict[str, bool], questions: tuple[str, ...] = CONTRIBUTION_QUESTIONS
) -> Involvement:
    if own_operations:
        return Involvement.CAUSE
    if any(answers.get(q) for q in questions):
        return Involvement.CONTRIBUTE
    return Involvement.LINKED


def leverage(answers: dict[str, bool]) -> int:
    points = sum(1 for q in LEVERAGE_QUESTIONS if answers.get(q))
    return max(1, min(3, points))


# --- priority, category, order (§2.8) --------------------------------------------------------


def risk_category(sev: int, lik: int, *, actual: bool) -> RiskCategory:
    p = sev * lik
    if (sev == 5 and lik >= 4) or (actual and sev >= 4):
        return RiskCategory.CRITICAL
    if (sev >= 4 and lik >= 3) or (sev == 5 and lik >= 2) or p >= 15:
        return RiskCategory.HIGH
    if p >= 8 or sev >= 4:
        return RiskCategory.MEDIUM
    return RiskCategory.LOW


def sort_key(sev: int, lik: int, *, actual: bool, item_id: object = 0) -> tuple:
    """Ascending key for the register: (Sev, L, P) descending, actual first, then item id."""
    return (-sev, -lik, -(sev * lik), 0 if actual else 1, item_id)


# --- one full run ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemInputs:
    sc: int
    so_band: int
    ir: int
    ctx: int
    sr: int
    vulnerable: bool = False
    actual: bool = False
    ilab: IlabMatch | None = None
    unmapped_listed_tier: bool = False
    evidence: tuple[EvidenceFact, ...] = ()
    own_operations: bool = False
    involvement_answers: dict = field(default_factory=dict)
    involvement_override: Involvement | None = None
    leverage_answers: dict = field(default_factory=dict)
    agg: SeverityAgg = SeverityAgg.HYBRID


@dataclass(frozen=True)
class Assessment:
    severity: Severity
    likelihood: Likelihood
    involvement_computed: str
    involvement: str
    leverage: int
    priority: int
    category: RiskCategory
    responses: list[Response]
    remediation: str

    @property
    def sev(self) -> int:
        return self.severity.sev

    @property
    def lik(self) -> int:
        return self.likelihood.value

    def as_dict(self) -> dict:
        """Every sub-score as JSON-ready values, for append-only records."""
        data = asdict(self)
        data["category"] = str(self.category)
        data["responses"] = [r.as_dict() for r in self.responses]
        return data


def assess(
    inputs: ItemInputs,
    *,
    questions: tuple[str, ...] = CONTRIBUTION_QUESTIONS,
    deadlines: dict[str, int] | None = None,
) -> Assessment:
    """Run the whole model on one risk item and return all sub-scores. `questions` and `deadlines`
    are the configurable parts of §2.6 and §2.9 (see kedja.risk.config)."""
    sev = severity(inputs.sc, inputs.so_band, inputs.ir, vulnerable=inputs.vulnerable, agg=inputs.agg)
    lik = likelihood(
        inputs.ctx,
        inputs.sr,
        ilab=inputs.ilab,
        unmapped_listed_tier=inputs.unmapped_listed_tier,
        evidence=list(inputs.evidence),
        actual=inputs.actual,
    )
    computed = involvement(
        own_operations=inputs.own_operations, answers=inputs.involvement_answers, questions=questions
    )
    mode = inputs.involvement_override or computed
    lev = leverage(inputs.leverage_answers)
    cat = risk_category(sev.sev, lik.value, actual=inputs.actual)
    actions, remediation = responses_for(cat, mode, lev, deadlines=deadlines)
    return Assessment(
        severity=sev,
        likelihood=lik,
        involvement_computed=str(computed),
        involvement=str(mode),
        leverage=lev,
        priority=sev.sev * lik.value,
        category=cat,
        responses=actions,
        remediation=remediation,
    )
