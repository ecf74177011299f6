"""In a real browser: the supplier proposes the corrective action plan of a deviation, the
strategist asks for a change, the supplier revises it, and both see the whole history."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kedja.followup.models import PlanStatus

from . import factories
from .conftest import post_in_browser, submit_in_browser

pytestmark = pytest.mark.django_db(transaction=True)


def fill_plan_row(page, row: int, description: str, deadline: str, evidence: str) -> None:
    """Row `row` of the plan form: the action, the plant manager as owner, its deadline and evidence."""
    page.fill(f"#id_description_{row}", description)
    page.fill(f"#id_owner_{row}", "Plant manager")
    page.fill(f"#id_deadline_{row}", deadline)
    page.fill(f"#id_evidence_{row}", evidence)


def test_supplier_proposes_strategist_asks_for_change_supplier_revises(
    personas, step2_case, live_server, signed_in_page, axe
):
    finding = factories.deviation(
        personas, step2_case, title="Passports held", supplier_involvement="contribute"
    )
    base, deadline = live_server.url, (timezone.localdate() + timedelta(days=30)).isoformat()

    lev = signed_in_page(personas.lev)
    lev.goto(f"{base}/followup/portal/cases/{step2_case.uuid}/")
    lev.click(f"a[href='/followup/portal/findings/{finding.uuid}/plan/']")
    lev.fill("#id_root_cause", "No rule on passports in the agency contract")
    fill_plan_row(lev, 0, "Return every passport", deadline, "Signed list of returned passports")
    submit_in_browser(lev)
    assert finding.plan_proposals.get().status == PlanStatus.PROPOSED

    stina = signed_in_page(personas.stina)
    stina.goto(f"{base}/followup/findings/{finding.uuid}/")
    axe(stina)
    stina.select_option("#rev_decision", "changes")
    stina.fill("#rev_comment", "Add a locker for every worker.")
    post_in_browser(stina, "/review/")
    assert finding.plan_proposals.get().status == PlanStatus.CHANGES_REQUESTED

    lev.goto(f"{base}/followup/portal/findings/{finding.uuid}/plan/")
    assert "Add a locker for every worker." in lev.locator(".plan-history").inner_text()
    assert lev.input_value("#id_description_0") == "Return every passport"  # the revision starts from v1
    fill_plan_row(lev, 1, "Install a locker for every worker", deadline, "Photos of the lockers")
    submit_in_browser(lev)
    axe(lev)
    assert lev.locator(".plan-history article").count() == 2
    assert "Add a locker for every worker." in lev.locator(".plan-history").inner_text()

    stina.goto(f"{base}/followup/findings/{finding.uuid}/")
    history = stina.locator(".plan-history").inner_text()
    assert stina.locator(".plan-history article").count() == 2
    assert "Install a locker for every worker" in history and "Add a locker for every worker." in history
