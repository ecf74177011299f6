"""Fixtures of the organisation tests: a real OpenID Connect provider (oidc-provider-mock, an
authlib provider server on a free port) and Kedja configured to use it."""

import pytest
from oidc_provider_mock import run_server_in_thread

from .sso_provider import CLIENT_ID, CLIENT_SECRET


@pytest.fixture(scope="session")
def oidc_provider():
    """The provider's issuer URL; it runs in a thread for the whole test session."""
    with run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def sso(settings, oidc_provider):
    """Kedja configured for the provider, as the region's IT administrator sets it up."""
    settings.KEDJA_OIDC_ISSUER = oidc_provider
    settings.KEDJA_OIDC_CLIENT_ID = CLIENT_ID
    settings.KEDJA_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.KEDJA_OIDC_NAME = "Region Skåne"
    settings.KEDJA_OIDC_GROUP_MEMBERSHIPS = []
    return oidc_provider
