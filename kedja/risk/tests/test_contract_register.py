"""Contract and supplier risk registers, overrides with reasons, and the follow-up list."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.risk import actions
from kedja.risk.register import contract_register, follow_up_list

pytestmark = pytest.mark.django_db


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
        actions.set_contract_override(contract=malaysia, acting_user=personas.vera, reason="x", **kwargs)
    with pytest.raises(ValidationError):
        actions.set_contract_override(contract=malaysia, acting_user=personas.olle, reason=" ", **kwargs)
    actions.set_contract_override(
        contract=malaysia, acting_user=personas.olle, reason="Sourced from Thailand since 2025", **kwargs
    )
    assert all(
        i.good != "Rubber Gloves" or i.country.iso3 != "MYS" for i in contract_register(malaysia).items
    )


def test_override_posted_from_the_contract_page_is_stored_and_shown(contracts, personas, client_for):
    """The override form shares the item form's issue, country and good, not its CPV code and tier,
    which the override does not take (a valid post once failed with a server error)."""
    malaysia, _ = contracts
    client = client_for(personas.olle)
    page = client.get(reverse("risk:contract_risk", args=[malaysia.uuid]))
    assert set(page.context["form"].fields) == {
        "issue",
        "country",
        "good",
        "excluded",
        "actual",
        "likelihood",
        "reason",
    }
    response = client.post(
        reverse("risk:contract_override", args=[malaysia.uuid]),
        {
            "issue": "forced_labour",
            "country": "MYS",
            "good": "Rubber Gloves",
            "likelihood": "2",
            "reason": "Revision 2025 utan anmärkningar",
            "cpv_code": "33141420",
            "tier": "2",
        },
    )
    assert response.status_code == 302
    override = malaysia.risk_overrides.get()
    assert (override.likelihood, override.reason) == (2, "Revision 2025 utan anmärkningar")
    assert "Revision 2025 utan anmärkningar" in client.get(response["Location"]).content.decode()


def test_follow_up_ranks_risk_before_spend(contracts):
    rows = follow_up_list(list(contracts))
    assert [r.supplier.slug for r in rows] == ["supplier-a", "supplier-b"]


def test_register_pages_and_access(contracts, personas, client_for):
    malaysia, _ = contracts
    url = reverse("risk:contract_risk", args=[malaysia.uuid])
    assert (
        "ILAB: Gummihandskar" in client_for(personas.vera).get(url).content.decode()
    )  # the good by its Swedish name
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
    assert any(row[3] == "Gummihandskar" for row in rows[2:])  # the good in the reader's language


def test_contract_register_pdf_holds_the_items(contracts, personas, client_for):
    import pypdfium2

    url = reverse("risk:contract_export_pdf", args=[contracts[0].uuid])
    response = client_for(personas.vera).get(url)
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    pdf = pypdfium2.PdfDocument(response.content)
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pdf)
    pdf.close()
    for expected in (
        "A-1 Handskar",
        "Leverantör A AB",
        "Gummihandskar",
        "Malaysia",
        "Kritisk",
        "Tvångsarbete",
    ):
        assert expected in text
    assert "Världsbanken" in text  # attribution of the data used
    assert client_for(personas.lev).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
