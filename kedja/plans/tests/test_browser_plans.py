"""The steering layer in real Chromium: a coordinator drafts a plan, regions propose follow-ups,
the secretariat consolidates and approves; axe checks every main page."""

import pytest
from playwright.sync_api import expect

from kedja.plans import actions
from kedja.plans.models import ActionPlan, PlanStatus, YearlyFollowUpPlan, YearPlanStatus

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_as(page, login_in_browser, user) -> None:
    page.context.clear_cookies()
    login_in_browser(page, user)


def test_coordinator_drafts_regions_propose_secretariat_consolidates(
    page, live_server, personas, division, login_in_browser, axe
):
    actions.open_year_plan(acting_user=personas.sara, year=2027)
    url = live_server.url

    # Stina, coordinator of area H, drafts the textiles plan.
    sign_in_as(page, login_in_browser, personas.stina)
    page.goto(f"{url}/plans/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nationell ansvarsfördelning")
    axe(page)
    page.goto(f"{url}/plans/action-plans/new/")
    axe(page)
    page.select_option("#id_category", label="Tvätt och textilier")
    page.click("main button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Handlingsplan för Tvätt och textilier")
    page.fill("#id_product-name", "Bomullstextilier")
    page.fill("#id_product-rationale", "Tvångsarbete i bomullsodlingen.")
    page.get_by_role("button", name="Lägg till produkt").click()
    expect(page.locator("main")).to_contain_text("Bomullstextilier")
    page.select_option("#id_activity-kind", "training")
    page.fill("#id_activity-title", "Utbildning för upphandlare")
    page.fill("#id_activity-year", "2025")
    page.select_option("#id_activity-quarter", "4")
    page.get_by_role("button", name="Planera aktivitet").click()
    expect(page.locator("main")).to_contain_text("Utbildning för upphandlare")
    axe(page)

    # Olle proposes a supplier for next year for Region Stockholm.
    sign_in_as(page, login_in_browser, personas.olle)
    page.goto(f"{url}/plans/follow-up-years/2027/")
    page.select_option("#id_proposal-supplier", label=personas.supplier_a.name)
    page.get_by_role("button", name="Föreslå", exact=True).click()
    expect(page.locator("main")).to_contain_text("Förslaget lades till")
    axe(page)
    actions.propose(
        acting_user=personas.stina,
        year_plan=YearlyFollowUpPlan.objects.get(year=2027),
        region=personas.skane,
        supplier=personas.supplier_a,
    )

    # Sara consolidates the duplicates, approves the national plan and the action plan.
    sign_in_as(page, login_in_browser, personas.sara)
    page.goto(f"{url}/plans/follow-up-years/2027/")
    page.get_by_role("button", name="Sammanställ förslagen").click()
    expect(page.locator("main")).to_contain_text("Förslagen sammanställdes")
    page.get_by_role("button", name="Fastställ den nationella planen").click()
    expect(page.locator("main")).to_contain_text("fastställdes")
    axe(page)
    page.goto(f"{url}/plans/action-plans/")
    page.get_by_role("link", name="Tvätt och textilier").click()
    page.get_by_role("button", name="Fastställ planen").click()
    expect(page.locator("main")).to_contain_text("Planen fastställdes")
    axe(page)
    page.goto(f"{url}/reports/?year=2025")
    axe(page)

    year_plan = YearlyFollowUpPlan.objects.get(year=2027)
    assert year_plan.status == YearPlanStatus.APPROVED and year_plan.entries.count() == 1
    assert list(year_plan.entries.get().participating_regions.all()) == [personas.skane]
    assert ActionPlan.objects.get(category=division.textiles).status == PlanStatus.APPROVED
