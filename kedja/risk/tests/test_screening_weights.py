"""Spend screening weighs spend by the approved analyses of the current priority period only: a
draft, or an analysis of an earlier period, never sets a weight."""

from datetime import date

import pytest

from kedja.reference.models import PriorityPeriod
from kedja.risk import actions
from kedja.risk.screening import category_weights

from . import builders

pytestmark = pytest.mark.django_db


def _analysis(personas, reference, category, period, iso3):
    analysis = actions.start_analysis(category=category, period=period, acting_user=personas.sara)
    stage = builders.stage(analysis, personas.sara, countries=[reference.countries[iso3]])
    item = builders.item(reference, stage, personas.sara, iso3=iso3)
    return analysis, item


def test_weights_come_from_approved_analyses_of_the_current_period_only(personas, reference, risk_data):
    approved, item = _analysis(personas, reference, reference.textiles, reference.period, "IND")
    actions.approve_analysis(analysis=approved, acting_user=personas.sara)
    _analysis(personas, reference, reference.gloves, reference.period, "MYS")
    earlier = PriorityPeriod.objects.create(
        name="2020–2022", starts_on=date(2020, 1, 1), ends_on=date(2022, 12, 31)
    )
    old, _ = _analysis(personas, reference, reference.instruments, earlier, "PAK")
    actions.approve_analysis(analysis=old, acting_user=personas.sara)

    weights = category_weights()

    assert weights[("laundry_textiles", "")] == weights[("laundry_textiles", "IND")] == item.priority / 25
    assert ("gloves", "") not in weights and ("gloves", "MYS") not in weights
    assert ("surgical_instruments", "") not in weights


def test_a_reopened_analysis_keeps_its_approved_weight_not_its_draft(personas, reference, risk_data):
    analysis, item = _analysis(personas, reference, reference.textiles, reference.period, "IND")
    actions.approve_analysis(analysis=analysis, acting_user=personas.sara)
    analysis.refresh_from_db()
    actions.reopen_analysis(analysis=analysis, acting_user=personas.sara)
    builders.item(reference, analysis.stages.get(), personas.sara, iso3="CHN")

    weights = category_weights()

    assert weights[("laundry_textiles", "IND")] == item.priority / 25
    assert ("laundry_textiles", "CHN") not in weights
