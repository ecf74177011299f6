"""Supply-chain writes through the API: the site form's validation, the actions' rules and audit."""

import pytest

from kedja.contracts.models import Site
from kedja.contracts.tests import factories
from kedja.core.models import AuditEntry

from .schema_check import assert_matches_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(personas):
    return factories.contract(personas)


def site_payload(**overrides) -> dict:
    body = {
        "legal_name": "Glove Works Sdn Bhd",
        "site_type": "final_manufacturing",
        "tier": 2,
        "country": "MYS",
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize("name", ["olle", "lev", "sara"])
def test_contract_editors_and_the_supplier_add_sites(personas, contract, api_client, name):
    client = api_client(getattr(personas, name))
    url = f"/api/v1/contracts/{contract.uuid}/sites"
    response = client.post(url, site_payload(), content_type="application/json")
    assert response.status_code == 201, response.content
    assert_matches_schema(client, url, "post", response)
    assert response.json()["name"] == "Glove Works Sdn Bhd"
    assert AuditEntry.objects.filter(action="contracts.site.added", actor=getattr(personas, name)).exists()


@pytest.mark.parametrize("name", ["vera", "lisa", "alva", "stina"])
def test_others_cannot_add_sites(personas, contract, api_client, name):
    response = api_client(getattr(personas, name)).post(
        f"/api/v1/contracts/{contract.uuid}/sites", site_payload(), content_type="application/json"
    )
    assert response.status_code == 404
    assert not Site.objects.exists()


def test_bad_site_gets_the_forms_messages(personas, contract, api_client):
    olle = api_client(personas.olle)
    url = f"/api/v1/contracts/{contract.uuid}/sites"
    response = olle.post(
        url,
        site_payload(tier=0, site_type="castle", supplies_to="00000000-0000-0000-0000-000000000000"),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {"tier", "site_type", "supplies_to"} <= set(response.json()["errors"])
    assert not Site.objects.exists()


def test_update_refuses_a_circular_chain(personas, contract, api_client):
    top = factories.site(personas, contract, legal_name="Top", tier=1)
    below = factories.site(personas, contract, legal_name="Below", tier=2, supplies_to=top)
    olle = api_client(personas.olle)
    url = f"/api/v1/contracts/{contract.uuid}/sites/{top.uuid}"
    response = olle.put(
        url,
        site_payload(legal_name="Top", tier=1, supplies_to=str(below.uuid)),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "supplies_to" in response.json()["errors"]
    renamed = olle.put(url, site_payload(legal_name="Top Renamed", tier=1), content_type="application/json")
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Top Renamed"
