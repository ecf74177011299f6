import pytest
from django.core.management import call_command

from kedja.followup import demo, queries
from kedja.followup.models import CaseStatus, FollowUpCase, PublishedSummary, ReuseDecision


def test_demo_builds_cases_at_every_step_and_is_idempotent(db):
    pytest.importorskip("kedja.contracts.demo")
    call_command("load_reference", verbosity=0)
    from kedja.contracts import demo as contracts_demo
    from kedja.organisations import demo as organisations_demo

    organisations_demo.load()
    contracts_demo.load()
    demo.load()
    count = FollowUpCase.objects.count()
    demo.load()
    assert FollowUpCase.objects.count() == count >= 6
    statuses = set(FollowUpCase.objects.values_list("status", flat=True))
    assert {
        CaseStatus.DRAFT,
        CaseStatus.STEP1_SENT,
        CaseStatus.STEP1_SUBMITTED,
        CaseStatus.STEP3,
        CaseStatus.CORRECTIVE_ACTION,
        CaseStatus.CLOSED,
    } <= statuses
    red = FollowUpCase.objects.get(products="Nitrilhandskar")
    assert queries.compute_light(red) == "red"
    assert PublishedSummary.objects.filter(status="published", traffic_light="green").exists()
    assert ReuseDecision.objects.count() == 1
