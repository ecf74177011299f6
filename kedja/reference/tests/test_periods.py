"""One answer to "which priority period is current" and "who is responsible for a category"."""

from datetime import date

import pytest

from kedja.organisations.models import ProcurementArea
from kedja.reference.models import Category, CategoryResponsibility, PriorityPeriod
from kedja.reference.queries import (
    areas_by_category,
    categories_of_area,
    current_period,
    responsibilities_in,
    responsibility,
    responsible_area,
)

PERIOD_DAY = date(2024, 6, 1)


def _period(name: str, starts_on: date, ends_on: date) -> PriorityPeriod:
    return PriorityPeriod.objects.create(name=name, starts_on=starts_on, ends_on=ends_on)


def test_a_future_period_never_counts_as_current(reference):
    _period("2026–2028", date(2026, 1, 1), date(2028, 12, 31))
    assert current_period(date(2025, 12, 31)).name == "2023–2025"
    assert current_period(date(2026, 1, 1)).name == "2026–2028"


@pytest.mark.django_db
def test_before_the_first_period_starts_there_is_no_current_period():
    _period("2030–2032", date(2030, 1, 1), date(2032, 12, 31))
    assert current_period(date(2029, 12, 31)) is None


def test_a_later_decision_supersedes_the_earlier_one_from_its_start(reference):
    revised = _period("2023–2025 (revised)", date(2024, 9, 1), date(2025, 12, 31))
    assert current_period(date(2024, 8, 31)).name == "2023–2025"
    assert current_period(date(2024, 9, 1)) == revised


def test_an_ended_period_stays_current_until_the_next_one_starts(reference):
    _period("2027–2029", date(2027, 1, 1), date(2029, 12, 31))
    assert current_period(date(2026, 6, 1)).name == "2023–2025"


def test_a_sub_category_not_prioritised_itself_inherits_the_parents_priority(reference):
    period = current_period(PERIOD_DAY)
    gloves = Category.objects.get(slug="gloves")  # a sub-category of general consumables, prioritised
    gloves.responsibilities.update(prioritised=False)
    assert responsibility(gloves, period).prioritised
    assert responsibilities_in(period)[gloves].prioritised


def test_a_sub_category_without_an_area_of_its_own_is_the_parents_areas(reference):
    period = current_period(PERIOD_DAY)
    gloves = Category.objects.get(slug="gloves")
    gloves.responsibilities.update(area=None)
    assert responsible_area(gloves, period).letter == "F"
    assert areas_by_category(period)[gloves.pk].letter == "F"
    assert gloves in categories_of_area("F", period)
    gloves.responsibilities.update(area=ProcurementArea.objects.get(letter="H"))
    assert gloves in categories_of_area("H", period) and gloves not in categories_of_area("F", period)


def test_responsibility_is_read_in_the_given_period_only(reference):
    period = current_period(PERIOD_DAY)
    later = _period("2026–2028", date(2026, 1, 1), date(2028, 12, 31))
    furniture = Category.objects.get(slug="furniture")
    area_a = ProcurementArea.objects.get(letter="A")
    CategoryResponsibility.objects.create(period=later, category=furniture, area=area_a, prioritised=True)
    assert responsible_area(furniture, period) is None
    assert furniture not in categories_of_area("A", period)
    assert furniture in categories_of_area("A", later)
    assert furniture.pk not in areas_by_category(period)


def test_the_set_answer_agrees_with_the_one_category_answer(reference):
    period = current_period(PERIOD_DAY)
    Category.objects.get(slug="gloves").responsibilities.update(area=None, prioritised=False)
    every = responsibilities_in(period)
    assert every
    for category, answer in every.items():
        assert responsibility(category, period) == answer
