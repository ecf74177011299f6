"""Pure rules of the follow-up: traffic light, penalty, proposals. No database writes.

A finding's severity is the risk method's formula, shared with risk analyses: kedja.reference.severity.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrafficLight(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


def ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


@dataclass(frozen=True)
class DeviationFacts:
    """What the traffic light needs to know about one deviation."""

    closed: bool
    deadline: date | None
    closed_on: date | None
    has_overdue_action: bool = False


def traffic_light(deviations: Iterable[DeviationFacts], today: date) -> str:
    """Green: no deviations, or all closed on time. Yellow: being handled within deadlines.

    Red: a deadline missed (a deviation or one of its actions overdue, or closed after its deadline).
    Domain §4.6 (Adda's harmonised definitions).
    """
    light = TrafficLight.GREEN
    for d in deviations:
        late_open = not d.closed and ((d.deadline is not None and d.deadline < today) or d.has_overdue_action)
        late_closed = (
            d.closed and d.deadline is not None and d.closed_on is not None and d.closed_on > d.deadline
        )
        if late_open or late_closed:
            return TrafficLight.RED
        if not d.closed:
            light = TrafficLight.YELLOW
    return light


def started_weeks(days: int) -> int:
    """Penalty weeks: every started week counts (⌈days/7⌉); zero days count nothing."""
    return ceil_div(max(days, 0), 7)


def penalty_amount(
    rate_per_week: Decimal | int | None, cap_weeks: int | None, days: int
) -> tuple[int, Decimal]:
    """(weeks counted, amount) = (min(cap, ⌈days/7⌉), rate × weeks) (domain §3.5)."""
    weeks = started_weeks(days)
    if cap_weeks is not None:
        weeks = min(cap_weeks, weeks)
    rate = Decimal(rate_per_week or 0)
    return weeks, rate * weeks


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


# Reuse of another buyer's result (domain §4.4, open point §10.5). Clause levels from the highest to
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
