"""National-scale data for benchmarks: suppliers, contracts, supply-chain sites and users, in bulk.

Builds a throwaway database (a temporary SQLite file by default, or `--database-url`, e.g. a
PostgreSQL database that may be dropped), loads the reference data (21 regions, areas A–H,
categories, a slice of CPV), then writes rows directly, as plain tuples with primary keys numbered
here, by COPY on PostgreSQL and executemany on SQLite (`Table`): this measures pages, not the
actions, so no audit entries are written. On PostgreSQL the big tables' foreign keys and plain
indexes are dropped for the load and added back after it (`_bulk_load`). Scale 1 took 107 s on
PostgreSQL on 2 shared cores (bulk_create with RETURNING per batch: 400 s).

    python -m bench.national_data [--scale 1.0] [--database-url URL]

Scale 1 (the default) is the national maximum: 50,000 suppliers, 200,000 contracts, ~1,000,000
sites, 20,000 follow-up cases on those contracts, and an officer, a strategist and a viewer per region; `--scale 0.1` is a tenth of it.
The planner's statistics are refreshed (ANALYZE) after every call of `generate`.
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
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench import timing

ROOT = Path(__file__).resolve().parent.parent
SUPPLIERS, CONTRACTS, SITES, CASES = 50_000, 200_000, 1_000_000, 20_000
FLUSH = 50_000  # rows per COPY / executemany

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


_UUIDS = random.Random()  # seeded from os.urandom: uuids differ from run to run, as uuid4's do
_UUID_CLEAR, _UUID_SET = ~((0xF000 << 64) | (0xC000 << 48)), (0x4000 << 64) | (0x8000 << 48)


def _new_uuid() -> str:
    """A random (version 4) UUID as 32 hex digits, which both databases read, in a fifth of uuid4's time."""
    return f"{_UUIDS.getrandbits(128) & _UUID_CLEAR | _UUID_SET:032x}"


class Table:
    """New rows of one table as plain tuples, written in one go (no model instances, no RETURNING).

    Primary keys are numbered here, after the largest in use, so rows can point at each other before
    anything is written; `done` moves the table's sequence past them. Columns the caller leaves out
    get what bulk_create would give them: a fresh uuid4 and the current time per row, the field's
    default otherwise; db_default columns are left to the database. Rows go out every FLUSH rows by
    COPY on PostgreSQL and executemany on SQLite (inside the caller's transaction).
    """

    def __init__(self, model, columns: str):
        from django.db import connection
        from django.db.models import NOT_PROVIDED, UUIDField
        from django.utils import timezone

        self.model, self.connection, self.rows, self.written = model, connection, [], 0
        names = ["id", *columns.split()]
        fields = {f.attname: f for f in model._meta.concrete_fields}
        missing = [f for name, f in fields.items() if name not in names and f.db_default is NOT_PROVIDED]
        uuids = [f for f in missing if isinstance(f, UUIDField) and callable(f.default)]
        stamps = [f for f in missing if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
        constants = [f for f in missing if f not in uuids and f not in stamps]
        self.now = timezone.now
        if connection.vendor != "postgresql":
            self.now = lambda: connection.ops.adapt_datetimefield_value(timezone.now())
        self.uuids, self.stamps = len(uuids), len(stamps)
        self.constants = tuple(f.get_db_prep_save(f.get_default(), connection) for f in constants)
        ordered = [fields[name] for name in names] + uuids + stamps + constants
        self.table = model._meta.db_table
        self.columns = ", ".join(f'"{f.column}"' for f in ordered)
        self.marks = ", ".join(["%s"] * len(ordered))
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{self.table}"')
            self.next_id = cursor.fetchone()[0] + 1

    def add(self, *values) -> int:
        """Queue a row (values in the order of `columns`); its primary key."""
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values))
        if len(self.rows) >= FLUSH:
            self.flush()
        return pk

    def flush(self) -> None:
        uuids, stamps, now, constants = range(self.uuids), self.stamps, self.now, self.constants
        if stamps:  # a new uuid per uuid field and one current time for created_at and updated_at
            rows = [(*row, *[_new_uuid() for _ in uuids], *[now()] * stamps, *constants) for row in self.rows]
        else:  # link tables, the most rows
            rows = [(*row, *[_new_uuid() for _ in uuids], *constants) for row in self.rows]
        self.rows = []
        self.written += len(rows)
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                with cursor.cursor.copy(f'COPY "{self.table}" ({self.columns}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(f'INSERT INTO "{self.table}" ({self.columns}) VALUES ({self.marks})', rows)

    def done(self) -> int:
        """Write what is left and set the sequence past the new keys (SQLite's follows by itself)."""
        from django.core.management.color import no_style

        self.flush()
        with self.connection.cursor() as cursor:
            for sql in self.connection.ops.sequence_reset_sql(no_style(), [self.model]):
                cursor.execute(sql)
        return self.written


@dataclass(frozen=True, slots=True)
class MadeContract:
    """What the site generator needs of a contract, whether generated here or a model instance."""

    pk: int
    supplier_id: int
    supplier_name: str
    category_slug: str

    @classmethod
    def of(cls, contract) -> MadeContract:
        if isinstance(contract, cls):
            return contract
        return cls(contract.pk, contract.supplier_id, contract.supplier.name, contract.category.slug)


def make_suppliers(rng: random.Random, count: int, offset: int) -> list[tuple[int, str]]:
    """(pk, name) of each new supplier."""
    from kedja.organisations.models import Organisation, OrganisationKind

    table = Table(Organisation, "kind name slug org_number country_code")
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
        name = f"{name} ({n})" if n >= 1000 else name  # keep names distinct at scale
        pk = table.add(OrganisationKind.SUPPLIER.value, name, f"bench-supplier-{n}", number, country)
        suppliers.append((pk, name))
    table.done()
    return suppliers


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
    from kedja.contracts.models import Contract, ContractStatus, search_text_of

    table = Table(
        Contract,
        "reference title supplier_id category_id status starts_on ends_on estimated_value_sek"
        " is_framework_agreement clause_version_id due_diligence_starts_on reporting_deadline_days"
        " traceability_deadline_weeks penalty_per_week_sek penalty_cap_weeks call_off_stop_months search_text",
    )
    regions = Table(Contract.owning_regions.through, "contract_id organisation_id")
    cpv = Table(Contract.cpv_codes.through, "contract_id cpvcode_id")
    countries = Table(Contract.production_countries.through, "contract_id country_id")
    zero = Table(Contract.zero_tolerance_issues.through, "contract_id issue_id")
    region_pks = [r.pk for r in ref["regions"]]
    clause_pks = [c.pk for c in ref["clauses"]]
    ended, active = ContractStatus.ENDED.value, ContractStatus.ACTIVE.value
    contracts = []
    for n in range(offset, offset + count):
        category, codes = rng.choice(ref["categories"])
        starts = date(2019, 1, 1) + timedelta(days=rng.randint(0, 7 * 365))
        framework = rng.random() < 0.7
        supplier_pk, supplier_name = rng.choice(suppliers)
        reference = f"NAT-{starts.year}-{n:07d}"
        title = f"{category.name_sv} {rng.choice(['ramavtal', 'avrop', 'förnyelse', 'direktupphandling'])}"
        pk = table.add(
            reference,
            title,
            supplier_pk,
            category.pk,
            ended if starts.year < 2021 else active,
            starts,
            starts + timedelta(days=365 * rng.randint(2, 4)),
            rng.randint(1, 500) * 100_000,
            framework,
            rng.choice(clause_pks),
            starts,
            rng.choice([None, 14, 30]),
            4,
            rng.choice([None, 5000, 10000]),
            10,
            rng.choice([None, 3, 6]) if framework else None,
            search_text_of(reference, title, supplier_name),
        )
        contracts.append(MadeContract(pk, supplier_pk, supplier_name, category.slug))
        made_in = MADE_IN.get(category.slug, DEFAULT_COUNTRIES)
        for region in rng.sample(region_pks, rng.choice([1, 1, 1, 2, 3])):
            regions.add(pk, region)
        for code in rng.sample(codes, min(len(codes), rng.randint(1, 3))):
            cpv.add(pk, code)
        for iso3 in rng.sample(made_in, min(len(made_in), rng.randint(1, 3))):
            if iso3 in ref["countries"]:
                countries.add(pk, ref["countries"][iso3])
        for issue in ref["zero_tolerance"]:
            zero.add(pk, issue)
    for links in (table, regions, cpv, countries, zero):
        links.done()
    return contracts


def make_sites(rng: random.Random, contracts: list, count: int, ref: dict) -> int:
    """About `count` sites spread over the contracts (generated or model instances), each chain
    built tier by tier with supplies_to set, and the contracts' and their cases' countries
    (`add_contract_countries`, `add_case_countries`)."""
    from kedja.contracts.models import Site, SiteType

    table = Table(
        Site,
        "site_type legal_name address country_id products workers is_confidential supplier_id tier supplies_to_id",
    )
    links = Table(Site.contracts.through, "site_id contract_id")
    per_contract = max(1, round(count / max(1, len(contracts))))
    chains = [
        (MadeContract.of(c), rng.randint(max(1, per_contract - 2), per_contract + 2)) for c in contracts
    ]
    parents: dict[int, int] = {}  # contract pk -> pk of the site the next tier supplies
    created, tier = 0, 1
    raw_material = SiteType.RAW_MATERIAL.value
    while chains and created < count:
        supplied = {}  # the next tier's parents; a contract may appear more than once in a tier
        for contract, depth in chains:
            site = _site(rng, contract, tier, depth, ref)
            pk = table.add(*site, contract.supplier_id, tier, parents.get(contract.pk))
            links.add(pk, contract.pk)
            if site[0] != raw_material:
                supplied[contract.pk] = pk
        parents.update(supplied)
        created += len(chains)
        tier += 1
        chains = [(c, depth) for c, depth in chains if depth >= tier]
    table.done()
    links.done()
    add_contract_countries()
    add_case_countries()
    return created


def add_contract_countries() -> None:
    """The contracts' countries (declared and of their sites) not stored yet: what
    `contracts.signals` keeps for rows written through the ORM, and migration contracts 0012 fills."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO contracts_contractcountry (contract_id, country_id) SELECT contract_id, country_id"
            " FROM (SELECT link.contract_id, site.country_id FROM contracts_site_contracts link"
            " JOIN contracts_site site ON site.id = link.site_id WHERE site.country_id IS NOT NULL"
            " UNION SELECT contract_id, country_id FROM contracts_contract_production_countries) reached"
            " WHERE NOT EXISTS (SELECT 1 FROM contracts_contractcountry kept"
            " WHERE kept.contract_id = reached.contract_id AND kept.country_id = reached.country_id)"
        )


def add_case_countries() -> None:
    """The cases' countries (of their contracts and audited sites) not stored yet: what
    `followup.case_countries` keeps for rows written through the ORM, and migration followup 0024
    fills."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO followup_casecountry (case_id, country_id) SELECT case_id, country_id"
            " FROM (SELECT link.followupcase_id AS case_id, kept.country_id FROM followup_followupcase_contracts link"
            " JOIN contracts_contractcountry kept ON kept.contract_id = link.contract_id"
            " UNION SELECT audit.case_id, site.country_id FROM followup_siteaudit audit"
            " JOIN contracts_site site ON site.id = audit.site_id WHERE site.country_id IS NOT NULL) reached"
            " WHERE NOT EXISTS (SELECT 1 FROM followup_casecountry kept"
            " WHERE kept.case_id = reached.case_id AND kept.country_id = reached.country_id)"
        )


def _site(rng: random.Random, contract: MadeContract, tier: int, depth: int, ref: dict) -> tuple:
    """(site_type, legal_name, address, country_id, products, workers, is_confidential)."""
    from kedja.contracts.models import SiteType

    slug = contract.category_slug
    if tier == 1:
        site_type, iso3, name = SiteType.DISTRIBUTION, "SWE", f"{contract.supplier_name} lager"
    elif tier == depth and slug in RAW_MATERIAL:
        label, iso3 = RAW_MATERIAL[slug]
        site_type, name = SiteType.RAW_MATERIAL, f"{label} {rng.randint(1, 999)}"
    else:
        iso3 = rng.choice(MADE_IN.get(slug, DEFAULT_COUNTRIES))
        site_type = SiteType.FINAL_MANUFACTURING if tier == 2 else SiteType.COMPONENT
        name = _foreign_name(rng, iso3, rng.choice(TRADES))
    return (
        site_type.value,
        f"{name} #{contract.pk}-{tier}",
        f"{rng.randint(1, 300)} Industrial Road",
        ref["countries"].get(iso3),
        rng.choice(["Assembly", "Sewing", "Moulding", "Packing", "Dipping", "Forging", "Harvest"]),
        rng.randint(5, 3000),
        tier > 1 and rng.random() < 0.6,
    )


def make_cases(rng: random.Random, contracts: list[MadeContract], count: int, ref: dict) -> int:
    """Follow-up cases on `count` of the contracts (one contract each), led by a region, in every
    state, with the stored traffic light filled in. The follow-up benchmark writes
    findings and actions; these cases put the follow-up pages over the national contracts and sites."""
    from kedja.followup.lights import refresh_all_lights
    from kedja.followup.models import OPEN_STATUSES, CaseStatus, FollowUpCase

    categories = {category.slug: category.pk for category, _codes in ref["categories"]}
    statuses = [*OPEN_STATUSES, CaseStatus.CLOSED, CaseStatus.CLOSED]
    picked = rng.sample(contracts, min(count, len(contracts)))
    cases = FollowUpCase.objects.bulk_create(
        (
            FollowUpCase(
                supplier_id=contract.supplier_id,
                category_id=categories[contract.category_slug],
                lead_organisation=rng.choice(ref["regions"]),
                origin="contract",
                year=rng.choice([2025, 2026]),
                status=rng.choice(statuses),
                current_step=rng.choice([1, 2, 3]),
            )
            for contract in picked
        ),
        batch_size=5000,
    )
    links = FollowUpCase.contracts.through
    links.objects.bulk_create(
        (links(followupcase_id=case.pk, contract_id=c.pk) for case, c in zip(cases, picked, strict=True)),
        batch_size=5000,
    )
    refresh_all_lights()
    add_case_countries()
    return len(cases)


def make_users(rng: random.Random, ref: dict) -> int:
    """An officer, a strategist and a viewer in every region (one shared password hash: fast)."""
    from django.contrib.auth.hashers import make_password

    from kedja.organisations.models import Membership, Role, User

    password = make_password("bench-kedja")
    users = Table(User, "email full_name password")
    memberships = Table(Membership, "user_id organisation_id role")
    for region in ref["regions"]:
        for role in (Role.OFFICER, Role.STRATEGIST, Role.VIEWER):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SWEDISH_SURNAMES)}"
            user = users.add(f"{role.value}.{region.slug}@bench.example", name, password)
            memberships.add(user, region.pk, role.value)
    memberships.done()
    return users.done()


@contextmanager
def _bulk_load(models: list):
    """On PostgreSQL, drop the tables' foreign keys and plain (non-unique) indexes while they load,
    and add them back afterwards, inside the caller's transaction.

    Checking every row's deferred foreign keys at the commit and updating the indexes (the trigram
    GIN ones above all) row by row took most of the time; adding a foreign key back checks all rows
    in one join and building an index sorts once. Unique indexes stay, so duplicates still fail.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, n.conname, pg_get_constraintdef(n.oid) FROM pg_constraint n"
            " JOIN pg_class c ON c.oid = n.conrelid WHERE n.contype = 'f' AND c.relname = ANY(%s)",
            [tables],
        )
        keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            " JOIN pg_class t ON t.oid = x.indrelid WHERE NOT x.indisunique AND t.relname = ANY(%s)",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _ in keys:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in keys:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')


def generate(
    *,
    suppliers: int,
    contracts: int,
    sites: int,
    cases: int = 0,
    seed: int = 2026,
    offset: int = 0,
    users: bool = True,
) -> dict:
    """Write one batch of national data; `offset` keeps slugs and references unique over calls."""
    from django.db import transaction

    from kedja.contracts.models import Contract, ContractCountry, Site
    from kedja.organisations.models import Organisation

    rng = random.Random(seed + offset)
    ref = reference_rows()
    started = time.perf_counter()
    loaded = [Organisation, Contract, Site, Site.contracts.through, ContractCountry] + [
        f.remote_field.through for f in Contract._meta.many_to_many
    ]
    with transaction.atomic(), _bulk_load(loaded):
        made_suppliers = make_suppliers(rng, suppliers, offset)
        made_contracts = make_contracts(rng, made_suppliers, contracts, offset, ref)
        made_sites = make_sites(rng, made_contracts, sites, ref)
        made_users = make_users(rng, ref) if users else 0
    made_cases = make_cases(rng, made_contracts, cases, ref) if cases > 0 else 0
    timing.analyze()
    return {
        "suppliers": len(made_suppliers),
        "contracts": len(made_contracts),
        "sites": made_sites,
        "cases": made_cases,
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
        cases=int(CASES * args.scale),
    )
    print("| Rows | Count |\n|---|---:|")
    for key, value in counts.items():
        print(f"| {key} | {value:,} |")


if __name__ == "__main__":
    main(sys.argv[1:])
