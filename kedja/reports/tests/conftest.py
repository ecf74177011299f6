"""Fixtures of the reports tests: the plans fixtures plus a year of follow-ups with findings."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kedja.followup.models import (
    ActionStatus,
    CaseStatus,
    CorrectiveAction,
    DeviationStatus,
    Finding,
    FindingKind,
)
from kedja.plans import actions
from kedja.plans.tests.conftest import division, make_case, textiles_plan  # noqa: F401 (fixtures)
from kedja.reference.models import CodeArea, Country, Issue
from kedja.reports import actions as report_actions

YEAR = 2025


def make_issue(code: str, name_en: str, name_sv: str) -> Issue:
    issue, _ = Issue.objects.get_or_create(
        code=code,
        defaults={
            "name_sv": name_sv,
            "name_en": name_en,
            "area": CodeArea.HUMAN_RIGHTS,
            "default_scale": 3,
            "default_irremediability": 3,
        },
    )
    return issue


@pytest.fixture
def activity(personas, division, textiles_plan):  # noqa: F811
    """A year of activity: five textile cases, deviations with corrective actions, one IT case."""
    Country.objects.get_or_create(iso3="SWE", defaults={"name_sv": "Sverige", "name_en": "Sweden"})
    forced = make_issue("forced-labour", "Forced labour", "Tvångsarbete")
    wages = make_issue("wages", "Wages", "Löner")
    for region, led, joined, hours in ((personas.skane, 3, 0, 80), (personas.stockholm, 0, 2, 20)):
        actions.set_expectation(
            acting_user=personas.stina,
            plan=textiles_plan,
            region=region,
            year=YEAR,
            followups_led=led,
            followups_joined=joined,
            coordinator_hours=hours,
            joint_audits=1,
        )
    actions.add_activity(
        acting_user=personas.stina,
        plan=textiles_plan,
        kind="follow_up",
        title="",
        year=YEAR,
        quarter=2,
        supplier=personas.supplier_a,
        step=1,
        responsible_region=personas.skane,
    )
    today = timezone.localdate()
    cases = [
        make_case(
            personas,
            division.textiles,
            personas.skane,
            year=YEAR,
            participants=[personas.stockholm],
            status=CaseStatus.CLOSED,
            step=2,
        ),
        make_case(
            personas,
            division.textiles,
            personas.skane,
            year=YEAR,
            status=CaseStatus.CORRECTIVE_ACTION,
            step=2,
            supplier=personas.supplier_b,
            participants=[personas.stockholm],
        ),
        make_case(personas, division.textiles, personas.skane, year=YEAR, status=CaseStatus.STEP1_SENT),
        make_case(personas, division.it, personas.stockholm, year=YEAR),
        make_case(personas, division.textiles, personas.skane, year=YEAR - 1, status=CaseStatus.CLOSED),
    ]
    for n, (case, issue, status) in enumerate(
        [
            (cases[0], forced, DeviationStatus.CLOSED),
            (cases[1], forced, DeviationStatus.OPEN),
            (cases[1], wages, DeviationStatus.PROGRESS),
            (cases[4], wages, DeviationStatus.CLOSED),
        ]
    ):
        finding = Finding.objects.create(
            case=case,
            kind=FindingKind.DEVIATION,
            issue=issue,
            title=f"Deviation {n}",
            status=status,
            deadline=today + timedelta(days=30 if n != 2 else -10),
            closed_on=date(YEAR, 10, 1) if status == DeviationStatus.CLOSED else None,
        )
        CorrectiveAction.objects.create(
            finding=finding,
            description="Fix it",
            owner="CEO",
            deadline=today + timedelta(days=20 if n != 2 else -5),
            status=ActionStatus.CLOSED if status == DeviationStatus.CLOSED else ActionStatus.OPEN,
        )
    return cases


@pytest.fixture
def report(personas, activity, django_capture_on_commit_callbacks, settings, tmp_path):
    """The annual report of YEAR, generated (the task runs on commit)."""
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        created = report_actions.request_annual_report(acting_user=personas.sara, year=YEAR)
    created.refresh_from_db()
    return created
