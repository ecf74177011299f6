"""Regions propose, the secretariat consolidates duplicates, approves and launches the cases."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.followup.models import CaseOrigin, CaseStatus, FollowUpCase
from kedja.plans import actions
from kedja.plans.models import YearPlanStatus


@pytest.fixture
def year_plan(personas):
    return actions.open_year_plan(acting_user=personas.sara, year=2027)


def _propose(year_plan, user, region, supplier, **extra):
    return actions.propose(acting_user=user, year_plan=year_plan, region=region, supplier=supplier, **extra)


def test_duplicates_across_regions_become_one_entry(personas, division, year_plan):
    _propose(
        year_plan,
        personas.olle,
        personas.stockholm,
        personas.supplier_a,
        category=division.textiles,
        product="Sheets",
    )
    # Step 1 covers the whole company: the same entry.
    _propose(year_plan, personas.stina, personas.skane, personas.supplier_a, product="Towels")
    _propose(year_plan, personas.stina, personas.skane, personas.supplier_b, product="Scrubs", step=2)
    actions.consolidate(acting_user=personas.sara, year_plan=year_plan)
    entries = {e.supplier.slug: e for e in year_plan.entries.all()}
    assert set(entries) == {"supplier-a", "supplier-b"}
    a = entries["supplier-a"]
    # Led by the region coordinating the category's area (Skåne coordinates H), not the first proposer.
    assert a.lead_region == personas.skane and list(a.participating_regions.all()) == [personas.stockholm]
    assert a.category == division.textiles
    assert entries["supplier-b"].product == "Scrubs"
    # A late proposal joins the existing entry on the next consolidation.
    _propose(year_plan, personas.sara, personas.uppsala, personas.supplier_a)
    with pytest.raises(ValidationError):
        actions.approve_year_plan(acting_user=personas.sara, year_plan=year_plan)
    actions.consolidate(acting_user=personas.sara, year_plan=year_plan)
    assert year_plan.entries.count() == 2
    assert set(a.participating_regions.values_list("slug", flat=True)) == {
        "region-stockholm",
        "region-uppsala",
    }


def test_proposals_are_refused_for_other_regions_and_duplicates(personas, year_plan):
    with pytest.raises(PermissionDenied):
        _propose(year_plan, personas.olle, personas.skane, personas.supplier_a)
    with pytest.raises(PermissionDenied):
        _propose(year_plan, personas.vera, personas.uppsala, personas.supplier_a)
    _propose(year_plan, personas.olle, personas.stockholm, personas.supplier_a)
    with pytest.raises(ValidationError):
        _propose(year_plan, personas.olle, personas.stockholm, personas.supplier_a)
    with pytest.raises(ValidationError):  # step 2 is product-specific
        _propose(year_plan, personas.olle, personas.stockholm, personas.supplier_b, step=2)
    with pytest.raises(PermissionDenied):
        actions.consolidate(acting_user=personas.stina, year_plan=year_plan)
    assert year_plan.proposals.count() == 1


def test_launch_starts_cases_through_the_followup_app(personas, year_plan):
    _propose(year_plan, personas.olle, personas.stockholm, personas.supplier_a)
    _propose(year_plan, personas.stina, personas.skane, personas.supplier_a)
    actions.consolidate(acting_user=personas.sara, year_plan=year_plan)
    with pytest.raises(ValidationError):  # not approved yet
        actions.launch_year_plan(acting_user=personas.sara, year_plan=year_plan)
    actions.approve_year_plan(acting_user=personas.sara, year_plan=year_plan)
    started = actions.launch_year_plan(acting_user=personas.sara, year_plan=year_plan)
    assert len(started) == 1
    case = FollowUpCase.objects.get()
    assert case.supplier == personas.supplier_a and case.lead_organisation == personas.stockholm
    assert list(case.participating_regions.all()) == [personas.skane]
    assert case.year == year_plan.year  # next year's send-out counts for next year, not today's
    year_plan.refresh_from_db()
    assert year_plan.status == YearPlanStatus.LAUNCHED and year_plan.entries.get().case == case


def test_year_page_flow_over_http(personas, year_plan, client_for):
    url = reverse("plans:proposal_add", args=[2027])
    data = {
        "proposal-region": personas.stockholm.pk,
        "proposal-supplier": personas.supplier_a.pk,
        "proposal-step": "1",
    }
    assert client_for(personas.olle).post(url, data).status_code == 302
    data["proposal-region"] = personas.skane.pk
    assert client_for(personas.olle).post(url, data).status_code == 400  # not his region: not a choice
    assert client_for(personas.lev).get(reverse("plans:year_detail", args=[2027])).status_code == 404
    client_for(personas.olle).post(reverse("plans:year_transition", args=[2027, "consolidate"]))
    year_plan.refresh_from_db()
    assert year_plan.status == YearPlanStatus.OPEN
    client_for(personas.sara).post(reverse("plans:year_transition", args=[2027, "consolidate"]))
    year_plan.refresh_from_db()
    assert year_plan.status == YearPlanStatus.CONSOLIDATED
    assert client_for(personas.vera).get(reverse("plans:year_detail", args=[2027])).status_code == 200


def test_a_planned_office_or_site_audit_enters_at_its_step_with_the_plans_reason(personas, year_plan):
    _propose(
        year_plan,
        personas.olle,
        personas.stockholm,
        personas.supplier_a,
        product="Gloves",
        step=2,
        motivation="Migrant workers at the dipping line.",
    )
    _propose(year_plan, personas.stina, personas.skane, personas.supplier_b, product="Scrubs", step=3)
    actions.consolidate(acting_user=personas.sara, year_plan=year_plan)
    actions.approve_year_plan(acting_user=personas.sara, year_plan=year_plan)
    actions.launch_year_plan(acting_user=personas.sara, year_plan=year_plan)
    office = FollowUpCase.objects.get(supplier=personas.supplier_a)
    assert (office.status, office.current_step, office.origin) == (CaseStatus.STEP2, 2, CaseOrigin.PLAN)
    assert "2027" in office.step2_reason and "Migrant workers at the dipping line." in office.step2_reason
    site = FollowUpCase.objects.get(supplier=personas.supplier_b)
    assert (site.status, site.current_step) == (CaseStatus.STEP3, 3) and site.products == "Scrubs"


def test_other_cost_bearer_needs_its_note_which_reaches_the_case(personas, year_plan):
    _propose(year_plan, personas.olle, personas.stockholm, personas.supplier_a)
    actions.consolidate(acting_user=personas.sara, year_plan=year_plan)
    entry = year_plan.entries.get()
    change = {"acting_user": personas.sara, "entry": entry, "lead_region": personas.stockholm, "quarter": 2}
    with pytest.raises(ValidationError):
        actions.update_entry(**change, cost_bearer="other")
    actions.update_entry(**change, cost_bearer="other", cost_note="Region Stockholm and Adda share it")
    actions.approve_year_plan(acting_user=personas.sara, year_plan=year_plan)
    actions.launch_year_plan(acting_user=personas.sara, year_plan=year_plan)
    case = FollowUpCase.objects.get()
    assert (case.cost_bearer, case.cost_note) == ("other", "Region Stockholm and Adda share it")
