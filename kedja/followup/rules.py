"""Pure rules of the follow-up: severity, traffic light, penalty, proposals. No database writes."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrafficLight(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


def ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def scope_score(scope_band: int, vulnerable: bool) -> int:
    """So = min(5, band + 1 when vulnerable groups are affected) (risk-method §2.2)."""
    return min(5, scope_band + (1 if vulnerable else 0))


def severity(scale: int, scope_band: int, irremediability: int, *, vulnerable: bool = False) -> int:
    """Sev = max(Sc, Ir, ceil((Sc + So + Ir) / 3)) (risk-method §2.2, hybrid aggregation)."""
    so = scope_score(scope_band, vulnerable)
    return max(scale, irremediability, ceil_div(scale + so + irremediability, 3))


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
