"""Bad input to contracts, suppliers and sites: a clear message and nothing changed."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.contracts import actions
from kedja.contracts.actions import SiteInput
from kedja.contracts.models import Contract, Site
from kedja.contracts.validation import parse_cpv_codes
from kedja.core.models import AuditEntry

from . import factories

pytestmark = pytest.mark.django_db


def form_data(personas, **overrides):
    ref = factories.reference_rows()
    data = {
        "reference": "SLL-2025-010",
        "title": "Nitrile gloves",
        "supplier": str(personas.supplier_a.uuid),
        "category": ref["category"].pk,
        "owning_regions": [personas.stockholm.pk],
        "status": "active",
        "starts_on": "2025-01-01",
        "ends_on": "2027-12-31",
        "clause_version": ref["clause"].pk,
        "cpv_codes": "33141420-0, 18424300",
        "zero_tolerance_issues": [ref["forced_labour"].pk],
    }
    data.update(overrides)
    return data


def test_cpv_codes_are_normalised_and_check_digits_stripped(personas):
    factories.reference_rows()
    codes = parse_cpv_codes("33141420-0, 184243005;33141420")
    assert [c.code for c in codes] == ["33141420", "18424300"]


def test_unknown_and_malformed_cpv_codes_are_named(personas):
    factories.reference_rows()
    with pytest.raises(ValidationError) as error:
        parse_cpv_codes("33141420 99999999 12ab")
    text = " ".join(error.value.message_dict["cpv_codes"])
    assert "99999999" in text and "12ab" in text


def test_bad_cpv_code_in_form_shows_message_and_creates_nothing(personas, client_for):
    response = client_for(personas.olle).post(
        reverse("contracts:contract_create"), form_data(personas, cpv_codes="33141420, 12345678")
    )
    assert response.status_code == 200
    assert "12345678" in response.content.decode()
    assert not Contract.objects.exists()
    assert not AuditEntry.objects.filter(action="contracts.contract.created").exists()


def test_end_before_start_on_edit_changes_nothing(personas, client_for):
    contract = factories.contract(personas)
    response = client_for(personas.olle).post(
        reverse("contracts:contract_edit", args=[contract.uuid]),
        form_data(personas, reference=contract.reference, title="Changed", ends_on="2020-01-01"),
    )
    assert response.status_code == 200
    assert "The end date cannot be before the start date" in response.content.decode() or (
        "Slutdatum" in response.content.decode()
    )
    contract.refresh_from_db()
    assert contract.title == "Examination gloves"
    assert not AuditEntry.objects.filter(action="contracts.contract.updated").exists()


def test_penalty_without_cap_is_refused(personas, client_for):
    response = factories.english(client_for(personas.olle)).post(
        reverse("contracts:contract_create"), form_data(personas, penalty_per_week_sek="5000")
    )
    assert "A penalty needs a cap" in response.content.decode()
    assert not Contract.objects.exists()


def test_call_off_stop_only_for_framework_agreements(personas):
    with pytest.raises(ValidationError) as error:
        factories.contract(personas, call_off_stop_months=3, is_framework_agreement=False)
    assert "call_off_stop_months" in error.value.message_dict
    factories.contract(personas, call_off_stop_months=3, is_framework_agreement=True)


def test_category_and_regions_are_required_and_must_be_regions(personas):
    with pytest.raises(ValidationError) as error:
        factories.contract(personas, category=None, owning_regions=[personas.supplier_b])
    assert {"category", "owning_regions"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError):
        factories.contract(personas, owning_regions=[])
    assert not Contract.objects.exists()


def test_officer_must_be_among_the_owners(personas):
    with pytest.raises(ValidationError) as error:
        factories.contract(personas, acting_user=personas.olle, owning_regions=[personas.skane])
    assert "owning_regions" in error.value.message_dict
    factories.contract(
        personas, acting_user=personas.olle, owning_regions=[personas.skane, personas.stockholm]
    )


def test_viewer_and_supplier_cannot_create_contracts(personas):
    for user in (personas.vera, personas.lev, personas.alva):
        with pytest.raises(PermissionDenied):
            factories.contract(personas, acting_user=user)


def test_duplicate_reference_for_same_supplier_is_refused(personas):
    factories.contract(personas)
    with pytest.raises(ValidationError) as error:
        factories.contract(personas)
    assert "reference" in error.value.message_dict


def test_defaults_of_the_clause(personas):
    contract = factories.contract(personas, cpv_codes="")
    ref = factories.reference_rows()
    assert contract.traceability_deadline_weeks == 4
    assert contract.due_diligence_starts_on == date(2024, 1, 1)
    assert set(contract.zero_tolerance_issues.all()) == {ref["forced_labour"], ref["child_labour"]}


def test_penalty_maximum_is_rate_times_cap(personas):
    contract = factories.contract(personas, penalty_per_week_sek=Decimal(5000), penalty_cap_weeks=10)
    assert contract.penalty_max_sek == 50000


def test_update_is_audited_with_changes(personas):
    contract = factories.contract(personas)
    data = factories.contract_input(personas, title="Nitrile examination gloves", cpv_codes="18424300")
    actions.update_contract(acting_user=personas.olle, contract=contract, data=data)
    entry = AuditEntry.objects.get(action="contracts.contract.updated")
    assert entry.changes["title"] == ["Examination gloves", "Nitrile examination gloves"]
    assert "cpv_codes" in entry.changes
    assert entry.actor == personas.olle


# Sites ------------------------------------------------------------------------------------------


def test_cycle_in_supplies_to_is_refused(personas):
    contract = factories.contract(personas)
    top = factories.site(personas, contract, legal_name="Top", tier=1)
    middle = factories.site(personas, contract, legal_name="Middle", supplies_to=top)
    data = SiteInput(legal_name="Top", site_type="final_manufacturing", tier=1, supplies_to=middle)
    with pytest.raises(ValidationError) as error:
        actions.update_site(acting_user=personas.olle, contract=contract, site=top, data=data)
    assert "supplies_to" in error.value.message_dict
    top.refresh_from_db()
    assert top.supplies_to is None


def test_cycle_through_the_form_shows_message(personas, client_for):
    contract = factories.contract(personas)
    top = factories.site(personas, contract, legal_name="Top", tier=1)
    middle = factories.site(personas, contract, legal_name="Middle", supplies_to=top)
    response = factories.english(client_for(personas.olle)).post(
        reverse("contracts:site_edit", args=[contract.uuid, top.uuid]),
        {"legal_name": "Top", "site_type": "final_manufacturing", "tier": 1, "supplies_to": middle.pk},
    )
    assert response.status_code == 200
    assert "circle" in response.content.decode()
    top.refresh_from_db()
    assert top.supplies_to is None


def test_site_cannot_supply_another_suppliers_site(personas):
    mine = factories.contract(personas)
    theirs = factories.contract(
        personas, reference="B-1", supplier=personas.supplier_b, owning_regions=[personas.stockholm]
    )
    foreign = factories.site(personas, theirs, legal_name="Other supplier's site")
    data = SiteInput(legal_name="Mine", site_type="component", tier=2, supplies_to=foreign)
    with pytest.raises(ValidationError) as error:
        actions.add_site(acting_user=personas.olle, contract=mine, data=data)
    assert "supplies_to" in error.value.message_dict
    assert not Site.objects.filter(legal_name="Mine").exists()


def test_tier_must_be_at_least_one(personas, client_for):
    contract = factories.contract(personas)
    with pytest.raises(ValidationError):
        actions.add_site(
            acting_user=personas.olle,
            contract=contract,
            data=SiteInput(legal_name="Zero", site_type="component", tier=0),
        )
    response = client_for(personas.olle).post(
        reverse("contracts:site_create", args=[contract.uuid]),
        {"legal_name": "Zero", "site_type": "component", "tier": 0},
    )
    assert response.status_code == 200
    assert not Site.objects.exists()


def test_unknown_supplies_to_choice_is_a_form_error(personas, client_for):
    contract = factories.contract(personas)
    response = client_for(personas.olle).post(
        reverse("contracts:site_create", args=[contract.uuid]),
        {"legal_name": "X", "site_type": "component", "tier": 2, "supplies_to": 999999},
    )
    assert response.status_code == 200
    assert not Site.objects.exists()


# Suppliers --------------------------------------------------------------------------------------


def test_swedish_org_number_format(personas):
    ref = factories.reference_rows()
    supplier = actions.create_supplier(
        acting_user=personas.olle, name="Handskar i Norden AB", country=ref["swe"], org_number="5561234567"
    )
    assert supplier.org_number == "556123-4567"
    assert supplier.kind == "supplier" and supplier.slug == "handskar-i-norden-ab"
    with pytest.raises(ValidationError) as error:
        actions.create_supplier(
            acting_user=personas.olle, name="Fel AB", country=ref["swe"], org_number="12-34"
        )
    assert "org_number" in error.value.message_dict
    foreign = actions.create_supplier(
        acting_user=personas.olle,
        name="Glove Sdn Bhd",
        country=ref["mys"],
        org_number="199501012345 (123456-A)",
    )
    assert foreign.org_number == "199501012345 (123456-A)"


def test_bad_org_number_in_form_shows_message(personas, client_for):
    factories.reference_rows()
    response = factories.english(client_for(personas.olle)).post(
        reverse("contracts:supplier_create"), {"name": "Fel AB", "country": "SWE", "org_number": "abc"}
    )
    assert response.status_code == 200
    assert "NNNNNN-NNNN" in response.content.decode()


def test_duplicate_org_number_is_refused(personas):
    ref = factories.reference_rows()
    with pytest.raises(ValidationError):
        actions.create_supplier(
            acting_user=personas.sara, name="Copy AB", country=ref["swe"], org_number="556000-0001"
        )


def test_viewer_cannot_register_supplier(personas):
    ref = factories.reference_rows()
    with pytest.raises(PermissionDenied):
        actions.create_supplier(acting_user=personas.vera, name="X AB", country=ref["swe"])
