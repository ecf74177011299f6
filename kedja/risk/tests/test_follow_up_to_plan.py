"""Whom to follow up is in the navigation and on each analysis, and its suppliers go on the yearly
follow-up plan as the region's proposals for step 1: all or nothing, refused for other regions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.core.audit import history
from kedja.organisations.queries import actor_for
from kedja.plans import actions as plan_actions
from kedja.plans.models import Proposal
from kedja.risk.queries import follow_up_rows

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_plan(personas):
    return plan_actions.open_year_plan(acting_user=personas.sara, year=2027)


def test_the_list_is_in_the_navigation_and_on_each_analysis(personas, reference, client_for):
    analysis = builders.textiles_analysis(personas, reference)
    page = (
        client_for(personas.vera).get(reverse("risk:analysis_detail", args=[analysis.uuid])).content.decode()
    )
    assert page.count(reverse("risk:follow_up")) == 2  # the navigation, and the analysis' category
    assert f"{reverse('risk:follow_up')}?category=laundry_textiles" in page


def test_chosen_suppliers_go_on_the_plan_with_an_audit_entry(personas, contracts, year_plan, client_for):
    url = reverse("plans:follow_up_proposals")
    olle = client_for(personas.olle)
    assert personas.supplier_a.name in olle.get(url, {"category": "gloves"}).content.decode()

    response = olle.post(
        url,
        {
            "category": "gloves",
            "year_plan": 2027,
            "region": personas.stockholm.pk,
            "suppliers": [str(personas.supplier_a.uuid)],
        },
    )

    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.supplier, proposal.region, proposal.step) == (personas.supplier_a, personas.stockholm, 1)
    assert "Whom to follow up" in proposal.motivation or "Vem ska följas upp" in proposal.motivation
    entry = history(year_plan).get(action="plans.proposal.from_follow_up_list")
    assert entry.actor == personas.olle and entry.changes["suppliers"] == [personas.supplier_a.name]


def test_all_or_nothing_and_only_for_ones_own_region(personas, contracts, year_plan):
    rows = follow_up_rows(actor_for(personas.olle), "gloves", "")
    assert len(rows) == 2
    plan_actions.propose_from_follow_up_list(
        acting_user=personas.olle, year_plan=year_plan, region=personas.stockholm, rows=rows[:1]
    )
    with pytest.raises(ValidationError):
        plan_actions.propose_from_follow_up_list(
            acting_user=personas.olle, year_plan=year_plan, region=personas.stockholm, rows=rows
        )
    assert Proposal.objects.count() == 1
    with pytest.raises(PermissionDenied):
        plan_actions.propose_from_follow_up_list(
            acting_user=personas.olle, year_plan=year_plan, region=personas.skane, rows=rows
        )
    assert Proposal.objects.count() == 1
