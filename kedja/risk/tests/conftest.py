"""Small reference fixtures for the risk tests (load_reference is another engineer's; we build
only the rows we need)."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.management import call_command

from kedja.contracts.models import Contract
from kedja.organisations.models import ProcurementArea
from kedja.reference.models import (
    Category,
    CategoryCpvPrefix,
    CategoryResponsibility,
    CategoryStatus,
    CodeArea,
    Country,
    Issue,
    PriorityPeriod,
)

from . import builders

COUNTRIES = {
    "SWE": ("Sverige", "Sweden"),
    "MYS": ("Malaysia", "Malaysia"),
    "CHN": ("Kina", "China"),
    "PAK": ("Pakistan", "Pakistan"),
    "COD": ("Kongo-Kinshasa", "DR Congo"),
    "IND": ("Indien", "India"),
    "TUR": ("Turkiet", "Türkiye"),
}
ISSUES = {
    "forced_labour": ("Tvångsarbete", "Forced labour", 5, 4, "FL"),
    "child_labour": ("Barnarbete", "Child labour", 5, 5, "CL"),
    "working_hours": ("Arbetstid", "Working hours", 2, 2, ""),
    "wages": ("Löner", "Wages", 3, 1, ""),
    "ohs": ("Arbetsmiljö", "Occupational health and safety", 4, 3, ""),
}


@dataclass
class Reference:
    period: PriorityPeriod
    textiles: Category
    gloves: Category
    consumables: Category
    instruments: Category
    issues: dict
    countries: dict


def _category(slug, name_sv, name_en, prefixes, parent=None):
    category, _ = Category.objects.get_or_create(
        slug=slug,
        defaults={"name_sv": name_sv, "name_en": name_en, "status": CategoryStatus.CURRENT, "parent": parent},
    )
    for prefix in prefixes:
        CategoryCpvPrefix.objects.get_or_create(category=category, prefix=prefix)
    return category


@pytest.fixture
def reference(personas):
    countries = {
        iso3: Country.objects.get_or_create(iso3=iso3, defaults={"name_sv": sv, "name_en": en})[0]
        for iso3, (sv, en) in COUNTRIES.items()
    }
    issues = {
        code: Issue.objects.get_or_create(
            code=code,
            defaults={
                "name_sv": sv,
                "name_en": en,
                "area": CodeArea.LABOUR_RIGHTS,
                "default_scale": sc,
                "default_irremediability": ir,
                "ilab_type": ilab,
            },
        )[0]
        for code, (sv, en, sc, ir, ilab) in ISSUES.items()
    }
    period, _ = PriorityPeriod.objects.get_or_create(
        name="2023–2025", defaults={"starts_on": date(2023, 1, 1), "ends_on": date(2025, 12, 31)}
    )
    area_f, _ = ProcurementArea.objects.get_or_create(letter="F", defaults={"name_sv": "F", "name_en": "F"})
    area_a, _ = ProcurementArea.objects.get_or_create(letter="A", defaults={"name_sv": "A", "name_en": "A"})
    textiles = _category("laundry_textiles", "Tvätt och textilier", "Laundry and textiles", ["181", "3951"])
    consumables = _category(
        "general_consumables", "Generella förbrukningsvaror", "General consumables", ["331412"]
    )
    gloves = _category("gloves", "Handskar", "Gloves", ["3314142"], parent=consumables)
    instruments = _category(
        "surgical_instruments", "Kirurgiska instrument", "Surgical instruments", ["33169"]
    )
    for category, area in ((textiles, personas.area_h), (consumables, area_f), (instruments, area_a)):
        CategoryResponsibility.objects.get_or_create(
            period=period, category=category, defaults={"area": area, "prioritised": True}
        )
    return Reference(period, textiles, gloves, consumables, instruments, issues, countries)


@pytest.fixture
def risk_data(db):
    call_command("load_risk_data", verbosity=0)


@pytest.fixture
def contracts(personas, reference, risk_data):
    """Glove contracts: supplier A produces in Malaysia (critical), supplier B in Sweden."""
    clause, gloves_cpv = builders.glove_contract_basics()

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
