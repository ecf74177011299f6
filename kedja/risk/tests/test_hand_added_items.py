"""Items added by hand match the open data as proposals do: the good is matched whatever its case
(and flagged when the ILAB list lacks it), and CPV code and tier let the sector-risk rows apply."""

import pytest
from django.urls import reverse

from kedja.risk import actions

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def instruments(personas, reference, risk_data):
    analysis = actions.start_analysis(
        category=reference.instruments, period=reference.period, acting_user=personas.sara
    )
    builders.stage(analysis, personas.sara, countries=[reference.countries["PAK"]])
    return analysis


def _add(client, analysis, **values):
    stage = analysis.stages.get()
    data = {"stage": stage.pk, "issue": "child_labour", "country": "PAK", **values}
    return client.post(reverse("risk:item_add", args=[analysis.uuid]), data, follow=True)


def test_a_good_typed_in_lower_case_meets_its_ilab_listing(instruments, personas, client_for):
    _add(client_for(personas.sara), instruments, good="surgical instruments")
    item = instruments.items.get()
    assert item.good == "Surgical Instruments" and item.scores["ilab"] == "direct"
    assert item.likelihood == 5


def test_a_good_the_list_lacks_is_kept_and_flagged(instruments, personas, client_for):
    response = _add(client_for(personas.sara), instruments, good="Scalpels")
    assert instruments.items.get().good == "Scalpels"
    assert any("Scalpels" in str(m) for m in response.context["messages"])


def test_cpv_and_tier_make_the_sialkot_sector_row_apply(instruments, personas, client_for):
    """Forging and polishing below tier 1 in Sialkot: Sr 5 by the method, not 'no default'."""
    client = client_for(personas.sara)
    _add(client, instruments, cpv_code="33169000-2", tier="2")
    item = instruments.items.get()
    assert (item.cpv_code, item.tier) == ("33169000", 2)
    assert item.scores["sr"] == {"value": 5, "default": 5, "no_default": False, "overridden": False}
    before = instruments.items.count()
    response = _add(client, instruments, cpv_code="3316", tier="2", issue="ohs")
    assert instruments.items.count() == before
    assert [str(m) for m in response.context["messages"]]


def test_the_form_offers_the_goods_by_swedish_name_and_the_category_cpv(instruments, personas, client_for):
    body = (
        client_for(personas.sara)
        .get(reverse("risk:analysis_detail", args=[instruments.uuid]))
        .content.decode()
    )
    assert '<option value="Surgical Instruments">Kirurgiska instrument</option>' in body
    assert '<option value="33169000">' in body and 'list="ilab-goods"' in body
