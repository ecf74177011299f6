"""National-scale data for benchmarks: suppliers, contracts, supply-chain sites and users, in bulk.

Builds a throwaway database (a temporary SQLite file by default, or `--database-url`, e.g. a
PostgreSQL database that may be dropped), loads the reference data (21 regions, areas A–H,
categories, a slice of CPV), then writes rows directly with `bulk_create`: this measures pages, not
the actions, so no audit entries are written.

    python -m bench.national_data [--scale 1.0] [--database-url URL]

Scale 1 (the default) is the national maximum: 50,000 suppliers, 200,000 contracts, ~1,000,000
sites, and an officer, a strategist and a viewer per region; `--scale 0.1` is a tenth of it.
The planner's statistics are refreshed (ANALYZE) after every batch.
Sites are placed where such goods are really made (gloves in Malaysia, instruments in Pakistan,
textiles in Bangladesh …); names are made up.
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

from bench import timing

ROOT = Path(__file__).resolve().parent.parent
SUPPLIERS, CONTRACTS, SITES = 50_000, 200_000, 1_000_000
BATCH = 2_000

# Where each category's goods are made, by ISO3: the tier-2+ sites are placed in these countries.
MADE_IN = {
    "gloves": ["MYS", "THA", "VNM", "CHN"],
    "surgical_instruments": ["PAK", "DEU", "IND"],
    "laundry_textiles": ["BGD", "IND", "CHN", "TUR", "PAK"],
    "compression": ["TUR", "ITA", "CHN"],
    "it_ict": ["CHN", "MYS", "TWN", "VNM", "COD"],
    "medtech_imaging_function": ["CHN", "DEU", "USA", "MYS"],
    "food": ["THA", "BRA", "CIV", "VNM", "ESP"],
    "ppe": ["CHN", "VNM", "MYS"],
    "furniture": ["POL", "LTU", "CHN", "VNM"],
    "wound_care": ["CHN", "IND", "EGY"],
}
DEFAULT_COUNTRIES = ["CHN", "IND", "POL", "DEU", "VNM"]
# Raw materials whose extraction or refining is itself a known risk (3TG, cobalt, mica, rubber, cotton).
RAW_MATERIAL = {
    "gloves": ("Latex plantation", "THA"),
    "laundry_textiles": ("Cotton gin", "IND"),
    "it_ict": ("Cobalt refinery", "COD"),
    "medtech_imaging_function": ("Tantalum smelter", "RWA"),
    "food": ("Cocoa cooperative", "CIV"),
}
SUFFIX = {
    "SWE": "AB",
    "MYS": "Sdn Bhd",
    "THA": "Co., Ltd.",
    "CHN": "Co., Ltd.",
    "VNM": "JSC",
    "PAK": "(Pvt) Ltd",
    "IND": "Pvt Ltd",
    "BGD": "Ltd",
    "TUR": "A.Ş.",
    "DEU": "GmbH",
    "POL": "Sp. z o.o.",
    "ITA": "S.p.A.",
    "BRA": "Ltda.",
    "USA": "Inc.",
}
PLACES = {
    "MYS": ["Klang", "Ipoh", "Kulim", "Shah Alam", "Seremban"],
    "PAK": ["Sialkot", "Wazirabad", "Lahore"],
    "BGD": ["Gazipur", "Savar", "Narayanganj", "Chattogram"],
    "IND": ["Tiruppur", "Ludhiana", "Chennai", "Pune"],
    "CHN": ["Shenzhen", "Dongguan", "Ningbo", "Suzhou", "Xiamen"],
    "TUR": ["Bursa", "Denizli", "İzmir"],
    "THA": ["Hat Yai", "Songkhla", "Rayong"],
    "VNM": ["Binh Duong", "Dong Nai", "Hai Phong"],
}
SWEDISH_WORDS = [
    "Nordisk",
    "Svensk",
    "Skandinavisk",
    "Mälardalens",
    "Västkust",
    "Norrlands",
    "Göta",
    "Öresunds",
]
SWEDISH_TRADES = [
    "Medicinteknik",
    "Vårdprodukter",
    "Sjukvårdsartiklar",
    "Textil",
    "Livs",
    "Labb",
    "Instrument",
]
SWEDISH_SURNAMES = [
    "Andersson",
    "Lindqvist",
    "Berg",
    "Holm",
    "Nyström",
    "Ekström",
    "Sandberg",
    "Lund",
    "Åberg",
]
FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Karl",
    "Sara",
    "Johan",
    "Elin",
    "Lars",
    "Fatima",
    "Ali",
    "Ida",
    "Omar",
]
TRADES = [
    "Glove",
    "Textile",
    "Garment",
    "Surgical",
    "Instrument",
    "Electronics",
    "Packaging",
    "Food",
    "Rubber",
]


def setup_django(database_url: str | None) -> Path:
    """Point Django at a fresh database (temporary SQLite unless a URL is given) and migrate it."""
    workdir = Path(tempfile.mkdtemp(prefix="kedja-bench-national-"))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kedja.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from kedja.reference.testing import load_test_reference

    call_command("migrate", verbosity=0)
    load_test_reference()
    return workdir


def swedish_org_number(n: int) -> str:
    """The n-th well-formed Swedish organisation number (55xxxx-xxxx, valid Luhn check digit).

    n times a number coprime to 10^7 scatters the numbers while keeping them distinct.
    """
    digits = [5, 5] + [int(d) for d in f"{n * 7_654_321 % 10_000_000:07d}"]
    total = 0
    for i, d in enumerate(digits):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    digits.append((10 - total % 10) % 10)
    text = "".join(map(str, digits))
    return f"{text[:6]}-{text[6:]}"


def _foreign_name(rng: random.Random, iso3: str, trade: str) -> str:
    place = rng.choice(PLACES.get(iso3, ["Central", "Eastern", "Northern", "Pacific"]))
    return f"{place} {trade} {rng.choice(['Works', 'Industries', 'Manufacturing', 'Products'])} {SUFFIX.get(iso3, 'Ltd')}"


def _bulk(model, objects, *, batch: int = BATCH) -> list:
    return model.objects.bulk_create(objects, batch_size=batch)


def _insert_rows(model, objects) -> None:
    """Rows whose ids nobody reads back (link tables): COPY on PostgreSQL, executemany on SQLite.

    Faster than bulk_create, which builds one big INSERT … RETURNING per batch (a quarter less
    time for the whole generation at scale 0.02 on PostgreSQL).
    """
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = [tuple(f.get_db_prep_save(getattr(o, f.attname), connection) for f in fields) for o in objects]
    table, columns = model._meta.db_table, ", ".join(f'"{f.column}"' for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', rows)


def make_suppliers(rng: random.Random, count: int, offset: int) -> list:
    from kedja.organisations.models import Organisation, OrganisationKind

    suppliers = []
    for n in range(offset, offset + count):
        if n % 5:  # four in five suppliers to Swedish regions are Swedish companies or subsidiaries
            name = (
                f"{rng.choice(SWEDISH_WORDS)} {rng.choice(SWEDISH_TRADES)} {rng.choice(SWEDISH_SURNAMES)} AB"
            )
            country, number = "SWE", swedish_org_number(n)
        else:
            country = rng.choice(["DEU", "MYS", "CHN", "PAK", "IND", "POL", "TUR"])
            name, number = _foreign_name(rng, country, rng.choice(TRADES)), f"F{n:08d}"
        suppliers.append(
            Organisation(
                kind=OrganisationKind.SUPPLIER,
                name=f"{name} ({n})" if n >= 1000 else name,  # keep names distinct at scale
                slug=f"bench-supplier-{n}",
                org_number=number,
                country_code=country,
            )
        )
    return _bulk(Organisation, suppliers)


def reference_rows() -> dict:
    """The reference rows the generator picks from, read once."""
    from kedja.organisations.models import Organisation, OrganisationKind
    from kedja.reference.models import Category, Country, CpvCode, DocumentKind, Issue, RequirementDocument

    cpv = list(CpvCode.objects.values_list("pk", "code"))
    categories = []
    for category in Category.objects.prefetch_related("cpv_prefixes"):
        prefixes = [p.prefix for p in category.cpv_prefixes.all()]
        codes = [pk for pk, code in cpv if code.startswith(tuple(prefixes))] if prefixes else []
        categories.append((category, codes or [pk for pk, _ in cpv]))
    return {
        "regions": list(Organisation.objects.filter(kind=OrganisationKind.REGION)),
        "categories": categories,
        "clauses": list(RequirementDocument.objects.filter(kind=DocumentKind.CONTRACT_CLAUSE)),
        "zero_tolerance": list(Issue.objects.filter(zero_tolerance=True).values_list("pk", flat=True)),
        "countries": dict(Country.objects.values_list("iso3", "pk")),
    }


def make_contracts(rng: random.Random, suppliers: list, count: int, offset: int, ref: dict) -> list:
    """Contracts with 1–3 owning regions, CPV codes, production countries and the zero-tolerance list."""
    from kedja.contracts.models import Contract, ContractStatus

    contracts, links = [], []
    for n in range(offset, offset + count):
        category, codes = rng.choice(ref["categories"])
        starts = date(2019, 1, 1) + timedelta(days=rng.randint(0, 7 * 365))
        framework = rng.random() < 0.7
        contracts.append(
            Contract(
                reference=f"NAT-{starts.year}-{n:07d}",
                title=f"{category.name_sv} {rng.choice(['ramavtal', 'avrop', 'förnyelse', 'direktupphandling'])}",
                supplier=rng.choice(suppliers),
                category=category,
                status=ContractStatus.ENDED if starts.year < 2021 else ContractStatus.ACTIVE,
                starts_on=starts,
                ends_on=starts + timedelta(days=365 * rng.randint(2, 4)),
                estimated_value_sek=rng.randint(1, 500) * 100_000,
                is_framework_agreement=framework,
                clause_version=rng.choice(ref["clauses"]),
                due_diligence_starts_on=starts,
                reporting_deadline_days=rng.choice([None, 14, 30]),
                traceability_deadline_weeks=4,
                penalty_per_week_sek=rng.choice([None, 5000, 10000]),
                penalty_cap_weeks=10,
                call_off_stop_months=rng.choice([None, 3, 6]) if framework else None,
            )
        )
        made_in = MADE_IN.get(category.slug, DEFAULT_COUNTRIES)
        links.append(
            (
                rng.sample(ref["regions"], rng.choice([1, 1, 1, 2, 3])),
                rng.sample(codes, min(len(codes), rng.randint(1, 3))),
                [
                    ref["countries"][c]
                    for c in rng.sample(made_in, min(len(made_in), rng.randint(1, 3)))
                    if c in ref["countries"]
                ],
            )
        )
    contracts = _bulk(Contract, contracts)
    _link_contracts(contracts, links, ref)
    return contracts


def _link_contracts(contracts: list, links: list, ref: dict) -> None:
    from kedja.contracts.models import Contract

    regions, cpv, countries, zero = (
        Contract.owning_regions.through,
        Contract.cpv_codes.through,
        Contract.production_countries.through,
        Contract.zero_tolerance_issues.through,
    )
    _insert_rows(
        regions,
        [
            regions(contract_id=c.pk, organisation_id=r.pk)
            for c, (rs, _, _) in zip(contracts, links, strict=True)
            for r in rs
        ],
    )
    _insert_rows(
        cpv,
        [
            cpv(contract_id=c.pk, cpvcode_id=code)
            for c, (_, codes, _) in zip(contracts, links, strict=True)
            for code in codes
        ],
    )
    _insert_rows(
        countries,
        [
            countries(contract_id=c.pk, country_id=k)
            for c, (_, _, ks) in zip(contracts, links, strict=True)
            for k in ks
        ],
    )
    _insert_rows(zero, [zero(contract_id=c.pk, issue_id=i) for c in contracts for i in ref["zero_tolerance"]])


def make_sites(rng: random.Random, contracts: list, count: int, ref: dict) -> int:
    """About `count` sites spread over the contracts, each chain built tier by tier with supplies_to set."""
    from kedja.contracts.models import Site, SiteType

    per_contract = max(1, round(count / max(1, len(contracts))))
    chains = [(c, rng.randint(max(1, per_contract - 2), per_contract + 2)) for c in contracts]
    parents: dict[int, int] = {}  # contract pk -> pk of the site the next tier supplies
    created, tier = 0, 1
    while chains and created < count:
        batch = []
        for contract, depth in chains:
            batch.append((contract, _site(rng, contract, tier, depth, ref, parents.get(contract.pk))))
        sites = _bulk(Site, [site for _, site in batch])
        through = Site.contracts.through
        _insert_rows(
            through, [through(site_id=s.pk, contract_id=c.pk) for (c, _), s in zip(batch, sites, strict=True)]
        )
        for (contract, _), site in zip(batch, sites, strict=True):
            if site.site_type != SiteType.RAW_MATERIAL:
                parents[contract.pk] = site.pk
        created += len(sites)
        tier += 1
        chains = [(c, depth) for c, depth in chains if depth >= tier]
    return created


def _site(rng, contract, tier: int, depth: int, ref: dict, parent_pk: int | None):
    from kedja.contracts.models import Site, SiteType

    slug = contract.category.slug
    if tier == 1:
        site_type, iso3, name = SiteType.DISTRIBUTION, "SWE", f"{contract.supplier.name} lager"
    elif tier == depth and slug in RAW_MATERIAL:
        label, iso3 = RAW_MATERIAL[slug]
        site_type, name = SiteType.RAW_MATERIAL, f"{label} {rng.randint(1, 999)}"
    else:
        iso3 = rng.choice(MADE_IN.get(slug, DEFAULT_COUNTRIES))
        site_type = SiteType.FINAL_MANUFACTURING if tier == 2 else SiteType.COMPONENT
        name = _foreign_name(rng, iso3, rng.choice(TRADES))
    return Site(
        supplier_id=contract.supplier_id,
        legal_name=f"{name} #{contract.pk}-{tier}",
        address=f"{rng.randint(1, 300)} Industrial Road",
        country_id=ref["countries"].get(iso3),
        tier=tier,
        site_type=site_type,
        supplies_to_id=parent_pk,
        products=rng.choice(["Assembly", "Sewing", "Moulding", "Packing", "Dipping", "Forging", "Harvest"]),
        workers=rng.randint(5, 3000),
        is_confidential=tier > 1 and rng.random() < 0.6,
    )


def make_users(rng: random.Random, ref: dict) -> int:
    """An officer, a strategist and a viewer in every region (one shared password hash: fast)."""
    from django.contrib.auth.hashers import make_password

    from kedja.organisations.models import Membership, Role, User

    password = make_password("bench-kedja")
    people = []
    for region in ref["regions"]:
        for role in (Role.OFFICER, Role.STRATEGIST, Role.VIEWER):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SWEDISH_SURNAMES)}"
            email = f"{role}.{region.slug}@bench.example"
            people.append((User(email=email, full_name=name, password=password), region, role))
    users = _bulk(User, [u for u, _, _ in people])
    _bulk(
        Membership,
        [
            Membership(user=u, organisation=r, role=role)
            for u, (_, r, role) in zip(users, people, strict=True)
        ],
    )
    return len(users)


def generate(
    *, suppliers: int, contracts: int, sites: int, seed: int = 2026, offset: int = 0, users: bool = True
) -> dict:
    """Write one batch of national data; `offset` keeps slugs and references unique over calls."""
    from django.db import transaction

    rng = random.Random(seed + offset)
    ref = reference_rows()
    started = time.perf_counter()
    with transaction.atomic():
        made_suppliers = make_suppliers(rng, suppliers, offset)
        made_contracts = make_contracts(rng, made_suppliers, contracts, offset, ref)
        made_sites = make_sites(rng, made_contracts, sites, ref)
        made_users = make_users(rng, ref) if users else 0
    timing.analyze()
    return {
        "suppliers": len(made_suppliers),
        "contracts": len(made_contracts),
        "sites": made_sites,
        "users": made_users,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--database-url")
    args, _ = parser.parse_known_args(argv)
    setup_django(args.database_url)
    counts = generate(
        suppliers=int(SUPPLIERS * args.scale),
        contracts=int(CONTRACTS * args.scale),
        sites=int(SITES * args.scale),
    )
    print("| Rows | Count |\n|---|---:|")
    for key, value in counts.items():
        print(f"| {key} | {value:,} |")


if __name__ == "__main__":
    main(sys.argv[1:])
