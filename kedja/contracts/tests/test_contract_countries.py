"""The stored countries of each contract (ContractCountry) stay equal to what they are read from:
its declared production countries and the countries of its sites, whatever changes those."""

import random

import pytest
from django.db.models import Q

from kedja.contracts import actions
from kedja.contracts.models import Contract, ContractCountry, Site

from . import factories

pytestmark = pytest.mark.django_db


def derived() -> set[tuple[int, str]]:
    """(contract id, ISO3) as read from the contracts' declarations and sites, for every contract."""
    declared = Contract.production_countries.through.objects.values_list("contract_id", "country__iso3")
    sited = Site.contracts.through.objects.filter(site__country__isnull=False).values_list(
        "contract_id", "site__country__iso3"
    )
    return {*declared, *sited}


def stored() -> set[tuple[int, str]]:
    return set(ContractCountry.objects.values_list("contract_id", "country__iso3"))


@pytest.fixture
def ref():
    return factories.reference_rows()


@pytest.fixture
def gloves(personas, ref):
    return factories.contract(personas, production_countries=[ref["pak"]])


def test_the_site_actions_keep_the_countries(personas, ref, gloves):
    assert stored() == {(gloves.pk, "PAK")}
    site = factories.site(personas, gloves)  # in Malaysia
    assert stored() == {(gloves.pk, "PAK"), (gloves.pk, "MYS")}

    other = factories.contract(personas, reference="SLL-2024-002")
    actions.link_site(acting_user=personas.sara, contract=other, site=site)
    assert stored() == {(gloves.pk, "PAK"), (gloves.pk, "MYS"), (other.pk, "MYS")}

    data = actions.SiteInput(
        legal_name=site.legal_name, site_type=site.site_type, tier=site.tier, country=ref["swe"]
    )
    actions.update_site(acting_user=personas.sara, contract=gloves, site=site, data=data)
    assert stored() == {(gloves.pk, "PAK"), (gloves.pk, "SWE"), (other.pk, "SWE")}

    actions.remove_site(acting_user=personas.sara, contract=gloves, site=site)
    assert stored() == {(gloves.pk, "PAK"), (other.pk, "SWE")}
    actions.remove_site(acting_user=personas.sara, contract=other, site=site)  # deletes the site
    assert not Site.objects.exists()
    assert stored() == {(gloves.pk, "PAK")} == derived()


def test_a_country_two_sites_share_stays_while_either_is_there(personas, gloves):
    first = factories.site(personas, gloves, legal_name="Klang Works")
    factories.site(personas, gloves, legal_name="Ipoh Works")
    actions.remove_site(acting_user=personas.sara, contract=gloves, site=first)
    assert (gloves.pk, "MYS") in stored()


def test_a_changed_declaration_is_kept(personas, ref, gloves):
    data = factories.contract_input(personas, production_countries=[ref["mys"], ref["swe"]])
    actions.update_contract(acting_user=personas.sara, contract=gloves, data=data)
    assert stored() == {(gloves.pk, "MYS"), (gloves.pk, "SWE")}


def test_an_import_keeps_the_countries(personas, gloves):
    rows = [
        (2, {"legal_name": "Leverantör A AB", "country": "SWE", "tier": "1", "site_type": "distribution"}),
        (3, {"legal_name": "Klang Glove Works", "country": "MY", "tier": "2", "site_type": "component"}),
    ]
    actions.import_sites(acting_user=personas.sara, contract=gloves, rows=rows, file_name="kedja.csv")
    assert stored() == {(gloves.pk, "PAK"), (gloves.pk, "SWE"), (gloves.pk, "MYS")}


def test_a_deleted_contract_takes_its_countries_along(personas, gloves):
    factories.site(personas, gloves)
    other = factories.bed_linen(personas)
    factories.site(personas, other, legal_name="Dhaka Linen")
    gloves.delete()
    assert {contract for contract, _ in stored()} == {other.pk}
    Contract.objects.all().delete()
    assert stored() == set()


def test_any_sequence_of_changes_from_either_side_keeps_the_countries(personas, ref):
    """Random adds, removals, clears, moves and deletions through the ORM, from the site's, the
    contract's and the country's side alike; after each, the stored countries equal the derived."""
    rng = random.Random(7)
    countries = [ref["swe"], ref["mys"], ref["pak"]]
    contracts = [factories.contract(personas, reference=f"SLL-{n}") for n in range(3)]
    sites = [
        Site.objects.create(
            supplier=personas.supplier_a,
            legal_name=f"Site {n}",
            site_type="component",
            country=countries[n % 3],
        )
        for n in range(4)
    ]
    steps = [
        lambda: rng.choice(sites).contracts.add(*rng.sample(contracts, 2)),
        lambda: rng.choice(sites).contracts.remove(rng.choice(contracts)),
        lambda: rng.choice(sites).contracts.clear(),
        lambda: rng.choice(contracts).sites.add(*rng.sample(sites, 2)),
        lambda: rng.choice(contracts).sites.remove(rng.choice(sites)),
        lambda: rng.choice(contracts).sites.clear(),
        lambda: rng.choice(contracts).production_countries.add(rng.choice(countries)),
        lambda: rng.choice(contracts).production_countries.set(rng.sample(countries, 2)),
        lambda: rng.choice(countries).contracts.add(rng.choice(contracts)),
        lambda: rng.choice(countries).contracts.clear(),
        lambda: _move(rng.choice(sites), rng.choice([*countries, None])),
    ]
    for step in range(150):
        rng.choice(steps)()
        assert stored() == derived(), f"after step {step}"
    Site.objects.filter(Q(legal_name="Site 0") | Q(legal_name="Site 1")).delete()
    assert stored() == derived()


def _move(site: Site, country) -> None:
    site.country = country
    site.save()
