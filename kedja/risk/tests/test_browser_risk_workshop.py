"""A workshop in the browser: two people edit one analysis, the coordinator approves, the frozen
version no longer changes; axe checks the main risk pages."""

import pytest
from django.core.management import call_command

from kedja.followup.models import FollowUpCase
from kedja.risk.models import AnalysisVersion, RiskItem

from . import builders

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def workshop(personas, reference):
    call_command("load_risk_data", verbosity=0)
    analysis = builders.textiles_analysis(personas, reference)
    stage = builders.stage(analysis, personas.stina, countries=[reference.countries["IND"]])
    wages = builders.item(reference, stage, personas.stina)
    hours = builders.item(reference, stage, personas.stina, issue="working_hours", iso3="CHN")
    return analysis, wages, hours


def edit_item(page, item, **selects):
    page.click(f"#item-{item.uuid} a[hx-get]")
    page.wait_for_selector("#item-form form")
    for name, value in selects.items():
        page.select_option(f"#item-form [name={name}]", value)
    page.click("#item-form button[type=submit]")
    page.wait_for_selector("#item-form .message.success")


def test_two_people_edit_coordinator_approves_version_frozen(
    workshop, personas, live_server, signed_in_page, axe
):
    analysis, wages, hours = workshop
    url = f"{live_server.url}/risk/analyses/{analysis.uuid}/"
    stina_page = signed_in_page(personas.stina)
    sara_page = signed_in_page(personas.sara)
    stina_page.goto(url)
    sara_page.goto(url)
    axe(stina_page)

    edit_item(stina_page, wages, status="actual")
    edit_item(sara_page, hours, scope_band="5")
    wages.refresh_from_db()
    hours.refresh_from_db()
    assert wages.status == "actual" and wages.likelihood == 5
    assert hours.scope_band == 5
    # Sara's register shows Stina's change after a reload: both worked on the same analysis.
    sara_page.goto(url)
    assert "Faktisk" in sara_page.inner_text("#register") or "Actual" in sara_page.inner_text("#register")

    stina_page.goto(url)
    stina_page.once("dialog", lambda dialog: dialog.accept())
    stina_page.click(f"form[action='/risk/analyses/{analysis.uuid}/approve/'] button")
    stina_page.wait_for_selector("text=/Version 1/")
    version = AnalysisVersion.objects.get(analysis=analysis)
    frozen = version.snapshot

    # After approval nobody edits: the edit links are gone and a direct post is refused.
    sara_page.goto(url)
    assert sara_page.locator(f"#item-{hours.uuid} a[hx-get]").count() == 0
    response = sara_page.request.get(f"{live_server.url}/risk/items/{hours.uuid}/")
    assert response.status == 200  # the form renders, but saving is refused
    sara_page.goto(f"{live_server.url}/risk/items/{hours.uuid}/")
    sara_page.select_option("#item-form [name=scope_band]", "1")
    sara_page.click("#item-form button[type=submit]")
    hours.refresh_from_db()
    assert hours.scope_band == 5
    version.refresh_from_db()
    assert version.snapshot == frozen

    stina_page.goto(f"{live_server.url}/risk/analyses/{analysis.uuid}/versions/1/")
    axe(stina_page)
    stina_page.goto(f"{live_server.url}/risk/analyses/{analysis.uuid}/summary/")
    axe(stina_page)


def test_axe_on_lists_data_pages_and_spend(personas, reference, live_server, signed_in_page, axe, workshop):
    page = signed_in_page(personas.vera)
    for path in (
        "/risk/",
        "/risk/countries/",
        "/risk/countries/MYS/",
        "/risk/goods/rubber-gloves/",
        "/risk/spend/",
        "/risk/datasets/",
    ):
        page.goto(f"{live_server.url}{path}")
        axe(page)
    assert RiskItem.objects.count() == 2


def test_sara_starts_follow_up_cases_from_the_list(contracts, personas, live_server, signed_in_page, axe):
    page = signed_in_page(personas.sara)
    page.goto(f"{live_server.url}/risk/follow-up/?category=gloves")
    axe(page)
    page.check(f"#supplier-{personas.supplier_a.uuid}")
    page.check(f"#supplier-{personas.supplier_b.uuid}")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector(".messages")
    assert "2 uppföljningsärenden startades" in page.inner_text(".messages")
    axe(page)
    assert FollowUpCase.objects.filter(lead_organisation=personas.secretariat).count() == 2
