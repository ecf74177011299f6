import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages and labels asserted in English (pages default to Swedish)."""
    with translation.override("en"):
        yield
