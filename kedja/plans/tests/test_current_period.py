"""The division page shows the current period; one decided for the future is not current yet."""

from datetime import date

import pytest
from django.urls import reverse

from kedja.reference.models import PriorityPeriod

pytestmark = pytest.mark.django_db


def test_only_a_future_period_means_no_current_division_yet(personas, client_for):
    PriorityPeriod.objects.create(name="2096–2098", starts_on=date(2096, 1, 1), ends_on=date(2098, 12, 31))
    response = client_for(personas.sara).get(reverse("plans:division"))
    assert [t.name for t in response.templates][0] == "plans/division_empty.html"
    assert client_for(personas.stina).get(reverse("plans:plan_create")).status_code == 404


def test_the_current_period_is_shown_while_a_future_one_waits(personas, division, client_for):
    PriorityPeriod.objects.create(name="2096–2098", starts_on=date(2096, 1, 1), ends_on=date(2098, 12, 31))
    response = client_for(personas.sara).get(reverse("plans:division"))
    assert response.context["period"] == division.period
