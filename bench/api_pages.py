"""Server time and SQL query count of the REST API's list endpoints, at small and national scale.

Like bench/foundation_pages.py, but through the API with personal access tokens (Sara, secretariat;
Olle, officer; Lev, supplier contact): a page of contracts (first and second cursor page, filtered),
suppliers, one contract and its supply chain, and the OCDS export of one region's active contracts
in a category. A query count that grows with the rows is an N+1 and fails the run.

    python -m bench.api_pages [--scale 1.0] [--runs 7] [--database-url URL]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta

from bench import national_data
from bench.foundation_pages import BENCH_SITES, SMALL, _grow_chain, _persona_data, measure, report


def _token_client(user):
    from django.test import Client
    from django.utils import timezone

    from kedja.api import actions

    _, secret = actions.create_token(
        acting_user=user, name="bench", expires_on=timezone.localdate() + timedelta(days=30)
    )
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _endpoints(contract, second_page: str) -> list[tuple[str, str]]:
    return [
        ("Contracts, first page (50)", "/api/v1/contracts?page_size=50"),
        ("Contracts, second page (50)", second_page),
        ("Contracts, filtered", "/api/v1/contracts?region=region-stockholm&status=active&category=gloves"),
        ("Contracts, searched", "/api/v1/contracts?q=nordisk"),
        ("Suppliers, first page (50)", "/api/v1/suppliers?page_size=50"),
        ("Contract detail", f"/api/v1/contracts/{contract.uuid}"),
        ("Contract supply chain", f"/api/v1/contracts/{contract.uuid}/sites"),
        (
            "OCDS export, one region's active gloves",
            "/api/v1/ocds/releases?region=region-stockholm&status=active&category=gloves",
        ),
    ]


def _second_page(client) -> str:
    """The cursor URL of the second page (the first again for a caller with one page only)."""
    following = client.get("/api/v1/contracts?page_size=50").json()["next"]
    return following.replace("http://testserver", "") if following else "/api/v1/contracts?page_size=50"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url")
    args, _ = parser.parse_known_args(argv)
    national_data.setup_django(args.database_url)
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.KEDJA_API_RATE = "1000000/m"  # measure the endpoints, not the rate limit

    from kedja.api.main import api
    from kedja.organisations.testing import build_personas

    api.throttle[0].num_requests = 1_000_000
    personas = build_personas()
    national_data.generate(**SMALL)
    contract = _persona_data(personas)
    _grow_chain(contract, BENCH_SITES[0], seed=1)
    clients = {name: _token_client(getattr(personas, name.lower())) for name in ("Sara", "Olle", "Lev")}
    small = {}
    for who, client in clients.items():
        for page, url in _endpoints(contract, _second_page(client)):
            small[(page, who)] = measure(client, url, args.runs)

    started = time.perf_counter()
    counts = national_data.generate(
        suppliers=int(national_data.SUPPLIERS * args.scale) - SMALL["suppliers"],
        contracts=int(national_data.CONTRACTS * args.scale) - SMALL["contracts"],
        sites=int(national_data.SITES * args.scale) - SMALL["sites"],
        offset=SMALL["suppliers"],
        users=False,
    )
    _grow_chain(contract, BENCH_SITES[1] - BENCH_SITES[0], seed=2)
    generated = time.perf_counter() - started
    national = {}
    for who, client in clients.items():
        for page, url in _endpoints(contract, _second_page(client)):
            national[(page, who)] = measure(client, url, args.runs)
    return report(small, national, counts, generated, args.runs)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
