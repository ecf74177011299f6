from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kedja.followup.models import CaseOrigin, FollowUpCase, SanctionKind
from kedja.followup.rules import penalty_amount, sanction_options, started_weeks

from . import factories


@pytest.mark.parametrize(("days", "weeks"), [(0, 0), (1, 1), (7, 1), (8, 2), (14, 2), (15, 3), (100, 15)])
def test_started_weeks(days, weeks):
    assert started_weeks(days) == weeks


def test_penalty_is_rate_times_started_weeks_up_to_the_cap():
    assert penalty_amount(10000, 10, 8) == (2, Decimal(20000))
    assert penalty_amount(10000, 10, 365) == (10, Decimal(100000))
    assert penalty_amount(None, None, 30) == (5, Decimal(0))


def test_sanction_options_follow_the_contract(personas, contract_a):
    options = sanction_options(contract_a, ground="failure_to_handle", days=71)
    assert (
        options["weeks"] == 10
        and options["cap_reached"]
        and SanctionKind.TERMINATION_IMMEDIATE in options["kinds"]
    )
    assert SanctionKind.CALL_OFF_STOP in options["kinds"]
    contract_a.is_framework_agreement = False
    options = sanction_options(contract_a, ground="failure_to_report", days=3)
    assert SanctionKind.CALL_OFF_STOP not in options["kinds"] and not options["immediate_termination"]
    assert (
        SanctionKind.TERMINATION_IMMEDIATE
        in sanction_options(contract_a, ground="zero_tolerance", days=0)["kinds"]
    )


def test_decision_records_computed_penalty_with_who_and_why(personas, step2_case, contract_a):
    decision = factories.sanction(
        personas,
        step2_case,
        contract_a,
        ground="failure_to_cooperate",
        kind="penalty",
        days_ago=20,
        reason="No documents after two reminders",
    )
    assert (
        decision.started_weeks == 3 and decision.amount_sek == 30000 and decision.decided_by == personas.stina
    )
    assert step2_case.events.filter(kind="sanction").exists()


def test_call_off_stop_refused_outside_framework_agreements(personas, step2_case, contract_a):
    contract_a.is_framework_agreement = False
    contract_a.save()
    with pytest.raises(ValidationError):
        factories.sanction(
            personas,
            step2_case,
            contract_a,
            ground="failure_to_handle",
            kind="call_off_stop",
            days_ago=0,
            reason="x",
        )
    with pytest.raises(PermissionDenied):
        factories.sanction(
            personas,
            step2_case,
            contract_a,
            ground="failure_to_handle",
            days_ago=0,
            reason="x",
            user=personas.olle,
        )


def test_self_report_updates_the_open_case_and_checks_the_deadline(
    personas, step2_case, contract_a, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    issue = factories.issue("forced_labour", zero_tolerance=True, scale=5, irr=4)
    with django_capture_on_commit_callbacks(execute=True):
        report = factories.zero_tolerance_report(
            personas,
            contract_a,
            issue,
            days_ago=20,
            facts="Passports held by the agency",
            measures_taken="Passports returned",
        )
    assert report.case == step2_case and report.on_time is False and report.days_to_report == 20
    assert step2_case.findings.filter(is_zero_tolerance=True, needs_sanction_decision=True).exists()
    assert personas.stina.email in {to for message in mail.outbox for to in message.to}


def test_self_report_without_a_case_opens_one(personas, contract_a):
    issue = factories.issue("forced_labour", zero_tolerance=True, scale=5, irr=4)
    report = factories.zero_tolerance_report(personas, contract_a, issue)
    assert report.on_time is True and report.case.origin == CaseOrigin.ZERO_TOLERANCE
    assert report.case.lead_organisation == personas.skane
    with pytest.raises(ValidationError):
        factories.zero_tolerance_report(personas, contract_a, issue, user=personas.lisa)
    assert FollowUpCase.objects.count() == 1


def test_portal_zero_tolerance_form(personas, contract_a, client_for):
    issue = factories.issue("forced_labour", zero_tolerance=True, scale=5, irr=4)
    report = {
        "contract": contract_a.pk,
        "issue": issue.pk,
        "aware_since": timezone.localdate().isoformat(),
        "facts": "Facts",
        "measures_taken": "Measures",
    }
    response = client_for(personas.lev).post("/followup/portal/zero-tolerance/", report)
    assert response.status_code == 302 and FollowUpCase.objects.filter(supplier=personas.supplier_a).exists()
    other = client_for(personas.lisa).post("/followup/portal/zero-tolerance/", report)
    assert other.status_code == 200  # the contract is not among Lisa's choices
