"""While an analysis is a draft, a confirmed item, a stage or a country can be removed with a
reason; the analysis' history keeps what was removed and why. Approved analyses and outsiders are
refused, and viewers never read a removed item's internal note."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.core.audit import history
from kedja.risk import actions
from kedja.risk.models import AnalysisStage, RiskItem

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(personas, reference, risk_data):
    analysis = actions.start_analysis(
        category=reference.textiles, period=reference.period, acting_user=personas.stina
    )
    countries = [reference.countries[c] for c in ("IND", "CHN")]
    stage = actions.add_stage(
        analysis=analysis, stage="manufacturing", countries=countries, acting_user=personas.stina
    )
    items = [
        actions.add_item(
            analysis=analysis,
            stage=stage,
            issue=reference.issues[code],
            country=country,
            acting_user=personas.stina,
            confidential_note="Fabrik X i Tiruppur",
        )
        for code in ("wages", "working_hours")
        for country in countries
    ]
    return analysis, stage, items


def test_a_removed_item_is_gone_and_kept_in_the_history(workshop, personas, client_for):
    analysis, _, items = workshop
    client = client_for(personas.stina)
    client.post(reverse("risk:item_remove", args=[items[0].uuid]), {"reason": "Duplicate of the wages row"})
    assert not RiskItem.objects.filter(pk=items[0].pk).exists()
    entry = history(analysis).get(action="risk.item.removed")
    assert entry.actor == personas.stina and entry.changes["reason"] == "Duplicate of the wages row"
    assert entry.changes["record"]["issue"] == "wages" and entry.changes["record"]["severity"]
    # Viewers read the analysis' history, but not the removed item's internal note.
    vera_page = client_for(personas.vera).get(reverse("risk:analysis_detail", args=[analysis.uuid]))
    assert "Duplicate of the wages row" in vera_page.content.decode()
    assert "Tiruppur" not in vera_page.content.decode()
    assert "Tiruppur" in client.get(reverse("risk:analysis_detail", args=[analysis.uuid])).content.decode()


def test_removal_needs_a_reason_and_a_draft(workshop, personas):
    analysis, _, items = workshop
    with pytest.raises(ValidationError):
        actions.remove_item(item=items[0], reason=" ", acting_user=personas.stina)
    actions.approve_analysis(analysis=analysis, acting_user=personas.stina)
    with pytest.raises(ValidationError):
        actions.remove_item(item=items[0], reason="Too late", acting_user=personas.stina)
    stage = AnalysisStage.objects.get(analysis=analysis)
    with pytest.raises(ValidationError):
        actions.remove_from_chain(stage=stage, reason="Too late", acting_user=personas.stina)
    assert RiskItem.objects.filter(analysis=analysis).count() == 4


def test_a_proposal_is_rejected_not_removed(personas, reference, risk_data):
    analysis = builders.textiles_analysis(personas, reference)
    builders.stage(analysis, personas.stina, kind="raw_material", countries=[reference.countries["IND"]])
    proposal = actions.propose_items(analysis=analysis, acting_user=personas.stina)[0]
    with pytest.raises(ValidationError):
        actions.remove_item(item=proposal, reason="No", acting_user=personas.stina)


def test_a_country_leaves_its_stage_with_its_items(workshop, personas, reference, client_for):
    analysis, stage, items = workshop
    client_for(personas.stina).post(
        reverse("risk:stage_remove", args=[stage.uuid]), {"country": "CHN", "reason": "Not sourced there"}
    )
    assert list(stage.countries.values_list("iso3", flat=True)) == ["IND"]
    assert {i.country.iso3 for i in analysis.items.all()} == {"IND"}
    entry = history(analysis).get(action="risk.stage.country_removed")
    assert entry.changes["country"] == "CHN" and entry.changes["items"] == 2
    assert {r["issue"] for r in entry.changes["records"]} == {"wages", "working_hours"}


def test_a_whole_stage_leaves_with_its_items(workshop, personas, client_for):
    analysis, stage, _ = workshop
    client_for(personas.stina).post(
        reverse("risk:stage_remove", args=[stage.uuid]), {"reason": "Wrong stage"}
    )
    assert not analysis.stages.exists() and not analysis.items.exists()
    entry = history(analysis).get(action="risk.stage.removed")
    assert entry.changes["countries"] == ["CHN", "IND"] and entry.changes["items"] == 4


def test_outsiders_cannot_remove(workshop, personas, client_for):
    analysis, stage, items = workshop
    for outsider in (personas.olle, personas.vera, personas.lev):
        client = client_for(outsider)
        assert (
            client.post(reverse("risk:item_remove", args=[items[0].uuid]), {"reason": "x"}).status_code == 404
        )
        assert (
            client.post(reverse("risk:stage_remove", args=[stage.uuid]), {"reason": "x"}).status_code == 404
        )
    with pytest.raises(PermissionDenied):
        actions.remove_item(item=items[0], reason="x", acting_user=personas.olle)
    assert analysis.items.count() == 4 and analysis.stages.count() == 1
