"""Who may read and change plans: shared readers read, the area's coordinator and the secretariat edit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.core.models import AuditEntry
from kedja.plans import actions
from kedja.plans.models import PlanStatus

from .conftest import plan_activity


def test_shared_readers_see_plans_others_get_404(personas, textiles_plan, client_for):
    url = reverse("plans:plan_detail", args=[textiles_plan.uuid])
    for user in (personas.sara, personas.olle, personas.stina, personas.vera):
        assert client_for(user).get(url).status_code == 200
    for user in (personas.lev, personas.alva):
        assert client_for(user).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to the login page
    assert client_for(personas.lev).get(reverse("plans:plan_list")).status_code == 404
    assert client_for(personas.lisa).get(reverse("plans:division")).status_code == 404


def test_only_coordinator_and_secretariat_edit(personas, textiles_plan, client_for):
    url = reverse("plans:plan_add_part", args=[textiles_plan.uuid, "product"])
    data = {"product-name": "Workwear", "product-rationale": "Cotton and dyeing."}
    for user in (personas.olle, personas.vera):
        assert client_for(user).post(url, data).status_code == 404
    assert textiles_plan.products.count() == 1
    assert client_for(personas.stina).post(url, data).status_code == 302
    assert textiles_plan.products.count() == 2
    with pytest.raises(PermissionDenied):
        actions.add_product(acting_user=personas.olle, plan=textiles_plan, name="x", rationale="y")


def test_only_secretariat_approves_and_approved_plan_is_frozen(personas, textiles_plan, client_for):
    plan_activity(personas, textiles_plan, kind="dialogue", title="Industry dialogue", quarter=2)
    approve = reverse("plans:plan_approve", args=[textiles_plan.uuid])
    client_for(personas.stina).post(approve)
    textiles_plan.refresh_from_db()
    assert textiles_plan.status == PlanStatus.DRAFT
    client_for(personas.sara).post(approve)
    textiles_plan.refresh_from_db()
    assert textiles_plan.status == PlanStatus.APPROVED and textiles_plan.approved_by == personas.sara
    assert AuditEntry.objects.filter(action="plans.plan.approved", object_id=str(textiles_plan.pk)).exists()
    with pytest.raises(ValidationError):
        actions.add_product(acting_user=personas.stina, plan=textiles_plan, name="x", rationale="y")
    with pytest.raises(ValidationError):
        actions.approve_plan(acting_user=personas.sara, plan=textiles_plan)
    actions.reopen_plan(acting_user=personas.sara, plan=textiles_plan, reason="New risk analysis")
    textiles_plan.refresh_from_db()
    assert textiles_plan.status == PlanStatus.DRAFT


def test_plan_without_activities_cannot_be_approved(personas, textiles_plan):
    with pytest.raises(ValidationError):
        actions.approve_plan(acting_user=personas.sara, plan=textiles_plan)


def test_bad_activity_input_changes_nothing(personas, textiles_plan, client_for):
    url = reverse("plans:plan_add_part", args=[textiles_plan.uuid, "activity"])
    data = {
        "activity-kind": "follow_up",
        "activity-year": "2031",
        "activity-quarter": "1",
        "activity-step": "1",
        "activity-supplier": personas.supplier_a.pk,
    }
    response = client_for(personas.stina).post(url, data)
    assert response.status_code == 400
    assert "period" in response.content.decode()
    data["activity-year"] = "2025"
    data["activity-supplier"] = ""
    assert client_for(personas.stina).post(url, data).status_code == 400
    assert textiles_plan.activities.count() == 0


def test_coordinator_cannot_start_other_areas_plans(personas, division):
    with pytest.raises(PermissionDenied):
        actions.create_plan(acting_user=personas.stina, period=division.period, category=division.it)
    with pytest.raises(PermissionDenied):
        actions.create_plan(acting_user=personas.olle, period=division.period, category=division.it)


def test_plan_list_has_constant_queries(personas, division, client_for, django_assert_max_num_queries):
    for category in (division.textiles, division.it, division.food):
        actions.create_plan(acting_user=personas.sara, period=division.period, category=category)
    client = client_for(personas.vera)
    client.get(reverse("plans:plan_list"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("plans:plan_list"))
    assert response.status_code == 200
    assert "IT/IKT" in response.content.decode()


def test_pages_render(personas, division, textiles_plan, client_for):
    client = client_for(personas.stina)
    for name, args in (
        ("plans:division", []),
        ("plans:plan_list", []),
        ("plans:plan_create", []),
        ("plans:plan_edit", [textiles_plan.uuid]),
        ("plans:hours_report", [textiles_plan.uuid]),
        ("plans:year_list", []),
        ("plans:contact_assign", []),
    ):
        assert client.get(reverse(name, args=args)).status_code == 200, name
    assert client_for(personas.sara).get(reverse("plans:decide")).status_code == 200
    assert client.get(reverse("plans:decide")).status_code == 404
