"""The public intake: anonymous reports, receipt code and secret, the reporter's return visits,
languages, and abuse protection that tracks nobody."""

import io
import logging

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from kedja.core.models import AuditEntry
from kedja.core.testing import every_text_in_the_database
from kedja.grievance import actions, crypto
from kedja.grievance.models import Attachment, Grievance, IntakeCounter, Message

from .conftest import gps_of, jpeg_with_gps

IP = "203.0.113.77"


def _client() -> Client:
    return Client(REMOTE_ADDR=IP)


def _token(client: Client, url: str) -> str:
    response = client.get(url)
    return response.context["form"]["form_token"].value()


def _file_report(client: Client, lang: str = "en", **extra):
    url = reverse("grievance:report", kwargs={"lang": lang})
    data = {
        "form_token": _token(client, url),
        "issue": "wages",
        "description": "We have not been paid for three months.",
        "site_name": "Riverside Garments",
        **extra,
    }
    return client.post(url, data)


def _receipt(client: Client, lang: str = "en") -> tuple[str, str]:
    response = client.get(reverse("grievance:receipt", kwargs={"lang": lang}))
    return response.context["code"], response.context["secret"]


def _open(client: Client, code: str, secret: str, lang: str = "en"):
    url = reverse("grievance:follow", kwargs={"lang": lang})
    return client.post(url, {"form_token": _token(client, url), "code": code, "secret": secret})


def test_anonymous_report_gives_receipt_code_and_secret_once(db):
    client = _client()
    response = _file_report(client)
    assert response.status_code == 302
    code, secret = _receipt(client)
    grievance = Grievance.objects.get()
    assert grievance.receipt_code == code and grievance.issue == "wages" and grievance.language == "en"
    assert secret.replace("-", "") not in grievance.secret_hash
    # Shown once: the second visit sends the reporter to the follow page instead.
    again = client.get(reverse("grievance:receipt", kwargs={"lang": "en"}))
    assert again.status_code == 302 and "/follow/" in again["Location"]


def test_reporter_returns_reads_reply_and_adds_information(personas, report):
    grievance, secret = report
    actions.reply(acting_user=personas.sara, grievance=grievance, text="We are looking into it.")
    client = _client()
    assert _open(client, grievance.receipt_code, secret).status_code == 302
    page = client.get(reverse("grievance:reporter_view", kwargs={"lang": "en"}))
    assert "We are looking into it." in page.content.decode()
    url = reverse("grievance:reporter_view", kwargs={"lang": "en"})
    response = client.post(url, {"form_token": _token(client, url), "text": "It also happened in May."})
    assert response.status_code == 302
    assert grievance.messages.filter(author_kind="reporter", text="It also happened in May.").exists()


def test_wrong_secret_and_unknown_code_get_the_same_answer_and_nothing_else(report):
    grievance, secret = report
    wrong = _open(_client(), grievance.receipt_code, "aaaa-bbbb-cccc-dddd")
    unknown = _open(_client(), "ZZZZZZZZZZ", secret)
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    for response in (wrong, unknown):
        assert "passports" not in response.content.decode()
    client = _client()
    _open(client, grievance.receipt_code, "wrong")
    assert client.get(reverse("grievance:reporter_view", kwargs={"lang": "en"})).status_code == 302


def test_code_and_secret_are_accepted_in_lower_case_and_without_dashes(report):
    grievance, secret = report
    response = _open(_client(), grievance.receipt_code.lower(), secret.replace("-", "").upper())
    assert response.status_code == 302


def test_closed_report_takes_no_more_information(personas, report):
    grievance, _secret = report
    actions.close(acting_user=personas.sara, grievance=grievance, reason="Remedied: wages paid.")
    with pytest.raises(ValidationError):
        actions.add_reporter_information(grievance=grievance, text="more")
    assert not Message.objects.exists()


def test_photo_is_stored_without_gps(db):
    client = _client()
    photo = SimpleUploadedFile("IMG_2041.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert _file_report(client, attachment=photo).status_code == 302
    stored = Attachment.objects.get()
    data = stored.file.read()
    assert gps_of(data) == {}
    assert "IMG_2041" not in stored.file.name


def test_wrong_file_type_and_oversized_file_are_refused_and_nothing_is_stored(db, settings):
    settings.KEDJA_GRIEVANCE_UPLOAD_MAX_BYTES = 1000
    client = _client()
    exe = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"x" * 100)
    response = _file_report(client, attachment=exe)
    assert response.status_code == 200 and response.context["form"].errors["attachment"]
    big = SimpleUploadedFile("big.jpg", jpeg_with_gps() + b"\x00" * 2000)
    response = _file_report(client, attachment=big)
    assert "too large" in str(response.context["form"].errors["attachment"])
    assert not Grievance.objects.exists() and not Attachment.objects.exists()


def test_contact_details_are_encrypted_at_rest(report):
    grievance, _secret = report
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_encrypted FROM grievance_grievance")
        (stored,) = cursor.fetchone()
    assert "worker@example.org" not in stored and "345 6789" not in stored
    assert crypto.decrypt(stored) == "worker@example.org, +60 12 345 6789"


def test_no_contact_details_store_nothing(db):
    grievance, _ = actions.submit_report(language="sv", issue="other", description="x")
    assert grievance.contact_encrypted == ""


def test_no_ip_address_in_the_database_or_logs(personas, caplog):
    caplog.set_level(logging.DEBUG)
    client = _client()
    photo = SimpleUploadedFile("p.jpg", jpeg_with_gps(), content_type="image/jpeg")
    _file_report(client, attachment=photo, contact="call me")
    code, secret = _receipt(client)
    _open(client, code, "wrong-secret")
    _open(client, code, secret)
    url = reverse("grievance:reporter_view", kwargs={"lang": "en"})
    client.post(url, {"form_token": _token(client, url), "text": "More."})
    client.get(reverse("grievance:report", kwargs={"lang": "xx"}))  # a 404 is logged too
    assert Grievance.objects.count() == 1 and IntakeCounter.objects.exists()
    assert IP not in every_text_in_the_database()
    assert IP not in caplog.text
    assert all(entry.actor_id is None for entry in AuditEntry.objects.filter(action__startswith="grievance."))


@override_settings(KEDJA_GRIEVANCE_RATE_LIMITS={"report": 2, "message": 2, "lookup": 3})
def test_rate_limit_stops_the_third_report_and_stores_nothing(db):
    client = _client()
    assert _file_report(client).status_code == 302
    assert _file_report(client).status_code == 302
    third = _file_report(client)
    assert third.status_code == 429
    assert Grievance.objects.count() == 2
    # Another address is not affected.
    assert _file_report(Client(REMOTE_ADDR="198.51.100.9")).status_code == 302


@override_settings(KEDJA_GRIEVANCE_RATE_LIMITS={"report": 5, "message": 5, "lookup": 3})
def test_rate_limit_stops_guessing_secrets(report):
    grievance, secret = report
    client = _client()
    for _ in range(3):
        assert _open(client, grievance.receipt_code, "guess").status_code == 200
    assert _open(client, grievance.receipt_code, secret).status_code == 429


def test_counter_keeps_only_a_short_hash_for_the_window(db):
    _file_report(_client())
    counter = IntakeCounter.objects.get()
    assert len(counter.key) == 16 and IP not in counter.key


@override_settings(KEDJA_GRIEVANCE_FORM_MIN_SECONDS=3)
def test_form_sent_at_once_or_with_a_forged_token_is_refused(db):
    client = _client()
    response = _file_report(client)  # sent within the same second it was shown
    assert response.status_code == 200 and response.context["form"].errors["form_token"]
    url = reverse("grievance:report", kwargs={"lang": "en"})
    forged = client.post(url, {"form_token": "abc:def", "issue": "other", "description": "x"})
    assert forged.status_code == 200
    assert not Grievance.objects.exists()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_intake_pages_in_both_languages(db, lang):
    client = _client()
    for name in ("report", "follow"):
        response = client.get(reverse(f"grievance:{name}", kwargs={"lang": lang}))
        assert response.status_code == 200
        assert f'<html lang="{lang}" dir="ltr">' in response.content.decode()
    heading = {"sv": "Rapportera ett missförhållande", "en": "Report a concern"}[lang]
    assert heading in client.get(reverse("grievance:report", kwargs={"lang": lang})).content.decode()


def test_untranslated_language_is_not_offered(db):
    assert _client().get(reverse("grievance:report", kwargs={"lang": "ur"})).status_code == 404
    assert _client().get(reverse("grievance:report", kwargs={"lang": "xx"})).status_code == 404


def test_right_to_left_language_gets_rtl_once_translated(db, monkeypatch):
    monkeypatch.setattr("kedja.grievance.languages._has_catalogue", lambda code: code == "ur")
    response = _client().get(reverse("grievance:report", kwargs={"lang": "ur"}))
    assert '<html lang="ur" dir="rtl">' in response.content.decode()
    english = _client().get(reverse("grievance:report", kwargs={"lang": "en"})).content.decode()
    assert 'hreflang="ur" dir="rtl"' in english


def test_start_page_redirects_to_the_chosen_language(db):
    assert _client().get("/grievance/")["Location"].endswith("/grievance/sv/")


def test_submit_report_needs_a_description(db):
    with pytest.raises(ValidationError):
        actions.submit_report(language="en", issue="other", description="  ")
    assert not Grievance.objects.exists()


def test_pdf_attachment_is_kept_without_properties(db):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.add_metadata({"/Author": "Named Reporter"})
    out = io.BytesIO()
    writer.write(out)
    grievance, _ = actions.submit_report(
        language="en", issue="other", description="See file.", files=[(out.getvalue(), "pdf")]
    )
    assert b"Named Reporter" not in grievance.attachments.get().file.read()


@override_settings(KEDJA_GRIEVANCE_RATE_LIMITS={"report": 1, "message": 1, "lookup": 1}, KEDJA_PROXY_HOPS=1)
def test_behind_a_proxy_each_reporter_has_their_own_limit_and_no_address_is_kept(db):
    def behind_proxy(address: str) -> Client:
        return Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.4, {address}")

    assert _file_report(behind_proxy(IP)).status_code == 302
    assert _file_report(behind_proxy("198.51.100.9")).status_code == 302
    assert _file_report(behind_proxy(IP)).status_code == 429
    assert IP not in every_text_in_the_database() and "198.51.100.9" not in every_text_in_the_database()


def test_the_reporters_session_ends_when_the_browser_closes(report):
    grievance, secret = report
    client = _client()
    _open(client, grievance.receipt_code, secret)
    assert client.session.get_expire_at_browser_close()
