"""The contribution questions and response deadlines follow the optional KEDJA_RISK_... settings."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from kedja.risk import config
from kedja.risk.apps import check_risk_settings
from kedja.risk.forms import ItemEditForm
from kedja.risk.scoring import ItemInputs, assess

SWEDISH_CLEANING = ItemInputs(sc=3, so_band=2, ir=1, ctx=1, sr=4, vulnerable=True)


def _assess(inputs):
    return assess(inputs, questions=config.contribution_questions(), deadlines=config.response_deadlines())


def test_defaults_are_the_methods():
    assert config.contribution_questions() == (
        "price_below_cost",
        "lead_times_compressed",
        "orders_changed_short_notice",
    )
    assert config.response_deadlines() == {"cause_critical": 30, "linked_critical": 30, "linked_high": 90}


def test_configured_question_makes_the_region_a_contributor(settings):
    inputs = ItemInputs(
        **{**SWEDISH_CLEANING.__dict__, "involvement_answers": {"payment_terms_force_risk": True}}
    )
    assert _assess(inputs).involvement == "linked"
    settings.KEDJA_RISK_CONTRIBUTION_QUESTIONS = [*config.CONTRIBUTION_QUESTIONS, "payment_terms_force_risk"]
    assert _assess(inputs).involvement == "contribute"
    assert "payment_terms_force_risk" in ItemEditForm().fields


def test_form_asks_only_the_configured_questions(settings):
    settings.KEDJA_RISK_CONTRIBUTION_QUESTIONS = ["price_below_cost"]
    fields = ItemEditForm().fields
    assert "price_below_cost" in fields and "lead_times_compressed" not in fields


def test_configured_deadlines_reach_the_responses(settings):
    high = ItemInputs(sc=4, so_band=3, ir=3, ctx=3, sr=3)  # Sev 4, L 3: High, directly linked
    assert _assess(high).responses[0].deadline_days == 90
    settings.KEDJA_RISK_RESPONSE_DEADLINES = {"linked_high": 60, "cause_high": 45}
    assert _assess(high).responses[0].deadline_days == 60
    caused = ItemInputs(**{**high.__dict__, "own_operations": True})
    assert _assess(caused).responses[0].deadline_days == 45


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("KEDJA_RISK_CONTRIBUTION_QUESTIONS", ["price_is_low"]),
        ("KEDJA_RISK_CONTRIBUTION_QUESTIONS", []),
        ("KEDJA_RISK_RESPONSE_DEADLINES", {"linked_hihg": 60}),
        ("KEDJA_RISK_RESPONSE_DEADLINES", {"linked_high": 0}),
    ],
)
def test_a_wrong_setting_is_refused_loudly(settings, name, value):
    setattr(settings, name, value)
    with pytest.raises(ImproperlyConfigured):
        config.contribution_questions() if "QUESTIONS" in name else config.response_deadlines()
    assert [error.id for error in check_risk_settings()] == ["risk.E001"]
