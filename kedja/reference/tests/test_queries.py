"""CPV normalisation, longest-prefix resolution, periods and responsibilities."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kedja.reference.models import Category, CategoryCpvPrefix
from kedja.reference.queries import (
    category_for_cpv,
    current_period,
    normalise_cpv,
    responsible_area,
    search_countries,
    search_cpv,
    unique_category_for_cpv,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("33141420-0", "33141420"), ("33141420", "33141420"), (" 03000000-1 ", "03000000")],
)
def test_normalise_cpv_strips_the_check_digit(value, expected):
    assert normalise_cpv(value) == expected


@pytest.mark.parametrize("value", ["", "3314142", "331414200", "33141420-", "33141420-01", "ABCDEFGH", None])
def test_normalise_cpv_rejects_malformed_codes(value):
    with pytest.raises(ValidationError):
        normalise_cpv(value)


def test_normalise_cpv_can_require_a_known_code(reference):
    assert normalise_cpv("33141420-0", require_known=True) == "33141420"
    with pytest.raises(ValidationError) as refused:
        normalise_cpv("99999999", require_known=True)
    assert refused.value.code == "cpv_unknown"


def slugs(categories):
    return [c.slug for c in categories]


def test_longest_prefix_wins(reference):
    # 33169000 matches 3316 (medical technology) and 33169 (surgical instruments).
    assert slugs(category_for_cpv("33169000")) == ["surgical_instruments"]
    # Special nutrition (1588) beats food's division 15.
    assert slugs(category_for_cpv("15880000-0")) == ["nutrition"]
    assert slugs(category_for_cpv("15810000")) == ["food"]


def test_ambiguous_code_returns_all_candidates(reference):
    assert slugs(category_for_cpv("33141113")) == ["compression", "wound_care"]
    assert unique_category_for_cpv("33141113") is None


def test_exact_eight_digit_prefix_excludes_the_codes_below(reference):
    assert slugs(category_for_cpv("33141610")) == ["incontinence_stoma"]
    # The bags below 33141610 fall back to the general consumables prefix 331416.
    assert slugs(category_for_cpv("33141613")) == ["general_consumables"]


def test_code_outside_all_categories(reference):
    assert category_for_cpv("45000000") == []
    assert unique_category_for_cpv("45000000") is None


def test_current_period_and_responsible_area(reference):
    period = current_period(date(2024, 6, 1))
    assert period.name == "2023–2025"
    assert responsible_area(Category.objects.get(slug="gloves"), period).letter == "F"
    assert responsible_area(Category.objects.get(slug="laundry_textiles"), period).letter == "H"
    assert responsible_area(Category.objects.get(slug="furniture"), period) is None
    # After the period ends, the latest started one still answers until a new one is decided.
    assert current_period(date(2027, 1, 1)).name == "2023–2025"
    assert current_period(date(2020, 1, 1)) is None


def test_sub_category_without_own_area_takes_the_parents(reference):
    period = current_period(date(2024, 6, 1))
    gloves = Category.objects.get(slug="gloves")
    gloves.responsibilities.update(area=None)
    assert responsible_area(gloves, period).letter == "F"


def test_search_cpv_by_code_and_words_in_both_languages(reference):
    assert "33141420" in search_cpv("33141420-0").values_list("code", flat=True)
    assert search_cpv("3314142").filter(code="33141420").exists()
    english = set(search_cpv("surgical gloves").values_list("code", flat=True))
    swedish = set(search_cpv("operationshandskar").values_list("code", flat=True))
    assert "33141420" in english and "33141420" in swedish


def test_search_countries(reference):
    assert list(search_countries("TWN").values_list("iso3", flat=True)) == ["TWN"]
    assert search_countries("sverige").filter(iso3="SWE").exists()


def test_category_prefix_rows_match_the_file(reference):
    assert CategoryCpvPrefix.objects.filter(prefix="33141113").count() == 2
