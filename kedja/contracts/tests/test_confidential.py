"""Confidential sites: name and address only for the secretariat, owning regions and the supplier."""

import pytest
from django.urls import reverse

from kedja.contracts.queries import sites_of
from kedja.organisations.queries import actor_for

from . import factories

pytestmark = pytest.mark.django_db

SECRET_NAME = "Secret Glove Factory Sdn Bhd"
SECRET_ADDRESS = "Jalan Rahsia 7"


@pytest.fixture
def chain(personas):
    contract = factories.contract(personas, reference="A-1")
    tier1 = factories.site(
        personas,
        contract,
        legal_name="Leverantör A Lager",
        address="Lagervägen 1, Borås",
        tier=1,
        site_type="distribution",
        country=factories.reference_rows()["swe"],
        products="Warehousing",
        is_confidential=False,
    )
    secret = factories.site(personas, contract, supplies_to=tier1)
    factories.site(
        personas, contract, legal_name="Hidden Latex Estate", address="Kampung X", tier=3, supplies_to=secret
    )
    return contract


def pages(contract, supplier):
    return [
        reverse("contracts:contract_detail", args=[contract.uuid]),
        reverse("contracts:supply_chain", args=[contract.uuid]),
        reverse("contracts:supplier_detail", args=[supplier.uuid]),
        reverse("contracts:contract_list"),
    ]


@pytest.mark.parametrize("who", ["vera", "stina", "lisa", "alva"])
def test_outsiders_never_see_confidential_names_or_addresses(personas, chain, client_for, who):
    client = client_for(getattr(personas, who))
    for url in pages(chain, personas.supplier_a):
        html = client.get(url).content.decode()
        assert SECRET_NAME not in html, url
        assert SECRET_ADDRESS not in html, url
        assert "Hidden Latex Estate" not in html, url
        assert "Nitrile gloves" not in html, url


def test_viewer_sees_country_tier_and_type_of_confidential_sites(personas, chain, client_for):
    html = (
        client_for(personas.vera).get(reverse("contracts:supply_chain", args=[chain.uuid])).content.decode()
    )
    assert "Confidential site" in html or "Konfidentiell anläggning" in html
    assert "Malaysia" in html
    assert "Leverantör A Lager" in html  # not confidential: shown to everyone in the collaboration


@pytest.mark.parametrize("who", ["sara", "olle", "lev"])
def test_owning_region_secretariat_and_supplier_see_confidential_sites(personas, chain, client_for, who):
    html = (
        client_for(getattr(personas, who))
        .get(reverse("contracts:supply_chain", args=[chain.uuid]))
        .content.decode()
    )
    assert SECRET_NAME in html
    assert SECRET_ADDRESS in html
    assert "Hidden Latex Estate" in html


def test_site_views_are_masked_before_reaching_templates(personas, chain):
    views = {view.tier: view for view in sites_of(chain, actor_for(personas.vera))}
    secret = views[2]
    assert secret.masked and secret.address == "" and secret.products == "" and secret.workers is None
    assert views[3].supplies_to is secret
    assert SECRET_NAME not in repr(views[3])
    olle_views = {view.tier: view for view in sites_of(chain, actor_for(personas.olle))}
    assert olle_views[2].name == SECRET_NAME and not olle_views[2].masked


def test_member_of_owning_region_of_another_contract_sees_shared_site(personas, chain):
    skane_contract = factories.contract(personas, reference="A-2", owning_regions=[personas.skane])
    secret = chain.sites.get(legal_name=SECRET_NAME)
    secret.contracts.add(skane_contract)
    views = {view.tier: view for view in sites_of(chain, actor_for(personas.stina))}
    assert views[2].name == SECRET_NAME
    assert views[3].masked


def test_site_history_never_reaches_the_contract_page(personas, chain, client_for):
    html = (
        client_for(personas.vera)
        .get(reverse("contracts:contract_detail", args=[chain.uuid]))
        .content.decode()
    )
    assert "Avtal skapat" in html
    assert "Produktionsplats tillagd" not in html
