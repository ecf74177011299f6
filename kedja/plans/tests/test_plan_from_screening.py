"""From a spend screening's result, suppliers go on the region's proposals for the yearly
follow-up plan in one action: chosen ones or all above a risk weight; audited; all or nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kedja.core.models import AuditEntry
from kedja.plans import actions
from kedja.plans.models import Proposal
from kedja.plans.tests.conftest import make_category
from kedja.reference.models import CategoryCpvPrefix
from kedja.risk import spend_actions

pytestmark = pytest.mark.django_db
LINES = (
    "Leverantör;CPV-kod;Belopp\n"
    "556000-0001;33141420;1 000,00\n"
    "Leverantör B AB;33141420;200\n"
    "556999-9999;33141420;50\n"  # not in Kedja
)


@pytest.fixture
def year_plan(personas):
    return actions.open_year_plan(acting_user=personas.sara, year=2027)


@pytest.fixture
def screening(personas, django_capture_on_commit_callbacks):
    gloves = make_category("gloves", "Handskar", "Gloves")
    CategoryCpvPrefix.objects.create(category=gloves, prefix="3314142")
    item = spend_actions.start_screening(
        acting_user=personas.olle, uploaded=SimpleUploadedFile("reskontra.csv", LINES.encode())
    )
    with django_capture_on_commit_callbacks(execute=True):
        spend_actions.confirm_mapping(acting_user=personas.olle, screening=item, columns=item.columns)
    item.refresh_from_db()
    assert item.status == "done"
    return item


def propose(personas, year_plan, screening, *, by=None, region=None, **choice):
    """Olle (unless `by` is named) proposes for Region Stockholm (unless `region` is named)."""
    return actions.propose_from_screening(
        acting_user=by or personas.olle,
        year_plan=year_plan,
        region=region or personas.stockholm,
        screening=screening,
        **choice,
    )


def test_chosen_suppliers_become_the_regions_proposals_with_an_audit_entry(personas, year_plan, screening):
    proposals = propose(personas, year_plan, screening, supplier_keys=["5560000001"])
    assert [(p.supplier, p.region, p.step) for p in proposals] == [
        (personas.supplier_a, personas.stockholm, 1)
    ]
    assert "reskontra.csv" in proposals[0].motivation
    entry = AuditEntry.objects.get(action="plans.proposal.from_screening")
    assert entry.changes["suppliers"] == ["Leverantör A AB"] and entry.actor == personas.olle


def test_every_known_supplier_above_the_risk_weight(personas, year_plan, screening):
    # No analysis covers the category, so every line weighs 0.5 (unknown is not low).
    with pytest.raises(ValidationError, match="0.60"):
        propose(personas, year_plan, screening, min_risk=Decimal("0.60"))
    proposals = propose(personas, year_plan, screening, min_risk=Decimal("0.50"))
    assert {p.supplier for p in proposals} == {personas.supplier_a, personas.supplier_b}


def test_a_supplier_already_planned_for_the_year_refuses_the_lot(personas, year_plan, screening):
    actions.propose(
        acting_user=personas.olle,
        year_plan=year_plan,
        region=personas.stockholm,
        supplier=personas.supplier_b,
    )
    with pytest.raises(ValidationError, match="Leverantör B AB"):
        propose(personas, year_plan, screening, supplier_keys=["5560000001", "leverantör b ab"])
    assert Proposal.objects.count() == 1  # nothing added


def test_other_regions_and_unknown_suppliers_are_refused(personas, year_plan, screening):
    with pytest.raises(PermissionDenied):
        propose(personas, year_plan, screening, region=personas.skane, supplier_keys=["5560000001"])
    with pytest.raises(ValidationError, match="5569999999"):
        propose(personas, year_plan, screening, supplier_keys=["5569999999"])
    with pytest.raises(PermissionDenied):
        propose(
            personas,
            year_plan,
            screening,
            by=personas.vera,
            region=personas.uppsala,
            supplier_keys=["5560000001"],
        )
    assert not Proposal.objects.exists()


def test_the_page_proposes_in_one_step_and_refuses_another_regions_plan(
    personas, year_plan, screening, client_for
):
    client = client_for(personas.olle)
    url = reverse("plans:screening_proposals", args=[screening.uuid])
    page = client.get(url)
    assert page.status_code == 200 and "Leverantör A AB (0,50)" in page.content.decode()
    assert "556999-9999" not in page.content.decode()  # not in Kedja: not offered
    refused = client.post(
        url, {"year_plan": 2027, "region": personas.skane.pk, "supplier_keys": ["5560000001"]}
    )
    assert refused.status_code == 400 and not Proposal.objects.exists()
    done = client.post(
        url, {"year_plan": 2027, "region": personas.stockholm.pk, "supplier_keys": ["5560000001"]}
    )
    assert done["Location"] == reverse("plans:year_detail", args=[2027])
    assert Proposal.objects.get().supplier == personas.supplier_a
    again = client.post(
        url, {"year_plan": 2027, "region": personas.stockholm.pk, "supplier_keys": ["5560000001"]}
    )
    assert "Redan med i uppföljningsplanen för 2027: Leverantör A AB" in again.content.decode()
    # Another region's officer cannot see the screening at all.
    assert client_for(personas.stina).get(url).status_code == 404
