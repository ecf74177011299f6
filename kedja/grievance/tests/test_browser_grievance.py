"""The grievance channel in a real browser: an anonymous reporter on a phone, with JavaScript
off, files a report with a photo; the handler links it to the known site, opens a follow-up case
and replies; the reporter comes back with code and secret and reads the reply; a wrong secret
gets nothing. axe checks every public page in Swedish and English."""

import pytest

from kedja.followup.models import FollowUpCase
from kedja.followup.tests import factories
from kedja.grievance.models import Attachment, Grievance
from kedja.reference.testing import load_test_reference

from .conftest import gps_of, jpeg_with_gps

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def _phone(browser, *, javascript: bool = False):
    return browser.new_context(**PHONE, java_script_enabled=javascript).new_page()


def _file_report(page, base: str, photo_path) -> tuple[str, str]:
    page.goto(f"{base}/grievance/en/")
    page.select_option("#id_issue", "forced_labour")
    page.fill("#id_description", "The employer keeps our passports.")
    page.select_option("#id_country", label="Malaysia")
    page.fill("#id_site_name", "Glove Factory")
    page.fill("#id_place", "Klang")
    page.set_input_files("#id_attachment", str(photo_path))
    page.click("main button[type=submit]")
    page.wait_for_url("**/grievance/en/receipt/")
    return page.inner_text("#receipt-code"), page.inner_text("#receipt-secret")


def _open_report(page, base: str, code: str, secret: str) -> None:
    page.goto(f"{base}/grievance/en/follow/")
    page.fill("#id_code", code)
    page.fill("#id_secret", secret)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def test_reporter_on_a_phone_and_handler_complete_a_dialogue(
    personas, live_server, browser, signed_in_page, tmp_path
):
    load_test_reference()
    contract = factories.contract(personas.supplier_a, [personas.skane])
    site = factories.site(personas.supplier_a, name="Glove Factory Sdn Bhd", confidential=True)
    site.contracts.add(contract)
    base = live_server.url
    photo = tmp_path / "IMG_0412.jpg"
    photo.write_bytes(jpeg_with_gps())
    assert gps_of(photo.read_bytes()), "the photo carries GPS data before upload"

    reporter = _phone(browser)
    code, secret = _file_report(reporter, base, photo)
    assert len(code) == 10 and len(secret) == 19
    stored = Attachment.objects.get()
    assert gps_of(stored.file.read()) == {}, "GPS data is gone after upload"
    grievance = Grievance.objects.get(receipt_code=code)

    handler = signed_in_page(personas.sara)
    handler.goto(f"{base}/grievance/handle/")
    handler.click(f"text={code}")
    assert "Glove Factory Sdn Bhd" in handler.inner_text("#matched-sites")
    handler.select_option("#id_link-sites", [str(site.uuid)])
    handler.click("form[action$='/do/link/'] button[type=submit]")
    handler.wait_for_load_state()
    assert grievance.sites.filter(pk=site.pk).exists()
    handler.select_option("#id_open_case-supplier", label=personas.supplier_a.name)
    handler.select_option("#id_open_case-lead", label=personas.secretariat.name)
    handler.click("form[action$='/do/open_case/'] button[type=submit]")
    handler.wait_for_load_state()
    case = FollowUpCase.objects.get(supplier=personas.supplier_a)
    assert list(case.contracts.all()) == [contract]
    handler.fill("#id_reply-text", "We have opened a follow-up of the supplier without naming you.")
    handler.click("form[action$='/do/reply/'] button[type=submit]")
    handler.wait_for_load_state()
    assert "We have opened a follow-up" in handler.inner_text("main")

    returning = _phone(browser)
    _open_report(returning, base, code.lower(), secret)
    assert "/follow/report/" in returning.url
    text = returning.inner_text("main")
    assert "We have opened a follow-up of the supplier without naming you." in text
    assert "A follow-up case was opened" in text

    stranger = _phone(browser)
    _open_report(stranger, base, code, "aaaa-bbbb-cccc-dddd")
    assert "/follow/report/" not in stranger.url
    wrong = stranger.inner_text("main")
    assert "do not match" in wrong and "passports" not in wrong and "We have opened" not in wrong
    stranger.goto(f"{base}/grievance/en/follow/report/")
    assert stranger.url.endswith("/grievance/en/follow/")
    _open_report(stranger, base, "ZZZZZZZZZZ", secret)
    assert stranger.inner_text("main").count("do not match") == 1


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_public_page_passes_axe(personas, live_server, browser, axe, tmp_path, lang):
    load_test_reference()
    base = live_server.url
    page = _phone(browser, javascript=True)
    for path in ("", "follow/"):
        page.goto(f"{base}/grievance/{lang}/{path}")
        axe(page)
    page.goto(f"{base}/grievance/{lang}/")
    page.fill("#id_description", "Unsafe machines.")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/grievance/{lang}/receipt/")
    axe(page)
    code, secret = page.inner_text("#receipt-code"), page.inner_text("#receipt-secret")
    page.goto(f"{base}/grievance/{lang}/follow/")
    page.fill("#id_code", code)
    page.fill("#id_secret", "wrong")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    axe(page)  # the refusal
    page.fill("#id_code", code)
    page.fill("#id_secret", secret)
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/grievance/{lang}/follow/report/")
    axe(page)
    page.fill("#id_text", "More details.")
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_load_state()
    axe(page)  # with the confirmation message
    # A form with errors (nothing described).
    page.goto(f"{base}/grievance/{lang}/")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    axe(page)
