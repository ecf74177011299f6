"""The API never shows more than the pages: for every persona and object, the API answers 404 exactly
when the page does, lists hold exactly what the pages let them open, and confidential sites stay masked."""

import pytest
from django.urls import reverse

from kedja.contracts.tests import factories
from kedja.followup import actions as followup_actions
from kedja.followup.models import Finding

pytestmark = pytest.mark.django_db

PERSONAS = ("sara", "olle", "stina", "vera", "lev", "lisa", "alva")


@pytest.fixture
def world(personas):
    a = factories.contract(personas, reference="A-1", title="Gloves for Stockholm")
    b = factories.contract(
        personas, reference="B-1", supplier=personas.supplier_b, owning_regions=[personas.skane]
    )
    site = factories.site(personas, a)
    case = followup_actions.start_case_from_contract(
        acting_user=personas.sara, contract=b, lead=personas.skane
    )
    return {"contracts": [a, b], "site": site, "case": case}


def _page_opens(client, url: str) -> bool:
    return client.get(url, follow=True).status_code == 200


def _pairs(personas, world):
    for contract in world["contracts"]:
        yield reverse("contracts:contract_detail", args=[contract.uuid]), f"/api/v1/contracts/{contract.uuid}"
        yield (
            reverse("contracts:supply_chain", args=[contract.uuid]),
            f"/api/v1/contracts/{contract.uuid}/sites",
        )
    for supplier in (personas.supplier_a, personas.supplier_b):
        yield reverse("contracts:supplier_detail", args=[supplier.uuid]), f"/api/v1/suppliers/{supplier.uuid}"
    case = world["case"]
    yield reverse("followup:case_detail", args=[case.uuid]), f"/api/v1/followup/cases/{case.uuid}"


@pytest.mark.parametrize("name", PERSONAS)
def test_api_opens_exactly_what_the_pages_open(personas, world, client_for, api_client, name):
    user = getattr(personas, name)
    page, api = client_for(user), api_client(user)
    for page_url, api_url in _pairs(personas, world):
        expected = 200 if _page_opens(page, page_url) else 404
        assert api.get(api_url).status_code == expected, (name, api_url)


@pytest.mark.parametrize("name", PERSONAS)
def test_api_lists_hold_only_what_the_pages_open(personas, world, client_for, api_client, name):
    user = getattr(personas, name)
    page, api = client_for(user), api_client(user)
    listed = api.get("/api/v1/contracts")
    listed_uuids = {row["uuid"] for row in listed.json()["results"]} if listed.status_code == 200 else set()
    opens = {
        str(c.uuid)
        for c in world["contracts"]
        if _page_opens(page, reverse("contracts:contract_detail", args=[c.uuid]))
    }
    assert listed_uuids == opens
    cases = {row["uuid"] for row in api.get("/api/v1/followup/cases").json()["results"]}
    case_opens = _page_opens(page, reverse("followup:case_detail", args=[world["case"].uuid]))
    assert cases == ({str(world["case"].uuid)} if case_opens else set())


def test_confidential_site_is_masked_for_other_regions(personas, world, api_client):
    contract = world["contracts"][0]
    url = f"/api/v1/contracts/{contract.uuid}/sites"
    vera_sees = api_client(personas.vera).get(url).json()
    assert vera_sees[0]["masked"] is True
    assert "Secret Glove Factory" not in str(vera_sees)
    assert "Jalan Rahsia" not in str(vera_sees)
    assert vera_sees[0]["workers"] is None
    olle_sees = api_client(personas.olle).get(url).json()
    assert olle_sees[0]["name"] == "Secret Glove Factory Sdn Bhd"
    lev_sees = api_client(personas.lev).get(url).json()
    assert lev_sees[0]["masked"] is False


def test_supplier_cannot_see_other_suppliers_contract_through_the_api(personas, world, api_client):
    lisa = api_client(personas.lisa)
    assert lisa.get(f"/api/v1/contracts/{world['contracts'][0].uuid}").status_code == 404
    assert lisa.get(f"/api/v1/suppliers/{personas.supplier_a.uuid}").status_code == 404
    suppliers = lisa.get("/api/v1/suppliers").json()["results"]
    assert [s["uuid"] for s in suppliers] == [str(personas.supplier_b.uuid)]


def test_case_shows_status_step_and_traffic_light(personas, world, api_client):
    body = api_client(personas.vera).get(f"/api/v1/followup/cases/{world['case'].uuid}").json()
    assert body["status"]["code"] == "draft"
    assert body["current_step"] == 1
    assert body["traffic_light"]["code"] == "green"
    assert body["contracts"] == [str(world["contracts"][1].uuid)]


def test_anonymous_gets_401_except_on_public_endpoints(world, client):
    response = client.get("/api/v1/contracts")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/followup/summaries").status_code == 200
    assert client.get("/api/v1/risk/published").status_code == 200


def test_unknown_and_forbidden_look_the_same(personas, world, api_client):
    lisa = api_client(personas.lisa)
    forbidden = lisa.get(f"/api/v1/contracts/{world['contracts'][0].uuid}")
    missing = lisa.get("/api/v1/contracts/00000000-0000-0000-0000-000000000000")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()


def test_case_carries_the_light_with_the_reasons_the_pages_show(personas, world, api_client, client_for):
    """A case with an open deviation (yellow) and one without (green): the API's reasons are the
    page's, word for word, in the list and on the case."""
    yellow = world["case"]
    Finding.objects.create(case=yellow, kind="deviation", title="Recruitment fees", status="open")
    followup_actions.start_case_from_contract(
        acting_user=personas.sara, contract=world["contracts"][0], lead=personas.stockholm
    )
    api = api_client(personas.vera)
    listed = api.get("/api/v1/followup/cases").json()["results"]
    assert {row["traffic_light"]["code"] for row in listed} == {"yellow", "green"}
    page = client_for(personas.vera).get(reverse("followup:case_list")).content.decode()
    for row in listed:
        assert row["traffic_light_reasons"], "every light has a reason"
        assert f'<span class="light-reason">{"; ".join(row["traffic_light_reasons"])}</span>' in page
    detail = api.get(f"/api/v1/followup/cases/{yellow.uuid}").json()
    case_page = client_for(personas.vera).get(reverse("followup:case_detail", args=[yellow.uuid])).content
    assert (
        f'<span class="light-reason">{"; ".join(detail["traffic_light_reasons"])}</span>'
        in case_page.decode()
    )
