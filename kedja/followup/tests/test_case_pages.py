"""Pages for actions that had none: case scope, remediation status, penalty preview, traceability site."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kedja.contracts.models import Site
from kedja.followup import actions
from kedja.followup.models import CostBearer, Remediation, SanctionDecision

from . import factories


def test_lead_region_changes_scope_cost_bearer_and_regions(personas, case_a, client_for):
    url = f"/followup/cases/{case_a.uuid}/edit/"
    assert client_for(personas.stina).get(url).status_code == 200
    response = client_for(personas.stina).post(
        url,
        {
            "products": "Nitrile gloves",
            "cost_bearer": CostBearer.SUPPLIER,
            "cost_note": "Second audit",
            "participating": [personas.uppsala.pk],
        },
    )
    assert response.status_code == 302
    case_a.refresh_from_db()
    assert case_a.products == "Nitrile gloves" and case_a.cost_bearer == CostBearer.SUPPLIER
    assert list(case_a.participating_regions.all()) == [personas.uppsala]


def test_others_may_not_change_the_case(personas, case_a, client_for):
    url = f"/followup/cases/{case_a.uuid}/edit/"
    for user in (personas.vera, personas.lev, personas.lisa, personas.alva):
        assert client_for(user).get(url).status_code == 404
        client_for(user).post(url, {"products": "Hacked", "cost_bearer": "supplier"})
    case_a.refresh_from_db()
    assert case_a.products == ""


@pytest.fixture
def remediation(personas, step2_case):
    finding = factories.deviation(
        personas, step2_case, title="Recruitment fees", supplier_involvement="contribute"
    )
    return actions.record_remediation(
        acting_user=personas.stina,
        finding=finding,
        affected_group="Migrant workers",
        description="Repay recruitment fees",
    )


def test_remediation_status_page(personas, remediation, client_for):
    url = f"/followup/remediations/{remediation.uuid}/status/"
    page = client_for(personas.stina).get(f"/followup/findings/{remediation.finding.uuid}/")
    assert url in page.content.decode()
    for user in (personas.olle, personas.vera, personas.lev, personas.lisa):
        client_for(user).post(url, {"status": "completed"})
    remediation.refresh_from_db()
    assert remediation.status == "planned"
    client_for(personas.stina).post(url, {"status": "under_way"})
    remediation.refresh_from_db()
    assert remediation.status == "under_way"
    assert Remediation.objects.get().completed_on is None


def test_sanction_page_previews_the_penalty_before_the_decision(personas, step2_case, client_for):
    contract = step2_case.contracts.get()  # 10 000 SEK per started week, cap 10 weeks
    url = f"/followup/cases/{step2_case.uuid}/sanctions/new/"
    since = timezone.localdate() - timedelta(days=45)
    data = {"contract": contract.pk, "ground": "failure_to_handle", "ground_since": since.isoformat()}
    response = client_for(personas.stina).post(url, {**data, "preview": "1"})
    preview = response.context["preview"]
    assert preview["started_weeks"] == 7 and preview["weeks"] == 7 and preview["amount"] == 70000
    assert "70\xa0000\xa0kr" in response.content.decode()
    assert not SanctionDecision.objects.exists()
    long_ago = {**data, "ground_since": (timezone.localdate() - timedelta(days=200)).isoformat()}
    capped = client_for(personas.stina).post(url, {**long_ago, "preview": "1"}).context["preview"]
    assert capped["weeks"] == 10 and capped["amount"] == 100000 and capped["immediate_termination"]
    client_for(personas.stina).post(url, {**data, "kind": "penalty", "reason": "Plan not followed"})
    assert SanctionDecision.objects.get().amount_sek == 70000


def test_sanction_page_is_refused_to_others(personas, step2_case, client_for):
    url = f"/followup/cases/{step2_case.uuid}/sanctions/new/"
    for user in (personas.olle, personas.vera, personas.lev):
        assert client_for(user).get(url).status_code == 404


def _site_data(contract, name="Dipping Line Sdn Bhd"):
    from kedja.followup.tests import factories

    return {
        "contract": contract.pk,
        "legal_name": name,
        "address": "Jalan 3, Ipoh",
        "country": factories.country().pk,
        "site_type": "final_manufacturing",
        "tier": "2",
        "is_confidential": "on",
    }


def test_site_from_traceability_is_added_through_contracts_and_preselected(personas, step3_case, client_for):
    contract = step3_case.contracts.get()
    url = f"/followup/cases/{step3_case.uuid}/site-audits/new-site/"
    response = client_for(personas.stina).post(url, _site_data(contract))
    site = Site.objects.get(legal_name="Dipping Line Sdn Bhd")
    assert site.supplier == personas.supplier_a and list(site.contracts.all()) == [contract]
    assert response["Location"].endswith(f"?site={site.uuid}")
    page = client_for(personas.stina).get(response["Location"])
    assert page.context["form"].initial["site"] == site
    # The case timeline does not name the (confidential) site.
    assert all("Dipping" not in e.text for e in step3_case.events.all())


def test_site_from_traceability_is_refused_to_others_and_outside_step3(personas, step3_case, client_for):
    contract = step3_case.contracts.get()
    url = f"/followup/cases/{step3_case.uuid}/site-audits/new-site/"
    for user in (personas.vera, personas.lev, personas.lisa, personas.alva):
        client_for(user).post(url, _site_data(contract, "INTRUDER"))
    assert not Site.objects.filter(legal_name="INTRUDER").exists()
    from django.core.exceptions import ValidationError

    from kedja.contracts.actions import SiteInput

    actions.close_case(acting_user=personas.stina, case=step3_case)
    with pytest.raises(ValidationError):
        actions.add_site_from_traceability(
            acting_user=personas.stina,
            case=step3_case,
            contract=contract,
            data=SiteInput(legal_name="LATE", site_type="final_manufacturing", tier=2),
        )
    assert not Site.objects.filter(legal_name="LATE").exists()
