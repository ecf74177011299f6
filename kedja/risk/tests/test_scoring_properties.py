"""Invariants of the scoring model (hypothesis), plus involvement and responses."""

from hypothesis import given
from hypothesis import strategies as st

from kedja.risk.responses import Involvement, responses_for
from kedja.risk.scoring import (
    LEVERAGE_QUESTIONS,
    EvidenceFact,
    EvidenceKind,
    IlabMatch,
    ItemInputs,
    SeverityAgg,
    assess,
    involvement,
    likelihood,
    severity,
    sort_key,
)

score = st.integers(min_value=1, max_value=5)
evidence = st.lists(
    st.builds(EvidenceFact, st.sampled_from(list(EvidenceKind)), st.booleans(), st.booleans(), st.booleans()),
    max_size=3,
)


@given(score, score, score, st.booleans())
def test_severity_never_below_scale_or_irremediability(sc, so, ir, vulnerable):
    result = severity(sc, so, ir, vulnerable=vulnerable)
    assert result.sev >= sc and result.sev >= ir
    assert 1 <= result.sev <= 5


@given(score, score, score, st.booleans(), st.sampled_from(list(SeverityAgg)))
def test_severity_in_range_for_every_aggregation(sc, so, ir, vulnerable, agg):
    assert 1 <= severity(sc, so, ir, vulnerable=vulnerable, agg=agg).sev <= 5


@given(
    score,
    score,
    st.sampled_from([IlabMatch.DIRECT, IlabMatch.DERIVED]),
    st.booleans(),
    evidence,
    st.booleans(),
)
def test_ilab_listing_never_lowers_likelihood(ctx, sr, listing, gap, facts, actual):
    unlisted = likelihood(ctx, sr, unmapped_listed_tier=gap, evidence=facts, actual=actual)
    listed = likelihood(ctx, sr, ilab=listing, unmapped_listed_tier=gap, evidence=facts, actual=actual)
    assert listed.value >= unlisted.value
    assert 1 <= listed.value <= 5


@given(
    st.lists(st.tuples(score, score, score, score, score, st.booleans()), min_size=2, max_size=6),
    st.lists(st.fixed_dictionaries({q: st.booleans() for q in LEVERAGE_QUESTIONS}), min_size=6, max_size=6),
)
def test_leverage_never_changes_the_rank(items, leverage_answers):
    def ranked(with_leverage):
        runs = []
        for n, (sc, so, ir, ctx, sr, actual) in enumerate(items):
            answers = leverage_answers[n] if with_leverage else {}
            result = assess(
                ItemInputs(sc=sc, so_band=so, ir=ir, ctx=ctx, sr=sr, actual=actual, leverage_answers=answers)
            )
            runs.append((sort_key(result.sev, result.lik, actual=actual, item_id=n), result.category, n))
        return [(n, category) for _, category, n in sorted(runs)]

    assert ranked(True) == ranked(False)


def test_involvement_questions():
    assert involvement(own_operations=True, answers={}) == Involvement.CAUSE
    assert (
        involvement(own_operations=False, answers={"lead_times_compressed": True}) == Involvement.CONTRIBUTE
    )
    assert involvement(own_operations=False, answers={"payment_terms_force_risk": True}) == Involvement.LINKED
    configured = ("payment_terms_force_risk",)
    assert (
        involvement(own_operations=False, answers={"payment_terms_force_risk": True}, questions=configured)
        == Involvement.CONTRIBUTE
    )


def test_override_wins_and_computed_is_kept():
    result = assess(
        ItemInputs(sc=3, so_band=2, ir=1, ctx=1, sr=4, involvement_override=Involvement.CONTRIBUTE)
    )
    assert (result.involvement_computed, result.involvement) == ("linked", "contribute")
    assert result.remediation == "required"


def test_responses_per_category_and_involvement():
    actions, duty = responses_for("critical", Involvement.LINKED, 1)
    keys = [a.key for a in actions]
    assert keys[0] == "cap_and_transparency" and actions[0].deadline_days == 30
    assert "build_collective_leverage" in keys and duty == "may_support"
    assert "build_collective_leverage" not in [
        a.key for a in responses_for("critical", Involvement.LINKED, 2)[0]
    ]
    assert responses_for("high", Involvement.LINKED, 3)[0][0].deadline_days == 90
    assert responses_for("low", Involvement.LINKED, 3)[0][0].key == "standard_code_clause"
    cause, duty = responses_for("critical", Involvement.CAUSE, 3)
    assert cause[0].key == "stop_and_remediate" and cause[0].deadline_days == 30 and duty == "required"
    assert (
        responses_for("critical", Involvement.CAUSE, 3, deadlines={"cause_critical": 14})[0][0].deadline_days
        == 14
    )
    assert responses_for("medium", Involvement.CONTRIBUTE, 2)[0][0].key == "change_purchasing_practice"
    assert all(a.text for a in actions)


def test_evidence_must_be_open_and_credible_to_raise():
    closed = EvidenceFact(EvidenceKind.ALLEGATION, credible=True, is_open=False)
    rumour = EvidenceFact(EvidenceKind.ALLEGATION, credible=False)
    assert likelihood(1, 2, evidence=[closed, rumour]).value == 2
    assert likelihood(1, 2, evidence=[EvidenceFact(EvidenceKind.WITHHOLD_RELEASE_ORDER)]).value == 5
