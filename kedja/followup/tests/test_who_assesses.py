"""A region may let its procurement officers assess its own cases (default: only its strategists);
the lead region's officers always see their case's history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.followup import actions
from kedja.organisations import actions as organisation_actions

from . import factories


@pytest.fixture
def stockholm_case(personas, contract_a):
    return actions.start_case_from_contract(
        acting_user=personas.olle, contract=contract_a, lead=personas.stockholm
    )


def test_by_default_officers_do_not_assess(personas, stockholm_case):
    with pytest.raises(PermissionDenied):
        factories.deviation(personas, stockholm_case, user=personas.olle)


def test_a_region_lets_its_officers_assess_its_own_cases(personas, stockholm_case, case_a, client_for):
    url = reverse("organisations:officers_assess", args=[personas.stockholm.uuid])
    assert client_for(personas.olle).post(url, {"officers_assess": "1"}).status_code == 404  # not an admin
    personas.stockholm.refresh_from_db()
    assert not personas.stockholm.officers_assess
    assert client_for(personas.sara).post(url, {"officers_assess": "1"}).status_code == 302
    personas.stockholm.refresh_from_db()
    assert personas.stockholm.officers_assess
    olle = type(personas.olle).objects.get(pk=personas.olle.pk)  # a fresh request's Actor
    finding = factories.deviation(personas, stockholm_case, user=olle)
    assert finding.recorded_by == olle
    with pytest.raises(PermissionDenied):  # another region's case stays out of reach
        factories.deviation(personas, case_a, user=olle)


def test_only_a_region_has_the_setting(personas):
    with pytest.raises(ValidationError):
        organisation_actions.set_officers_assess(
            acting_user=personas.sara, organisation=personas.supplier_a, officers_assess=True
        )


def test_the_lead_regions_officers_always_see_the_case_history(personas, stockholm_case, client_for):
    url = reverse("followup:case_detail", args=[stockholm_case.uuid])
    assert client_for(personas.olle).get(url).context["history"]
    assert not client_for(personas.vera).get(url).context["history"]
