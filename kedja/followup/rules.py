"""Pure rules of the follow-up: traffic light, penalty and sanction options, proposals. No database writes.

A finding's severity is the risk method's formula, shared with risk analyses: kedja.reference.severity.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from kedja.contracts.models import Contract


class TrafficLight(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


def ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


@dataclass(frozen=True)
class Reason:
    """One reason for a light, stored as an English msgid and parameters and translated when read,
    so the same stored reason reads in Swedish or English (like the case timeline)."""

    message: str
    params: dict[str, str | int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return gettext(self.message) % self.params

    def as_json(self) -> dict[str, object]:
        return {"message": self.message, "params": self.params}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> "Reason | None":
        """From what `as_json` stored (a JSON field, so its values are untyped)."""
        return cls(data["message"], data.get("params", {})) if data else None


@dataclass(frozen=True)
class Light:
    """A traffic light with every reason for it, the weightiest first."""

    colour: str
    reasons: tuple[Reason, ...]

    @property
    def reason(self) -> Reason | None:
        return self.reasons[0] if self.reasons else None

    def __str__(self) -> str:
        return self.colour

    def __eq__(self, other: object) -> bool:
        """A light equals its colour, so `light == "red"` reads naturally in code and templates."""
        if isinstance(other, str):
            return self.colour == other
        return isinstance(other, Light) and (self.colour, self.reasons) == (other.colour, other.reasons)

    def __hash__(self) -> int:
        return hash(self.colour)


@dataclass(frozen=True)
class DeviationFacts:
    """What the traffic light needs to know about one deviation."""

    closed: bool
    deadline: date | None
    closed_on: date | None
    open_action_deadline: date | None = None  # the earliest deadline of its actions not yet closed
    zero_tolerance: bool = False
    label: str = ""  # the breached requirement or the title, for the reason in words


@dataclass(frozen=True)
class LightFacts:
    """Everything the light of one case depends on. `late_reports` are the days late of each
    zero-tolerance report filed after the contract's deadline; `decisions` the dates of the sanction
    decisions in force (withdrawn ones do not count)."""

    deviations: tuple[DeviationFacts, ...] = ()
    late_reports: tuple[int, ...] = ()
    decisions: tuple[date, ...] = ()
    closed_on: date | None = None


def _red_reasons(facts: LightFacts, today: date) -> list[Reason]:
    """§3.5 grounds first (they allow sanctions), then deadlines missed (§4.6)."""
    reasons = [
        Reason(gettext_noop("zero-tolerance report %(days)s days late"), {"days": days})
        for days in sorted(facts.late_reports, reverse=True)
    ]
    reasons += [
        Reason(gettext_noop("zero-tolerance deviation: %(what)s"), {"what": d.label})
        for d in facts.deviations
        if d.zero_tolerance
    ]
    reasons += [
        Reason(gettext_noop("sanction decision of %(date)s"), {"date": on.isoformat()})
        for on in sorted(facts.decisions)
    ]
    for d in facts.deviations:
        if d.closed and d.deadline and d.closed_on and d.closed_on > d.deadline:
            params: dict[str, str | int] = {"what": d.label, "days": (d.closed_on - d.deadline).days}
            reasons.append(Reason(gettext_noop("%(what)s closed %(days)s days after its deadline"), params))
        elif not d.closed and d.deadline and d.deadline < today:
            params = {"what": d.label, "date": d.deadline.isoformat()}
            reasons.append(Reason(gettext_noop("%(what)s overdue since %(date)s"), params))
        elif not d.closed and d.open_action_deadline and d.open_action_deadline < today:
            params = {"what": d.label, "date": d.open_action_deadline.isoformat()}
            reasons.append(
                Reason(gettext_noop("corrective action for %(what)s overdue since %(date)s"), params)
            )
    return reasons


def stored_light(facts: LightFacts) -> tuple[str, date | None]:
    """What a case stores of its light (followup/lights.py): the colour as long as no deadline has
    passed, and the earliest deadline of an open deviation or of an open corrective action of one,
    after which the light is red without anything else changing."""
    deadlines = [
        deadline
        for d in facts.deviations
        if not d.closed
        for deadline in (d.deadline, d.open_action_deadline)
        if deadline
    ]
    return traffic_light(facts, date.min).colour, min(deadlines, default=None)


def light_on(stored: str, red_after: date | None, today: date) -> str:
    """The colour `traffic_light` gives on `today`, from what `stored_light` stored."""
    return TrafficLight.RED.value if red_after is not None and red_after < today else stored


def traffic_light(facts: LightFacts, today: date) -> Light:
    """The light of a case (docs/domain-rules.md §4.6 with §3.5), with its reasons in words.

    Red: a §3.5 sanction ground arose in the case (a zero-tolerance report after the contract's
    deadline, a zero-tolerance deviation, a sanction decision in force), or a deviation was not
    fixed in time (open past its deadline or with an overdue corrective action, or closed after its
    deadline). Yellow: deviations are open and being handled within their deadlines. Green: no
    deviations, or all closed on time. A closed case keeps the light its history earned: a past
    ground stays red, with the closing date added to the reason, so it never reads as if nothing
    happened. `queries.light_expression` is the SQL twin of this function.
    """
    red = _red_reasons(facts, today)
    if red:
        if facts.closed_on:
            closed = Reason(gettext_noop("case closed on %(date)s"), {"date": facts.closed_on.isoformat()})
            red.append(closed)
        return Light(TrafficLight.RED, tuple(red))
    open_deviations = [d for d in facts.deviations if not d.closed]
    if open_deviations:
        deadlines = sorted(d.deadline for d in open_deviations if d.deadline)
        if deadlines:
            params: dict[str, str | int] = {"count": len(open_deviations), "date": deadlines[0].isoformat()}
            reason = Reason(
                gettext_noop("open deviations: %(count)s, handled within the plan; next deadline %(date)s"),
                params,
            )
        else:
            reason = Reason(
                gettext_noop("open deviations: %(count)s, the plan's deadlines not yet set"),
                {"count": len(open_deviations)},
            )
        return Light(TrafficLight.YELLOW, (reason,))
    if facts.deviations:
        reason = Reason(
            gettext_noop("deviations closed on time: %(count)s"), {"count": len(facts.deviations)}
        )
    else:
        reason = Reason(gettext_noop("no deviations"))
    return Light(TrafficLight.GREEN, (reason,))


def started_weeks(days: int) -> int:
    """Penalty weeks: every started week counts (⌈days/7⌉); zero days count nothing."""
    return ceil_div(max(days, 0), 7)


def penalty_amount(
    rate_per_week: Decimal | int | None, cap_weeks: int | None, days: int
) -> tuple[int, Decimal]:
    """(weeks counted, amount) = (min(cap, ⌈days/7⌉), rate × weeks) (docs/domain-rules.md §3.5)."""
    weeks = started_weeks(days)
    if cap_weeks is not None:
        weeks = min(cap_weeks, weeks)
    rate = Decimal(rate_per_week or 0)
    return weeks, rate * weeks


def call_off_stop_limit_reached(months: int | None, days: int) -> bool:
    """Whether a call-off stop that has lasted `days` reached the contract's [M] months (§3.5),
    counting a month as 30 days; no M in the contract means no such limit."""
    return months is not None and months > 0 and days >= months * 30


class SanctionGround(models.TextChoices):
    FAILURE_TO_REPORT = "failure_to_report", _("Failure to report (section 3)")
    FAILURE_TO_COOPERATE = "failure_to_cooperate", _("Failure to cooperate with monitoring (section 4)")
    FAILURE_TO_HANDLE = "failure_to_handle", _("Deviations not handled according to the plan")
    ZERO_TOLERANCE = "zero_tolerance", _("Probable zero-tolerance deviation")


class SanctionKind(models.TextChoices):
    NONE = "none", _("No sanction")
    PENALTY = "penalty", _("Penalty")
    CALL_OFF_STOP = "call_off_stop", _("Call-off stop")
    TERMINATION_NOTICE = "termination_notice", _("Termination with notice")
    TERMINATION_IMMEDIATE = "termination_immediate", _("Immediate termination")


class SanctionOptions(TypedDict):
    """What a contract allows for a sanction ground, as `sanction_options` computes it."""

    weeks: int
    amount: Decimal
    cap_reached: bool
    stop_limit_reached: bool
    kinds: list[SanctionKind]
    immediate_termination: bool


def sanction_options(
    contract: "Contract", *, ground: str, days: int, call_off_stop_days: int = 0
) -> SanctionOptions:
    """What the contract allows for a ground that has lasted `days`: the computed penalty, whether a
    call-off stop is possible (framework agreements only) and which terminations are open."""
    weeks, amount = penalty_amount(contract.penalty_per_week_sek, contract.penalty_cap_weeks, days)
    cap_reached = contract.penalty_cap_weeks is not None and weeks >= contract.penalty_cap_weeks > 0
    stop_limit_reached = call_off_stop_limit_reached(contract.call_off_stop_months, call_off_stop_days)
    kinds = [SanctionKind.NONE, SanctionKind.TERMINATION_NOTICE]
    if contract.penalty_per_week_sek:
        kinds.append(SanctionKind.PENALTY)
    if contract.is_framework_agreement:
        kinds.append(SanctionKind.CALL_OFF_STOP)
    immediate = ground == SanctionGround.ZERO_TOLERANCE or cap_reached or stop_limit_reached
    if immediate:
        kinds.append(SanctionKind.TERMINATION_IMMEDIATE)
    return {
        "weeks": weeks,
        "amount": amount,
        "cap_reached": cap_reached,
        "stop_limit_reached": stop_limit_reached,
        "kinds": kinds,
        "immediate_termination": immediate,
    }


def proposal_from_answers(matches: list[bool | None]) -> str:
    """Propose a rating from the expected-answer checks of one requirement's questions.

    True = answered as expected, False = not, None = marked not applicable. Returns a Rating value.
    """
    relevant = [m for m in matches if m is not None]
    if not matches:
        return ""
    if not relevant:
        return "not_applicable"
    if all(relevant):
        return "fulfilled"
    if any(relevant):
        return "partly"
    return "not_fulfilled"


# Reuse of another buyer's result (docs/domain-rules.md §4.4, open point §10.5). Clause levels from the highest to
# the lowest and the age limit are defaults here; a deployment overrides them in settings with
# KEDJA_REUSE_CLAUSE_LEVELS and KEDJA_REUSE_MAX_AGE_YEARS, read only through the two helpers below.
DEFAULT_CLAUSE_LEVEL_ORDER = ("advanced_2024", "basic", "old_six_routines")
DEFAULT_REUSE_MAX_AGE_YEARS = 3


def clause_level_order() -> tuple[str, ...]:
    return tuple(getattr(settings, "KEDJA_REUSE_CLAUSE_LEVELS", DEFAULT_CLAUSE_LEVEL_ORDER))


def reuse_max_age_years() -> int:
    return int(getattr(settings, "KEDJA_REUSE_MAX_AGE_YEARS", DEFAULT_REUSE_MAX_AGE_YEARS))


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def level_at_least(level: str, needed: str) -> bool:
    """Same or higher clause level; an unknown level never qualifies."""
    order = clause_level_order()
    if level not in order or needed not in order:
        return False
    return order.index(level) <= order.index(needed)


@dataclass(frozen=True)
class ReuseVerdict:
    """Whether a finished follow-up qualifies for reuse, and which criterion fails if not."""

    level_ok: bool
    method_ok: bool
    recent: bool
    finished: bool = True

    @property
    def qualifies(self) -> bool:
        return self.finished and self.level_ok and self.method_ok and self.recent

    @property
    def reasons(self) -> list[str]:
        checks = [
            (self.finished, _("The follow-up is not finished.")),
            (self.level_ok, _("The clause level is lower than required.")),
            (self.method_ok, _("The method is not similar: it stopped at a lower step.")),
            (self.recent, _("The result is too old.")),
        ]
        return [str(text) for ok, text in checks if not ok]


def reuse_verdict(
    *, level: str, step: int, result_on: date | None, needed_level: str, needed_step: int, today: date
) -> ReuseVerdict:
    """Same or higher clause level, same or higher step, and younger than the age limit (§4.4)."""
    return ReuseVerdict(
        finished=result_on is not None,
        level_ok=level_at_least(level, needed_level),
        method_ok=step >= needed_step,
        recent=result_on is not None and result_on > years_before(today, reuse_max_age_years()),
    )


# Publication (docs/domain-rules.md §6) -------------------------------------------------------------------------

# Legal-form words that do not identify a site: "Glove Factory Sdn. Bhd." and "glove factory" name
# the same site. Compared after lower-casing and removing punctuation.
LEGAL_FORMS = frozenset(
    [
        "ab",
        "hb",
        "kb",
        "ltd",
        "limited",
        "co",
        "company",
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "llc",
        "llp",
        "plc",
        "pvt",
        "private",
        "pte",
        "sdn",
        "bhd",
        "gmbh",
        "ag",
        "kg",
        "oy",
        "oyj",
        "as",
        "asa",
        "aps",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "jsc",
        "ooo",
        "pt",
        "tbk",
        "cv",
        "kk",
        "sro",
        "doo",
        "kft",
        "zrt",
        "ltda",
        "cia",
    ]
)


def name_tokens(text: str) -> list[str]:
    """Lower-case words of a text, accents folded, punctuation dropped."""
    folded = unicodedata.normalize("NFKD", text.lower())
    letters = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return letters.split()


def _core(name: str) -> list[str]:
    """A name's identifying words: its legal-form words stripped from the end (and from the start,
    as in "PT Sinar Jaya")."""
    tokens = name_tokens(name)
    while tokens and tokens[-1] in LEGAL_FORMS:
        tokens.pop()
    while tokens and tokens[0] in LEGAL_FORMS:
        tokens.pop(0)
    return tokens


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def confidential_mentions(fields: dict[str, str], names: list[str]) -> list[tuple[str, str]]:
    """(field, name) for every confidential name or address found in a field's text: case-
    insensitive, ignoring punctuation and legal-form suffixes (Ltd, Co., Pvt, AB …)."""
    found = []
    cores = [(name, _core(name)) for name in names]
    for field_name, text in fields.items():
        tokens = name_tokens(text)
        found += [(field_name, name) for name, core in cores if core and _contains(tokens, core)]
    return found


PUBLISH_WHEN_CLOSED = "closed"
PUBLISH_WHEN_PLAN = "plan"


def publish_when() -> str:
    """When a summary may be prepared (docs/domain-rules.md §4.6, open point §10.6): once the case is closed
    (default), or once every deviation is under a time-bound plan (`KEDJA_PUBLISH_WHEN = "plan"`)."""
    value = getattr(settings, "KEDJA_PUBLISH_WHEN", PUBLISH_WHEN_CLOSED)
    return value if value in (PUBLISH_WHEN_CLOSED, PUBLISH_WHEN_PLAN) else PUBLISH_WHEN_CLOSED


def comment_days() -> int:
    """Days the supplier has to comment on a draft summary before it may be published (0: none)."""
    return int(getattr(settings, "KEDJA_SUMMARY_COMMENT_DAYS", 14))


def may_summarise(*, mode: str, closed: bool, deviations_planned: list[bool]) -> bool:
    """Closed cases always; with the "plan" mode also a case whose deviations (at least one) each
    have a corrective action with a deadline."""
    if closed:
        return True
    return mode == PUBLISH_WHEN_PLAN and bool(deviations_planned) and all(deviations_planned)


# Escalation after step 1 (docs/domain-rules.md §4.2: the result of one step decides whether the next follows) ----

NEXT_CLOSE = "close"
NEXT_STEP2 = "escalate"
NEXT_STEP3 = "step3"
HIGH_RISK = ("critical", "high")
# One message per risk category, so the category reads in the reader's language.
PRODUCT_RISK = {
    "critical": gettext_noop("the product's risk is critical"),
    "high": gettext_noop("the product's risk is high"),
    "medium": gettext_noop("the product's risk is medium"),
    "low": gettext_noop("the product's risk is low"),
}


@dataclass(frozen=True)
class Suggestion:
    """The next step Kedja suggests after step 1, with its reasons (weightiest first)."""

    step: str
    reasons: tuple[Reason, ...]

    def as_json(self) -> list[dict[str, object]]:
        return [reason.as_json() for reason in self.reasons]


def _rating_reasons(ratings: dict[str, str]) -> list[Reason]:
    wording = {
        "": gettext_noop("not rated yet: %(what)s"),
        "not_fulfilled": gettext_noop("requirement not fulfilled: %(what)s"),
        "partly": gettext_noop("requirement partly fulfilled: %(what)s"),
    }
    return [
        Reason(wording[rating], {"what": what})
        for order in ("not_fulfilled", "partly", "")
        for what, rating in ratings.items()
        if rating == order
    ]


def suggest_next_step(
    *, ratings: dict[str, str], product_risk: str | None, high_risk_countries: tuple[str, ...] = ()
) -> Suggestion:
    """Suggest closing, the office audit (step 2) or straight the on-site audit (step 3).

    `ratings` maps each requirement (its name) to its step-1 rating (a `Rating` value, "" when not
    yet rated); `product_risk` is the worst risk category of the product's contracts in the risk
    register (None when nothing is known); `high_risk_countries` are the countries of the supplier's
    known sites where the register rates a risk high or critical. A known high-risk site leads
    straight to step 3; any requirement not fulfilled, partly fulfilled or not yet rated, or a high
    product risk, to step 2; otherwise close. The suggestion is never "close" while a requirement is
    rated not fulfilled."""
    reasons = _rating_reasons(ratings)
    if high_risk_countries:
        site = Reason(
            gettext_noop("a high-risk site is known in %(countries)s"),
            {"countries": ", ".join(sorted(high_risk_countries))},
        )
        return Suggestion(NEXT_STEP3, (site, *reasons))
    if product_risk in HIGH_RISK:
        reasons.append(Reason(PRODUCT_RISK[product_risk]))
    if reasons:
        return Suggestion(NEXT_STEP2, tuple(reasons))
    closing = [Reason(gettext_noop("every requirement fulfilled or not applicable"))]
    if product_risk in PRODUCT_RISK:
        closing.append(Reason(PRODUCT_RISK[product_risk]))
    else:
        closing.append(Reason(gettext_noop("no risk register for the product")))
    return Suggestion(NEXT_CLOSE, tuple(closing))


# Remedy for people (UNGP principle 7 / PR7) ----------------------------------------------------------------------

REMEDY_INVOLVEMENTS = ("cause", "contribute")


def remedy_asked_of_supplier(supplier_involvement: str) -> bool:
    """Remedy is asked of the supplier where it caused or contributed to the harm; where it is only
    directly linked (or its involvement is not yet known), the buyer uses its leverage instead."""
    return supplier_involvement in REMEDY_INVOLVEMENTS


def closing_needs_remedy_decision(remedy_statuses: list[str]) -> bool:
    """A case with remedy still planned closes only with a recorded decision on it."""
    return "planned" in remedy_statuses
