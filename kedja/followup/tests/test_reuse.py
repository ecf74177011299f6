"""The reuse rule (docs/domain-rules.md §4.4): clause level, method, age; the shared history; recorded decisions."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from kedja.followup import actions
from kedja.followup.models import CaseStatus, FollowUpCase, ReuseDecision
from kedja.followup.rules import level_at_least, reuse_verdict

from . import factories

TODAY = date(2026, 6, 1)


def _verdict(level="advanced_2024", step=2, result_on=date(2025, 1, 1), needed_level="basic", needed_step=2):
    return reuse_verdict(
        level=level,
        step=step,
        result_on=result_on,
        needed_level=needed_level,
        needed_step=needed_step,
        today=TODAY,
    )


def test_clause_level_order_same_or_higher():
    assert level_at_least("advanced_2024", "basic") and level_at_least("basic", "basic")
    assert level_at_least("basic", "old_six_routines")
    assert not level_at_least("old_six_routines", "advanced_2024")
    assert not level_at_least("", "basic")


def test_rule_checks_level_method_and_age():
    assert _verdict().qualifies
    assert not _verdict(level="old_six_routines").qualifies
    assert not _verdict(step=1, needed_step=2).method_ok
    assert _verdict(step=3, needed_step=2).method_ok
    assert not _verdict(result_on=date(2023, 6, 1)).recent  # exactly three years: too old
    assert _verdict(result_on=date(2023, 6, 2)).recent
    verdict = _verdict(level="old_six_routines", step=1, result_on=None)
    assert len(verdict.reasons) == 4 and not verdict.qualifies


@override_settings(
    KEDJA_REUSE_CLAUSE_LEVELS=["basic", "advanced_2024", "old_six_routines"], KEDJA_REUSE_MAX_AGE_YEARS=5
)
def test_order_and_age_are_configurable():
    assert level_at_least("basic", "advanced_2024")
    assert _verdict(result_on=date(2022, 1, 1)).recent


@pytest.fixture
def finished(personas, contract_a):
    """Supplier A's step-2 follow-up by Region Skåne, closed a year ago under the 2024 clause."""
    case = actions.start_case_from_contract(
        acting_user=personas.stina, contract=contract_a, lead=personas.skane
    )
    FollowUpCase.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, current_step=2, closed_on=timezone.localdate() - timedelta(days=365)
    )
    case.refresh_from_db()
    return case


@pytest.fixture
def old(personas, finished):
    """An older, step-1 follow-up of supplier A by the secretariat, four years ago."""
    case = FollowUpCase.objects.create(
        supplier=personas.supplier_a,
        lead_organisation=personas.secretariat,
        origin="bulk",
        year=2022,
        status=CaseStatus.CLOSED,
        current_step=1,
        closed_on=timezone.localdate() - timedelta(days=4 * 366),
    )
    case.contracts.add(finished.contracts.get())
    return case


def test_history_is_shared_with_every_region(personas, finished, old, client_for):
    url = f"/followup/suppliers/{personas.supplier_a.uuid}/history/?level=advanced_2024&step=2"
    response = client_for(personas.vera).get(url)
    assert response.status_code == 200
    rows = {row.case.pk: row for row in response.context["rows"]}
    assert rows[finished.pk].verdict.qualifies
    assert not rows[old.pk].verdict.qualifies
    assert not rows[old.pk].verdict.recent and not rows[old.pk].verdict.method_ok
    body = response.content.decode()
    assert "Region Skåne" in body and personas.secretariat.name in body
    # Vera is a viewer: she sees the history but may not decide.
    assert response.context["may_decide"] is False


def test_suppliers_and_auditors_never_see_reuse_information(personas, finished, client_for):
    for user in (personas.lisa, personas.lev, personas.alva, None):
        client = client_for(user)
        for supplier in (personas.supplier_a, personas.supplier_b):
            response = client.get(f"/followup/suppliers/{supplier.uuid}/history/")
            assert response.status_code in (302, 404), user
        response = client.post(
            f"/followup/suppliers/{personas.supplier_a.uuid}/reuse/",
            {"source_case": finished.pk, "decision": "accepted"},
        )
        assert response.status_code in (302, 404)
        assert not (response.status_code == 302 and "history" in response.get("Location", ""))
    assert not ReuseDecision.objects.exists()


def test_olle_records_a_reuse_decision(personas, finished, client_for):
    response = client_for(personas.olle).post(
        f"/followup/suppliers/{personas.supplier_a.uuid}/reuse/",
        {
            "source_case": finished.pk,
            "decided_for": personas.stockholm.pk,
            "decision": "accepted",
            "needed_level": "basic",
            "needed_step": "2",
        },
    )
    assert response.status_code == 302
    decision = ReuseDecision.objects.get()
    assert decision.source_buyer == personas.skane and decision.decided_for == personas.stockholm
    assert decision.method_step == 2 and decision.clause_level == "advanced_2024" and decision.qualified
    assert decision.result_on == finished.closed_on and decision.decided_by == personas.olle
    page = client_for(personas.vera).get(f"/followup/suppliers/{personas.supplier_a.uuid}/history/")
    assert "Olle Officer" in page.content.decode()


def test_accepting_a_result_that_does_not_qualify_is_refused(personas, old):
    def decide(decision, reason=""):
        return actions.decide_reuse(
            acting_user=personas.olle,
            source_case=old,
            decided_for=personas.stockholm,
            decision=decision,
            needed_level="advanced_2024",
            needed_step=2,
            reason=reason,
        )

    with pytest.raises(ValidationError):
        decide("accepted")
    decision = decide("rejected", "Too old; we run our own self-assessment.")
    assert not decision.qualified


@pytest.mark.parametrize(
    "who, source, region, decision, reason, error",
    [
        ("olle", "finished", "skane", "accepted", "", PermissionDenied),  # for another region
        ("vera", "finished", "uppsala", "accepted", "", PermissionDenied),  # a viewer
        ("olle", "case_a", "stockholm", "rejected", "Not finished", ValidationError),
    ],
)
def test_only_own_organisation_decides_and_only_finished_results(
    personas, request, who, source, region, decision, reason, error
):
    with pytest.raises(error):
        actions.decide_reuse(
            acting_user=getattr(personas, who),
            source_case=request.getfixturevalue(source),
            decided_for=getattr(personas, region),
            decision=decision,
            needed_level="basic",
            needed_step=1,
            reason=reason,
        )
    assert not ReuseDecision.objects.exists()


def test_history_query_count_is_constant(personas, finished, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.olle)
    url = f"/followup/suppliers/{personas.supplier_a.uuid}/history/"
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx)

    before = count()
    for n in range(4):
        FollowUpCase.objects.create(
            supplier=personas.supplier_a,
            lead_organisation=personas.uppsala,
            origin="bulk",
            year=2025,
            status=CaseStatus.CLOSED,
            closed_on=timezone.localdate(),
        )
        factories.issue(f"issue-{n}")
    assert count() == before
