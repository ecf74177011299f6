"""The basic clause's requirements are placeholders (Kedja does not ship the agency's wording): the
secretariat's document page, a contract on it and its clause PDF say so, in Swedish and English."""

import pytest
from django.urls import reverse

from kedja.contracts.tests import factories
from kedja.contracts.tests.test_clause_pdf import pdf_text
from kedja.reference.models import RequirementDocument

NOTICE_SV = "Kedja har inte med deras officiella lydelse"
NOTICE_EN = "Kedja does not ship their official wording"


@pytest.fixture
def basic(reference):
    return RequirementDocument.objects.get(key="clause-2024-basic")


@pytest.fixture
def contract(basic, personas):
    return factories.contract(personas, clause_version=basic, owning_regions=[personas.stockholm])


def test_the_secretariat_sees_which_requirements_are_placeholders_and_how_to_fill_them(
    basic, personas, client_for
):
    url = reverse("reference:document_detail", args=[basic.uuid])
    swedish = client_for(personas.sara).get(url).content.decode()
    assert NOTICE_SV in swedish and "3 krav är platshållare" in swedish
    assert "Platshållare: inte den officiella lydelsen" in swedish
    assert "Riskbedömning" in swedish.split('id="placeholders"')[1].split("</div>")[0]
    assert "Fyll i den officiella lydelsen" in swedish
    english = factories.english(client_for(personas.sara)).get(url).content.decode()
    assert NOTICE_EN in english and "Placeholder: not the official wording" in english
    # Readers who may not edit are told what the texts are, not asked to edit them.
    assert "Fyll i den officiella lydelsen" not in client_for(personas.vera).get(url).content.decode()


def test_a_contract_on_the_basic_clause_says_its_texts_are_placeholders(contract, personas, client_for):
    url = reverse("contracts:contract_detail", args=[contract.uuid])
    swedish = client_for(personas.olle).get(url).content.decode()
    notice = swedish.split('id="placeholders"')[1].split("</div>")[0]
    assert NOTICE_SV in notice and "Upphandlingsmyndighetens" in notice and "Policy och ansvar" in notice
    english = factories.english(client_for(personas.olle)).get(url).content.decode()
    assert NOTICE_EN in english and "National Agency for Public Procurement" in english


def test_the_clause_pdf_marks_each_placeholder(contract, personas, client_for):
    url = reverse("contracts:contract_clause_pdf", args=[contract.uuid])
    text = " ".join(pdf_text(client_for(personas.olle).get(url).content).split())
    assert "3 krav är platshållare" in text
    assert text.count("[Platshållare: inte den officiella lydelsen]") == 3
    english = " ".join(pdf_text(factories.english(client_for(personas.olle)).get(url).content).split())
    assert english.count("[Placeholder: not the official wording]") == 3


def test_a_contract_without_placeholders_shows_no_notice(reference, personas, client_for):
    terms = RequirementDocument.objects.get(key="terms-2013")
    contract = factories.contract(personas, clause_version=terms, reference="OLD-9")
    page = client_for(personas.olle).get(reverse("contracts:contract_detail", args=[contract.uuid]))
    assert 'id="placeholders"' not in page.content.decode()
