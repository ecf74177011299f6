"""A workshop at real size in the browser: 60 proposals inside the mapped chain triaged in bulk in
under ten actions, one item removed again with a reason, the analysis approved, and the public
summary previewed, published, and named in the reader's language (no stage keys, no ISO3 codes).
A viewer reads, never decides."""

import re

import pytest
from django.core.management import call_command

from kedja.core.audit import history
from kedja.reference.models import Country
from kedja.risk import actions, queries
from kedja.risk.data import RiskData
from kedja.risk.models import AnalysisVersion, IlabGoodListing, ItemReview, Stage

pytestmark = pytest.mark.django_db(transaction=True)

TEXTILE_GOODS = ("Garments", "Cotton", "Thread/Yarn", "Textiles")


@pytest.fixture
def big_workshop(personas, reference):
    """Laundry textiles with every producing country the open data names mapped on purpose, and
    Swedish laundries: Kedja proposes 60 items."""
    call_command("load_risk_data", verbosity=0)
    for row in IlabGoodListing.objects.filter(edition__is_current=True, good__in=TEXTILE_GOODS):
        Country.objects.get_or_create(
            iso3=row.iso3, defaults={"name_sv": row.country_name, "name_en": row.country_name}
        )
    analysis = actions.start_analysis(
        category=reference.textiles, period=reference.period, acting_user=personas.stina
    )
    for row in queries.other_producer_rows(analysis, RiskData.current()):
        actions.add_stage(
            analysis=analysis, stage=row["stage"], countries=[row["country"]], acting_user=personas.stina
        )
    actions.add_stage(
        analysis=analysis,
        stage="service_delivery",
        countries=[reference.countries["SWE"]],
        acting_user=personas.stina,
    )
    assert len(actions.propose_items(analysis=analysis, acting_user=personas.stina)) == 60
    return analysis


def test_sixty_proposals_triaged_in_bulk_then_approved_and_summarised(
    big_workshop, personas, browser, live_server, signed_in_page, axe
):
    analysis = big_workshop
    url = f"{live_server.url}/risk/analyses/{analysis.uuid}/"
    viewer = signed_in_page(personas.vera)
    viewer.goto(url)
    assert viewer.locator("#bulk-review input[type=checkbox]").count() == 0
    assert viewer.locator("#bulk-review button").count() == 0

    page = signed_in_page(personas.stina)
    steps = [
        lambda: page.goto(url),
        lambda: page.select_option("#filter-country", "PAK"),
        lambda: page.click("form.filters button[type=submit]"),
        lambda: page.check("#all-shown"),
        lambda: page.fill("#bulk-reason", "Inte inköpt från Pakistan"),
        lambda: page.click("#bulk-review button[value=reject]"),
        lambda: page.click("form.filters a"),
        lambda: page.check("#all-shown"),
        lambda: page.click("#bulk-review button[value=confirm]"),
    ]
    for step in steps:
        step()
    assert len(steps) < 10
    page.wait_for_selector("text=/56 förslag bekräftades/")
    reviews = {review: analysis.items.filter(review=review).count() for review in ItemReview.values}
    assert reviews == {"proposed": 0, "rejected": 4, "confirmed": 56}
    axe(page)

    # One confirmed item taken out again, with its reason kept in the history.
    item = analysis.items.filter(review=ItemReview.CONFIRMED, country__iso3="CHN").first()
    page.goto(f"{live_server.url}/risk/items/{item.uuid}/")
    page.fill("form.removal [name=reason]", "Samma risk som garnposten")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("form.removal button[type=submit]")
    page.wait_for_url(url)
    assert not analysis.items.filter(pk=item.pk).exists()
    assert history(analysis).filter(action="risk.item.removed").count() == 1

    page.once("dialog", lambda dialog: dialog.accept())
    page.click(f"form[action='/risk/analyses/{analysis.uuid}/approve/'] button")
    page.wait_for_selector("text=/Version 1/")
    assert AnalysisVersion.objects.get(analysis=analysis).snapshot["items"]

    codes = set(analysis.stages.values_list("countries__iso3", flat=True))

    # Approval is internal: the summary is previewed, then published.
    page.click("text=/Förhandsgranska och publicera version 1/")
    page.wait_for_url(f"{url}publish/")
    _named_without_keys(page.inner_text("main"), codes)
    assert AnalysisVersion.objects.get(analysis=analysis).published_at is None
    page.click(f"form[action='/risk/analyses/{analysis.uuid}/publish/'] button[type=submit]")
    page.wait_for_url(f"{url}summary/")
    assert AnalysisVersion.objects.get(analysis=analysis).published_at
    assert history(analysis).filter(action="risk.analysis.published").count() == 1

    anonymous = browser.new_context().new_page()
    anonymous.goto(f"{url}summary/")
    _named_without_keys(anonymous.inner_text("main"), codes)
    axe(anonymous)


def _named_without_keys(text: str, codes: set[str]) -> None:
    assert not codes & set(re.findall(r"\b[A-Z]{3}\b", text))
    assert not [key for key in Stage.values if key in text]
    assert "Bomull" in text and "Råvara" in text and "Tjänsteutförande" in text
