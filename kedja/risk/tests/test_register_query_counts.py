"""The register pages read in bulk: their query count stays the same as suppliers and contracts grow,
and the bulk path gives exactly the registers the one-contract path gives."""

from datetime import date

import pytest
from django.urls import reverse

from kedja.contracts.models import Contract, Site, SiteType
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.risk import actions
from kedja.risk.register import contract_register, follow_up_list

from . import builders

pytestmark = pytest.mark.django_db

COUNTRY_CYCLE = (["MYS"], ["CHN", "SWE"], [])


@pytest.fixture
def analyses(personas, reference, risk_data):
    """Analyses of gloves and of its parent category, so registers draw on both."""
    for category, countries in ((reference.gloves, ["MYS", "CHN"]), (reference.consumables, ["PAK", "CHN"])):
        analysis = actions.start_analysis(
            category=category, period=reference.period, acting_user=personas.sara
        )
        stage = actions.add_stage(
            analysis=analysis, stage="manufacturing", countries=[], acting_user=personas.sara
        )
        for iso3 in countries:
            for code in ("wages", "ohs"):
                builders.item(reference, stage, personas.sara, issue=code, iso3=iso3)
        builders.item(reference, stage, personas.sara, iso3=None)


class Builder:
    """Adds suppliers with glove contracts, sites and overrides; numbered so it can be called again."""

    def __init__(self, personas, reference):
        self.personas, self.reference = personas, reference
        self.clause, self.cpv = builders.glove_contract_basics()
        self.suppliers = 0

    def grow(self, suppliers: int, contracts: int) -> None:
        """Add suppliers and share the contracts between them in turn."""
        new = []
        for _ in range(suppliers):
            self.suppliers += 1
            new.append(
                Organisation.objects.create(
                    kind=OrganisationKind.SUPPLIER,
                    name=f"Leverantör {self.suppliers:02d}",
                    slug=f"supplier-{self.suppliers:02d}",
                )
            )
        for k in range(contracts):
            self.contract(new[k % suppliers], k)

    def sites(self, contract: Contract, iso3s: list[str]) -> None:
        for iso3 in iso3s:
            site = Site.objects.create(
                supplier=contract.supplier,
                legal_name=f"Site {contract.reference} {iso3}",
                country=self.reference.countries[iso3],
                site_type=SiteType.FINAL_MANUFACTURING,
            )
            site.contracts.add(contract)

    def contract(self, supplier, k: int) -> Contract:
        countries = self.reference.countries
        contract = Contract.objects.create(
            reference=f"G-{supplier.slug}-{k}",
            title="Handskar",
            supplier=supplier,
            category=self.reference.gloves,
            starts_on=date(2024, 1, 1),
            ends_on=date(2025, 1, 1 + k),
            clause_version=self.clause,
            estimated_value_sek=100_000 * (self.suppliers + k),
        )
        contract.owning_regions.add(self.personas.stockholm)
        contract.cpv_codes.add(self.cpv)
        contract.production_countries.add(*[countries[c] for c in COUNTRY_CYCLE[k % 3]])
        self.sites(contract, ["PAK", "IND"])
        if k % 2 == 0:
            actions.set_contract_override(
                contract=contract,
                issue=self.reference.issues["ohs"],
                country=countries["PAK"],
                actual=True,
                reason="Reported by the auditor",
                acting_user=self.personas.sara,
            )
        return contract


@pytest.fixture
def builder(personas, reference, analyses):
    return Builder(personas, reference)


def _pages(reference):
    supplier = Organisation.objects.get(slug="supplier-01")
    contract = supplier.supplier_contracts.get(reference="G-supplier-01-0")
    return {
        "follow_up": (reverse("risk:follow_up"), {"category": reference.gloves.slug}),
        "follow_up_by_parent": (reverse("risk:follow_up"), {"category": reference.consumables.slug}),
        "contract": (reverse("risk:contract_risk", args=[contract.uuid]), {}),
        "supplier": (reverse("risk:supplier_risk", args=[supplier.uuid]), {}),
    }


def _counts(client, pages, django_assert_max_num_queries, limits=None) -> dict[str, int]:
    counts = {}
    for name, (url, params) in pages.items():
        with django_assert_max_num_queries(limits[name] if limits else 1000) as captured:
            response = client.get(url, params)
        assert response.status_code == 200
        counts[name] = len(captured)
    return counts


def test_register_pages_read_in_constant_queries(
    builder, personas, reference, client_for, django_assert_max_num_queries
):
    client = client_for(personas.sara)
    builder.grow(suppliers=2, contracts=3)
    pages = _pages(reference)
    small = _counts(client, pages, django_assert_max_num_queries)
    builder.grow(suppliers=8, contracts=27)  # 10 suppliers, 30 contracts
    first = Organisation.objects.get(slug="supplier-01")
    for k in range(10, 14):  # the supplier page rolls up more contracts
        builder.contract(first, k)
    builder.sites(first.supplier_contracts.get(reference="G-supplier-01-0"), ["CHN", "TUR", "SWE"])
    _counts(client, pages, django_assert_max_num_queries, limits=small)
    assert Contract.objects.count() == 34
    body = client.get(*pages["follow_up"]).content.decode()
    assert body.count('name="supplier"') == 10


def test_bulk_registers_equal_one_contract_registers(builder, reference):
    builder.grow(suppliers=3, contracts=9)
    contracts = Contract.objects.filter(category=reference.gloves).select_related("supplier")
    rows = follow_up_list(contracts)
    assert len(rows) == 3
    for row in rows:
        for register in row.registers:
            alone = contract_register(Contract.objects.get(pk=register.contract.pk))
            assert _flat(register) == _flat(alone) and register.rating == alone.rating
    assert any(i.actual for row in rows for r in row.registers for i in r.items)
    assert any(i.source.startswith("ILAB") for row in rows for r in row.registers for i in r.items)


def test_a_register_computed_again_sees_a_new_override(builder, personas, reference):
    builder.grow(suppliers=1, contracts=2)
    contract = Contract.objects.get(reference="G-supplier-01-1")  # no override yet
    before = contract_register(contract)
    headline = before.headline
    actions.set_contract_override(
        contract=contract,
        issue=headline.issue,
        country=headline.country,
        good=headline.good,
        excluded=True,
        reason="Not produced there any more",
        acting_user=personas.sara,
    )
    after = contract_register(contract)
    assert headline.key not in {item.key for item in after.items}
    assert len(after.items) == len(before.items) - 1


def _flat(register) -> list[tuple]:
    return [
        (
            i.issue.code,
            i.country.iso3 if i.country else None,
            i.good,
            i.stage,
            i.source,
            i.severity,
            i.likelihood,
            i.priority,
            i.category,
            i.actual,
            i.override.pk if i.override else None,
        )
        for i in register.items
    ]
