"""The risk workshop's pages at real size: an analysis page with 300 items and the explanation page.

Builds a throwaway database (temporary SQLite, or `--database-url`), loads the reference data and
the open risk datasets, and builds the laundry-textiles analysis through the actions: first with
`SMALL` confirmed items, then grown to `--items` (300) with Kedja's proposals for the mapped chain
left awaiting triage. Each page is requested with Django's test Client as the secretariat (who edits:
chain, proposals with filters, forms) and as a viewer (reads); the time is the median (and p95) of
`--runs` requests, and the ratio to the trivial page (bench/timing.py) measured in the same run.

    python -m bench.risk_pages [--items 300] [--runs 15] [--database-url URL]

The query count of a page must be the same at both sizes; the table marks a page that grows.
"""

from __future__ import annotations

import argparse
import sys
import time

from bench import national_data, timing
from bench.foundation_pages import measure

SMALL = 10
ISSUES_PER_COUNTRY = 10


def build(analysis, user, items: int) -> None:
    """Grow the analysis to `items` confirmed items: ten issues per country, countries in turn."""
    from kedja.reference.models import Country, Issue
    from kedja.risk import actions
    from kedja.risk.data import RiskData

    data = RiskData.current()
    stage = actions.add_stage(analysis=analysis, stage="manufacturing", countries=[], acting_user=user)
    issues = list(Issue.objects.order_by("code"))[:ISSUES_PER_COUNTRY]
    countries = list(Country.objects.order_by("iso3"))
    have = analysis.items.count()
    for n in range(have, items):
        country = countries[n // ISSUES_PER_COUNTRY]
        issue = issues[n % ISSUES_PER_COUNTRY]
        actions.add_item(
            analysis=analysis, stage=stage, issue=issue, country=country, acting_user=user, data=data
        )
    actions.propose_items(analysis=analysis, acting_user=user, data=data)


def pages(analysis) -> list[tuple[str, str]]:
    from django.urls import reverse

    item = analysis.items.filter(review="confirmed").first()
    detail = reverse("risk:analysis_detail", args=[analysis.uuid])
    return [
        ("Trivial (health)", timing.TRIVIAL_URL),
        ("Analysis page", detail),
        ("Analysis page, proposals filtered", f"{detail}?stage=manufacturing&issue=forced_labour"),
        ("Item explanation", reverse("risk:item_explain", args=[item.uuid])),
    ]


def run(clients: dict, analysis, runs: int) -> dict:
    return {
        (page, who): measure(client, url, runs)
        for page, url in pages(analysis)
        for who, client in clients.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--database-url")
    args, _ = parser.parse_known_args(argv)
    national_data.setup_django(args.database_url)
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from kedja.organisations.testing import build_personas
    from kedja.reference.models import Category
    from kedja.reference.queries import current_period
    from kedja.risk import actions

    setup_test_environment()
    call_command("load_risk_data", verbosity=0)
    personas = build_personas()
    analysis = actions.start_analysis(
        category=Category.objects.get(slug="laundry_textiles"),
        period=current_period(),
        acting_user=personas.sara,
    )
    clients = {}
    for name, user in (("Sara", personas.sara), ("Vera", personas.vera)):
        clients[name] = Client()
        clients[name].force_login(user)
    build(analysis, personas.sara, SMALL)
    timing.analyze()
    small = run(clients, analysis, args.runs)
    started = time.perf_counter()
    build(analysis, personas.sara, args.items)
    timing.analyze()
    generated = time.perf_counter() - started
    large = run(clients, analysis, args.runs)
    confirmed = analysis.items.filter(review="confirmed").count()
    proposed = analysis.items.filter(review="proposed").count()
    print(
        f"Analysis with {confirmed} confirmed items and {proposed} proposals awaiting triage (built through the"
        f" actions in {generated:.0f} s); small: {SMALL} items. Median and p95 of {args.runs} runs.\n"
    )
    return 1 if timing.page_table(small, large, str(args.items)) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
