"""The stored countries of each case (CaseCountry) stay equal to what they are read from: the
countries of its contracts (declared, or of a site in their supply chains) and of the sites audited
in it, whatever changes those and from whichever side."""

import random
from datetime import date

import pytest

from kedja.contracts.models import Contract, Site
from kedja.followup.models import CaseCountry, FollowUpCase, SiteAudit

from . import factories

pytestmark = pytest.mark.django_db


def derived() -> set[tuple[int, str]]:
    """(case id, ISO3) as read from the cases' contracts and audits, for every case."""
    pairs = set()
    for case in FollowUpCase.objects.prefetch_related(
        "contracts__production_countries", "contracts__sites__country", "site_audits__site__country"
    ):
        for contract in case.contracts.all():
            pairs |= {(case.pk, c.iso3) for c in contract.production_countries.all()}
            pairs |= {(case.pk, s.country.iso3) for s in contract.sites.all() if s.country}
        pairs |= {(case.pk, a.site.country.iso3) for a in case.site_audits.all() if a.site.country}
    return pairs


def stored() -> set[tuple[int, str]]:
    return set(CaseCountry.objects.values_list("case_id", "country__iso3"))


def _case(personas, contracts=()) -> FollowUpCase:
    case = FollowUpCase.objects.create(
        supplier=personas.supplier_a, lead_organisation=personas.skane, origin="contract", year=2026
    )
    case.contracts.add(*contracts)
    return case


def _audit(personas, case, site) -> SiteAudit:
    return SiteAudit.objects.create(
        case=case,
        site=site,
        audit_firm=personas.audit_firm,
        announcement="announced",
        starts_on=date(2026, 5, 4),
        ends_on=date(2026, 5, 5),
        reason="Migrant workers",
        cost_bearer="region",
    )


def test_the_follow_up_actions_keep_the_countries(
    personas, step3_case, contract_a, django_capture_on_commit_callbacks
):
    """A case started from a contract reaches its declared countries; an audited site adds its own,
    although no contract's chain holds it."""
    assert stored() == set()
    contract_a.production_countries.add(factories.country("PAK", "Pakistan"))
    assert stored() == {(step3_case.pk, "PAK")}
    audit = factories.site_audit(personas, step3_case)  # a new site in Malaysia, in no chain
    assert stored() == {(step3_case.pk, "PAK"), (step3_case.pk, "MYS")} == derived()
    with django_capture_on_commit_callbacks(execute=True):
        audit.delete()
    assert stored() == {(step3_case.pk, "PAK")} == derived()


def test_an_audited_site_that_moves_takes_the_case_along(personas, contract_a):
    """The site is in no contract's chain: only its audit links it to the case."""
    case = _case(personas, [contract_a])
    site = factories.site(personas.supplier_a, iso3="MYS")
    _audit(personas, case, site)
    site.country = factories.country("VNM", "Vietnam", "Vietnam")
    site.save(update_fields=["country"])
    assert stored() == {(case.pk, "VNM")} == derived()


def test_a_case_with_audits_can_be_deleted(personas, contract_a, django_capture_on_commit_callbacks):
    case = _case(personas, [contract_a])
    _audit(personas, case, factories.site(personas.supplier_a))
    assert stored() == {(case.pk, "MYS")}
    with django_capture_on_commit_callbacks(execute=True):
        case.delete()
    assert stored() == set()


def test_any_sequence_of_changes_keeps_the_countries(personas, django_capture_on_commit_callbacks):
    """Random changes through the ORM to cases' contracts (from either side), contracts' sites and
    declarations, sites' countries and audits; after each, the stored countries equal the derived."""
    rng = random.Random(11)
    countries = [factories.country(iso3) for iso3 in ("SWE", "MYS", "PAK")]
    contracts = [
        factories.contract(personas.supplier_a, [personas.skane], reference=f"K-{n}") for n in range(3)
    ]
    sites = [factories.site(personas.supplier_a, name=f"Site {n}", iso3=countries[n].iso3) for n in range(3)]
    cases = [_case(personas) for _ in range(3)]

    def move(site: Site) -> None:
        site.country = rng.choice([*countries, None])
        site.save()

    def audit() -> None:
        _audit(personas, rng.choice(cases), rng.choice(sites))

    def re_site() -> None:
        audit = SiteAudit.objects.order_by("?").first()
        if audit:
            audit.site = rng.choice(sites)
            audit.save()

    def unaudit() -> None:
        audit = SiteAudit.objects.order_by("?").first()
        if audit:
            with django_capture_on_commit_callbacks(execute=True):
                audit.delete()

    steps = [
        lambda: rng.choice(cases).contracts.add(*rng.sample(contracts, 2)),
        lambda: rng.choice(cases).contracts.remove(rng.choice(contracts)),
        lambda: rng.choice(cases).contracts.clear(),
        lambda: rng.choice(cases).contracts.set(rng.sample(contracts, 1)),
        lambda: rng.choice(contracts).followup_cases.add(rng.choice(cases)),
        lambda: rng.choice(contracts).followup_cases.remove(rng.choice(cases)),
        lambda: rng.choice(contracts).followup_cases.clear(),
        lambda: rng.choice(contracts).sites.add(rng.choice(sites)),
        lambda: rng.choice(contracts).sites.clear(),
        lambda: rng.choice(contracts).production_countries.set(rng.sample(countries, 1)),
        lambda: rng.choice(countries).contracts.clear(),
        lambda: move(rng.choice(sites)),
        audit,
        re_site,
        unaudit,
    ]
    for step in range(200):
        rng.choice(steps)()
        assert stored() == derived(), f"after step {step}"
    Contract.objects.filter(reference="K-0").delete()
    assert stored() == derived()
