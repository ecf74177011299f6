"""Follow-up pages at national scale: response times and SQL queries per page, small vs national.

Builds a throwaway database (a temporary SQLite file, or `--database-url`, e.g. a PostgreSQL
database that may be dropped), loads the reference data (21 regions, areas, categories, clause
versions), then writes follow-up data in bulk: suppliers with a contract and a site each, cases in
every state, self-assessments with answers, findings with corrective actions, timeline events and
published summaries. It first measures at a small scale (1/100 of the sizes), then tops the data up
to full scale and measures again. Each page is requested with Django's test Client, signed in as a
secretariat user, a region strategist, a supplier contact (portal) or anonymously (public list);
the time is the median (and p95) of `--runs` requests, also as a ratio to the trivial page
(bench/timing.py) measured in the same run. Statistics are refreshed (ANALYZE) after each load.

    python -m bench.followup_pages [--suppliers 2000] [--cases 20000] [--answers 200000]
                                   [--findings 60000] [--runs 15] [--database-url URL]
                                   [--explain-over 100]

The query count of a page must be the same at both scales; the table marks a page that grows.
Every page whose national median is over `--explain-over` ms is then explained: the plan of its
slowest SQL statement.
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

from bench import national_data, timing

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ["CHN", "IND", "PAK", "MYS", "THA", "VNM", "BGD", "TUR", "POL", "DEU", "BRA", "SWE"]
SMALL_FRACTION = 100
# The reports dashboard reuses its rendered figures until the next recorded change; this row
# measures it with the cache emptied before each request, as the first view after a change.
AFRESH = "reports dashboard, afresh"


def setup_django(database_url: str | None) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="kedja-bench-followup-"))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kedja.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    settings.MEDIA_ROOT = workdir / "media"
    setup_test_environment()  # the test Client's host, in-memory e-mail


def prepare() -> dict:
    """Schema, reference data, a questionnaire and the four people the pages are requested as."""
    from django.core.management import call_command

    from kedja.followup import actions
    from kedja.organisations.models import Membership, Organisation, OrganisationKind, Role, User
    from kedja.reference.models import RequirementDocument
    from kedja.reference.testing import load_test_reference

    call_command("migrate", verbosity=0)
    load_test_reference()
    secretariat = Organisation.objects.get(kind=OrganisationKind.SECRETARIAT)
    skane = Organisation.objects.get(slug="region-skane")
    supplier = Organisation.objects.create(
        kind=OrganisationKind.SUPPLIER,
        name="Benchleverantören AB",
        slug="bench-own",
        org_number="559999-0001",
    )
    people = {}
    for key, org, role in (
        ("secretariat", secretariat, Role.SECRETARIAT_STAFF),
        ("strategist", skane, Role.STRATEGIST),
        ("supplier", supplier, Role.SUPPLIER_CONTACT),
    ):
        user = User.objects.create_user(f"{key}@bench.test", "bench-password", full_name=key.title())
        Membership.objects.create(user=user, organisation=org, role=role)
        people[key] = user
    clause = RequirementDocument.objects.get(key="clause-2024")
    questionnaire = actions.build_questionnaire(acting_user=people["secretariat"], clause=clause)
    return {"people": people, "questionnaire": questionnaire, "clause": clause, "own_supplier": supplier}


class Generator:
    """Appends follow-up rows in bulk; called twice (small, then the rest up to national scale)."""

    def __init__(self, env: dict, seed: int = 2026):
        from kedja.organisations.models import Organisation, OrganisationKind
        from kedja.reference.models import Category, Country, Issue

        self.rng = random.Random(seed)
        self.env = env
        self.regions = list(Organisation.objects.filter(kind=OrganisationKind.REGION))
        self.secretariat = Organisation.objects.get(kind=OrganisationKind.SECRETARIAT)
        self.categories = list(Category.objects.all())
        self.countries = list(Country.objects.filter(iso3__in=COUNTRIES))
        self.issues = list(Issue.objects.all())
        self.questions = list(env["questionnaire"].questions.all())
        self.suppliers: list = []
        self.cases: list = []
        self.contracts: dict[int, object] = {}
        self.n = {"suppliers": 0, "cases": 0, "answers": 0, "findings": 0}

    def grow(self, suppliers: int, cases: int, answers: int, findings: int) -> None:
        self._suppliers(suppliers - self.n["suppliers"])
        new_cases = self._cases(cases - self.n["cases"])
        self._answers(new_cases, answers - self.n["answers"])
        # Findings go to old and new cases alike, so the measured pages' own rows grow too.
        self._findings(self.cases, findings - self.n["findings"])

    def _suppliers(self, count: int) -> None:
        from kedja.contracts.models import Contract, Site, SiteType, search_text_of
        from kedja.organisations.models import Organisation, OrganisationKind

        start = self.n["suppliers"]
        new = Organisation.objects.bulk_create(
            Organisation(
                kind=OrganisationKind.SUPPLIER,
                name=f"Leverantör {n} AB",
                slug=f"bench-supplier-{n}",
                org_number=f"55{n:06d}-{n % 10000:04d}",
                country_code="SE",
            )
            for n in range(start, start + count)
        )
        if start == 0:
            new.insert(0, self.env["own_supplier"])
        contracts = Contract.objects.bulk_create(
            Contract(
                reference=f"B-{s.pk}",
                title=f"Avtal {s.pk}",
                supplier=s,
                search_text=search_text_of(f"B-{s.pk}", f"Avtal {s.pk}", s.name),  # bulk_create skips save()
                category=self.rng.choice(self.categories),
                starts_on=date(2024, 1, 1),
                clause_version=self.env["clause"],
                penalty_per_week_sek=10000,
                penalty_cap_weeks=10,
            )
            for s in new
        )
        owners = Contract.owning_regions.through
        owners.objects.bulk_create(
            owners(contract_id=c.pk, organisation_id=self.rng.choice(self.regions).pk) for c in contracts
        )
        countries = Contract.production_countries.through
        countries.objects.bulk_create(
            countries(contract_id=c.pk, country_id=self.rng.choice(self.countries).pk) for c in contracts
        )
        sites = Site.objects.bulk_create(
            Site(
                supplier_id=c.supplier_id,
                legal_name=f"Fabrik {c.pk}",
                country=self.rng.choice(self.countries),
                tier=2,
                site_type=SiteType.FINAL_MANUFACTURING,
            )
            for c in contracts
        )
        links = Site.contracts.through
        links.objects.bulk_create(
            links(site_id=s.pk, contract_id=c.pk) for s, c in zip(sites, contracts, strict=True)
        )
        national_data.add_contract_countries()  # bulk_create sends no signals
        self.suppliers += new
        self.contracts.update({c.supplier_id: c for c in contracts})
        self.n["suppliers"] += count

    def _cases(self, count: int) -> list:
        from kedja.followup.models import CaseEvent, CaseOrigin, CaseStatus, EventKind, FollowUpCase

        statuses = list(CaseStatus)
        today = date.today()
        cases = []
        first = self.n["cases"] == 0
        for n in range(count):
            # The first case is the portal user's own, waiting for its answers.
            own = first and n == 0
            status = CaseStatus.STEP1_SENT if own else self.rng.choice(statuses)
            supplier = self.env["own_supplier"] if own else self.rng.choice(self.suppliers)
            lead = self.secretariat if n % 5 == 0 else self.rng.choice(self.regions)
            cases.append(
                FollowUpCase(
                    supplier=supplier,
                    category=self.contracts[supplier.pk].category,
                    lead_organisation=lead,
                    origin=CaseOrigin.BULK,
                    year=today.year - self.rng.randint(0, 4),
                    status=status,
                    current_step=self.rng.choice([1, 1, 2, 3]),
                    closed_on=today - timedelta(days=self.rng.randint(1, 1500))
                    if status == CaseStatus.CLOSED
                    else None,
                )
            )
        cases = FollowUpCase.objects.bulk_create(cases, batch_size=2000)
        scope = FollowUpCase.contracts.through
        scope.objects.bulk_create(
            (scope(followupcase_id=c.pk, contract_id=self.contracts[c.supplier_id].pk) for c in cases),
            batch_size=5000,
        )
        national_data.add_case_countries()
        joined = FollowUpCase.participating_regions.through
        joined.objects.bulk_create(
            (
                joined(followupcase_id=c.pk, organisation_id=r.pk)
                for c in cases
                for r in self.rng.sample(self.regions, self.rng.randint(0, 3))
                if r.pk != c.lead_organisation_id
            ),
            batch_size=5000,
        )
        CaseEvent.objects.bulk_create(
            (
                CaseEvent(case=c, kind=EventKind.TRANSITION, message="Status changed.", params={})
                for c in cases
                for _ in range(3)
            ),
            batch_size=5000,
        )
        self._summaries([c for c in cases if c.status == CaseStatus.CLOSED])
        self.cases += cases
        self.n["cases"] += count
        return cases

    def _summaries(self, closed: list) -> None:
        from django.utils import timezone

        from kedja.followup.models import PublishedSummary, SummaryStatus

        PublishedSummary.objects.bulk_create(
            (
                PublishedSummary(
                    case=c,
                    supplier_name=f"Leverantör {c.supplier_id}",
                    category_sv="Kategori",
                    category_en="Category",
                    traffic_light=self.rng.choice(["green", "yellow", "red"]),
                    closed_on=c.closed_on,
                    text_sv="Sammanfattning.",
                    text_en="Summary.",
                    status=SummaryStatus.PUBLISHED,
                    published_at=timezone.now(),
                )
                for c in closed[::2]
            ),
            batch_size=2000,
        )

    def _answers(self, cases: list, count: int) -> None:
        """The suppliers' answers: one per supplier (answered once), relied on by all its cases;
        the portal user's own answer is a draft with an open request."""
        from django.utils import timezone

        from kedja.followup.models import Answer, AnswerRequest, CaseStatus, FollowUpCase, SelfAssessment

        sheets_needed = max(1, count // len(self.questions))
        by_supplier: dict[int, list] = {}
        for case in cases:
            if case.status != CaseStatus.DRAFT:
                by_supplier.setdefault(case.supplier_id, []).append(case)
        answered = set(SelfAssessment.objects.values_list("supplier_id", flat=True))
        supplier_ids = [pk for pk in by_supplier if pk not in answered][:sheets_needed]
        own = self.env["own_supplier"].pk
        today = timezone.localdate()
        sheets = SelfAssessment.objects.bulk_create(
            (
                SelfAssessment(
                    supplier_id=pk,
                    questionnaire=self.env["questionnaire"],
                    status="draft" if pk == own else "submitted",
                    submitted_at=None if pk == own else timezone.now() - timedelta(days=30),
                    valid_until=None if pk == own else today + timedelta(days=self.rng.randint(-60, 330)),
                )
                for pk in supplier_ids
            ),
            batch_size=2000,
        )
        relying = []
        for sheet in sheets:
            for case in by_supplier[sheet.supplier_id]:
                case.self_assessment = sheet
                relying.append(case)
        FollowUpCase.objects.bulk_update(relying, ["self_assessment"], batch_size=2000)
        for sheet in sheets:
            if sheet.supplier_id == own:
                request = AnswerRequest.objects.create(
                    supplier_id=own,
                    questionnaire=self.env["questionnaire"],
                    kind="answer",
                    self_assessment=sheet,
                    sent_on=today - timedelta(days=10),
                    deadline=today + timedelta(days=20),
                )
                FollowUpCase.objects.filter(supplier_id=own, status=CaseStatus.STEP1_SENT).update(
                    answer_request=request
                )
        Answer.objects.bulk_create(
            (
                Answer(self_assessment=s, question=q, value="yes" if q.qtype == "yes_no" else "Svar")
                for s in sheets
                for q in self.questions
            ),
            batch_size=5000,
        )
        self.n["answers"] += len(sheets) * len(self.questions)

    def _findings(self, cases: list, count: int) -> None:
        from kedja.followup.lights import refresh_all_lights
        from kedja.followup.models import (
            ActionStatus,
            CorrectiveAction,
            DeviationStatus,
            Finding,
            FindingKind,
        )

        today = date.today()
        findings = Finding.objects.bulk_create(
            (
                Finding(
                    # The portal user's own case (the first) gets findings from the start.
                    case=(case := cases[0] if n < 2 else self.rng.choice(cases)),
                    kind=FindingKind.DEVIATION if n % 4 else FindingKind.OBSERVATION,
                    issue=self.rng.choice(self.issues),
                    title=f"Avvikelse {n}",
                    step=case.current_step,
                    status=(st := self.rng.choice(list(DeviationStatus))),
                    deadline=today + timedelta(days=self.rng.randint(-120, 120)),
                    closed_on=today - timedelta(days=self.rng.randint(1, 200))
                    if st == DeviationStatus.CLOSED
                    else None,
                )
                for n in range(count)
            ),
            batch_size=5000,
        )
        CorrectiveAction.objects.bulk_create(
            (
                CorrectiveAction(
                    finding=f,
                    case_id=f.case_id,
                    description="Åtgärd",
                    owner="Chef",
                    deadline=today + timedelta(days=self.rng.randint(-90, 90)),
                    status=ActionStatus.CLOSED
                    if f.status == DeviationStatus.CLOSED
                    else self.rng.choice([ActionStatus.OPEN, ActionStatus.PROGRESS]),
                )
                for f in findings
                if f.kind == FindingKind.DEVIATION
            ),
            batch_size=5000,
        )
        # bulk_create sends no signals: store the lights as the actions' saves would have.
        refresh_all_lights()
        self.n["findings"] += count


def pages(env: dict) -> list[tuple[str, str, str]]:
    """(page, persona, url) for every page measured; the case is the busiest open one at small scale."""
    from django.db.models import Count

    from kedja.followup.models import OPEN_STATUSES, FollowUpCase

    busiest = (
        FollowUpCase.objects.filter(status__in=OPEN_STATUSES)
        .annotate(n=Count("findings"))
        .order_by("-n", "pk")
        .first()
    )
    own = FollowUpCase.objects.filter(supplier=env["own_supplier"]).order_by("pk").first()
    rows = [("trivial (health)", "anonymous", timing.TRIVIAL_URL)]
    for persona in ("secretariat", "strategist"):
        rows += [
            ("reports dashboard", persona, "/reports/"),
            (AFRESH, persona, "/reports/"),
            ("case list", persona, "/followup/"),
            ("dashboard", persona, "/followup/my/"),
            ("dashboard, all + filter", persona, "/followup/my/?scope=all&country=MYS"),
            ("case detail", persona, f"/followup/cases/{busiest.uuid}/"),
            ("supplier history", persona, f"/followup/suppliers/{busiest.supplier.uuid}/history/"),
        ]
    rows += [
        ("portal case", "supplier", f"/followup/portal/cases/{own.uuid}/"),
        ("public list", "anonymous", "/followup/public/"),
    ]
    return rows


class QueryCounter:
    """Counts the SQL statements a request runs (works whatever the DEBUG setting)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def signed_in(env: dict) -> dict:
    """A test Client per persona, signed in (and one anonymous)."""
    from django.test import Client

    clients = {"anonymous": Client()}
    for key, user in env["people"].items():
        clients[key] = Client()
        clients[key].force_login(user)
    return clients


def measure(env: dict, urls: list, runs: int) -> dict[tuple[str, str], tuple[int, float, float]]:
    """(queries, median ms, p95 ms) per (page, persona); the AFRESH page with an empty cache."""
    from django.core.cache import cache
    from django.db import connection

    clients = signed_in(env)
    results = {}
    for page, persona, url in urls:
        client = clients[persona]
        assert client.get(url).status_code == 200, (page, persona, url)
        counter = QueryCounter()
        if page == AFRESH:
            cache.clear()
        with connection.execute_wrapper(counter):
            client.get(url)
        times = []
        for _ in range(runs):
            if page == AFRESH:
                cache.clear()
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        results[(page, persona)] = (counter.count, *timing.median_p95(times))
    return results


class EmptyingCache:
    """A client whose every request starts from an empty cache (for the AFRESH page)."""

    def __init__(self, client):
        self.client = client

    def get(self, url: str):
        from django.core.cache import cache

        cache.clear()
        return self.client.get(url)


def explain(env: dict, urls: list, results: dict, over_ms: float) -> str:
    """The plan of the slowest statement of every page whose median is over `over_ms`."""
    clients = signed_in(env)
    return timing.explain_slow_pages(
        [
            (
                page,
                persona,
                results[(page, persona)][1],
                EmptyingCache(clients[persona]) if page == AFRESH else clients[persona],
                url,
            )
            for page, persona, url in urls
        ],
        over_ms,
    )


def table(small: dict, large: dict, counts_small: dict, counts_large: dict, vendor: str) -> str:
    lines = [
        f"Follow-up pages on {vendor}: small = {counts_small}, national = {counts_large}",
        "",
        "| page | signed in as | queries (small) | queries (national) | median ms (small) | median ms (national)"
        " | p95 ms (national) | median ÷ trivial | p95 ÷ trivial |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    trivial = large[("trivial (health)", "anonymous")][1]
    for key, (q_small, ms_small, _) in small.items():
        q_large, ms_large, p95_large = large[key]
        flag = "" if q_small == q_large else " ⚠ grows"
        lines.append(
            f"| {key[0]} | {key[1]} | {q_small} | {q_large}{flag} | {ms_small:.0f} | {ms_large:.0f} |"
            f" {p95_large:.0f} | {ms_large / trivial:.1f} | {p95_large / trivial:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=2000)
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--answers", type=int, default=200000)
    parser.add_argument("--findings", type=int, default=60000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--explain-over", type=float, default=100, help="explain pages slower than this (ms)")
    args = parser.parse_args(argv if argv is not None else [])
    setup_django(args.database_url)
    from django.db import connection

    env = prepare()
    generator = Generator(env)
    sizes = {
        "suppliers": args.suppliers,
        "cases": args.cases,
        "answers": args.answers,
        "findings": args.findings,
    }
    generator.grow(**{k: max(10, v // SMALL_FRACTION) for k, v in sizes.items()})
    timing.analyze()
    counts_small = dict(generator.n)
    urls = pages(env)  # the same pages (and case) at both scales
    small = measure(env, urls, args.runs)
    started = time.perf_counter()
    generator.grow(**sizes)
    timing.analyze()
    generated_s = time.perf_counter() - started
    counts_large = dict(generator.n)
    large = measure(env, urls, args.runs)
    print(table(small, large, counts_small, counts_large, connection.vendor))
    print(f"\n(national data generated in {generated_s:.0f} s)")
    print(explain(env, urls, large, args.explain_over))
    return {"small": small, "national": large}


if __name__ == "__main__":
    main(sys.argv[1:])
