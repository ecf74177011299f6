"""Contract writes through the API: the form's validation and messages, the action's rules and audit."""

import pytest
from django.test import Client

from kedja.contracts.models import Contract
from kedja.contracts.tests import factories
from kedja.core.models import AuditEntry

from .schema_check import assert_matches_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def ref(personas):
    return factories.reference_rows()


def payload(personas, **overrides) -> dict:
    body = {
        "reference": "SLL-API-1",
        "title": "Nitrile gloves",
        "supplier": str(personas.supplier_a.uuid),
        "category": "gloves",
        "owning_regions": ["region-stockholm"],
        "starts_on": "2025-01-01",
        "ends_on": "2027-12-31",
        "clause_version": "clause-2024",
        "cpv_codes": ["33141420-0"],
        "production_countries": ["MYS"],
    }
    body.update(overrides)
    return body


def test_officer_registers_a_contract_with_a_token(personas, ref, api_client):
    olle = api_client(personas.olle)
    response = olle.post("/api/v1/contracts", payload(personas), content_type="application/json")
    assert response.status_code == 201, response.content
    assert_matches_schema(olle, "/api/v1/contracts", "post", response)
    body = response.json()
    assert body["cpv_codes"] == ["33141420"]
    assert body["zero_tolerance_issues"] == ["child_labour", "forced_labour"]  # the clause default
    contract = Contract.objects.get(uuid=body["uuid"])
    entry = AuditEntry.objects.get(action="contracts.contract.created", object_id=str(contract.pk))
    assert entry.actor == personas.olle


def test_invalid_contract_gets_the_forms_messages_and_changes_nothing(personas, ref, api_client):
    olle = api_client(personas.olle)
    bad = payload(personas, category="no-such", cpv_codes=["1234"], ends_on="2020-01-01", title=" ")
    response = olle.post("/api/v1/contracts", bad, content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert {"category", "title"} <= set(errors)
    assert_matches_schema(olle, "/api/v1/contracts", "post", response)
    cpv = olle.post(
        "/api/v1/contracts", payload(personas, cpv_codes=["1234"]), content_type="application/json"
    )
    assert "cpv_codes" in cpv.json()["errors"]
    assert not Contract.objects.exists()


def test_officer_cannot_register_a_contract_for_another_region_only(personas, ref, api_client):
    body = payload(personas, owning_regions=["region-skane"])
    response = api_client(personas.olle).post("/api/v1/contracts", body, content_type="application/json")
    assert response.status_code == 422
    assert "owning_regions" in response.json()["errors"]
    assert not Contract.objects.exists()


def test_malformed_body_is_a_problem_not_a_crash(personas, ref, api_client):
    olle = api_client(personas.olle)
    response = olle.post("/api/v1/contracts", {"title": 5}, content_type="application/json")
    assert response.status_code == 422
    assert "reference" in response.json()["errors"]


@pytest.mark.parametrize("name", ["vera", "lev", "alva"])
def test_readers_cannot_write_contracts(personas, ref, api_client, name):
    client = api_client(getattr(personas, name))
    response = client.post("/api/v1/contracts", payload(personas), content_type="application/json")
    assert response.status_code == 404
    existing = factories.contract(personas)
    update = client.put(
        f"/api/v1/contracts/{existing.uuid}", payload(personas), content_type="application/json"
    )
    assert update.status_code == 404
    assert Contract.objects.get().reference == existing.reference


def test_officer_updates_own_regions_contract_but_not_anothers(personas, ref, api_client):
    own = factories.contract(personas)
    other = factories.contract(
        personas, reference="SK-1", supplier=personas.supplier_b, owning_regions=[personas.skane]
    )
    olle = api_client(personas.olle)
    body = payload(personas, reference=own.reference, title="Renamed")
    response = olle.put(f"/api/v1/contracts/{own.uuid}", body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["title"] == "Renamed"
    assert AuditEntry.objects.filter(action="contracts.contract.updated").count() == 1
    refused = olle.put(f"/api/v1/contracts/{other.uuid}", body, content_type="application/json")
    assert refused.status_code == 404


def test_session_writes_need_the_csrf_token(personas, ref):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.olle)
    refused = browser.post("/api/v1/contracts", payload(personas), content_type="application/json")
    assert refused.status_code == 403
    assert not Contract.objects.exists()
    browser.get("/api/tokens/")  # any page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(
        "/api/v1/contracts",
        payload(personas),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert accepted.status_code == 201


def test_contract_list_filters_like_the_page(personas, ref, api_client):
    factories.contract(personas, reference="A-1", title="Gloves")
    factories.contract(
        personas,
        reference="B-1",
        title="Textiles",
        supplier=personas.supplier_b,
        owning_regions=[personas.skane],
    )
    vera = api_client(personas.vera)
    by_region = vera.get("/api/v1/contracts?region=region-skane").json()["results"]
    assert [c["reference"] for c in by_region] == ["B-1"]
    by_query = vera.get("/api/v1/contracts?q=glov").json()["results"]
    assert [c["reference"] for c in by_query] == ["A-1"]
    first = vera.get("/api/v1/contracts?page_size=1").json()
    second = Client(headers={"Authorization": vera.defaults["HTTP_AUTHORIZATION"]}).get(first["next"]).json()
    assert len(first["results"]) == len(second["results"]) == 1
    assert first["results"][0]["uuid"] != second["results"][0]["uuid"]
