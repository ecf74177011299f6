"""The OpenAPI document is generated, valid, and every response the tests see matches it."""

import json

import pytest
from openapi_spec_validator import validate

from kedja.contracts.tests import factories

from .schema_check import assert_matches_schema

pytestmark = pytest.mark.django_db


def test_openapi_document_is_valid(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    validate(document)
    assert document["info"]["title"] == "Kedja API"
    assert "/api/v1/contracts" in document["paths"]
    assert set(document["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}


def test_docs_page_loads_only_our_own_assets(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "<script>" not in html  # no inline script: the strict CSP would block it


def test_every_list_and_detail_response_matches_the_schema(personas, api_client):
    contract = factories.contract(personas)
    factories.site(personas, contract)
    sara = api_client(personas.sara)
    for path in (
        "/api/v1/me",
        "/api/v1/suppliers",
        f"/api/v1/suppliers/{personas.supplier_a.uuid}",
        "/api/v1/contracts",
        f"/api/v1/contracts/{contract.uuid}",
        f"/api/v1/contracts/{contract.uuid}/sites",
        "/api/v1/followup/cases",
        "/api/v1/followup/summaries",
        "/api/v1/risk/analyses",
        "/api/v1/risk/published",
        "/api/v1/reference/countries",
        "/api/v1/reference/categories",
        "/api/v1/reference/cpv",
        f"/api/v1/contracts/{personas.supplier_a.uuid}",
    ):
        response = sara.get(path)
        assert response.status_code in (200, 404), path
        assert_matches_schema(sara, path, "get", response)


def test_checked_in_openapi_document_is_the_generated_one(client):
    """docs/openapi.json lets reviewers see API changes in a diff. Regenerate it with
    `manage.py export_openapi_schema --api kedja.api.main.api --output docs/openapi.json --indent 1 --sorted`."""
    from pathlib import Path

    checked_in = json.loads((Path(__file__).resolve().parents[3] / "docs" / "openapi.json").read_text())
    assert json.loads(client.get("/api/v1/openapi.json").content) == checked_in
