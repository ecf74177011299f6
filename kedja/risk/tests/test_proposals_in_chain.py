"""Kedja proposes items only inside the chain the workshop has mapped; the rest of the world's
producers are offered beside it, to be added on purpose; a proposal adds nothing to the chain."""

import pytest
from django.urls import reverse

from kedja.core.audit import history
from kedja.reference.models import Country
from kedja.risk import actions, queries
from kedja.risk.data import RiskData

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def gloves(personas, reference, risk_data):
    for iso3, name in (("THA", "Thailand"), ("IDN", "Indonesien"), ("LKA", "Sri Lanka")):
        Country.objects.get_or_create(iso3=iso3, defaults={"name_sv": name, "name_en": name})
    return actions.start_analysis(
        category=reference.gloves, period=reference.period, acting_user=personas.sara
    )


def _map_malaysia(analysis, personas, reference) -> None:
    builders.stage(analysis, personas.sara, countries=[reference.countries["MYS"]])


def _chain(analysis) -> dict[str, list[str]]:
    _, chain = queries.mapped_chain(analysis)
    return {stage: sorted(codes) for stage, codes in chain.items()}


def test_nothing_is_proposed_for_an_unmapped_chain(gloves, personas):
    assert actions.propose_items(analysis=gloves, acting_user=personas.sara) == []
    assert _chain(gloves) == {}
    producers = queries.other_producer_rows(gloves, RiskData.current())
    assert ("manufacturing", "MYS") in {(row["stage"], row["country"].iso3) for row in producers}


def test_proposals_stay_inside_the_mapped_stages_and_countries(gloves, personas, reference):
    _map_malaysia(gloves, personas, reference)
    stage_entries = history(gloves).filter(action__startswith="risk.stage.")
    before = stage_entries.count()
    proposed = actions.propose_items(analysis=gloves, acting_user=personas.sara)
    assert proposed and {(i.stage.stage, i.country.iso3) for i in proposed} == {("manufacturing", "MYS")}
    # Nothing joined the chain: no stage, no country, and the history records no chain change.
    assert _chain(gloves) == {"manufacturing": ["MYS"]}
    assert stage_entries.count() == before
    # China is listed for gloves but not mapped: offered beside, not proposed.
    producers = queries.other_producer_rows(gloves, RiskData.current())
    assert ("manufacturing", "CHN") in {(row["stage"], row["country"].iso3) for row in producers}
    assert ("manufacturing", "MYS") not in {(row["stage"], row["country"].iso3) for row in producers}


def test_rejected_proposals_leave_the_chain_as_it_was(gloves, personas, reference):
    _map_malaysia(gloves, personas, reference)
    for item in actions.propose_items(analysis=gloves, acting_user=personas.sara):
        actions.review_item(
            item=item, confirm=False, reason="Nitrile from elsewhere", acting_user=personas.sara
        )
    assert _chain(gloves) == {"manufacturing": ["MYS"]}
    page = queries.stages_of(gloves)
    assert [list(stage.items.all()) for stage in page] == [[]]


def test_a_producing_country_added_on_purpose_gets_proposals(gloves, personas, client_for):
    client = client_for(personas.sara)
    url = reverse("risk:analysis_detail", args=[gloves.uuid])
    body = client.get(url).content.decode()
    assert "Andra producerande länder" in body or "Other producing countries" in body
    client.post(
        reverse("risk:stage_add", args=[gloves.uuid]), {"stage": "manufacturing", "countries": ["CHN"]}
    )
    assert _chain(gloves) == {"manufacturing": ["CHN"]}
    client.post(reverse("risk:analysis_propose", args=[gloves.uuid]))
    assert {(i.country.iso3, i.good) for i in gloves.items.all()} == {("CHN", "Gloves")}
