"""List, detail and form pages: filters, htmx fragments, query counts, history, happy paths."""

import pytest
from django.urls import reverse

from kedja.contracts import actions
from kedja.contracts.models import Contract, Site, SupplierContact
from kedja.organisations.models import Organisation

from . import factories
from .test_validation import form_data

pytestmark = pytest.mark.django_db


def make_contracts(personas, count, start=0):
    for n in range(start, start + count):
        factories.contract(
            personas,
            reference=f"R-{n:03}",
            title=f"Contract {n}",
            owning_regions=[personas.stockholm, personas.uppsala],
            is_framework_agreement=n % 2 == 0,
            production_countries=[factories.reference_rows()["mys"]],
        )


def test_contract_list_query_count_is_constant(personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.vera)
    url = reverse("contracts:contract_list")
    make_contracts(personas, 2)
    client.get(url)  # warm the session and the actor
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    make_contracts(personas, 20, start=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "R-021" in response.content.decode()


def test_contract_list_filters(personas, client_for):
    make_contracts(personas, 3)
    factories.bed_linen(personas, category=factories.category("laundry_textiles", "Laundry and textiles"))
    client = client_for(personas.vera)
    url = reverse("contracts:contract_list")

    def refs(**params):
        return {c.reference for c in client.get(url, params).context["page"].object_list}

    assert refs(q="bed") == {"SKA-1"}
    assert refs(q="Leverantör B") == {"SKA-1"}
    assert refs(category="laundry_textiles") == {"SKA-1"}
    assert refs(region="region-skane") == {"SKA-1"}
    assert refs(region="region-stockholm") == {"R-000", "R-001", "R-002"}
    assert refs(framework="yes") == {"R-000", "R-002"}
    assert refs(status="ended") == set()
    assert refs(status="nonsense", framework="maybe", page="x") == {"R-000", "R-001", "R-002", "SKA-1"}


def test_unknown_category_or_region_lists_nothing(personas, client_for):
    make_contracts(personas, 2)
    client = client_for(personas.vera)
    url = reverse("contracts:contract_list")
    for params in ({"category": "no-such-category"}, {"region": "no-such-region"}, {"region": "supplier-b"}):
        response = client.get(url, params)
        assert response.status_code == 200
        assert list(response.context["page"].object_list) == [], params


def test_a_search_counts_its_matches_up_to_a_cap(personas, client_for, monkeypatch):
    from kedja.contracts import views

    make_contracts(personas, 7)
    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 5)
    client = client_for(personas.vera)
    url = reverse("contracts:contract_list")
    searched = client.get(url, {"q": "contract"})
    assert searched.context["page"].paginator.count == 5
    assert "Mer än 5 poster" in searched.content.decode()
    exact = client.get(url, {"q": "contract 1"})  # below the cap: counted exactly
    assert exact.context["page"].paginator.count == 1 and "1 post" in exact.content.decode()
    whole = client.get(url)  # the whole list is always counted exactly
    assert whole.context["page"].paginator.count == 7 and "Mer än" not in whole.content.decode()


def test_contract_list_htmx_returns_fragment(personas, client_for):
    make_contracts(personas, 1)
    response = client_for(personas.vera).get(
        reverse("contracts:contract_list"), {"q": "R-000"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "R-000" in html
    assert "<html" not in html


def test_contract_detail_shows_parameters_and_history(personas, client_for):
    contract = factories.contract(
        personas,
        penalty_per_week_sek=5000,
        penalty_cap_weeks=10,
        reporting_deadline_days=30,
        is_framework_agreement=True,
        call_off_stop_months=3,
        production_countries=[factories.reference_rows()["mys"]],
    )
    html = (
        factories.english(client_for(personas.vera))
        .get(reverse("contracts:contract_detail", args=[contract.uuid]))
        .content.decode()
    )
    assert "min(10, started weeks)" in html
    assert "50,000" in html or "50 000" in html or "50000" in html
    assert "33141420" in html
    assert "Malaysia" in html
    assert "within 30 calendar days" in html
    assert "Forced labour" in html
    assert "Contract created" in html


def test_officer_creates_contract_through_the_form(personas, client_for):
    response = client_for(personas.olle).post(
        reverse("contracts:contract_create"),
        form_data(
            personas, penalty_per_week_sek="5000", penalty_cap_weeks="10", traceability_deadline_weeks=""
        ),
    )
    contract = Contract.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contracts:contract_detail", args=[contract.uuid])
    assert sorted(c.code for c in contract.cpv_codes.all()) == ["18424300", "33141420"]
    assert contract.traceability_deadline_weeks == 4
    assert list(contract.owning_regions.all()) == [personas.stockholm]


def test_edit_form_round_trips(personas, client_for):
    contract = factories.contract(personas)
    client = client_for(personas.olle)
    form = client.get(reverse("contracts:contract_edit", args=[contract.uuid])).context["form"]
    assert form.initial["cpv_codes"] == "33141420"
    data = form_data(personas, reference=contract.reference, title="Renamed")
    assert client.post(reverse("contracts:contract_edit", args=[contract.uuid]), data).status_code == 302
    contract.refresh_from_db()
    assert contract.title == "Renamed"


def test_officer_adds_edits_and_removes_a_site(personas, client_for):
    contract = factories.contract(personas)
    client = client_for(personas.olle)
    mys = factories.reference_rows()["mys"]
    data = {
        "legal_name": "Glove Works Sdn Bhd",
        "address": "Klang",
        "country": mys.pk,
        "tier": 2,
        "site_type": "final_manufacturing",
        "workers": 500,
        "is_confidential": "on",
    }
    response = client.post(reverse("contracts:site_create", args=[contract.uuid]), data)
    assert response.status_code == 302
    site = Site.objects.get()
    assert list(site.contracts.all()) == [contract] and site.supplier == personas.supplier_a
    data["workers"] = 650
    client.post(reverse("contracts:site_edit", args=[contract.uuid, site.uuid]), data)
    site.refresh_from_db()
    assert site.workers == 650
    assert client.get(reverse("contracts:site_remove", args=[contract.uuid, site.uuid])).status_code == 405
    client.post(reverse("contracts:site_remove", args=[contract.uuid, site.uuid]))
    assert not Site.objects.exists()


def test_supplier_list_search_and_country_filter(personas, client_for):
    factories.reference_rows()
    client = client_for(personas.vera)
    url = reverse("contracts:supplier_list")
    names = [s.name for s in client.get(url, {"q": "556000-0002"}).context["page"].object_list]
    assert names == ["Leverantör B AB"]
    assert len(client.get(url, {"country": "SWE"}).context["page"].object_list) == 2
    assert len(client.get(url, {"country": "MYS"}).context["page"].object_list) == 0


def test_supplier_detail_shows_contacts_contracts_and_history(personas, client_for):
    ref = factories.reference_rows()
    client = client_for(personas.olle)
    client.post(
        reverse("contracts:supplier_edit", args=[personas.supplier_a.uuid]),
        {"name": "Leverantör A AB", "country": "SWE", "org_number": "556000-0001", "website": "example.se"},
    )
    client.post(
        reverse("contracts:contact_create", args=[personas.supplier_a.uuid]),
        {"name": "Karin Ansvarig", "email": "karin@a.example", "is_due_diligence_contact": "on"},
    )
    factories.contract(personas, title="Visible contract")
    html = client.get(reverse("contracts:supplier_detail", args=[personas.supplier_a.uuid])).content.decode()
    assert "Karin Ansvarig" in html and "Visible contract" in html
    assert "Leverantör ändrad" in html and "Kontaktperson tillagd" in html
    assert ref["swe"].name in html
    contact = SupplierContact.objects.get()
    client.post(reverse("contracts:contact_remove", args=[personas.supplier_a.uuid, contact.uuid]))
    assert not SupplierContact.objects.exists()


def test_supplier_cannot_edit_other_suppliers_contacts(personas, client_for):
    factories.reference_rows()
    response = client_for(personas.lisa).post(
        reverse("contracts:contact_create", args=[personas.supplier_a.uuid]),
        {"name": "Intruder", "email": "x@example.com"},
    )
    assert response.status_code == 404
    assert not SupplierContact.objects.exists()


def test_supply_chain_page_groups_by_tier_and_chain(personas, client_for):
    contract = factories.contract(personas)
    top = factories.site(personas, contract, legal_name="Distributor AB", tier=1, site_type="distribution")
    factories.site(personas, contract, legal_name="Factory", tier=2, supplies_to=top)
    response = client_for(personas.olle).get(reverse("contracts:supply_chain", args=[contract.uuid]))
    tiers = response.context["tiers"]
    assert [tier for tier, _ in tiers] == [1, 2]
    chain = response.context["chain"]
    assert [(row.site.name, row.opens_list, row.closes) for row in chain] == [
        ("Distributor AB", False, 0),
        ("Factory", True, 1),  # the list of what delivers to the distributor, opened and closed
    ]


def test_supplier_list_query_count_is_constant(personas, client_for, django_assert_max_num_queries):
    ref = factories.reference_rows()
    client = client_for(personas.vera)
    url = reverse("contracts:supplier_list")
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(15):
        actions.create_supplier(acting_user=personas.sara, name=f"Supplier {n} AB", country=ref["mys"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Supplier 14 AB" in client.get(url).content.decode()


def test_contract_detail_links_the_clause_version(personas, client_for):
    contract = factories.contract(personas)
    html = (
        client_for(personas.vera)
        .get(reverse("contracts:contract_detail", args=[contract.uuid]))
        .content.decode()
    )
    assert reverse("reference:document_detail", args=[contract.clause_version.uuid]) in html


def test_links_to_risk_and_follow_up_only_for_the_collaboration(personas, client_for):
    contract = factories.contract(personas, owning_regions=[personas.stockholm])
    detail = reverse("contracts:contract_detail", args=[contract.uuid])
    supplier = reverse("contracts:supplier_detail", args=[contract.supplier.uuid])
    risk_link = reverse("risk:contract_risk", args=[contract.uuid])
    history_link = reverse("followup:supplier_history", args=[contract.supplier.uuid])
    vera = client_for(personas.vera)
    assert risk_link in vera.get(detail).content.decode()
    assert history_link in vera.get(supplier).content.decode()
    lev = client_for(personas.lev)
    assert contract.supplier == personas.supplier_a
    lev_detail, lev_supplier = lev.get(detail), lev.get(supplier)
    assert lev_detail.status_code == lev_supplier.status_code == 200
    assert risk_link not in lev_detail.content.decode()
    assert history_link not in lev_supplier.content.decode()


def test_supplier_list_offers_the_countries_of_the_suppliers_the_reader_may_see(personas, client_for):
    ref = factories.reference_rows()
    Organisation.objects.filter(pk=personas.supplier_a.pk).update(country_code="SWE")
    Organisation.objects.filter(pk=personas.supplier_b.pk).update(country_code="MYS")
    Organisation.objects.filter(pk=personas.stockholm.pk).update(country_code="PAK")  # not a supplier
    url = reverse("contracts:supplier_list")
    offered = {c.iso3 for c in client_for(personas.olle).get(url).context["countries"]}
    assert offered == {"SWE", "MYS"} and ref["pak"].iso3 not in offered
    assert {c.iso3 for c in client_for(personas.lev).get(url).context["countries"]} == {"SWE"}
