"""Who may see and change contracts and suppliers, and what is refused."""

import pytest
from django.urls import reverse

from kedja.contracts.queries import contracts_visible_to, suppliers_visible_to
from kedja.organisations.queries import actor_for

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def contracts(personas):
    return {
        "a": factories.contract(personas, reference="A-1", title="Gloves for Stockholm"),
        "b": factories.contract(
            personas,
            reference="B-1",
            title="Hospital textiles for Skåne",
            supplier=personas.supplier_b,
            owning_regions=[personas.skane],
        ),
    }


def detail(contract):
    return reverse("contracts:contract_detail", args=[contract.uuid])


def edit(contract):
    return reverse("contracts:contract_edit", args=[contract.uuid])


def test_collaboration_sees_every_contract(personas, contracts):
    for user in (personas.sara, personas.olle, personas.stina, personas.vera):
        assert set(contracts_visible_to(actor_for(user))) == set(contracts.values())


def test_supplier_contact_sees_only_own_contracts(personas, contracts, client_for):
    assert list(contracts_visible_to(actor_for(personas.lev))) == [contracts["a"]]
    page = client_for(personas.lev).get(reverse("contracts:contract_list")).content.decode()
    assert "Gloves for Stockholm" in page
    assert "Hospital textiles for Skåne" not in page


def test_supplier_cannot_open_other_suppliers_contract(personas, contracts, client_for):
    lisa = client_for(personas.lisa)
    assert lisa.get(detail(contracts["a"])).status_code == 404
    assert lisa.get(reverse("contracts:supply_chain", args=[contracts["a"].uuid])).status_code == 404
    assert lisa.get(detail(contracts["b"])).status_code == 200


def test_supplier_cannot_open_other_supplier(personas, client_for):
    lisa = client_for(personas.lisa)
    assert lisa.get(reverse("contracts:supplier_detail", args=[personas.supplier_a.uuid])).status_code == 404
    assert lisa.get(reverse("contracts:supplier_detail", args=[personas.supplier_b.uuid])).status_code == 200
    assert list(suppliers_visible_to(actor_for(personas.lisa))) == [personas.supplier_b]


def test_auditor_sees_no_contracts_or_suppliers(personas, contracts, client_for):
    alva = client_for(personas.alva)
    assert not contracts_visible_to(actor_for(personas.alva)).exists()
    assert alva.get(reverse("contracts:contract_list")).status_code == 404
    assert alva.get(reverse("contracts:supplier_list")).status_code == 404
    assert alva.get(detail(contracts["a"])).status_code == 404
    assert alva.get(reverse("contracts:supplier_detail", args=[personas.supplier_a.uuid])).status_code == 404


def test_viewer_reads_but_cannot_edit(personas, contracts, client_for):
    vera = client_for(personas.vera)
    page = vera.get(detail(contracts["a"]))
    assert page.status_code == 200
    assert edit(contracts["a"]) not in page.content.decode()
    assert vera.get(edit(contracts["a"])).status_code == 404
    assert vera.post(edit(contracts["a"]), {"title": "Hijacked"}).status_code == 404
    assert vera.get(reverse("contracts:contract_create")).status_code == 404
    assert vera.get(reverse("contracts:site_create", args=[contracts["a"].uuid])).status_code == 404
    contracts["a"].refresh_from_db()
    assert contracts["a"].title == "Gloves for Stockholm"


def test_officer_edits_own_regions_contract_only(personas, contracts, client_for):
    olle = client_for(personas.olle)
    assert olle.get(edit(contracts["a"])).status_code == 200
    assert edit(contracts["a"]) in olle.get(detail(contracts["a"])).content.decode()
    assert olle.get(edit(contracts["b"])).status_code == 404
    assert olle.get(reverse("contracts:site_create", args=[contracts["b"].uuid])).status_code == 404


def test_strategist_edits_own_regions_contract(personas, contracts, client_for):
    stina = client_for(personas.stina)
    assert stina.get(edit(contracts["b"])).status_code == 200
    assert stina.get(edit(contracts["a"])).status_code == 404


def test_secretariat_edits_any_contract(personas, contracts, client_for):
    sara = client_for(personas.sara)
    assert sara.get(edit(contracts["a"])).status_code == 200
    assert sara.get(edit(contracts["b"])).status_code == 200


def test_supplier_keeps_own_supply_chain_but_not_contract(personas, contracts, client_for):
    lev = client_for(personas.lev)
    assert lev.get(edit(contracts["a"])).status_code == 404
    assert lev.get(reverse("contracts:site_create", args=[contracts["a"].uuid])).status_code == 200
    assert lev.get(reverse("contracts:contact_create", args=[personas.supplier_a.uuid])).status_code == 200
    assert lev.get(reverse("contracts:supplier_edit", args=[personas.supplier_a.uuid])).status_code == 404


@pytest.mark.parametrize(
    "name", ["contracts:contract_list", "contracts:supplier_list", "contracts:contract_create"]
)
def test_anonymous_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_cannot_open_a_contract(personas, contracts, client):
    response = client.get(detail(contracts["a"]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_unknown_and_malformed_uuids_are_404(personas, client_for):
    sara = client_for(personas.sara)
    assert sara.get("/contracts/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert sara.get("/contracts/not-a-uuid/").status_code == 404


def test_supplier_is_not_linked_to_pages_it_may_not_open(personas, contracts, client_for):
    """The contract's category and the procurement areas are the collaboration's pages: a supplier
    reads their names without a link that would answer 404."""
    category_url = reverse("reference:category_detail", args=[contracts["a"].category.slug])
    areas_url = reverse("organisations:areas")
    lev, olle = client_for(personas.lev), client_for(personas.olle)
    assert category_url not in lev.get(detail(contracts["a"])).content.decode()
    assert lev.get(category_url).status_code == 404
    assert category_url in olle.get(detail(contracts["a"])).content.decode()
    assert areas_url not in lev.get(reverse("organisations:list")).content.decode()
    assert areas_url in olle.get(reverse("organisations:list")).content.decode()
