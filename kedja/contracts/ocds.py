"""Contracts in and out as OCDS 1.1 (Open Contracting Data Standard) with Kedja's extension.

Export: one release per contract (tag `contract`), its buyers and supplier as parties, CPV codes as
item classifications, and the due-diligence clause parameters in `contracts[].dueDiligence`
(ocds_schema/kedja_extension). Import: a release or record package is validated against the vendored
OCDS schema plus the extension first; then every release is run through the contract actions inside
one transaction, so either every release is imported or nothing is, and each problem is reported
with the release's ocid.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import Draft4Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from kedja.contracts import actions
from kedja.contracts.models import Contract, ContractStatus
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.organisations.queries import regions
from kedja.reference.models import Category, Country, DocumentKind, Issue, RequirementDocument
from kedja.reference.queries import category_for_cpv, current_document

SCHEMA_DIR = Path(__file__).parent / "ocds_schema"
OCDS_VERSION = "1.1"
SCHEMA_BASE = "https://standard.open-contracting.org/schema/1__1__5/"
SWEDISH_SCHEME = "SE-BLV"  # org-id.guide: Bolagsverket, the Swedish companies register
MAX_PROBLEMS = 100

TO_OCDS_STATUS = {
    ContractStatus.PLANNED: "pending",
    ContractStatus.ACTIVE: "active",
    ContractStatus.ENDED: "terminated",
}
FROM_OCDS_STATUS = {"pending": ContractStatus.PLANNED, "active": ContractStatus.ACTIVE}


def _read(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch: how an OCDS extension's schema is applied to the core schema."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def extension_schema() -> dict:
    return _read("kedja_extension/release-schema.json")


def extension_metadata() -> dict:
    return _read("kedja_extension/extension.json")


@cache
def package_validator(kind: str) -> Draft4Validator:
    """A validator for a `release` or `record` package: OCDS 1.1.5 plus Kedja's extension."""
    release = merge_patch(_read("release-schema.json"), extension_schema())
    registry = Registry().with_resources(
        [
            (SCHEMA_BASE + "release-schema.json", DRAFT4.create_resource(release)),
            # Kedja reads records' compiledRelease only; versioned releases are not checked field by field.
            (SCHEMA_BASE + "versioned-release-validation-schema.json", DRAFT4.create_resource({})),
        ]
    )
    schema = _read(f"{kind}-package-schema.json")
    return Draft4Validator(schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def schema_problems(package) -> list[str]:
    """Every place where a package breaks the OCDS schema, as "path: message" (at most MAX_PROBLEMS)."""
    if not isinstance(package, dict):
        return [_("The file is not an OCDS release package or record package (a JSON object).")]
    kind = "record" if "records" in package else "release"
    problems = []
    for error in package_validator(kind).iter_errors(package):
        path = "/".join(str(part) for part in error.absolute_path) or "(package)"
        problems.append(f"{path}: {error.message}")
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


# Export ------------------------------------------------------------------------------------------


def ocid_for(contract: Contract) -> str:
    """The contract's OCDS id: the one it was imported with, so that a contracting process keeps its
    id through every system it passes; else one of Kedja's, from its prefix and the contract's uuid."""
    return contract.ocid or f"{settings.KEDJA_OCID_PREFIX}-{contract.uuid}"


def _party_id(org: Organisation) -> str:
    if org.org_number and org.country_code == "SWE":
        return f"{SWEDISH_SCHEME}-{org.org_number}"
    return f"kedja-{org.slug}"


def _party(org: Organisation, role: str, countries: dict[str, Country]) -> dict:
    party = {"id": _party_id(org), "name": org.name, "roles": [role]}
    if org.org_number and org.country_code == "SWE":
        party["identifier"] = {"scheme": SWEDISH_SCHEME, "id": org.org_number, "legalName": org.name}
    country = countries.get(org.country_code)
    if country is not None:
        party["address"] = {"countryName": country.name_en}
    return party


def _datetime(day: date | None) -> str | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.min)).isoformat()


def _amount(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


def _due_diligence(contract: Contract) -> dict:
    return {
        "category": contract.category.slug,
        "clauseVersion": contract.clause_version.key,
        "isFrameworkAgreement": contract.is_framework_agreement,
        "isRenewable": contract.is_renewable,
        "startDate": contract.due_diligence_starts_on.isoformat()
        if contract.due_diligence_starts_on
        else None,
        "reportingDeadlineDays": contract.reporting_deadline_days,
        "traceabilityDeadlineWeeks": contract.traceability_deadline_weeks,
        "traceabilitySiteTypes": list(contract.traceability_site_types),
        "penaltyPerWeek": _amount(contract.penalty_per_week_sek),
        "penaltyCapWeeks": contract.penalty_cap_weeks,
        "callOffStopMonths": contract.call_off_stop_months,
        "zeroToleranceIssues": sorted(i.code for i in contract.zero_tolerance_issues.all()),
        "costSharing": contract.cost_sharing,
        "productionCountries": sorted(c.iso3 for c in contract.production_countries.all()),
    }


def _ocds_contract(contract: Contract) -> dict:
    period = {"startDate": _datetime(contract.starts_on)}
    if contract.ends_on:
        period["endDate"] = _datetime(contract.ends_on)
    item = {
        "id": contract.reference,
        "awardID": "1",
        "title": contract.title,
        "status": TO_OCDS_STATUS.get(contract.status, "active"),
        "period": period,
        "items": [
            {
                "id": str(n),
                "classification": {"scheme": "CPV", "id": cpv.code, "description": cpv.label_en},
            }
            for n, cpv in enumerate(contract.cpv_codes.all(), start=1)
        ],
        "dueDiligence": _due_diligence(contract),
    }
    if contract.estimated_value_sek is not None:
        item["value"] = {"amount": int(contract.estimated_value_sek), "currency": "SEK"}
    return item


def release_for(contract: Contract, countries: dict[str, Country]) -> dict:
    """One OCDS release for a contract, as of its last change."""
    ocid = ocid_for(contract)
    buyers = list(contract.owning_regions.all())
    supplier = _party(contract.supplier, "supplier", countries)
    return {
        "ocid": ocid,
        # One release per contract; several contracts of one imported process share its ocid.
        "id": f"{ocid}-{contract.uuid.hex[:12]}-{contract.updated_at:%Y%m%dT%H%M%S}",
        "date": contract.updated_at.isoformat(),
        "tag": ["contract"],
        "initiationType": "tender",
        "language": "sv",
        "parties": [_party(region, "buyer", countries) for region in buyers] + [supplier],
        "buyer": {"id": _party_id(buyers[0]), "name": buyers[0].name},
        "awards": [
            {
                "id": "1",
                "status": "active",
                "title": contract.title,
                "suppliers": [{"id": supplier["id"], "name": supplier["name"]}],
            }
        ],
        "contracts": [_ocds_contract(contract)],
    }


def export_qs(qs):
    """What an export reads, fetched up front (a constant number of queries however many contracts)."""
    return qs.select_related("supplier", "category", "clause_version").prefetch_related(
        "owning_regions", "cpv_codes", "zero_tolerance_issues", "production_countries"
    )


def release_package(contracts, *, uri: str) -> dict:
    """A release package of the given contracts, citing Kedja's extension."""
    countries = {c.iso3: c for c in Country.objects.all()}
    releases = [release_for(contract, countries) for contract in contracts]
    base = settings.KEDJA_BASE_URL.rstrip("/")
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": "Kedja"},
        "extensions": [f"{base}/api/v1/ocds/kedja-extension/extension.json"],
        "releases": releases,
    }


# Import ------------------------------------------------------------------------------------------


@dataclass
class ReleaseProblem:
    release: str
    messages: list[str]


class OcdsProblems(ValidationError):
    """Everything wrong with an OCDS package, per release; nothing was imported."""

    def __init__(self, problems: list[ReleaseProblem]):
        self.problems = problems
        super().__init__([f"{p.release}: {m}" for p in problems for m in p.messages])


@dataclass
class OcdsImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    dry_run: bool = False


def releases_in(package: dict) -> list[dict]:
    if "records" not in package:
        return package["releases"]
    releases = []
    for record in package["records"]:
        if "compiledRelease" not in record:
            raise OcdsProblems(
                [
                    ReleaseProblem(
                        record["ocid"], [_("A record needs a compiledRelease for Kedja to read it.")]
                    )
                ]
            )
        releases.append(record["compiledRelease"])
    return releases


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{name}: {message}" for name, messages in error.message_dict.items() for message in messages]
    return list(error.messages)


def _country(party: dict) -> Country:
    identifier = party.get("identifier") or {}
    if str(identifier.get("scheme", "")).upper().startswith("SE-"):
        return Country.objects.get(iso3="SWE")
    name = (party.get("address") or {}).get("countryName", "")
    found = (
        Country.objects.filter(name_en__iexact=name).first()
        or Country.objects.filter(name_sv__iexact=name).first()
    )
    if found is None:
        raise ValidationError(
            {"supplier": _("Give the supplier's country (address.countryName) or a Swedish identifier.")}
        )
    return found


def _supplier(acting_user, party: dict) -> Organisation:
    """The supplier by organisation number, else by exact name; registered when Kedja has neither."""
    identifier = party.get("identifier") or {}
    suppliers = Organisation.objects.filter(kind=OrganisationKind.SUPPLIER)
    country = _country(party)
    number = (
        actions.normalise_org_number(str(identifier.get("id", "")), country) if identifier.get("id") else ""
    )
    found = (number and suppliers.filter(org_number=number).first()) or suppliers.filter(
        name__iexact=party.get("name", "").strip()
    ).first()
    if found:
        return found
    return actions.create_supplier(
        acting_user=acting_user, name=party.get("name", ""), country=country, org_number=number
    )


def _region(party: dict) -> Organisation | None:
    identifier = (party.get("identifier") or {}).get("id", "")
    candidates = regions()
    if identifier and (found := candidates.filter(org_number=identifier).first()):
        return found
    slug = party.get("id", "").removeprefix("kedja-")
    name = party.get("name", "").strip()
    return (
        candidates.filter(slug=slug).first()
        or candidates.filter(name__iexact=name).first()
        or candidates.filter(name_en__iexact=name).first()
    )


def _buyers(release: dict, parties: dict[str, dict]) -> list[Organisation]:
    wanted = [p for p in parties.values() if "buyer" in p.get("roles", [])]
    if release.get("buyer") and release["buyer"].get("id") not in {p.get("id") for p in wanted}:
        wanted.insert(0, parties.get(release["buyer"]["id"], release["buyer"]))
    found, unknown = [], []
    for party in wanted:
        region = _region(party)
        (found.append(region) if region else unknown.append(party.get("name") or party.get("id", "?")))
    if unknown or not found:
        raise ValidationError(
            {"buyer": _("Unknown buyer: %s. Buyers must be Kedja regions.") % (", ".join(unknown) or "–")}
        )
    return list(dict.fromkeys(found))


def _cpv_codes(item: dict) -> list[str]:
    codes = []
    for entry in item.get("items", []):
        for classification in [entry.get("classification"), *entry.get("additionalClassifications", [])]:
            if classification and str(classification.get("scheme", "")).upper() == "CPV":
                codes.append(str(classification.get("id", "")))
    return codes


def _category(dd: dict, codes: list[str]) -> Category | None:
    if dd.get("category"):
        return Category.objects.filter(slug=dd["category"]).first()
    found = set()
    for code in codes:
        try:
            found.update(category_for_cpv(code))
        except ValidationError:
            continue
    if len(found) != 1:
        raise ValidationError(
            {"category": _("The category cannot be told from the CPV codes; give dueDiligence.category.")}
        )
    return found.pop()


def _clause(dd: dict) -> RequirementDocument | None:
    if dd.get("clauseVersion"):
        return RequirementDocument.objects.filter(
            key=dd["clauseVersion"], kind=DocumentKind.CONTRACT_CLAUSE
        ).first()
    return current_document(DocumentKind.CONTRACT_CLAUSE)


def _day(value) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _value(item: dict) -> Decimal | None:
    value = item.get("value") or {}
    if value.get("amount") is None:
        return None
    if value.get("currency") != "SEK":
        raise ValidationError(
            {"value": _("Kedja keeps contract values in SEK; this value is in %s.") % value.get("currency")}
        )
    return Decimal(str(value["amount"])).quantize(Decimal(1))


def _due_diligence_values(dd: dict) -> dict:
    """ContractInput fields from the extension; fields it leaves out keep the clause defaults."""
    mapping = {
        "isRenewable": "is_renewable",
        "reportingDeadlineDays": "reporting_deadline_days",
        "traceabilityDeadlineWeeks": "traceability_deadline_weeks",
        "traceabilitySiteTypes": "traceability_site_types",
        "penaltyCapWeeks": "penalty_cap_weeks",
        "callOffStopMonths": "call_off_stop_months",
        "costSharing": "cost_sharing",
    }
    values = {name: dd[key] for key, name in mapping.items() if key in dd}
    if dd.get("startDate"):
        values["due_diligence_starts_on"] = _day(dd["startDate"])
    if dd.get("penaltyPerWeek") is not None:
        values["penalty_per_week_sek"] = Decimal(dd["penaltyPerWeek"])
    if "zeroToleranceIssues" in dd:
        values["zero_tolerance_issues"] = list(Issue.objects.filter(code__in=dd["zeroToleranceIssues"]))
    if "productionCountries" in dd:
        values["production_countries"] = list(Country.objects.filter(iso3__in=dd["productionCountries"]))
    return values


def _contract_input(item: dict, release: dict, supplier, buyers) -> actions.ContractInput:
    dd = item.get("dueDiligence") or {}
    codes = _cpv_codes(item)
    period = item.get("period") or {}
    status = item.get("status", "active")
    if status in ("cancelled", "terminated"):
        status = ContractStatus.ENDED
    return actions.ContractInput(
        reference=str(item.get("id", "")),
        title=item.get("title") or (release.get("tender") or {}).get("title") or "",
        supplier=supplier,
        category=_category(dd, codes),
        owning_regions=buyers,
        starts_on=_day(period.get("startDate")) or _day(item.get("dateSigned")),
        ends_on=_day(period.get("endDate")),
        clause_version=_clause(dd),
        status=FROM_OCDS_STATUS.get(status, status),
        cpv_codes=codes,
        estimated_value_sek=_value(item),
        is_framework_agreement=bool(dd.get("isFrameworkAgreement", False)),
        ocid=str(release.get("ocid", "")),
        **_due_diligence_values(dd),
    )


def _award_party(release: dict, item: dict, parties: dict[str, dict]) -> dict:
    awards = {a.get("id"): a for a in release.get("awards", [])}
    award = awards.get(item.get("awardID")) or next(iter(awards.values()), {})
    named = (award.get("suppliers") or [None])[0] or next(
        (p for p in parties.values() if "supplier" in p.get("roles", [])), None
    )
    if named is None:
        raise ValidationError({"supplier": _("The release names no supplier (awards.suppliers).")})
    return parties.get(named.get("id"), named)


def _import_release(acting_user, release: dict) -> list[bool]:
    """Create or update the contracts of one release; True for each created one."""
    parties = {p.get("id"): p for p in release.get("parties", [])}
    buyers = _buyers(release, parties)
    outcomes = []
    if not release.get("contracts"):
        raise ValidationError(_("The release has no contracts."))
    for item in release["contracts"]:
        supplier = _supplier(acting_user, _award_party(release, item, parties))
        data = _contract_input(item, release, supplier, buyers)
        existing = Contract.objects.filter(supplier=supplier, reference=data.reference.strip()).first()
        if existing:
            actions.update_contract(acting_user=acting_user, contract=existing, data=data)
        else:
            actions.create_contract(acting_user=acting_user, data=data)
        outcomes.append(existing is None)
    return outcomes


def import_package(*, acting_user, package, dry_run: bool = False) -> OcdsImportResult:
    """Import an OCDS release or record package: all releases or none.

    Contracts are matched by supplier and contract id (Kedja's contract reference), so importing the
    same package again updates instead of duplicating. With `dry_run` everything is checked and
    rolled back: the result says what would be created and updated.
    """
    problems = schema_problems(package)
    if problems:
        raise OcdsProblems([ReleaseProblem(_("schema"), problems)])
    result = OcdsImportResult(dry_run=dry_run)
    failures: list[ReleaseProblem] = []
    with transaction.atomic():
        for number, release in enumerate(releases_in(package), start=1):
            label = release.get("ocid") or f"#{number}"
            try:
                with transaction.atomic():
                    outcomes = _import_release(acting_user, release)
            except (ValidationError, PermissionDenied) as error:
                messages = _messages(error) if isinstance(error, ValidationError) else [str(error)]
                failures.append(ReleaseProblem(label, messages))
                continue
            for created in outcomes:
                (result.created if created else result.updated).append(label)
        if failures or dry_run:
            transaction.set_rollback(True)
    if failures:
        raise OcdsProblems(failures)
    return result
