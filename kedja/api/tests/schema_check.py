"""Validate a response against the API's own generated OpenAPI document (OpenAPI 3.1 = JSON Schema
2020-12), so a test fails when an endpoint returns something its documented schema does not allow."""

import json
import re

from jsonschema import Draft202012Validator

_DOCUMENT: dict = {}


def _document(client) -> dict:
    if not _DOCUMENT:
        _DOCUMENT.update(json.loads(client.get("/api/v1/openapi.json").content))
    return _DOCUMENT


def _operation(document: dict, path: str, method: str) -> dict:
    path = path.split("?")[0]
    for template, operations in document["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method in operations:
            return operations[method]
    raise AssertionError(f"{method.upper()} {path} is not in the OpenAPI document")


def assert_matches_schema(client, path: str, method: str, response) -> None:
    document = _document(client)
    responses = _operation(document, path, method)["responses"]
    documented = responses.get(str(response.status_code))
    assert documented, f"{method.upper()} {path} answered {response.status_code}, which is not documented"
    content = documented.get("content", {})
    schema = next(iter(content.values()))["schema"] if content else None
    if schema is None:
        return
    # The components travel along so that "#/components/schemas/…" resolves inside the schema.
    validator = Draft202012Validator({**schema, "components": document["components"]})
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(json.loads(response.content))]
    assert not errors, f"{method.upper()} {path}: " + "; ".join(errors[:5])
