"""A whole workshop in real Chromium: a facilitator and three participants on phone-sized screens."""

import pytest
from playwright.sync_api import expect

from kedja.training.models import Participant
from kedja.training.tests.conftest import small_case

PHONE = {"width": 390, "height": 844}
WAIT = 10_000  # ms; polling runs every two seconds


def _votes(page, position: int):
    return page.locator(f"#live li[data-option='{position}'] .votes")


def _join(browser, url: str, code: str, name: str, axe=None):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{url}/training/join/")
    if axe:
        axe(page)
    page.fill("#id_code", code.lower())
    page.fill("#id_display_name", name)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/training/play/**")
    return page


def _answer(page, *indexes: int, justification: str = ""):
    expect(page.locator("fieldset.answer-options")).to_be_visible(timeout=WAIT)
    for index in indexes:
        page.locator("fieldset.answer-options input").nth(index).check()
    if justification:
        page.fill("textarea[name=justification]", justification)
    page.click("form[action$='/answer/'] button[type=submit]")
    expect(page.locator("#play [role=status]")).to_be_visible(timeout=WAIT)


def _step(page, step: str):
    page.click(f"form[action$='/do/{step}/'] button")
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_facilitator_and_three_participants_run_a_whole_session(
    personas, browser, live_server, signed_in_page, axe
):
    case = small_case(personas.sara)
    facilitator = signed_in_page(personas.olle)
    facilitator.on("dialog", lambda dialog: dialog.accept())
    facilitator.goto(f"{live_server.url}/training/cases/{case.uuid}/")
    facilitator.click("form[action$='/workshop/'] button")
    facilitator.wait_for_url("**/training/sessions/**")
    code = facilitator.locator(".join-code").inner_text().strip()
    assert len(code) == 6
    axe(facilitator)

    phones = [
        _join(browser, live_server.url, code, "Anna", axe=axe),
        _join(browser, live_server.url, code, "Bo"),
        _join(browser, live_server.url, code, "Cilla"),
    ]
    expect(facilitator.locator("#participant-count")).to_contain_text("3", timeout=WAIT)

    _step(facilitator, "advance")
    facilitator.evaluate("window.kedjaNoReload = true")
    expect(_votes(facilitator, 3)).to_have_attribute("data-votes", "0")
    axe(phones[0])  # the participant question page on a phone, reached by polling

    _answer(phones[0], 2)
    expect(_votes(facilitator, 3)).to_have_attribute("data-votes", "1", timeout=WAIT)
    _answer(phones[1], 2)
    expect(_votes(facilitator, 3)).to_have_attribute("data-votes", "2", timeout=WAIT)
    _answer(phones[2], 0)
    expect(_votes(facilitator, 1)).to_have_attribute("data-votes", "1", timeout=WAIT)
    expect(facilitator.locator("#answer-count")).to_contain_text("3", timeout=WAIT)
    assert facilitator.evaluate("window.kedjaNoReload") is True, "the spread must update without a reload"
    # Before the reveal a participant sees only their own answer, never the spread.
    assert phones[2].locator(".spread").count() == 0

    _step(facilitator, "reveal")
    expect(facilitator.locator("#why-heading")).to_be_visible()
    for phone in phones:
        expect(phone.locator("#expert-heading")).to_be_visible(timeout=WAIT)
    expect(phones[2].locator(".spread")).to_contain_text("2")

    _step(facilitator, "advance")
    _answer(phones[0], 0, 2, justification="Återbetalning och gemensam uppföljning")
    _answer(phones[1], 1)
    expect(_votes(facilitator, 1)).to_have_attribute("data-votes", "1", timeout=WAIT)
    _step(facilitator, "close")
    expect(phones[2].locator("fieldset.answer-options")).to_have_count(0, timeout=WAIT)
    _step(facilitator, "reveal")
    axe(facilitator)

    _step(facilitator, "end")
    facilitator.wait_for_url("**/summary/")
    expect(facilitator.locator("main")).to_contain_text("Återbetalning och gemensam uppföljning")
    expect(facilitator.locator("main")).not_to_contain_text("Anna")
    expect(phones[0].locator("#play h2")).to_be_visible(timeout=WAIT)
    assert not Participant.objects.exclude(display_name="").exists()
