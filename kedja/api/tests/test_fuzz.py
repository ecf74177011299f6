"""Property test over the whole API, driven by its own OpenAPI document: any operation, with any
path, query and body values (well-formed or not, in the schema's field names or not), answers
without a server error. Bad input is the caller's problem (4xx), never Kedja's (5xx)."""

import json
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kedja.api.main import api

from .conftest import token_for

pytestmark = pytest.mark.django_db

OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in api.get_openapi_schema()["paths"].items()
    for method, operation in operations.items()
]
WORDS = st.text(max_size=30) | st.sampled_from(["", "0", "-1", "9" * 40, "true", "null", "sv", "red"])
SCALARS = WORDS | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none() | st.uuids().map(str)
JSON = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(WORDS, inner, max_size=3)
)


def _body_fields(operation: dict) -> list[str]:
    """The field names of the request body, so generated bodies reach the validation behind them."""
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref", "").rsplit("/", 1)[-1]
    component = api.get_openapi_schema()["components"]["schemas"].get(ref, schema)
    return list(component.get("properties", {}))


@st.composite
def requests(draw):
    method, path, operation = draw(st.sampled_from(OPERATIONS))
    params = operation.get("parameters", [])
    for param in params:
        if param["in"] == "path":
            value = draw(st.uuids().map(str) | WORDS.filter(lambda w: w and "/" not in w and "?" not in w))
            path = path.replace("{" + param["name"] + "}", value)
    query = {p["name"]: draw(WORDS) for p in params if p["in"] == "query" and draw(st.booleans())}
    fields = _body_fields(operation)
    body = draw(st.fixed_dictionaries({}, optional=dict.fromkeys(fields, JSON)) | JSON)
    return method, path, query, body


@pytest.fixture
def sara(personas) -> Client:
    """Secretariat staff: the widest reader and writer, so every operation runs its full path."""
    return Client(headers={"Authorization": f"Bearer {token_for(personas.sara, 'fuzz')}"})


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(request=requests())
# PostgreSQL refuses NUL in text: it must come back as a 4xx, never reach a query.
@example(request=("GET", "/api/v1/contracts", {"q": "a\x00b"}, {}))
@example(request=("GET", "/api/v1/followup/cases", {"q": "\x00", "supplier": "\x00"}, {}))
@example(request=("POST", "/api/v1/contracts", {}, {"reference": "\x00", "title": "\x00"}))
def test_no_input_makes_the_api_fail(sara, request):
    method, path, query, body = request
    if method == "GET":
        response = sara.get(path, query)
    else:
        url = f"{path}?{urlencode(query)}" if query else path
        response = sara.generic(method, url, json.dumps(body), content_type="application/json")
    assert response.status_code < 500, (method, path, query, body, response.content[:500])
