"""Who sees what of a case: every persona, including what must be refused."""

import pytest
from django.utils import timezone

from kedja.followup import actions
from kedja.followup.models import FollowUpCase
from kedja.suppliers.models import LibraryDocument

from . import factories


@pytest.fixture
def rich_case(personas, step3_case):
    """Step 3 case with an internal note, confidential details, evidence and a site audit by Alva's firm."""
    actions.add_note(acting_user=personas.stina, case=step3_case, text="INTERNAL-NOTE-XYZ")
    factories.deviation(personas, step3_case, title="Fees charged", confidential_details="WHISTLEBLOWER-NAME")
    audit = factories.site_audit(
        personas, step3_case, site_name="SECRET-FACTORY Sdn Bhd", announcement="unannounced", days=2
    )
    return step3_case, audit


def test_supplier_sees_own_case_but_never_internal_notes(personas, rich_case, client_for):
    case, _audit = rich_case
    response = client_for(personas.lev).get(f"/followup/portal/cases/{case.uuid}/")
    body = response.content.decode()
    assert response.status_code == 200 and "Fees charged" in body
    for secret in ("INTERNAL-NOTE-XYZ", "WHISTLEBLOWER-NAME", "Internal: looks fine", "SECRET-FACTORY"):
        assert secret not in body
    # The case-team page sends the supplier to the portal instead.
    assert client_for(personas.lev).get(f"/followup/cases/{case.uuid}/").status_code == 302


def test_lisa_never_sees_levs_case(personas, rich_case, client_for):
    case, audit = rich_case
    client = client_for(personas.lisa)
    assert client.get(f"/followup/portal/cases/{case.uuid}/").status_code == 404
    assert client.get(f"/followup/cases/{case.uuid}/").status_code == 404
    assert client.get(f"/followup/audits/{audit.uuid}/").status_code == 404
    assert "Fees charged" not in client.get("/followup/portal/").content.decode()
    document = _library_document(case)
    assert client.get(f"/suppliers/documents/{document.uuid}/download/").status_code == 404
    assert client.get(f"/followup/portal/self-assessments/{case.answer_request.uuid}/").status_code == 404
    assert client.get(f"/followup/portal/answers/{case.self_assessment.uuid}/").status_code == 404


def _library_document(case):
    return LibraryDocument.objects.filter(answers__self_assessment=case.self_assessment).first()


def test_vera_reads_shared_parts_only(personas, rich_case, client_for):
    case, _audit = rich_case
    client = client_for(personas.vera)
    body = client.get(f"/followup/cases/{case.uuid}/").content.decode()
    assert "Fees charged" in body and "badge" in body
    for secret in ("INTERNAL-NOTE-XYZ", "WHISTLEBLOWER-NAME", "SECRET-FACTORY", "policy.pdf"):
        assert secret not in body
    assert client.get(f"/followup/cases/{case.uuid}/self-assessment/").status_code == 404
    assert client.get(f"/suppliers/documents/{_library_document(case).uuid}/download/").status_code == 404
    client.post(f"/followup/cases/{case.uuid}/do/cancel/", {"reason": "no"})
    case.refresh_from_db()
    assert case.is_open


def test_lead_strategist_sees_confidential_parts(personas, rich_case, client_for):
    case, _audit = rich_case
    body = client_for(personas.stina).get(f"/followup/cases/{case.uuid}/").content.decode()
    for secret in ("INTERNAL-NOTE-XYZ", "SECRET-FACTORY"):
        assert secret in body
    review = client_for(personas.stina).get(f"/followup/cases/{case.uuid}/self-assessment/").content.decode()
    assert "policy.pdf" in review
    response = client_for(personas.stina).get(
        f"/suppliers/documents/{_library_document(case).uuid}/download/"
    )
    assert response.status_code == 200


def test_officer_of_participating_region_sees_shared_not_confidential(personas, rich_case, client_for):
    case, _audit = rich_case
    body = client_for(personas.olle).get(f"/followup/cases/{case.uuid}/").content.decode()
    assert "Fees charged" in body and "INTERNAL-NOTE-XYZ" not in body


def test_alva_sees_only_her_audit(personas, rich_case, client_for):
    case, audit = rich_case
    client = client_for(personas.alva)
    home = client.get("/followup/audits/").content.decode()
    assert "SECRET-FACTORY" in home
    detail = client.get(f"/followup/audits/{audit.uuid}/").content.decode()
    assert "SECRET-FACTORY" in detail and "INTERNAL-NOTE-XYZ" not in detail
    assert client.get(f"/followup/cases/{case.uuid}/").status_code == 404
    assert client.get(f"/followup/portal/cases/{case.uuid}/").status_code == 404
    other_firm = personas.audit_firm.__class__.objects.create(
        kind="audit_firm", name="Other", slug="other-firm"
    )
    other = actions.assign_site_audit(
        acting_user=personas.stina,
        case=case,
        site=audit.site,
        audit_firm=other_firm,
        announcement="announced",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
        reason="Second opinion",
    )
    assert client.get(f"/followup/audits/{other.uuid}/").status_code == 404


def test_alva_records_findings_for_her_audit(personas, rich_case, client_for):
    case, audit = rich_case
    response = client_for(personas.alva).post(
        f"/followup/audits/{audit.uuid}/findings/",
        {"kind": "deviation", "title": "Passports retained", "code_area": "labour_rights"},
    )
    assert response.status_code == 302
    assert case.findings.filter(title="Passports retained", site_audit=audit).exists()


def test_anonymous_sees_only_published_summaries(personas, rich_case, client_for):
    case, audit = rich_case
    anonymous = client_for(None)
    assert anonymous.get("/followup/public/").status_code == 200
    for url in (
        f"/followup/cases/{case.uuid}/",
        f"/followup/audits/{audit.uuid}/",
        "/followup/",
        "/followup/portal/",
    ):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_case_list_shows_all_cases_to_the_collaboration_with_constant_queries(
    personas, contract_a, client_for, django_assert_max_num_queries
):
    for n in range(3):
        actions.start_case_from_contract(
            acting_user=personas.stina, contract=contract_a, lead=personas.skane, products=f"Product {n}"
        )
    client = client_for(personas.vera)
    client.get("/followup/")
    with django_assert_max_num_queries(12):
        response = client.get("/followup/")
    assert response.content.decode().count("Product ") == 3
    for n in range(3, 15):
        actions.start_case_from_contract(
            acting_user=personas.stina, contract=contract_a, lead=personas.skane, products=f"Product {n}"
        )
    with django_assert_max_num_queries(12):
        client.get("/followup/?light=yellow")
    assert FollowUpCase.objects.count() == 15


def test_supplier_upload_evidence_is_visible_to_itself(personas, sent_case, client_for):
    document = factories.policy_document(personas, sent_case)
    assert client_for(personas.lev).get(f"/suppliers/documents/{document.uuid}/download/").status_code == 200
    assert client_for(personas.vera).get(f"/suppliers/documents/{document.uuid}/download/").status_code == 404
