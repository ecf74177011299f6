"""Many proposals confirmed or rejected at once with one reason, under filters; all or nothing;
refused to outsiders and for items that are not awaiting confirmation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kedja.core.audit import history
from kedja.reference.models import Country
from kedja.risk import actions
from kedja.risk.models import ItemReview

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def textiles(personas, reference, risk_data):
    """Laundry textiles with cotton, yarn and garments mapped in India, Pakistan, China and Türkiye."""
    analysis = actions.start_analysis(
        category=reference.textiles, period=reference.period, acting_user=personas.stina
    )
    countries = [reference.countries[c] for c in ("IND", "PAK", "CHN", "TUR")]
    for stage in ("raw_material", "processing", "manufacturing"):
        actions.add_stage(analysis=analysis, stage=stage, countries=countries, acting_user=personas.stina)
    actions.propose_items(analysis=analysis, acting_user=personas.stina)
    return analysis


def _post(client, analysis, **data):
    return client.post(reverse("risk:proposals_review", args=[analysis.uuid]), data, follow=True)


def _uuids(items) -> list[str]:
    return [str(item.uuid) for item in items]


def test_all_shown_under_a_filter_are_rejected_with_one_reason(textiles, personas, client_for):
    client = client_for(personas.stina)
    page = client.get(reverse("risk:analysis_detail", args=[textiles.uuid]), {"country": "PAK"})
    shown = page.context["shown"]
    assert shown and {item.country.iso3 for item in shown} == {"PAK"}
    others = textiles.items.exclude(country__iso3="PAK").count()
    assert others
    response = _post(
        client,
        textiles,
        shown=_uuids(shown),
        all_shown="on",
        decision="reject",
        reason="Not sourced there",
        country="PAK",
    )
    assert response.redirect_chain[-1][0].endswith("?country=PAK#proposed-heading")
    assert set(textiles.items.filter(country__iso3="PAK").values_list("review", flat=True)) == {"rejected"}
    assert textiles.items.filter(review=ItemReview.PROPOSED).count() == others
    entry = history(textiles).filter(action="risk.items.rejected").get()
    assert entry.changes["reason"] == "Not sourced there" and len(entry.changes["proposals"]) == len(shown)
    assert history(shown[0]).filter(action="risk.item.rejected").exists()


def test_ticked_proposals_are_confirmed_and_the_rest_stay(textiles, personas, client_for):
    chosen = list(textiles.items.all()[:3])
    _post(
        client_for(personas.stina),
        textiles,
        items=_uuids(chosen),
        shown=_uuids(textiles.items.all()),
        decision="confirm",
    )
    assert set(textiles.items.filter(review=ItemReview.CONFIRMED)) == set(chosen)


def test_rejecting_without_a_reason_changes_nothing(textiles, personas, client_for):
    response = _post(
        client_for(personas.stina), textiles, items=_uuids(textiles.items.all()[:2]), decision="reject"
    )
    assert not textiles.items.exclude(review=ItemReview.PROPOSED).exists()
    assert [str(m) for m in response.context["messages"]]


def test_another_analysis_item_or_a_decided_one_is_refused_whole(textiles, personas, reference, client_for):
    other = actions.start_analysis(
        category=reference.gloves, period=reference.period, acting_user=personas.sara
    )
    builders.stage(other, personas.sara, countries=[reference.countries["MYS"]])
    foreign = actions.propose_items(analysis=other, acting_user=personas.sara)[0]
    own = textiles.items.first()
    _post(client_for(personas.stina), textiles, items=[str(own.uuid), str(foreign.uuid)], decision="confirm")
    assert not textiles.items.exclude(review=ItemReview.PROPOSED).exists()
    foreign.refresh_from_db()
    assert foreign.review == ItemReview.PROPOSED
    with pytest.raises(ValidationError):
        actions.review_items(
            analysis=textiles, items=[own, foreign], confirm=True, acting_user=personas.stina
        )


def test_outsiders_cannot_review(textiles, personas, client_for):
    uuids = _uuids(textiles.items.all())
    for outsider in (personas.olle, personas.vera, personas.lev):
        response = client_for(outsider).post(
            reverse("risk:proposals_review", args=[textiles.uuid]), {"items": uuids, "decision": "confirm"}
        )
        assert response.status_code == 404
    assert not textiles.items.exclude(review=ItemReview.PROPOSED).exists()
    assert Country.objects.filter(iso3="PAK").exists()
