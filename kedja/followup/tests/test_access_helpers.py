"""The per-child access helpers of the follow-up: a finding, action, remediation, checklist row,
summary or document request is reached through its case's rule, so forbidden and missing are the
same 404 — also for the forms, which only those who may post them get."""

from uuid import uuid4

import pytest
from django.contrib.admin.sites import site as admin_site
from django.test import RequestFactory

from kedja.core.models import AuditEntry
from kedja.followup import actions
from kedja.followup.models import ChecklistItem, Finding
from kedja.organisations.models import Membership, Organisation

from . import factories


@pytest.fixture
def deviation(personas, step3_case) -> Finding:
    return factories.deviation(personas, step3_case)


@pytest.fixture
def action(personas, deviation):
    return factories.corrective_action(personas, deviation, description="Repay fees")


def test_viewer_and_other_regions_get_no_finding_form(personas, step3_case, client_for):
    url = f"/followup/cases/{step3_case.uuid}/findings/new/"
    for user in (personas.vera, personas.olle, personas.lev, personas.lisa, personas.alva):
        client = client_for(user)
        assert client.get(url).status_code == 404, user
        assert client.post(url, {"kind": "observation", "title": "x"}).status_code == 404, user
    assert client_for(personas.stina).get(url).status_code == 200
    assert not step3_case.findings.exists()


def test_finding_child_pages_refuse_who_may_not_assess(personas, deviation, action, client_for):
    remediation = actions.record_remediation(
        acting_user=personas.stina, finding=deviation, affected_group="Migrant workers", description="Repay"
    )
    posts = {
        f"/followup/findings/{deviation.uuid}/actions/": {
            "description": "x",
            "owner": "y",
            "deadline": "2030-01-01",
        },
        f"/followup/findings/{deviation.uuid}/remediation/": {"affected_group": "g", "description": "d"},
        f"/followup/actions/{action.uuid}/verify/": {"accepted": "on", "note": "ok"},
        f"/followup/remediations/{remediation.uuid}/status/": {"status": "completed"},
    }
    for user in (personas.vera, personas.olle, personas.lev, personas.alva, None):
        client = client_for(user)
        for url, data in posts.items():
            assert client.post(url, data).status_code in (404, 302), (user, url)
            if user is not None:
                assert client.post(url, data).status_code == 404, (user, url)
    action.refresh_from_db()
    remediation.refresh_from_db()
    assert action.status == "open" and remediation.status == "planned"
    assert deviation.actions.count() == 1 and deviation.remediations.count() == 1


def test_finding_detail_is_for_the_case_team_only(personas, deviation, client_for):
    url = f"/followup/findings/{deviation.uuid}/"
    assert client_for(personas.vera).get(url).status_code == 200
    for user in (personas.lev, personas.lisa, personas.alva):
        assert client_for(user).get(url).status_code == 404
    assert client_for(personas.vera).get(f"/followup/findings/{uuid4()}/").status_code == 404


def test_checklist_row_is_reached_by_uuid_and_only_by_assessors(personas, step2_case, client_for):
    actions.open_office_audit(acting_user=personas.stina, case=step2_case, product="Gloves")
    item = ChecklistItem.objects.filter(office_audit__case=step2_case).first()
    url = f"/followup/checklist/{item.uuid}/"
    data = {"comment": "Dated 2025", "relevant": "yes", "supports_claims": "yes"}
    assert client_for(personas.vera).post(url, data).status_code == 404
    assert client_for(personas.lev).post(url, data).status_code == 404
    assert client_for(personas.stina).post(f"/followup/checklist/{item.pk}/", data).status_code == 404
    assert client_for(personas.stina).post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.comment == "Dated 2025"


def test_supplier_cannot_respond_to_other_suppliers_action(personas, action, client_for):
    url = f"/followup/portal/actions/{action.uuid}/respond/"
    assert client_for(personas.lisa).post(url, {"response": "Done"}).status_code == 404
    assert client_for(personas.vera).post(url, {"response": "Done"}).status_code == 404
    assert client_for(personas.lev).post(url, {"response": "Done"}).status_code == 302
    action.refresh_from_db()
    assert action.supplier_response == "Done"


def test_zero_tolerance_form_lists_only_own_contracts(personas, contract_a, client_for):
    other = factories.contract(personas.supplier_b, [personas.skane], reference="OTHER-1")
    body = client_for(personas.lev).get("/followup/portal/zero-tolerance/").content.decode()
    assert contract_a.reference in body and other.reference not in body


def test_site_audit_form_masks_confidential_site_names(personas, step3_case, contract_a, client_for):
    """Names follow the contract pages' rule: a confidential site is named only to the owning regions
    of a contract it serves (and the secretariat); the form never lists it by name otherwise."""
    served = factories.site(personas.supplier_a, name="SERVED-PLANT Sdn Bhd", confidential=True)
    contract_a.sites.add(served)
    factories.site(personas.supplier_a, name="UNLINKED-PLANT Sdn Bhd", confidential=True)
    url = f"/followup/cases/{step3_case.uuid}/site-audits/new/"
    body = client_for(personas.stina).get(url).content.decode()
    assert "SERVED-PLANT" in body and "UNLINKED-PLANT" not in body
    assert "UNLINKED-PLANT" in client_for(personas.sara).get(url).content.decode()
    assert client_for(personas.vera).get(url).status_code == 404


def test_admin_refuses_unaudited_edits_of_memberships_and_organisations(personas):
    request = RequestFactory().get("/admin/")
    request.user = type(personas.sara)(is_superuser=True, is_staff=True, is_active=True)
    for model in (Organisation, Membership):
        model_admin = admin_site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
    audit_admin = admin_site._registry[AuditEntry]
    assert not audit_admin.has_add_permission(request)
    assert not audit_admin.has_change_permission(request)
