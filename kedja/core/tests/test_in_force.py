"""`in_force(on)`: the one answer to "valid on a date" for every dated row; both ends are included."""

from datetime import date

import pytest

from kedja.organisations.models import AreaMembership, Organisation, OrganisationKind, ProcurementArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return ProcurementArea.objects.create(letter="Z", name_sv="Område Z", name_en="Area Z")


def _membership(area, slug, valid_from, valid_to=None) -> AreaMembership:
    region = Organisation.objects.create(kind=OrganisationKind.REGION, name=slug, slug=slug)
    return AreaMembership.objects.create(
        area=area, organisation=region, valid_from=valid_from, valid_to=valid_to
    )


def test_first_and_last_day_are_in_force_the_days_outside_are_not(area):
    dated = _membership(area, "dated", date(2024, 1, 1), date(2024, 12, 31))
    in_force = lambda on: set(AreaMembership.objects.in_force(on))  # noqa: E731
    assert in_force(date(2023, 12, 31)) == set()
    assert in_force(date(2024, 1, 1)) == {dated}
    assert in_force(date(2024, 12, 31)) == {dated}
    assert in_force(date(2025, 1, 1)) == set()


def test_a_row_without_an_end_stays_in_force(area):
    open_ended = _membership(area, "open", date(2024, 1, 1))
    assert list(AreaMembership.objects.in_force(date(2099, 1, 1))) == [open_ended]


def test_a_row_that_has_not_started_is_not_in_force_today(area):
    _membership(area, "future", date(2099, 6, 1))
    assert not AreaMembership.objects.in_force().exists()


def test_in_force_during_a_span_means_in_force_on_at_least_one_of_its_days(area):
    ended = _membership(area, "ended", date(2020, 1, 1), date(2022, 12, 31))
    touching = _membership(area, "touching", date(2022, 12, 31), date(2023, 6, 30))
    later = _membership(area, "later", date(2026, 1, 1))
    during = set(AreaMembership.objects.in_force_during(date(2023, 1, 1), date(2025, 12, 31)))
    assert during == {touching}
    assert set(AreaMembership.objects.in_force_during(date(2022, 12, 31), date(2026, 1, 1))) == {
        ended,
        touching,
        later,
    }
