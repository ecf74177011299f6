"""Contract and supplier risk registers, overrides with reasons, and the follow-up list."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.contracts.models import Contract
from kedja.reference.models import ClauseLevel, CpvCode, DocumentKind, RequirementDocument
from kedja.risk import actions
from kedja.risk.register import contract_register, follow_up_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def contracts(personas, reference, risk_data):
    clause = RequirementDocument.objects.create(
        kind=DocumentKind.CONTRACT_CLAUSE,
        key="clause-2024",
        title_sv="Klausul",
        title_en="Clause",
        version="2024",
        level=ClauseLevel.ADVANCED_2024,
    )
    gloves_cpv = CpvCode.objects.create(
        code="33141420", division="33", level=4, label_sv="Handskar", label_en="Gloves"
    )

    def make(supplier, reference_no, countries, value):
        contract = Contract.objects.create(
            reference=reference_no,
            title="Handskar",
            supplier=supplier,
            category=reference.gloves,
            starts_on=date(2024, 1, 1),
            ends_on=date(2027, 1, 1),
            clause_version=clause,
            estimated_value_sek=value,
        )
        contract.owning_regions.add(personas.stockholm)
        contract.cpv_codes.add(gloves_cpv)
        contract.production_countries.add(*[reference.countries[c] for c in countries])
        return contract

    return make(personas.supplier_a, "A-1", ["MYS"], 1_000_000), make(
        personas.supplier_b, "B-1", ["SWE"], 5_000_000
    )


def test_register_derives_ilab_items_and_rates_by_worst(contracts):
    malaysia, sweden = contracts
    register = contract_register(malaysia)
    headline = register.headline
    assert (headline.issue.code, headline.country.iso3, headline.good) == (
        "forced_labour",
        "MYS",
        "Rubber Gloves",
    )
    assert register.rating == "critical" and headline.likelihood == 5
    assert contract_register(sweden).rating is None


def test_override_needs_reason_and_permission(contracts, personas, reference):
    malaysia, _ = contracts
    kwargs = {
        "issue": reference.issues["forced_labour"],
        "country": reference.countries["MYS"],
        "good": "Rubber Gloves",
        "excluded": True,
    }
    with pytest.raises(PermissionDenied):
        actions.set_contract_override(malaysia, acting_user=personas.vera, reason="x", **kwargs)
    with pytest.raises(ValidationError):
        actions.set_contract_override(malaysia, acting_user=personas.olle, reason=" ", **kwargs)
    actions.set_contract_override(
        malaysia, acting_user=personas.olle, reason="Sourced from Thailand since 2025", **kwargs
    )
    assert all(
        i.good != "Rubber Gloves" or i.country.iso3 != "MYS" for i in contract_register(malaysia).items
    )


def test_follow_up_ranks_risk_before_spend(contracts):
    rows = follow_up_list(list(contracts))
    assert [r.supplier.slug for r in rows] == ["supplier-a", "supplier-b"]


def test_register_pages_and_access(contracts, personas, client_for):
    malaysia, _ = contracts
    url = reverse("risk:contract_risk", args=[malaysia.uuid])
    assert "Rubber Gloves" in client_for(personas.vera).get(url).content.decode()
    assert client_for(personas.lev).get(url).status_code == 404
    page = client_for(personas.vera).get(reverse("risk:follow_up"), {"category": "gloves"}).content.decode()
    assert page.index("Leverantör A AB") < page.index("Leverantör B AB")
    assert (
        client_for(personas.vera)
        .get(reverse("risk:supplier_risk", args=[personas.supplier_a.uuid]))
        .status_code
        == 200
    )


def test_contract_register_xlsx(contracts, personas, client_for):
    import io

    from openpyxl import load_workbook

    response = client_for(personas.vera).get(reverse("risk:contract_export_xlsx", args=[contracts[0].uuid]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert any(row[3] == "Rubber Gloves" for row in rows[2:])
