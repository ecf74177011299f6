"""Bounds for stored numbers and dates: one definition gives the validators and the database check.

A value outside its column (a 20-digit amount on SQLite, a year 9999 date) used to be accepted and
then break every page that shows it. Each numeric or date field therefore carries `validators` from
a `Bounds` (so forms refuse it with a field error) and a named `check()` in its model's Meta (so
nothing written around the forms gets in either). The limits are what makes sense for the domain
and always fit the column on SQLite and PostgreSQL (smallint ≤ 32767, integer ≤ 2147483647).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Bounds:
    low: int | Decimal | float | date
    high: int | Decimal | float | date

    @property
    def validators(self) -> list:
        return [MinValueValidator(self.low), MaxValueValidator(self.high)]

    @property
    def limits(self) -> dict:
        """Keyword arguments for a form's IntegerField or DecimalField (also the HTML min/max)."""
        return {"min_value": self.low, "max_value": self.high}

    def check(self, field: str, name: str | None = None, *, or_null: bool = False) -> models.CheckConstraint:
        """A named check that keeps `field` within bounds (NULL passes, as in SQL).

        Named `<app>_<model>_<field>_range`; checks written before these bounds keep their own `name`,
        and those that spelled the NULL case out keep doing so (`or_null`).
        """
        condition = Q(**{f"{field}__gte": self.low, f"{field}__lte": self.high})
        if or_null:
            condition = Q(**{f"{field}__isnull": True}) | condition
        return models.CheckConstraint(
            condition=condition, name=name or f"%(app_label)s_%(class)s_{field}_range"
        )


def checks(bounds: Bounds, *fields: str) -> list[models.CheckConstraint]:
    return [bounds.check(field) for field in fields]


SMALLINT_MAX = 32767
INTEGER_MAX = 2147483647

# Dates of things that happen in the collaboration's work (decisions, deadlines, audits).
EVENT_DATE = Bounds(date(1990, 1, 1), date(2100, 12, 31))
# Dates printed on documents and evidence, which may be older than the collaboration.
DOCUMENT_DATE = Bounds(date(1950, 1, 1), date(2100, 12, 31))
YEAR = Bounds(1990, 2100)
QUARTER = Bounds(1, 4)
# The three steps of a follow-up (self-assessment, office audit, site audit).
STEP = Bounds(1, 3)
# Scale, scope, irremediability, likelihood and sector risk are scored 1–5 (docs/risk-method.md §2).
SCORE = Bounds(1, 5)
# Computed scores are 0 until an item is first scored; priority is severity × likelihood.
COMPUTED_SCORE = Bounds(0, 5)
PRIORITY = Bounds(0, 25)
LEVERAGE = Bounds(1, 3)
TIER = Bounds(1, 20)
# Training cases also place stages in the buyer's own operations, tier 0.
CHAIN_TIER = Bounds(0, 20)
# CPV codes sit at levels 1 (division) to 5.
CPV_LEVEL = Bounds(1, 5)
PERCENT = Bounds(0, 100)
SHARE = Bounds(0, 1)
# Money in whole kronor: more than any region's contract, far below what a column or a page chokes on.
SEK = Bounds(Decimal(0), Decimal(10**11))
PENALTY_SEK = Bounds(Decimal(0), Decimal(10**7))
# People: workers at a site, people affected by a deviation.
PEOPLE = Bounds(0, 10_000_000)
# Small yearly counts (follow-ups led, audits) and hours per region and year.
COUNT = Bounds(0, 10_000)
HOURS = Bounds(0, 100_000)
DAYS = Bounds(0, 3650)
WEEKS = Bounds(0, 520)
MONTHS = Bounds(0, 120)
YEARS = Bounds(1, 50)
# Numbers given as questionnaire answers (counts, shares, amounts).
ANSWER_NUMBER = Bounds(Decimal(-(10**12)), Decimal(10**12))
# Positions, orders and version numbers: anything that fits a small integer column.
ORDER = Bounds(0, SMALLINT_MAX)
NUMBER = Bounds(1, SMALLINT_MAX)
# Counters computed by the system (rows, bytes, seconds) that only need to fit the column.
STORED_COUNT = Bounds(0, INTEGER_MAX)
# Sizes of uploaded files kept in a big integer column.
BYTES = Bounds(0, 2**40)
# Moments kept as seconds since 1970 in a big integer column (the API's rate windows).
EPOCH_SECONDS = Bounds(0, 2**40)
