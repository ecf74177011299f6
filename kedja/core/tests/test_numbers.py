"""Numbers, money and dates the reader's way: Swedish "12 500 kr", "3,5", ÅÅÅÅ-MM-DD."""

import datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from kedja.core.numbers import money, number
from kedja.reports import svg

NBSP = "\xa0"


def render(text: str, **context) -> str:
    return Template("{% load kedja %}" + text).render(Context(context))


def test_swedish_groups_thousands_with_a_non_breaking_space_and_writes_a_decimal_comma():
    with translation.override("sv"):
        assert number(12500) == f"12{NBSP}500"
        assert number(1234567.891) == f"1{NBSP}234{NBSP}567,89"
        assert number(Decimal("3.5"), 1) == "3,5"
        assert money(12500) == f"12{NBSP}500{NBSP}kr"
        assert render("{{ n|money:0 }} · {{ n|number }}", n=9999.6) == f"10{NBSP}000{NBSP}kr · 9{NBSP}999,60"


def test_english_writes_sek_before_the_amount_with_comma_grouping():
    with translation.override("en"):
        assert money(12500) == "SEK 12,500"
        assert number(0.25) == "0.25"


def test_what_is_not_a_number_is_shown_as_it_is():
    with translation.override("sv"):
        assert [number(None), number(""), number("färre än 5"), money(None)] == ["–", "–", "färre än 5", "–"]
        assert number(True) == "True"


def test_dates_read_yyyy_mm_dd_in_both_languages_wherever_a_template_prints_one():
    day, moment = datetime.date(2026, 3, 9), datetime.datetime(2026, 3, 9, 14, 5)
    for language in ("sv", "en"):
        with translation.override(language):
            assert (
                render("{{ d }} {{ m }} {{ d|date }}", d=day, m=moment)
                == "2026-03-09 2026-03-09 14:05 2026-03-09"
            )


def test_chart_labels_use_the_decimal_comma_in_swedish():
    with translation.override("sv"):
        chart = svg.bar_chart("c", "Titel", ["A"], [svg.Series(name="Antal", values=[2.5])])
    assert "2,5" in chart and "2.5<" not in chart
