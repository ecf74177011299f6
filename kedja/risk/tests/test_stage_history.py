"""An analysis' history names the countries each stage gained, as ISO3 codes, and nothing else."""

import pytest
from django.urls import reverse

from kedja.core.audit import history
from kedja.reference.models import Country
from kedja.risk import actions

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysis(personas, reference, risk_data):
    return builders.textiles_analysis(personas, reference)


def _stage_entries(analysis) -> list[tuple[str, dict]]:
    entries = history(analysis).filter(action__startswith="risk.stage.").order_by("at", "id")
    return [(entry.action, entry.changes) for entry in entries]


def test_countries_added_records_the_new_iso3_codes(analysis, personas, reference):
    countries = reference.countries
    actions.add_stage(
        analysis=analysis, stage="manufacturing", countries=[countries["CHN"]], acting_user=personas.stina
    )
    # A queryset (what the form gives) and a generator both work; CHN is already there.
    actions.add_stage(
        analysis=analysis,
        stage="manufacturing",
        countries=Country.objects.filter(iso3__in=["CHN", "IND", "PAK"]),
        acting_user=personas.stina,
    )
    actions.add_stage(
        analysis=analysis,
        stage="manufacturing",
        countries=(countries[c] for c in ["TUR"]),
        acting_user=personas.stina,
    )
    assert _stage_entries(analysis) == [
        ("risk.stage.added", {"stage": "manufacturing", "countries": ["CHN"]}),
        ("risk.stage.countries_added", {"stage": "manufacturing", "countries": ["IND", "PAK"]}),
        ("risk.stage.countries_added", {"stage": "manufacturing", "countries": ["TUR"]}),
    ]
    stage = analysis.stages.get()
    assert sorted(stage.countries.values_list("iso3", flat=True)) == ["CHN", "IND", "PAK", "TUR"]


def test_nothing_new_records_nothing(analysis, personas, reference):
    actions.add_stage(
        analysis=analysis,
        stage="manufacturing",
        countries=[reference.countries["CHN"]],
        acting_user=personas.stina,
    )
    for countries in ([], [reference.countries["CHN"]]):
        actions.add_stage(
            analysis=analysis, stage="manufacturing", countries=countries, acting_user=personas.stina
        )
    assert [action for action, _ in _stage_entries(analysis)] == ["risk.stage.added"]


def test_an_items_country_joining_its_stage_is_recorded(analysis, personas, reference):
    stage = actions.add_stage(
        analysis=analysis, stage="raw_material", countries=[], acting_user=personas.stina
    )
    for code in ("ohs", "wages"):  # the second item in the same country adds no country
        builders.item(reference, stage, personas.stina, issue=code)
    builders.item(reference, stage, personas.stina, iso3=None)
    assert _stage_entries(analysis) == [
        ("risk.stage.added", {"stage": "raw_material", "countries": []}),
        ("risk.stage.countries_added", {"stage": "raw_material", "countries": ["IND"]}),
    ]


def test_the_history_on_the_page_shows_the_added_countries(analysis, personas, reference, client_for):
    client = client_for(personas.stina)
    url = reverse("risk:stage_add", args=[analysis.uuid])
    client.post(url, {"stage": "manufacturing", "countries": ["CHN"]})
    client.post(url, {"stage": "manufacturing", "countries": ["CHN", "PAK"]})
    body = " ".join(
        client.get(reverse("risk:analysis_detail", args=[analysis.uuid])).content.decode().split()
    )
    assert "Länder tillagda i ett led" in body and "<strong>Länder</strong>: Pakistan" in body
    assert "risk.stage.countries_added" not in body and "PAK<" not in body


def test_a_stage_form_with_an_unknown_stage_changes_nothing_and_says_why(analysis, personas, client_for):
    before = analysis.stages.count()
    response = client_for(personas.stina).post(
        reverse("risk:stage_add", args=[analysis.uuid]), {"stage": "teleportation"}, follow=True
    )
    assert analysis.stages.count() == before
    assert [str(m) for m in response.context["messages"]]
