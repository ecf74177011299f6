"""A contract's filled-in clause as a PDF: its parameters in the blanks, its pinned versions' texts."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from kedja.reference import actions
from kedja.reference.models import RequirementDocument

from . import factories


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def contract(reference, personas):
    return factories.contract(
        personas,
        clause_version=RequirementDocument.objects.get(key="clause-2024"),
        reporting_deadline_days=14,
        penalty_per_week_sek=25000,
        penalty_cap_weeks=8,
        is_framework_agreement=True,
        call_off_stop_months=3,
        traceability_deadline_weeks=6,
        traceability_site_types=["final_manufacturing"],
    )


@pytest.fixture
def reference(db):
    from kedja.reference.testing import load_test_reference

    return load_test_reference()


def test_filled_in_clause_pdf_has_the_parameters_and_the_code_of_conduct(contract, personas, client_for):
    response = client_for(personas.olle).get(reverse("contracts:contract_clause_pdf", args=[contract.uuid]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "SLL-2024-001" in text and "25 000" in text and "200 000" in text
    assert "14 kalenderdagar" in text and "6 veckor" in text and "Sluttillverkning" in text
    assert "Uppförandekod för leverantörer (2024)" in text and "Arbetstagares rättigheter" in text
    assert "Processkrav 5 (innehållet är inte offentligt)" in text


def test_pdf_keeps_the_pinned_text_after_a_new_version(contract, personas, client_for):
    pr5 = contract.clause_version.requirements.get(key="pr5-unknown")
    draft = actions.edit_requirement_text(
        acting_user=personas.sara,
        requirement=pr5,
        title_sv="Följa upp",
        title_en="Track",
        text_sv="Ny text.",
        text_en="New text.",
        is_placeholder=False,
    ).document
    actions.publish_version(
        acting_user=personas.sara, document=draft, version="2024.2", valid_from=timezone.localdate()
    )
    response = client_for(personas.sara).get(reverse("contracts:contract_clause_pdf", args=[contract.uuid]))
    text = " ".join(pdf_text(response.content).split())
    assert "Processkrav 5 (innehållet är inte offentligt)" in text and "Följa upp" not in text


def test_english_pdf(contract, personas, client_for):
    client = factories.english(client_for(personas.olle))
    text = " ".join(
        pdf_text(client.get(reverse("contracts:contract_clause_pdf", args=[contract.uuid])).content).split()
    )
    assert "14 calendar days" in text and "Supplier code of conduct (2024)" in text


def test_others_cannot_get_the_clause(contract, personas, client_for):
    url = reverse("contracts:contract_clause_pdf", args=[contract.uuid])
    assert client_for(personas.lisa).get(url).status_code == 404
    assert client_for(personas.alva).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
