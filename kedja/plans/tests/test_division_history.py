"""A changed division is a new period; the earlier period and its plans stay as they were."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.core.models import AuditEntry
from kedja.plans import actions, queries
from kedja.plans.models import ContactRole, PlanStatus
from kedja.reference.models import CategoryResponsibility

from .conftest import plan_activity


def decide_new(personas, division, *, user=None, changes=None, **extra):
    """The secretariat (or `user`) decides the 2026–2030 division; by default textiles move to area C."""
    if changes is None:
        changes = [(division.textiles, personas.area_c, True), (division.food, None, False)]
    return actions.decide_division(
        acting_user=user or personas.sara,
        name="2026–2030",
        starts_on=date(2026, 1, 1),
        ends_on=date(2030, 12, 31),
        decided_on=date(2025, 11, 20),
        decision_text="Textiles move to area C.",
        based_on=division.period,
        changes=changes,
        **extra,
    )


def test_changed_division_leaves_previous_period_and_plans_intact(personas, division, textiles_plan):
    plan_activity(personas, textiles_plan, kind="training", title="Workshop", quarter=1)
    actions.approve_plan(acting_user=personas.sara, plan=textiles_plan)
    new = decide_new(personas, division)

    old_rows = {
        r.category.slug: (r.area.letter if r.area else None, r.prioritised)
        for r in queries.responsibilities_of(division.period)
    }
    new_rows = {
        r.category.slug: (r.area.letter if r.area else None, r.prioritised)
        for r in queries.responsibilities_of(new)
    }
    assert old_rows == {"laundry_textiles": ("H", True), "it_ict": ("C", True), "food": ("B", True)}
    assert new_rows == {"laundry_textiles": ("C", True), "it_ict": ("C", True), "food": (None, False)}
    textiles_plan.refresh_from_db()
    assert (textiles_plan.area, textiles_plan.period, textiles_plan.status) == (
        personas.area_h,
        division.period,
        PlanStatus.APPROVED,
    )
    assert textiles_plan.products.count() == 1 and textiles_plan.activities.count() == 1
    assert new.division_decision.replaces == division.period
    assert {c["category"] for c in new.division_decision.changes} == {"laundry_textiles", "food"}
    assert AuditEntry.objects.filter(action="plans.division.decided").exists()


def test_new_period_plans_go_to_the_new_area(personas, division):
    new = decide_new(personas, division)
    with pytest.raises(PermissionDenied):  # Stina coordinates H, which lost textiles
        actions.create_plan(acting_user=personas.stina, period=new, category=division.textiles)
    plan = actions.create_plan(acting_user=personas.sara, period=new, category=division.textiles)
    assert plan.area == personas.area_c
    with pytest.raises(ValidationError):  # food is no longer prioritised
        actions.create_plan(acting_user=personas.sara, period=new, category=division.food)


def test_only_secretariat_decides_and_decision_must_be_coherent(personas, division):
    with pytest.raises(PermissionDenied):
        decide_new(personas, division, user=personas.stina, changes=[])
    with pytest.raises(ValidationError):
        decide_new(personas, division, changes=[(division.food, None, True)])
    assert CategoryResponsibility.objects.count() == 3


def test_earlier_period_page_shows_it_as_it_was(personas, division, textiles_plan, client_for):
    new = decide_new(personas, division)
    response = client_for(personas.vera).get(reverse("plans:period_detail", args=[division.period.uuid]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tvätt och textilier" in body and "Livsmedel" in body
    response = client_for(personas.vera).get(reverse("plans:period_detail", args=[new.uuid]))
    assert "Livsmedel" not in response.content.decode()


def test_contact_designations_are_dated(personas, division):
    def olle_names(name, valid_from, region=personas.stockholm, role=ContactRole.SOCIAL, **extra):
        return actions.assign_contact(
            acting_user=personas.olle, role=role, region=region, name=name, valid_from=valid_from, **extra
        )

    first = olle_names("Anna", date(2023, 1, 1))
    olle_names("Bo", date(2026, 1, 1))
    first.refresh_from_db()
    assert first.valid_to == date(2025, 12, 31)
    assert [c.name for c in queries.contacts_during(division.period)] == ["Anna"]
    with pytest.raises(PermissionDenied):  # Olle cannot name Skåne's people, nor coordinators
        olle_names("C", date(2026, 1, 1), region=personas.skane)
    with pytest.raises(PermissionDenied):
        olle_names("D", date(2026, 1, 1), role=ContactRole.COORDINATOR, area=personas.area_c)
