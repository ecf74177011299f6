"""Annual-report benchmark: generation time of the PDF and XLSX at national scale.

Builds a fresh database (a temporary SQLite file, or `--database-url`, e.g. a PostgreSQL database
that may be dropped), loads the reference data (21 regions, areas A–H, ~20 categories), generates a
national year — suppliers, ~500 follow-up cases over five years, ~3000 findings with corrective
actions, one action plan per prioritised category with activities and expectations — and times
computing the figures, writing the XLSX and typesetting the PDF.

    python -m bench.annual_report [--cases 500] [--findings 3000] [--database-url URL]

The generator writes rows directly (bulk inserts): it measures the report, not the actions.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ["SWE", "CHN", "IND", "PAK", "MYS", "THA", "VNM", "BGD", "TUR", "POL", "DEU", "BRA"]


def setup_django(database_url: str | None) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="kedja-bench-report-"))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kedja.settings_test")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = workdir / "media"


def prepare() -> None:
    from django.core.management import call_command

    from kedja.reference.testing import load_test_reference

    call_command("migrate", verbosity=0)
    load_test_reference()


def generate(n_cases: int, n_findings: int, year: int, seed: int = 2026) -> dict:
    """A national year of follow-up data, written in bulk. Returns the row counts."""
    from kedja.followup.lights import refresh_all_lights
    from kedja.followup.models import (
        ActionStatus,
        CaseOrigin,
        CaseStatus,
        CorrectiveAction,
        DeviationStatus,
        Finding,
        FindingKind,
        FollowUpCase,
    )
    from kedja.organisations.models import Organisation, OrganisationKind
    from kedja.plans.models import ActionPlan, ActivityKind, PlannedActivity, PlanStatus, RegionExpectation
    from kedja.reference.models import Category, CategoryResponsibility, Issue, PriorityPeriod

    rng = random.Random(seed)
    regions = list(Organisation.objects.filter(kind=OrganisationKind.REGION))
    suppliers = Organisation.objects.bulk_create(
        Organisation(
            kind=OrganisationKind.SUPPLIER,
            name=f"Leverantör {n} AB",
            slug=f"bench-supplier-{n}",
            org_number=f"559{n:03d}-0000",
            country_code=rng.choice(COUNTRIES),
        )
        for n in range(150)
    )
    categories = list(Category.objects.all())
    issues = list(Issue.objects.all())
    statuses = [
        CaseStatus.STEP1_SENT,
        CaseStatus.STEP1_ASSESSED,
        CaseStatus.STEP2,
        CaseStatus.STEP3,
        CaseStatus.CORRECTIVE_ACTION,
        CaseStatus.CLOSED,
        CaseStatus.CLOSED,
    ]
    cases = []
    for n in range(n_cases):
        status = rng.choice(statuses)
        step = {CaseStatus.STEP2: 2, CaseStatus.STEP3: 3}.get(status, rng.choice([1, 1, 2, 3]))
        cases.append(
            FollowUpCase(
                supplier=rng.choice(suppliers),
                category=rng.choice(categories),
                lead_organisation=rng.choice(regions),
                origin=CaseOrigin.BULK,
                year=year - (0 if n % 3 else rng.randint(0, 4)),
                status=status,
                current_step=step,
                closed_on=date(year, rng.randint(1, 12), 1) if status == CaseStatus.CLOSED else None,
            )
        )
    cases = FollowUpCase.objects.bulk_create(cases)
    through = FollowUpCase.participating_regions.through
    through.objects.bulk_create(
        through(followupcase_id=c.pk, organisation_id=r.pk)
        for c in cases
        for r in rng.sample(regions, rng.randint(0, 3))
        if r.pk != c.lead_organisation_id
    )
    today = date.today()
    findings = Finding.objects.bulk_create(
        Finding(
            case=(case := rng.choice(cases)),
            kind=FindingKind.DEVIATION if n % 4 else FindingKind.OBSERVATION,
            issue=rng.choice(issues),
            title=f"Finding {n}",
            step=case.current_step,
            status=(st := rng.choice(list(DeviationStatus))),
            deadline=today + timedelta(days=rng.randint(-120, 120)),
            closed_on=today - timedelta(days=rng.randint(1, 200)) if st == DeviationStatus.CLOSED else None,
        )
        for n in range(n_findings)
    )
    CorrectiveAction.objects.bulk_create(
        CorrectiveAction(
            finding=f,
            case_id=f.case_id,
            description="Action",
            owner="Manager",
            deadline=today + timedelta(days=rng.randint(-90, 90)),
            status=ActionStatus.CLOSED
            if f.status == DeviationStatus.CLOSED
            else rng.choice([ActionStatus.OPEN, ActionStatus.PROGRESS]),
        )
        for f in findings
        if f.kind == FindingKind.DEVIATION
    )
    refresh_all_lights()  # bulk_create sends no signals: store the lights as the actions' saves would
    period = PriorityPeriod.objects.first()
    if period.ends_on.year < year:  # the shipped period is 2023–2025; cover the benchmark year too
        period = PriorityPeriod.objects.create(
            name=f"bench {year}", starts_on=date(year, 1, 1), ends_on=date(year, 12, 31)
        )
        CategoryResponsibility.objects.bulk_create(
            CategoryResponsibility(period=period, category=r.category, area=r.area, prioritised=r.prioritised)
            for r in CategoryResponsibility.objects.exclude(period=period)
        )
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(period=period, category=r.category, area=r.area, status=PlanStatus.APPROVED)
        for r in CategoryResponsibility.objects.filter(period=period, prioritised=True, area__isnull=False)
    )
    PlannedActivity.objects.bulk_create(
        PlannedActivity(
            plan=p,
            kind=ActivityKind.FOLLOW_UP,
            title=f"Follow-up {i}",
            supplier=rng.choice(suppliers),
            step=1,
            year=year,
            quarter=1 + i % 4,
            responsible_region=rng.choice(regions),
        )
        for p in plans
        for i in range(6)
    )
    RegionExpectation.objects.bulk_create(
        RegionExpectation(
            plan=p,
            region=r,
            year=year,
            followups_led=rng.randint(0, 3),
            followups_joined=rng.randint(0, 3),
            coordinator_hours=rng.randint(0, 200),
            joint_audits=rng.randint(0, 1),
        )
        for p in plans
        for r in rng.sample(regions, 5)
    )
    return {
        "regions": len(regions),
        "categories": len(categories),
        "cases": len(cases),
        "findings": len(findings),
        "plans": len(plans),
    }


def measure(year: int) -> dict:
    from kedja.reports import annual
    from kedja.reports.models import AnnualReport

    timings = {}
    started = time.perf_counter()
    context = annual.collect(year)
    context["datasets"] = list(context["datasets"])
    timings["figures_s"] = time.perf_counter() - started
    started = time.perf_counter()
    xlsx = annual.render_xlsx(context)
    timings["xlsx_s"] = time.perf_counter() - started
    started = time.perf_counter()
    pdf = annual.render_pdf(context)
    timings["pdf_s"] = time.perf_counter() - started
    started = time.perf_counter()
    report = annual.generate(AnnualReport.objects.create(year=year, language="sv"))
    timings["total_s"] = time.perf_counter() - started
    timings.update(pdf_kb=len(pdf) // 1024, xlsx_kb=len(xlsx) // 1024, status=report.status)
    return timings


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--findings", type=int, default=3000)
    parser.add_argument("--year", type=int, default=date.today().year)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args(argv if argv is not None else [])
    setup_django(args.database_url)
    started = time.perf_counter()
    prepare()
    counts = generate(args.cases, args.findings, args.year)
    setup_s = time.perf_counter() - started
    results = measure(args.year)
    print(f"data: {counts} (generated in {setup_s:.1f} s)")
    for key, value in results.items():
        print(f"  {key:<10} {value:.2f}" if isinstance(value, float) else f"  {key:<10} {value}")
    return {**counts, **results}


if __name__ == "__main__":
    main(sys.argv[1:])
