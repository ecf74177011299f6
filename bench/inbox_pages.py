"""The start page's inbox at national scale, for each persona: response times and SQL queries.

Uses the follow-up benchmark's national data (bench/followup_pages.py: suppliers, contracts, cases
in every state, answers, findings with corrective actions), adds on-site audits assigned to one
audit firm and draft summaries, and requests `/` signed in as the secretariat, a strategist, an
officer, a supplier contact and an auditor — first at 1/100 of the sizes, then at national scale.
Times are the median (and p95) of `--runs` requests and their ratio to the trivial page measured in
the same run (bench/timing.py).

    python -m bench.inbox_pages [--suppliers 2000] [--cases 20000] [--answers 200000]
                                [--findings 60000] [--runs 15] [--database-url URL] [--profile]
                                [--explain-over 100]

The query count of every inbox must be the same at both scales; the table marks one that grows.
With --profile, each inbox is then requested once more and split into its SQL statements (slowest
first) and the rest (Python and the template), so a slow page says where its time goes. An inbox
whose national median is over `--explain-over` ms gets the plan of its slowest SQL statement.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, timedelta

from bench import followup_pages, national_data, timing
from bench.followup_pages import SMALL_FRACTION, Generator


def prepare() -> dict:
    """The follow-up benchmark's people, plus an officer (Region Stockholm) and an auditor."""
    from kedja.organisations.models import Membership, Organisation, OrganisationKind, Role, User

    env = followup_pages.prepare()
    stockholm = Organisation.objects.get(slug="region-stockholm")
    firm = Organisation.objects.create(
        kind=OrganisationKind.AUDIT_FIRM, name="Benchrevision AB", slug="bench-audit"
    )
    for key, org, role in (("officer", stockholm, Role.OFFICER), ("auditor", firm, Role.AUDITOR)):
        user = User.objects.create_user(f"{key}@bench.test", "bench-password", full_name=key.title())
        Membership.objects.create(user=user, organisation=org, role=role)
        env["people"][key] = user
    env["firm"] = firm
    return env


def add_audits_and_drafts(env: dict, generator: Generator, count: int) -> None:
    """On-site audits of the audit firm (planned, some past their last day) and draft summaries."""
    from kedja.contracts.models import Site
    from kedja.followup.models import CostBearer, FollowUpCase, PublishedSummary, SiteAudit, SummaryStatus

    rng, today = generator.rng, date.today()
    cases = rng.sample(generator.cases, min(count, len(generator.cases)))
    sites = dict(
        Site.objects.filter(supplier_id__in={c.supplier_id for c in cases}).values_list("supplier_id", "pk")
    )
    audits = []
    for case in cases:
        starts = today + timedelta(days=rng.randint(-60, 60))
        audits.append(
            SiteAudit(
                case=case,
                site_id=sites[case.supplier_id],
                audit_firm=env["firm"],
                announcement="announced",
                starts_on=starts,
                ends_on=starts + timedelta(days=2),
                reason="Bench",
                cost_bearer=CostBearer.REGION,
            )
        )
    SiteAudit.objects.bulk_create(audits, batch_size=2000)
    national_data.add_case_countries()  # bulk_create sends no signals
    without = FollowUpCase.objects.filter(pk__in=[c.pk for c in cases], summary=None)
    PublishedSummary.objects.bulk_create(
        (
            PublishedSummary(
                case=c, supplier_name="Bench", traffic_light="yellow", status=SummaryStatus.DRAFT
            )
            for c in without
        ),
        batch_size=2000,
    )


def profile(env: dict, personas: list[str], shown: int = 4) -> str:
    """Each persona's inbox split into SQL time (its slowest statements) and the rest."""
    from django.db import connection
    from django.test import Client

    lines = ["", "Where the time goes (one request each, after the measured runs):"]
    for persona in personas:
        client = Client()
        client.force_login(env["people"][persona])
        client.get("/")
        timer = timing.Statements()
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            client.get("/")
        total = (time.perf_counter() - started) * 1000
        sql = sum(ms for ms, _sql, _params in timer.seen)
        lines.append(
            f"- {persona}: {total:.0f} ms, of which SQL {sql:.0f} ms in {len(timer.seen)} statements,"
            f" Python and template {total - sql:.0f} ms"
        )
        for ms, statement, _params in sorted(timer.seen, key=lambda seen: seen[0], reverse=True)[:shown]:
            lines.append(f"    {ms:7.1f} ms  {statement[:160]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=2000)
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--answers", type=int, default=200000)
    parser.add_argument("--findings", type=int, default=60000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--profile", action="store_true", help="show where each inbox's time goes")
    parser.add_argument(
        "--explain-over", type=float, default=100, help="explain inboxes slower than this (ms)"
    )
    args = parser.parse_args(argv if argv is not None else [])
    followup_pages.setup_django(args.database_url)
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
    add_audits_and_drafts(env, generator, max(10, args.cases // SMALL_FRACTION // 10))
    timing.analyze()
    counts_small = dict(generator.n)
    urls = [("trivial (health)", "anonymous", timing.TRIVIAL_URL)]
    personas = ["secretariat", "strategist", "officer", "supplier", "auditor"]
    urls += [("inbox", persona, "/") for persona in personas]
    small = followup_pages.measure(env, urls, args.runs)
    started = time.perf_counter()
    generator.grow(**sizes)
    add_audits_and_drafts(env, generator, args.cases // 10)
    timing.analyze()
    generated_s = time.perf_counter() - started
    large = followup_pages.measure(env, urls, args.runs)
    print(followup_pages.table(small, large, dict(counts_small), dict(generator.n), connection.vendor))
    print(f"\n(national data generated in {generated_s:.0f} s)")
    if args.profile:
        print(profile(env, personas))
    print(followup_pages.explain(env, urls, large, args.explain_over))
    return {"small": small, "national": large}


if __name__ == "__main__":
    main(sys.argv[1:])
