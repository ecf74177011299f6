"""Two personas sign in through the real form and each finds on the start page the item that needs
them, linking to where it is handled; the notification settings page passes axe."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kedja.followup.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_personas_see_their_inbox_items(personas, step2_case, live_server, signed_in_page, axe):
    base = live_server.url
    factories.corrective_action(
        personas,
        factories.deviation(personas, step2_case),
        description="Repay recruitment fees",
        deadline=timezone.localdate() + timedelta(days=5),
    )

    lev = signed_in_page(personas.lev)
    lev.goto(f"{base}/")
    actions = lev.locator("[data-inbox=actions]")
    assert "Repay recruitment fees" in actions.inner_text()
    axe(lev)
    actions.get_by_role("link").first.click()
    lev.wait_for_url(f"{base}{reverse('followup:portal_case', args=[step2_case.uuid])}")

    sara = signed_in_page(personas.sara)
    factories.deviation(personas, step2_case, title="Debt bondage", zero_tolerance=True)
    sara.goto(f"{base}/")
    assert "Debt bondage" in sara.locator("[data-inbox=zero_tolerance]").inner_text()
    assert "Repay recruitment fees" not in sara.locator("#inbox-title").inner_text()

    sara.goto(f"{base}{reverse('notifications:preferences')}")
    axe(sara)
    sara.check("input[value=digest]")
    sara.locator("main form button[type=submit]").click()
    sara.wait_for_load_state()
    personas.sara.refresh_from_db()
    assert personas.sara.notification_preference.delivery == "digest"
