"""The "whom to follow up" list by area: the area's categories in the current period, sub-categories included."""

from datetime import date

import pytest
from django.urls import reverse

from kedja.organisations.models import ProcurementArea
from kedja.reference.models import CategoryResponsibility, PriorityPeriod

pytestmark = pytest.mark.django_db


def _listed(client, area: str) -> str:
    return client.get(reverse("risk:follow_up"), {"area": area}).content.decode()


def test_a_sub_category_counts_for_its_parents_area(contracts, personas, client_for):
    # Gloves has no row of its own: it is area F's through general consumables.
    page = _listed(client_for(personas.sara), "F")
    assert "Leverantör A AB" in page and "Leverantör B AB" in page


def test_another_periods_division_does_not_count(contracts, personas, reference, client_for):
    future = PriorityPeriod.objects.create(
        name="2096–2098", starts_on=date(2096, 1, 1), ends_on=date(2098, 12, 31)
    )
    area_a = ProcurementArea.objects.get(letter="A")
    CategoryResponsibility.objects.create(
        period=future, category=reference.gloves, area=area_a, prioritised=True
    )
    page = _listed(client_for(personas.sara), "A")
    assert "Leverantör A AB" not in page and "Leverantör B AB" not in page
