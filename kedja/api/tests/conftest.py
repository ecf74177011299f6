"""Fixtures of the API tests: a token per persona and a client that sends it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kedja.api import actions


def token_for(user, name: str = "integration") -> str:
    _, secret = actions.create_token(
        acting_user=user, name=name, expires_on=timezone.localdate() + timedelta(days=30)
    )
    return secret


@pytest.fixture
def api_client():
    """`api_client(user)`: a client that sends a fresh token of that user (None: no token)."""

    def make(user) -> Client:
        if user is None:
            return Client()
        return Client(headers={"Authorization": f"Bearer {token_for(user)}"})

    return make
