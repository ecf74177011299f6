"""Rate limits per token: fixed windows counted in the database, so every worker process agrees."""

import time

import pytest
from django.core.cache import cache
from django.test import Client

from kedja.api.main import api
from kedja.api.models import RateWindow

from .conftest import token_for

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def three_per_minute(monkeypatch):
    throttle = api.throttle[0]
    monkeypatch.setattr(throttle, "num_requests", 3)
    return throttle


def test_rate_limit_per_token(personas, three_per_minute):
    first, second = bearer(token_for(personas.olle, "a")), bearer(token_for(personas.olle, "b"))
    assert [first.get("/api/v1/me").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert second.get("/api/v1/me").status_code == 200


def test_refusal_says_when_to_retry(personas, three_per_minute):
    client = bearer(token_for(personas.olle))
    for _ in range(3):
        client.get("/api/v1/me")
    refused = client.get("/api/v1/me")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_count_is_shared_by_every_worker(personas, three_per_minute):
    """Another worker process has its own in-memory cache; emptying it must not reset the count,
    which lives in the database."""
    client = bearer(token_for(personas.olle))
    assert [client.get("/api/v1/me").status_code for _ in range(2)] == [200, 200]
    cache.clear()
    assert RateWindow.objects.get().hits == 2
    assert [client.get("/api/v1/me").status_code for _ in range(2)] == [200, 429]


def test_next_window_starts_afresh(personas, monkeypatch):
    throttle = api.throttle[0]
    monkeypatch.setattr(throttle, "num_requests", 1)
    monkeypatch.setattr(throttle, "duration", 1)
    client = bearer(token_for(personas.olle))
    client.get("/api/v1/me")
    refused = client.get("/api/v1/me")
    if refused.status_code == 200:  # the one-second window ended between the two requests
        refused = client.get("/api/v1/me")
    assert refused.status_code == 429 and refused["Retry-After"] == "1"
    time.sleep(float(refused["Retry-After"]))
    assert client.get("/api/v1/me").status_code == 200
    assert RateWindow.objects.count() == 1, "finished windows are cleared when a new one opens"
