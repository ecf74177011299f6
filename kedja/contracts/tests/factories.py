"""The few reference rows and contracts the contract tests need, without the full reference load."""

from datetime import date

from kedja.contracts import actions
from kedja.contracts.actions import ContractInput, SiteInput
from kedja.contracts.models import Contract, Site
from kedja.organisations.testing import Personas
from kedja.reference.models import (
    Category,
    ClauseLevel,
    Country,
    CpvCode,
    DocumentKind,
    Issue,
    RequirementDocument,
)


def country(iso3: str, name_en: str, name_sv: str | None = None) -> Country:
    obj, _ = Country.objects.get_or_create(
        iso3=iso3, defaults={"name_en": name_en, "name_sv": name_sv or name_en, "iso2": iso3[:2]}
    )
    return obj


def cpv(code: str, label: str) -> CpvCode:
    obj, _ = CpvCode.objects.get_or_create(
        code=code, defaults={"division": code[:2], "level": 4, "label_sv": label, "label_en": label}
    )
    return obj


def category(slug: str = "gloves", name: str = "Gloves") -> Category:
    obj, _ = Category.objects.get_or_create(
        slug=slug, defaults={"name_sv": name, "name_en": name, "status": "current"}
    )
    return obj


def clause() -> RequirementDocument:
    obj, _ = RequirementDocument.objects.get_or_create(
        key="clause-2024",
        defaults={
            "kind": DocumentKind.CONTRACT_CLAUSE,
            "title_sv": "Avtalsvillkor 2024",
            "title_en": "Contract clause 2024",
            "version": "2024",
            "level": ClauseLevel.ADVANCED_2024,
        },
    )
    return obj


def issue(code: str, name: str, *, zero_tolerance: bool) -> Issue:
    obj, _ = Issue.objects.get_or_create(
        code=code,
        defaults={
            "name_sv": name,
            "name_en": name,
            "area": "labour_rights",
            "zero_tolerance": zero_tolerance,
            "default_scale": 5,
            "default_irremediability": 4,
        },
    )
    return obj


def reference_rows() -> dict:
    """Countries, CPV codes, a category, the 2024 clause and three issues."""
    return {
        "swe": country("SWE", "Sweden", "Sverige"),
        "mys": country("MYS", "Malaysia"),
        "pak": country("PAK", "Pakistan"),
        "gloves_cpv": cpv("33141420", "Surgical gloves"),
        "disposable_cpv": cpv("18424300", "Disposable gloves"),
        "category": category(),
        "clause": clause(),
        "forced_labour": issue("forced_labour", "Forced labour", zero_tolerance=True),
        "child_labour": issue("child_labour", "Child labour", zero_tolerance=True),
        "wages": issue("wages", "Wages", zero_tolerance=False),
    }


def contract_input(personas: Personas, **overrides) -> ContractInput:
    ref = reference_rows()
    values = {
        "reference": "SLL-2024-001",
        "title": "Examination gloves",
        "supplier": personas.supplier_a,
        "category": ref["category"],
        "owning_regions": [personas.stockholm],
        "starts_on": date(2024, 1, 1),
        "ends_on": date(2027, 12, 31),
        "clause_version": ref["clause"],
        "cpv_codes": "33141420",
    }
    values.update(overrides)
    return ContractInput(**values)


def contract(personas: Personas, *, acting_user=None, **overrides) -> Contract:
    return actions.create_contract(
        acting_user=acting_user or personas.sara, data=contract_input(personas, **overrides)
    )


def bed_linen(personas: Personas, **overrides) -> Contract:
    """Supplier B's bed-linen contract SKA-1, owned by Region Skåne: the one the list filters and
    the search tell apart from Stockholm's gloves."""
    values = {"supplier": personas.supplier_b, "owning_regions": [personas.skane]} | overrides
    return contract(personas, reference="SKA-1", title="Bed linen", **values)


def site(personas: Personas, on: Contract, *, acting_user=None, **overrides) -> Site:
    values = {
        "legal_name": "Secret Glove Factory Sdn Bhd",
        "address": "Jalan Rahsia 7, Klang",
        "site_type": "final_manufacturing",
        "tier": 2,
        "country": reference_rows()["mys"],
        "products": "Nitrile gloves",
        "workers": 800,
        "is_confidential": True,
    }
    values.update(overrides)
    return actions.add_site(acting_user=acting_user or personas.sara, contract=on, data=SiteInput(**values))


def english(client):
    """Switch a test client to English through the language cookie (Accept-Language is ignored)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
