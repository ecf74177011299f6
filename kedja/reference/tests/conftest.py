import pytest

from kedja.reference.testing import load_test_reference


@pytest.fixture
def reference(db):
    """Areas, regions, countries, categories, issues, clause versions and a slice of CPV."""
    return load_test_reference()
