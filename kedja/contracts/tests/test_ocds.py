"""OCDS out and in: the export validates against the OCDS 1.1.5 schema plus Kedja's extension, and
an export imported into an empty database gives back the same contracts; bad packages change nothing."""

import copy
import json
from datetime import date
from decimal import Decimal

import pytest

from kedja.contracts import actions, ocds
from kedja.contracts.models import Contract
from kedja.organisations.models import Organisation, OrganisationKind

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_for():
    from django.test import Client

    from kedja.api.tests.conftest import token_for

    return lambda user: Client(headers={"Authorization": f"Bearer {token_for(user)}"})


@pytest.fixture
def contracts(personas):
    ref = factories.reference_rows()
    foreign = Organisation.objects.create(
        kind=OrganisationKind.SUPPLIER, name="Nitrilex Sdn Bhd", slug="nitrilex", country_code="MYS"
    )
    return [
        factories.contract(
            personas,
            reference="SLL-1",
            owning_regions=[personas.stockholm, personas.skane],
            estimated_value_sek=Decimal(1200000),
            is_framework_agreement=True,
            call_off_stop_months=3,
            penalty_per_week_sek=Decimal(10000),
            penalty_cap_weeks=10,
            production_countries=[ref["mys"], ref["pak"]],
            traceability_site_types=["final_manufacturing"],
            cpv_codes="33141420, 18424300",
        ),
        factories.contract(
            personas,
            reference="SLL-2",
            supplier=foreign,
            ends_on=None,
            zero_tolerance_issues=[ref["forced_labour"]],
            status="planned",
        ),
    ]


def _export(client) -> dict:
    response = client.get("/api/v1/ocds/releases")
    assert response.status_code == 200
    return response.json()


def _import(client, package, **params):
    query = "?dry_run=true" if params.get("dry_run") else ""
    return client.post(f"/api/v1/ocds/import{query}", json.dumps(package), content_type="application/json")


FIELDS = [
    "reference",
    "title",
    "status",
    "starts_on",
    "ends_on",
    "estimated_value_sek",
    "is_framework_agreement",
    "is_renewable",
    "due_diligence_starts_on",
    "reporting_deadline_days",
    "traceability_deadline_weeks",
    "traceability_site_types",
    "penalty_per_week_sek",
    "penalty_cap_weeks",
    "call_off_stop_months",
    "cost_sharing",
]


def _facts(contract: Contract) -> dict:
    facts = {name: getattr(contract, name) for name in FIELDS}
    facts.update(
        supplier=(contract.supplier.name, contract.supplier.org_number, contract.supplier.country_code),
        category=contract.category.slug,
        clause=contract.clause_version.key,
        regions=sorted(r.slug for r in contract.owning_regions.all()),
        cpv=sorted(c.code for c in contract.cpv_codes.all()),
        issues=sorted(i.code for i in contract.zero_tolerance_issues.all()),
        countries=sorted(c.iso3 for c in contract.production_countries.all()),
    )
    return facts


def test_export_is_valid_ocds_with_the_kedja_extension(personas, contracts, api_for):
    package = _export(api_for(personas.vera))
    assert ocds.schema_problems(package) == []
    assert len(package["releases"]) == 2
    release = next(r for r in package["releases"] if r["contracts"][0]["id"] == "SLL-1")
    assert release["ocid"] == f"ocds-kedja-{contracts[0].uuid}"
    assert {p["id"] for p in release["parties"] if "buyer" in p["roles"]} == {
        "kedja-region-stockholm",
        "kedja-region-skane",
    }
    supplier = next(p for p in release["parties"] if "supplier" in p["roles"])
    assert supplier["identifier"] == {"scheme": "SE-BLV", "id": "556000-0001", "legalName": "Leverantör A AB"}
    item = release["contracts"][0]
    assert item["value"] == {"amount": 1200000, "currency": "SEK"}
    assert [i["classification"]["id"] for i in item["items"]] == ["18424300", "33141420"]
    assert item["dueDiligence"]["penaltyPerWeek"] == 10000
    assert item["dueDiligence"]["isFrameworkAgreement"] is True


def test_extension_schema_catches_a_bad_due_diligence_value(personas, contracts, api_for):
    package = _export(api_for(personas.vera))
    package["releases"][0]["contracts"][0]["dueDiligence"]["penaltyCapWeeks"] = 0
    assert any("penaltyCapWeeks" in problem for problem in ocds.schema_problems(package))


def test_round_trip_into_an_empty_database_gives_the_same_contracts(personas, contracts, api_for):
    sara = api_for(personas.sara)
    package = _export(sara)
    before = sorted((_facts(c) for c in Contract.objects.all()), key=lambda f: f["reference"])
    Contract.objects.all().delete()
    Organisation.objects.filter(kind=OrganisationKind.SUPPLIER).delete()
    response = _import(sara, package)
    assert response.status_code == 200, response.content
    assert sorted(response.json()["created"]) == sorted(r["ocid"] for r in package["releases"])
    after = sorted((_facts(c) for c in Contract.objects.all()), key=lambda f: f["reference"])
    assert after == before
    again = _export(sara)
    assert sorted(r["ocid"] for r in again["releases"]) == sorted(r["ocid"] for r in package["releases"])


def test_contract_registered_in_kedja_has_a_stable_ocid_with_the_prefix(
    personas, contracts, api_for, settings
):
    settings.KEDJA_OCID_PREFIX = "ocds-a1b2c3"
    sara = api_for(personas.sara)
    first = {r["ocid"] for r in _export(sara)["releases"]}
    assert first == {f"ocds-a1b2c3-{c.uuid}" for c in contracts}
    actions.update_contract(
        acting_user=personas.sara,
        contract=contracts[0],
        data=factories.contract_input(personas, reference="SLL-1", title="New title"),
    )
    later = _export(sara)["releases"]
    assert {r["ocid"] for r in later} == first
    assert len({r["id"] for r in later}) == len(later)


def test_imported_ocid_is_kept_through_edits_and_exports(personas, contracts, api_for):
    sara = api_for(personas.sara)
    package = _export(sara)
    package["releases"][0]["ocid"] = "ocds-213czf-2025-0017"
    assert _import(sara, package).status_code == 200
    imported = Contract.objects.get(ocid="ocds-213czf-2025-0017")
    actions.update_contract(
        acting_user=personas.sara,
        contract=imported,
        data=factories.contract_input(personas, reference=imported.reference, supplier=imported.supplier),
    )
    imported.refresh_from_db()
    assert imported.ocid == "ocds-213czf-2025-0017", "a form edit keeps the process's ocid"
    assert "ocds-213czf-2025-0017" in {r["ocid"] for r in _export(sara)["releases"]}


def test_reimport_updates_instead_of_duplicating(personas, contracts, api_for):
    sara = api_for(personas.sara)
    package = _export(sara)
    package["releases"][0]["contracts"][0]["title"] = "Renamed by the e-procurement system"
    response = _import(sara, package)
    assert response.status_code == 200
    assert len(response.json()["updated"]) == 2 and response.json()["created"] == []
    assert Contract.objects.count() == 2
    assert Contract.objects.filter(title="Renamed by the e-procurement system").count() == 1


def test_one_bad_release_imports_nothing_and_names_the_release(personas, contracts, api_for):
    sara = api_for(personas.sara)
    package = _export(sara)
    Contract.objects.all().delete()
    bad = copy.deepcopy(package["releases"][1])
    bad["ocid"] = "ocds-kedja-broken"
    bad["parties"][0]["id"] = bad["buyer"]["id"] = "kedja-region-nowhere"
    bad["parties"][0]["name"] = bad["buyer"]["name"] = "Region Nowhere"
    package["releases"][1] = bad
    suppliers_before = Organisation.objects.filter(kind=OrganisationKind.SUPPLIER).count()
    response = _import(sara, package)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert list(errors) == ["ocds-kedja-broken"]
    assert "Region Nowhere" in errors["ocds-kedja-broken"][0]
    assert not Contract.objects.exists()
    assert Organisation.objects.filter(kind=OrganisationKind.SUPPLIER).count() == suppliers_before


def test_package_that_breaks_the_schema_is_refused_with_paths(personas, contracts, api_for):
    sara = api_for(personas.sara)
    package = _export(sara)
    Contract.objects.all().delete()
    del package["version"]
    del package["releases"][0]["tag"]
    response = _import(sara, package)
    assert response.status_code == 422
    messages = " ".join(next(iter(response.json()["errors"].values())))
    assert "'version' is a required property" in messages
    assert "releases/0" in messages
    assert not Contract.objects.exists()


def test_dry_run_reports_and_writes_nothing(personas, contracts, api_for):
    sara = api_for(personas.sara)
    package = _export(sara)
    Contract.objects.all().delete()
    response = _import(sara, package, dry_run=True)
    assert response.status_code == 200
    assert response.json()["dry_run"] is True and len(response.json()["created"]) == 2
    assert not Contract.objects.exists()


def test_record_package_with_compiled_releases_imports(personas, contracts, api_for):
    sara = api_for(personas.sara)
    releases = _export(sara)["releases"]
    Contract.objects.all().delete()
    records = {
        "uri": "https://example.org/records.json",
        "publisher": {"name": "E-avrop"},
        "publishedDate": "2025-01-01T00:00:00Z",
        "version": "1.1",
        "records": [{"ocid": r["ocid"], "releases": [r], "compiledRelease": r} for r in releases],
    }
    assert _import(sara, records).status_code == 200
    assert Contract.objects.count() == 2


def test_release_without_extension_takes_category_from_cpv_and_current_clause(personas, api_for):
    ref = factories.reference_rows()
    ref["category"].cpv_prefixes.create(prefix="331414")
    ref["clause"].valid_from = date(2024, 1, 1)
    ref["clause"].save()
    release = {
        "ocid": "ocds-abc123-2025-17",
        "id": "1",
        "date": "2025-02-01T10:00:00Z",
        "tag": ["contract"],
        "initiationType": "tender",
        "parties": [
            {"id": "SE-BLV-232100-0016", "name": "Region Stockholm", "roles": ["buyer"]},
            {
                "id": "SE-BLV-556677-8899",
                "name": "Handskar AB",
                "roles": ["supplier"],
                "identifier": {"scheme": "SE-BLV", "id": "5566778899"},
            },
        ],
        "buyer": {"id": "SE-BLV-232100-0016", "name": "Region Stockholm"},
        "awards": [{"id": "A1", "suppliers": [{"id": "SE-BLV-556677-8899", "name": "Handskar AB"}]}],
        "contracts": [
            {
                "id": "RS-2025-17",
                "awardID": "A1",
                "title": "Undersökningshandskar",
                "period": {"startDate": "2025-03-01T00:00:00+01:00"},
                "value": {"amount": 500000, "currency": "SEK"},
                "items": [{"id": "1", "classification": {"scheme": "CPV", "id": "33141420-0"}}],
            }
        ],
    }
    package = {
        "version": "1.1",
        "uri": "https://example.org/p.json",
        "publishedDate": "2025-02-01T10:00:00Z",
        "publisher": {"name": "E-avrop"},
        "releases": [release],
    }
    response = _import(api_for(personas.olle), package)
    assert response.status_code == 200, response.content
    contract = Contract.objects.get(reference="RS-2025-17")
    assert contract.category == ref["category"]
    assert contract.supplier.org_number == "556677-8899"
    assert list(contract.owning_regions.all()) == [personas.stockholm]
    assert contract.estimated_value_sek == 500000


def test_viewer_cannot_import_and_officer_only_for_own_region(personas, contracts, api_for):
    package = _export(api_for(personas.sara))
    Contract.objects.all().delete()
    assert _import(api_for(personas.vera), package).status_code == 404
    skane_only = copy.deepcopy(package)
    for release in skane_only["releases"]:
        release["parties"] = [p for p in release["parties"] if p["id"] != "kedja-region-stockholm"]
        release["buyer"] = {"id": "kedja-region-skane", "name": "Region Skåne"}
        if not any("buyer" in p["roles"] for p in release["parties"]):
            release["parties"].insert(
                0, {"id": "kedja-region-skane", "name": "Region Skåne", "roles": ["buyer"]}
            )
    response = _import(api_for(personas.olle), skane_only)
    assert response.status_code == 422
    assert not Contract.objects.exists()


def test_contract_list_links_to_the_ocds_export_of_its_filters(personas, contracts, client_for):
    from django.urls import reverse

    vera = client_for(personas.vera)
    page = vera.get(reverse("contracts:contract_list") + "?region=region-skane").content.decode()
    assert 'href="/api/v1/ocds/releases?region=region-skane"' in page
    package = vera.get("/api/v1/ocds/releases?region=region-skane").json()
    assert [r["contracts"][0]["id"] for r in package["releases"]] == ["SLL-1"]


def test_officer_imports_an_ocds_file_through_the_page(personas, contracts, api_for, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    package = _export(api_for(personas.sara))
    Contract.objects.all().delete()
    olle = client_for(personas.olle)
    file = SimpleUploadedFile("e-avrop.json", json.dumps(package).encode())
    page = olle.post(reverse("contracts:ocds_import"), {"file": file})
    assert len(page.context["result"].created) == 2
    assert not Contract.objects.exists()
    olle.post(reverse("contracts:ocds_import_confirm"), {"token": page.context["token"]})
    assert Contract.objects.count() == 2
    broken = olle.post(reverse("contracts:ocds_import"), {"file": SimpleUploadedFile("x.json", b"{not json")})
    assert "file" in broken.context["form"].errors
    assert client_for(personas.vera).get(reverse("contracts:ocds_import")).status_code == 404
