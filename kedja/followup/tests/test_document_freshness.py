"""§4.5 freshness of the supplier's governing documents: judged by valid-until and by the date
issued (more than 12 months ago: due for revision; more than 24: out of date), flagged to the
supplier by e-mail once and to the case teams relying on them (case page, answer view, timeline)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kedja.core.dates import add_months
from kedja.followup import actions, answer_queries, tasks
from kedja.suppliers.models import DocumentKind, Freshness, freshness_on

from .conftest import answer_everything

TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("kind", "issued", "valid_until", "expected"),
    [
        (DocumentKind.POLICY, add_months(TODAY, -24), None, Freshness.REVISION_DUE),
        (DocumentKind.POLICY, add_months(TODAY, -24) - timedelta(days=1), None, Freshness.OUT_OF_DATE),
        (DocumentKind.CODE, add_months(TODAY, -12), None, Freshness.CURRENT),
        (
            DocumentKind.RISK_ANALYSIS,
            add_months(TODAY, -12) - timedelta(days=1),
            None,
            Freshness.REVISION_DUE,
        ),
        (DocumentKind.POLICY, add_months(TODAY, -3), TODAY - timedelta(days=1), Freshness.EXPIRED),
        (DocumentKind.POLICY, add_months(TODAY, -3), TODAY, Freshness.CURRENT),
        (DocumentKind.CERTIFICATE, add_months(TODAY, -30), TODAY + timedelta(days=90), Freshness.CURRENT),
        (DocumentKind.POLICY, None, None, Freshness.CURRENT),
    ],
    ids=[
        "issued-exactly-24-months-ago-is-due-not-out-of-date",
        "issued-24-months-and-a-day-ago-is-out-of-date",
        "issued-exactly-12-months-ago-is-current",
        "issued-12-months-and-a-day-ago-is-due",
        "expired-yesterday",
        "valid-until-today-is-current",
        "a-certificate-is-judged-by-valid-until-only",
        "no-date-issued",
    ],
)
def test_freshness_boundaries(kind, issued, valid_until, expected):
    assert freshness_on(kind, issued, valid_until, TODAY) == expected


def test_the_limits_are_settings(settings):
    settings.KEDJA_DOCUMENT_REVISION_DUE_MONTHS, settings.KEDJA_DOCUMENT_OUT_OF_DATE_MONTHS = 6, 18
    assert freshness_on(DocumentKind.POLICY, add_months(TODAY, -7), None, TODAY) == Freshness.REVISION_DUE
    assert freshness_on(DocumentKind.POLICY, add_months(TODAY, -19), None, TODAY) == Freshness.OUT_OF_DATE


@pytest.fixture
def old_policy(personas, sent_case):
    """Leverantör A's code of conduct for suppliers, issued 25 months ago, linked from its answer."""
    answer_everything(sent_case, personas.lev)
    sheet = sent_case.self_assessment
    question = next(q for q in answer_queries.visible_questions(sheet) if q.qtype == "document")
    document = actions.upload_answer_document(
        acting_user=personas.lev,
        sheet=sheet,
        question=question,
        uploaded=SimpleUploadedFile("uppförandekod.pdf", b"%PDF-1.4 kod", content_type="application/pdf"),
        title="Uppförandekod för leverantörer – Åland & Öresund",
        kind=DocumentKind.CODE,
        issued_on=add_months(TODAY, -25),
    )
    mail.outbox.clear()
    return document


def test_an_out_of_date_document_is_told_to_supplier_and_team_once(personas, sent_case, old_policy):
    assert tasks.send_expiry_notices.call() == 2
    to_supplier = next(m for m in mail.outbox if personas.lev.email in m.to)
    to_team = next(m for m in mail.outbox if personas.stina.email in m.to)
    assert "Uppförandekod" in to_supplier.subject and "två år" in to_supplier.body
    assert personas.supplier_a.name in to_team.subject
    event = sent_case.events.get(kind="reminder")
    assert event.params["months"] == str(settings.KEDJA_DOCUMENT_OUT_OF_DATE_MONTHS)
    old_policy.refresh_from_db()
    assert old_policy.expiry_notices == [f"out_of_date-{old_policy.issued_on.isoformat()}"]
    mail.outbox.clear()
    assert tasks.send_expiry_notices.call() == 0 and not mail.outbox
    assert sent_case.events.filter(kind="reminder").count() == 1


def test_a_revised_issue_date_starts_afresh(personas, sent_case, old_policy):
    tasks.send_expiry_notices.call()
    from kedja.suppliers import actions as library

    library.update_document(
        acting_user=personas.lev,
        document=old_policy,
        title=old_policy.title,
        kind=old_policy.kind,
        issued_on=add_months(TODAY, -13),
        valid_until=None,
    )
    mail.outbox.clear()
    assert tasks.send_expiry_notices.call() == 2
    assert "revision" in sent_case.events.filter(kind="reminder").latest("pk").message


def test_case_team_sees_the_flag_on_the_case_page_and_answer_view(
    personas, sent_case, old_policy, client_for
):
    stina = client_for(personas.stina)
    page = stina.get(f"/followup/cases/{sent_case.uuid}/").content.decode()
    assert 'id="stale-documents"' in page and "Inaktuell" in page and "Åland &amp; Öresund" in page
    stina.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Out of date" in stina.get(f"/followup/cases/{sent_case.uuid}/").content.decode()
    sheet = sent_case.self_assessment
    review = stina.get(f"/followup/cases/{sent_case.uuid}/self-assessment/").content.decode()
    assert sheet.pk and "Out of date" in review
    # Vera (viewer) sees the case but not the supplier's confidential documents.
    vera = client_for(personas.vera).get(f"/followup/cases/{sent_case.uuid}/").content.decode()
    assert 'id="stale-documents"' not in vera


def test_the_supplier_sees_what_to_revise_in_its_library(personas, old_policy, client_for):
    page = client_for(personas.lev).get("/suppliers/library/").content.decode()
    assert 'id="to-revise"' in page and "Inaktuell" in page
