"""Published summaries in Swedish and English and as a PDF; who may publish, edit and withdraw."""

import pypdfium2 as pdfium
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from kedja.followup import actions
from kedja.followup.models import SummaryStatus

from . import factories

SV = "Uppföljningen avslutades utan avvikelser."
EN = "The follow-up was closed without deviations."


@pytest.fixture
def summary(personas, step3_case):
    """A closed step-3 case audited at a confidential site, summarised by Stina (not yet public)."""
    factories.site_audit(personas, step3_case, site_name="SECRET-FACTORY Sdn Bhd")
    actions.close_case(acting_user=personas.stina, case=step3_case)
    return actions.prepare_summary(acting_user=personas.stina, case=step3_case, text_sv=SV)


@pytest.fixture
def published(personas, summary):
    actions.edit_summary_texts(acting_user=personas.sara, summary=summary, text_sv=SV, text_en=EN)
    return actions.publish_summary(acting_user=personas.sara, summary=summary)


def _pdf_text(content: bytes) -> str:
    pdf = pdfium.PdfDocument(content)
    return " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_publishing_needs_both_languages(personas, summary):
    with pytest.raises(ValidationError):
        actions.publish_summary(acting_user=personas.sara, summary=summary)
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.DRAFT


def test_only_the_secretariat_edits_texts_publishes_and_withdraws(personas, summary):
    for user in (personas.stina, personas.olle, personas.lev):
        with pytest.raises(PermissionDenied):
            actions.edit_summary_texts(acting_user=user, summary=summary, text_sv="x", text_en="y")
    actions.edit_summary_texts(acting_user=personas.sara, summary=summary, text_sv=SV, text_en=EN)
    with pytest.raises(PermissionDenied):
        actions.publish_summary(acting_user=personas.stina, summary=summary)
    actions.publish_summary(acting_user=personas.sara, summary=summary)
    with pytest.raises(PermissionDenied):
        actions.withdraw_summary(acting_user=personas.stina, summary=summary, reason="No")
    with pytest.raises(ValidationError):
        actions.withdraw_summary(acting_user=personas.sara, summary=summary, reason=" ")
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.PUBLISHED and summary.text_en == EN


def test_public_page_follows_the_language_switch(published, client_for):
    client = client_for(None)
    assert SV in client.get(f"/followup/public/{published.uuid}/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(f"/followup/public/{published.uuid}/").content.decode()
    assert EN in body and SV not in body


def test_pdf_is_public_and_never_holds_a_confidential_site(personas, published, client_for):
    response = client_for(None).get(f"/followup/public/{published.uuid}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert personas.supplier_a.name in text and "Malaysia" in text and SV in text
    assert "SECRET-FACTORY" not in text and "Lot 7" not in text
    english = client_for(None)
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert EN in _pdf_text(english.get(f"/followup/public/{published.uuid}/pdf/").content)


def test_pdf_of_drafts_and_withdrawn_summaries_is_refused(personas, summary, client_for):
    anonymous = client_for(None)
    assert anonymous.get(f"/followup/public/{summary.uuid}/pdf/").status_code == 404
    actions.edit_summary_texts(acting_user=personas.sara, summary=summary, text_sv=SV, text_en=EN)
    actions.publish_summary(acting_user=personas.sara, summary=summary)
    assert anonymous.get(f"/followup/public/{summary.uuid}/pdf/").status_code == 200
    actions.withdraw_summary(acting_user=personas.sara, summary=summary, reason="Legal review")
    assert anonymous.get(f"/followup/public/{summary.uuid}/pdf/").status_code == 404
    assert anonymous.get(f"/followup/public/{summary.uuid}/").status_code == 404


def test_withdraw_page_is_for_the_secretariat(personas, published, client_for):
    url = f"/followup/summaries/{published.uuid}/withdraw/"
    for user in (personas.stina, personas.lev, personas.lisa):
        client_for(user).post(url, {"reason": "Try"})
    published.refresh_from_db()
    assert published.status == SummaryStatus.PUBLISHED
    page = client_for(personas.sara).get(f"/followup/cases/{published.case.uuid}/summary/")
    assert url in page.content.decode()
    client_for(personas.sara).post(url, {"reason": "Legal review of the text"})
    published.refresh_from_db()
    assert published.status == SummaryStatus.WITHDRAWN


def test_secretariat_edits_the_texts_on_the_summary_page(personas, summary, client_for):
    client_for(personas.sara).post(
        f"/followup/cases/{summary.case.uuid}/summary/", {"text_sv": SV, "text_en": EN}
    )
    summary.refresh_from_db()
    assert summary.text_en == EN
    client_for(personas.stina).post(
        f"/followup/cases/{summary.case.uuid}/summary/", {"text_sv": "Ändrat", "text_en": "Changed"}
    )
    summary.refresh_from_db()
    assert summary.text_sv == SV


def test_publish_page_refuses_non_secretariat(personas, summary, client_for):
    actions.edit_summary_texts(acting_user=personas.sara, summary=summary, text_sv=SV, text_en=EN)
    for user in (personas.stina, personas.vera, personas.lev):
        client_for(user).post(f"/followup/summaries/{summary.uuid}/publish/")
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.DRAFT
