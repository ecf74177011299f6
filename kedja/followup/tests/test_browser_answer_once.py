"""Answer once, in a real browser: a supplier with contracts in three regions gets one request,
answers once (uploading two documents to its library) and all three regions' cases show the answer;
a fourth region's new case within the validity period asks only for a confirmation; after the
validity period a new case asks for a fresh answer, prefilled."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from kedja.followup import actions
from kedja.followup.models import AnswerRequest, CaseStatus, FollowUpCase, RequestKind, SelfAssessment
from kedja.organisations.models import OrganisationKind
from kedja.organisations.testing import _org
from kedja.suppliers.models import LibraryDocument

from . import factories
from .conftest import answer_everything, answer_policy_in_browser, post_in_browser, upload_policy_in_browser

pytestmark = pytest.mark.django_db(transaction=True)
# Answered by hand in the browser; the rest is answered directly.
BY_HAND = ("pr1-policies", "pr2-identify-assess-document")


def test_supplier_answers_once_for_every_region(personas, live_server, signed_in_page, axe, tmp_path):
    clause = factories.clause_2024()
    actions.build_questionnaire(acting_user=personas.sara, clause=clause)
    contracts = {
        region.slug: factories.contract(
            personas.supplier_a, [region], reference=f"A-{region.code}", clause=clause
        )
        for region in (personas.stockholm, personas.skane, personas.uppsala)
    }
    halland = _org(OrganisationKind.REGION, "Region Halland", "region-halland", code="SE-N")
    contracts["region-halland"] = factories.contract(
        personas.supplier_a, [halland], reference="A-N", clause=clause
    )
    base = live_server.url
    deadline = (timezone.localdate() + timedelta(days=30)).isoformat()

    # Region Skåne starts its case in the browser and sees who will get the e-mail before sending.
    stina = signed_in_page(personas.stina)
    stina.goto(f"{base}/followup/start/?contract={contracts['region-skane'].uuid}")
    stina.select_option("#id_lead", str(personas.skane.pk))
    stina.locator("main form button[type=submit]").click()
    skane_case = FollowUpCase.objects.get()
    stina.wait_for_url(f"**/followup/cases/{skane_case.uuid}/")
    assert personas.lev.email in stina.locator("#recipients").inner_text()
    axe(stina)
    stina.fill("#send_deadline", deadline)
    post_in_browser(stina, "/do/send/")
    # Stockholm and Uppsala start theirs (the secretariat on Uppsala's behalf): they join.
    stockholm_case = actions.start_case_from_contract(
        acting_user=personas.olle, contract=contracts["region-stockholm"], lead=personas.stockholm
    )
    actions.send_self_assessment(
        acting_user=personas.olle, case=stockholm_case, deadline=timezone.localdate() + timedelta(days=20)
    )
    uppsala_case = actions.start_case_from_contract(
        acting_user=personas.sara, contract=contracts["region-uppsala"], lead=personas.uppsala
    )
    actions.send_self_assessment(
        acting_user=personas.sara, case=uppsala_case, deadline=timezone.localdate() + timedelta(days=20)
    )
    request = AnswerRequest.objects.get()
    assert request.cases.count() == 3
    assert [m.to for m in mail.outbox] == [[personas.lev.email]]

    # Lev sees one request serving three buyers and answers it once.
    lev = signed_in_page(personas.lev)
    lev.goto(f"{base}/followup/portal/")
    row = lev.locator("#answer-requests tbody tr")
    assert row.count() == 1
    for name in ("Region Stockholm", "Region Skåne", "Region Uppsala"):
        assert name in row.inner_text()
    axe(lev)
    answer_everything(request.cases.first(), personas.lev, skip=BY_HAND)
    lev.click(f"a[href='/followup/portal/self-assessments/{request.uuid}/']")
    assert "Region Uppsala" in lev.locator("#served").inner_text()
    missing = lev.locator("#missing").inner_text()
    assert "policy" in missing.lower() or "polic" in missing.lower()
    answer_policy_in_browser(lev, "Adopted by the board; buyers trained every year.")
    # Document one: uploaded to the library straight from the answer.
    upload_policy_in_browser(
        lev, tmp_path / "policy.pdf", title="Human-rights policy 2024", valid_until="2026-12-31"
    )
    # Document two: uploaded in the library first, then linked from the answer.
    analysis = tmp_path / "risk-analysis.pdf"
    analysis.write_bytes(b"%PDF-1.4 risk analysis")
    lev.goto(f"{base}/suppliers/library/")
    lev.set_input_files("#id_file", str(analysis))
    lev.fill("#id_title", "Risk analysis 2025")
    lev.select_option("#id_kind", "risk_analysis")
    lev.locator("main form[enctype='multipart/form-data'] button[type=submit]").click()
    lev.wait_for_load_state()
    axe(lev)
    assert "Risk analysis 2025" in lev.locator("#library").inner_text()
    lev.goto(f"{base}/followup/portal/self-assessments/{request.uuid}/")
    card = lev.locator("#doc-pr2-identify-assess-document")
    card.get_by_label("Risk analysis 2025").check()
    card.locator("button.link-documents").click()
    lev.wait_for_load_state()
    assert lev.locator("#missing-none").is_visible()
    axe(lev)
    lev.click("#submit-answers")
    lev.wait_for_load_state()
    assert LibraryDocument.objects.filter(supplier=personas.supplier_a).count() >= 2

    # All three regions' cases show the one answer.
    sheet = SelfAssessment.objects.get()
    for case in (skane_case, stockholm_case, uppsala_case):
        case.refresh_from_db()
        assert case.status == CaseStatus.STEP1_SUBMITTED and case.self_assessment_id == sheet.pk
    stina.goto(f"{base}/followup/cases/{skane_case.uuid}/self-assessment/")
    review = stina.locator("#answers").inner_text()
    assert "Human-rights policy 2024" in review and "Risk analysis 2025" in review
    assert "Region Stockholm" in stina.locator("#relying").inner_text()
    axe(stina)
    olle = signed_in_page(personas.olle)
    olle.goto(f"{base}/followup/cases/{stockholm_case.uuid}/")
    assert "Version 1" in olle.locator("#step1-request").inner_text()
    sara = signed_in_page(personas.sara)
    sara.goto(f"{base}/followup/cases/{uppsala_case.uuid}/self-assessment/")
    assert "Risk analysis 2025" in sara.locator("#answers").inner_text()

    # A fourth region's new case within the validity period asks only for confirmation.
    halland_case = actions.start_case_from_contract(
        acting_user=personas.sara, contract=contracts["region-halland"], lead=halland
    )
    sara.goto(f"{base}/followup/cases/{halland_case.uuid}/")
    assert sara.locator("#confirm-only").is_visible()
    sara.fill("#send_deadline", deadline)
    post_in_browser(sara, "/do/send/")
    confirm = AnswerRequest.objects.get(status="open")
    assert confirm.kind == RequestKind.CONFIRM and confirm.self_assessment_id == sheet.pk
    lev.goto(f"{base}/followup/portal/self-assessments/{confirm.uuid}/")
    axe(lev)
    lev.click("#confirm-answer")
    lev.wait_for_load_state()
    halland_case.refresh_from_db()
    assert halland_case.status == CaseStatus.STEP1_SUBMITTED and halland_case.self_assessment_id == sheet.pk

    # After the validity period, a new case asks for a fresh answer, prefilled.
    SelfAssessment.objects.filter(pk=sheet.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    later = factories.contract(personas.supplier_a, [halland], reference="A-N-2", clause=clause)
    later_case = actions.start_case_from_contract(acting_user=personas.sara, contract=later, lead=halland)
    sara.goto(f"{base}/followup/cases/{later_case.uuid}/")
    sara.fill("#send_deadline", deadline)
    post_in_browser(sara, "/do/send/")
    fresh = AnswerRequest.objects.get(status="open")
    assert fresh.kind == RequestKind.ANSWER and fresh.self_assessment.number == 2
    lev.goto(f"{base}/followup/portal/self-assessments/{fresh.uuid}/")
    assert lev.locator("#id_q_pr1-policies-applied").input_value().startswith("Adopted by the board")
    assert "Human-rights policy 2024" in lev.locator("#doc-pr1-policies-document").inner_text()
    assert lev.locator("#missing-none").is_visible()
    assert "Version 1" in lev.locator("#versions").inner_text()
