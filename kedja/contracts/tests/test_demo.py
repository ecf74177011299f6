"""The demo loader builds realistic suppliers, contracts and chains, and is safe to run twice."""

import pytest
from django.core.management import call_command

from kedja.contracts import demo
from kedja.contracts.models import Contract, Site, SupplierContact
from kedja.core.models import AuditEntry
from kedja.organisations import demo as organisations_demo


@pytest.mark.django_db
def test_demo_is_realistic_and_idempotent():
    # One test on purpose: loading the full reference data takes a few seconds.
    call_command("load_reference", verbosity=0)
    organisations_demo.load()
    demo.load()
    counts = (Contract.objects.count(), Site.objects.count(), SupplierContact.objects.count())
    entries = AuditEntry.objects.count()
    demo.load()
    assert (Contract.objects.count(), Site.objects.count(), SupplierContact.objects.count()) == counts
    assert AuditEntry.objects.count() == entries
    assert 10 <= counts[0] <= 15
    gloves = Contract.objects.get(reference="SLL-2023-0412")
    assert gloves.supplier.slug == "medisupply"
    assert gloves.penalty_per_week_sek == 5000 and gloves.penalty_cap_weeks == 10
    assert gloves.traceability_deadline_weeks == 4
    assert {s.country.iso3 for s in gloves.sites.filter(tier=2)} == {"MYS"}
    textiles = Contract.objects.get(reference="RS-2022-0310")
    assert textiles.supplier.slug == "textilia"
    assert textiles.sites.filter(country__iso3="BIH", site_type="final_manufacturing").exists()
    laptops = Contract.objects.get(reference="SLL-2024-0220")
    assert laptops.sites.filter(country__iso3="COD").exists()
    assert Site.objects.filter(country__iso3="PAK", tier=3).count() >= 2
    assert Contract.objects.filter(clause_version__key="terms-2013").exists()
    assert gloves.zero_tolerance_issues.filter(code="forced_labour").exists()
