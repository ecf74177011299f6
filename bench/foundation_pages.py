"""Server time and SQL query count of the foundation's main pages, at small and at national scale.

With Django's test Client signed in as the secretariat (Sara), a region officer (Olle, Stockholm),
a viewer (Vera, Uppsala) and a supplier contact (Lev), each page is requested `--runs` times at a
small scale and again after the national-scale data (bench/national_data.py) has been added. The
query count of a page must be the same at both scales: a count that grows with the rows is an N+1.

    python -m bench.foundation_pages [--scale 1.0] [--runs 20] [--database-url URL] [--explain-over 100]

Scale 1 is the national maximum (bench/national_data.py); statistics are refreshed (ANALYZE)
after loading. Each page's median and p95 are also given as a ratio to the trivial page
(bench/timing.py) measured in the same run, which is steadier than milliseconds on a shared machine.
Prints a markdown table, then for every page whose national median is over `--explain-over` ms the
plan of its slowest SQL statement; exits non-zero if any page's query count grew or any page failed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import date

from bench import national_data, timing

SMALL = {"suppliers": 50, "contracts": 1_000, "sites": 2_000, "cases": 600}
BENCH_SITES = (5, 200)  # sites in the measured contract's chain: small, national


@dataclass
class Measure:
    queries: int
    median_ms: float
    p95_ms: float
    status: int


def _persona_data(personas) -> object:
    """The contract the detail pages show: Lev's supplier's, owned by Stockholm, with a chain."""
    from kedja.contracts import actions
    from kedja.contracts.actions import ContractInput
    from kedja.reference.models import Category, Country, DocumentKind, RequirementDocument

    data = ContractInput(
        reference="SLL-BENCH-1",
        title="Undersökningshandskar i nitril",
        supplier=personas.supplier_a,
        category=Category.objects.get(slug="gloves"),
        owning_regions=[personas.stockholm],
        starts_on=date(2024, 1, 1),
        clause_version=RequirementDocument.objects.filter(kind=DocumentKind.CONTRACT_CLAUSE).first(),
        cpv_codes="33141420",
        production_countries=list(Country.objects.filter(iso3__in=["MYS", "THA"])),
    )
    return actions.create_contract(acting_user=personas.sara, data=data)


def _grow_chain(contract, count: int, seed: int) -> None:
    """Add `count` sites to the measured contract (bulk, like the generator)."""
    rng = random.Random(seed)
    ref = national_data.reference_rows()
    national_data.make_sites(rng, [contract] * count, count, ref)


def _pages(contract, supplier) -> list[tuple[str, str]]:
    from django.urls import reverse

    contracts = reverse("contracts:contract_list")
    return [
        ("Trivial (health)", timing.TRIVIAL_URL),
        ("Contract list", contracts),
        ("Contract list, searched", f"{contracts}?q=nordisk"),
        ("Contract list, filtered", f"{contracts}?region=region-stockholm&status=active&category=gloves"),
        ("Contract detail", reverse("contracts:contract_detail", args=[contract.uuid])),
        ("Supply chain", reverse("contracts:supply_chain", args=[contract.uuid])),
        ("Supplier list", reverse("contracts:supplier_list")),
        ("Supplier detail", reverse("contracts:supplier_detail", args=[supplier.uuid])),
        ("Organisation list", reverse("organisations:list")),
        ("Reports dashboard", reverse("reports:dashboard")),
        # Its filter options and its country filter read the national sites.
        ("Follow-up dashboard", reverse("followup:dashboard")),
        ("Follow-up dashboard, by country", f"{reverse('followup:dashboard')}?scope=all&country=MYS"),
    ]


def measure(client, url: str, runs: int) -> Measure:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (templates, translations, session)
    times, queries, status = [], [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
        status = response.status_code
    median, p95 = timing.median_p95(times)
    # The page's own count is the fewest: the session's last-request time is saved at most once a
    # minute (SessionTimeoutMiddleware), adding its statements to whichever request falls due.
    return Measure(min(queries), median, p95, status)


# Pages a supplier contact has no access to.
STAFF_ONLY = {"Reports dashboard", "Follow-up dashboard", "Follow-up dashboard, by country"}


def run_all(clients: dict, pages: list, runs: int) -> dict:
    return {
        (page, who): measure(client, url, runs)
        for page, url in pages
        for who, client in clients.items()
        if not (page in STAFF_ONLY and who == "Lev")
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url")
    parser.add_argument("--explain-over", type=float, default=100, help="explain pages slower than this (ms)")
    args, _ = parser.parse_known_args(argv)
    national_data.setup_django(args.database_url)
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # allows the "testserver" host, as in the test suite

    from kedja.organisations.testing import build_personas

    personas = build_personas()
    national_data.generate(**SMALL)
    contract = _persona_data(personas)
    _grow_chain(contract, BENCH_SITES[0], seed=1)
    clients = {}
    for name, user in (
        ("Sara", personas.sara),
        ("Olle", personas.olle),
        ("Vera", personas.vera),
        ("Lev", personas.lev),
    ):
        clients[name] = Client()
        clients[name].force_login(user)
    pages = _pages(contract, personas.supplier_a)
    small = run_all(clients, pages, args.runs)

    started = time.perf_counter()
    counts = national_data.generate(
        suppliers=int(national_data.SUPPLIERS * args.scale) - SMALL["suppliers"],
        contracts=int(national_data.CONTRACTS * args.scale) - SMALL["contracts"],
        sites=int(national_data.SITES * args.scale) - SMALL["sites"],
        cases=int(national_data.CASES * args.scale) - SMALL["cases"],
        offset=SMALL["suppliers"],
        users=False,
    )
    _grow_chain(contract, BENCH_SITES[1] - BENCH_SITES[0], seed=2)
    timing.analyze()
    generated = time.perf_counter() - started
    national = run_all(clients, pages, args.runs)
    failed = report(small, national, counts, generated, args.runs)
    urls = dict(pages)
    print(
        timing.explain_slow_pages(
            [(page, who, m.median_ms, clients[who], urls[page]) for (page, who), m in national.items()],
            args.explain_over,
        )
    )
    return failed


def report(small: dict, national: dict, counts: dict, generated: float, runs: int) -> int:
    from kedja.contracts.models import Contract, Site
    from kedja.followup.models import FollowUpCase
    from kedja.organisations.models import Organisation

    print(
        f"National scale: {Organisation.objects.count():,} organisations, {Contract.objects.count():,} contracts,"
        f" {Site.objects.count():,} sites, {FollowUpCase.objects.count():,} follow-up cases"
        f" (generated in {generated:.0f} s). Median and p95 of {runs} runs.\n"
    )
    failed = timing.page_table(small, national, "national")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
