"""Every item explains its scores to everyone who may read the analysis: inputs, WGI and HDI values
with a link to the country page, the dataset editions with sha256, each formula step with numbers,
and overrides marked as overrides with their reason. The approved version's register links to it."""

import pytest
from django.urls import reverse

from kedja.risk import actions
from kedja.risk.models import DatasetEdition

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(personas, reference, risk_data):
    analysis = actions.start_analysis(
        category=reference.textiles, period=reference.period, acting_user=personas.stina
    )
    stage = actions.add_stage(
        analysis=analysis,
        stage="manufacturing",
        countries=[reference.countries["MYS"]],
        acting_user=personas.stina,
    )
    item = actions.add_item(
        analysis=analysis,
        stage=stage,
        issue=reference.issues["wages"],
        country=reference.countries["MYS"],
        acting_user=personas.stina,
    )
    return actions.update_item(
        item=item,
        values={"sr_override": 5, "sr_reason": "Piece rates found in 2024"},
        acting_user=personas.stina,
    )


def test_the_explanation_shows_inputs_steps_editions_and_the_override(item, personas, client_for):
    body = client_for(personas.vera).get(reverse("risk:item_explain", args=[item.uuid])).content.decode()
    assert reverse("risk:country_detail", args=["MYS"]) in body
    wgi = DatasetEdition.objects.get(kind="wgi", is_current=True)
    assert wgi.sha256 in body
    assert "Piece rates found in 2024" in body and "Åsidosatt" in body
    sev, lik = item.severity, item.likelihood
    assert f"P = {sev} × {lik}" in body and f"0.7 · {item.scores['country_context']['wgi']}" in body
    assert "VA " in body and "HDI" in body


def test_outsiders_get_404_and_anonymous_signs_in(item, personas, client_for, client):
    url = reverse("risk:item_explain", args=[item.uuid])
    assert client_for(personas.lev).get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_the_approved_version_links_each_row_to_its_frozen_explanation(item, personas, client_for):
    actions.approve_analysis(analysis=item.analysis, acting_user=personas.stina)
    vera = client_for(personas.vera)
    version = vera.get(reverse("risk:version_detail", args=[item.analysis.uuid, 1])).content.decode()
    url = reverse("risk:version_item_explain", args=[item.analysis.uuid, 1, item.uuid])
    assert url in version
    assert "Piece rates found in 2024" in vera.get(url).content.decode()
    missing = reverse("risk:version_item_explain", args=[item.analysis.uuid, 1, item.analysis.uuid])
    assert vera.get(missing).status_code == 404
    assert client_for(personas.lev).get(url).status_code == 404
