"""Which division the figures use: the period in force on the last day they cover, never a future one."""

from datetime import date

import pytest

from kedja.plans.tests.conftest import division, make_case, make_category  # noqa: F401 (fixtures)
from kedja.reference.models import CategoryResponsibility, PriorityPeriod
from kedja.reports import stats

pytestmark = pytest.mark.django_db


def test_a_period_starting_later_in_the_running_year_does_not_count_yet(division):  # noqa: F811
    PriorityPeriod.objects.create(
        name="2025 (revised)", starts_on=date(2025, 9, 1), ends_on=date(2027, 12, 31)
    )
    assert stats.Scope(year=2025, today=date(2025, 3, 1)).period == division.period
    assert stats.Scope(year=2025, today=date(2026, 3, 1)).period.name == "2025 (revised)"


def test_a_past_year_uses_the_division_in_force_at_its_end(division):  # noqa: F811
    assert stats.Scope(year=2024, today=date(2026, 3, 1)).period == division.period
    assert stats.Scope(year=2022, today=date(2026, 3, 1)).period is None


def test_a_sub_category_counts_for_its_parents_area(personas, division):  # noqa: F811
    towels = make_category("towels", "Handdukar", "Towels")
    towels.parent = division.textiles
    towels.save()
    CategoryResponsibility.objects.create(
        period=division.period, category=towels, area=None, prioritised=False
    )
    make_case(personas, towels, personas.skane, year=2025)
    scope = stats.Scope(year=2025, today=date(2026, 3, 1))
    lights = {row[0]: sum(row[1:]) for row in stats.lights_by_area(scope).rows}
    assert lights == {"H – Upphandlingsregion H": 1}
