"""Every write to suppliers, supplier contacts, contracts and supply-chain sites."""

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any, Required, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kedja.contracts.imports import PlannedSite, plan_site_import
from kedja.contracts.models import Contract, ContractStatus, Site, SiteType, SupplierContact
from kedja.contracts.queries import (
    may_create_contract,
    may_create_supplier,
    may_edit_contacts,
    may_edit_contract,
    may_edit_sites,
    may_edit_supplier,
)
from kedja.contracts.validation import normalise_org_number, parse_cpv_codes
from kedja.core.audit import diff, record
from kedja.organisations.models import Organisation, OrganisationKind, User
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category, Country, DocumentKind, Issue, RequirementDocument
from kedja.reference.queries import code_of_conduct_signed_on

DEFAULT_TRACEABILITY_WEEKS = 4


# Suppliers ---------------------------------------------------------------------------------------


def _supplier_values(name: str, org_number: str, country: Country, website: str) -> dict[str, Any]:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the supplier's name.")})
    return {
        "name": name,
        "org_number": normalise_org_number(org_number, country),
        "country_code": country.iso3,
        "website": website.strip(),
    }


def _check_org_number_free(org_number: str, *, exclude_pk: int | None = None) -> None:
    if not org_number:
        return
    taken = Organisation.objects.filter(kind=OrganisationKind.SUPPLIER, org_number=org_number)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"org_number": _("Another supplier already has this organisation number.")})


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "supplier"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _save_changes(
    obj: Model, values: dict[str, Any], action: str, acting_user: User, target: Model | None = None
) -> None:
    """Set `values` on `obj` and save it; record `action` on `target` (default `obj`) when a value changed."""
    changes = diff(obj, values)
    for key, value in values.items():
        setattr(obj, key, value)
    obj.save()
    if changes:
        record(action, target or obj, actor=acting_user, changes=changes)


@transaction.atomic
def create_supplier(
    *,
    acting_user: User,
    name: str,
    country: Country,
    org_number: str = "",
    website: str = "",
    slug: str = "",
) -> Organisation:
    """Register a supplier organisation (kind supplier). The slug is derived from the name if not given."""
    if not may_create_supplier(actor_for(acting_user)):
        raise PermissionDenied(_("You may not register suppliers."))
    values = _supplier_values(name, org_number, country, website)
    _check_org_number_free(values["org_number"])
    if slug and Organisation.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("This short name is already taken.")})
    supplier = Organisation.objects.create(
        kind=OrganisationKind.SUPPLIER, slug=slug or _unique_slug(values["name"]), **values
    )
    record("contracts.supplier.created", supplier, actor=acting_user, changes=values)
    return supplier


@transaction.atomic
def update_supplier(
    *,
    acting_user: User,
    supplier: Organisation,
    name: str,
    country: Country,
    org_number: str = "",
    website: str = "",
) -> Organisation:
    """Change a supplier's name, organisation number, country or website."""
    if supplier.kind != OrganisationKind.SUPPLIER:
        raise ValidationError(_("This organisation is not a supplier."))
    if not may_edit_supplier(actor_for(acting_user), supplier):
        raise PermissionDenied(_("You may not change this supplier."))
    values = _supplier_values(name, org_number, country, website)
    _check_org_number_free(values["org_number"], exclude_pk=supplier.pk)
    _save_changes(supplier, values, "contracts.supplier.updated", acting_user)
    return supplier


def _check_contacts(acting_user: User, supplier: Organisation) -> None:
    if not may_edit_contacts(actor_for(acting_user), supplier):
        raise PermissionDenied(_("You may not change this supplier's contacts."))


class ContactFields(TypedDict, total=False):
    """What a supplier contact form fills in."""

    name: Required[str]
    email: Required[str]
    phone: str
    role: str
    is_due_diligence_contact: bool


def _contact_values(fields: ContactFields) -> dict[str, Any]:
    if not fields["name"].strip():
        raise ValidationError({"name": _("Give the contact's name.")})
    return {
        "name": fields["name"].strip(),
        "email": fields["email"].strip().lower(),
        "phone": fields.get("phone", "").strip(),
        "role": fields.get("role", "").strip(),
        # A new contact is responsible for due diligence unless said otherwise (PR1).
        "is_due_diligence_contact": fields.get("is_due_diligence_contact", True),
    }


@transaction.atomic
def add_contact(
    *, acting_user: User, supplier: Organisation, **fields: Unpack[ContactFields]
) -> SupplierContact:
    """Name a person at the supplier, by default as responsible for due diligence (PR1)."""
    _check_contacts(acting_user, supplier)
    values = _contact_values(fields)
    contact = SupplierContact.objects.create(supplier=supplier, **values)
    record("contracts.contact.added", supplier, actor=acting_user, changes=values)
    return contact


@transaction.atomic
def update_contact(
    *, acting_user: User, contact: SupplierContact, **fields: Unpack[ContactFields]
) -> SupplierContact:
    """Change a supplier contact's details."""
    _check_contacts(acting_user, contact.supplier)
    values = _contact_values(fields)
    _save_changes(contact, values, "contracts.contact.updated", acting_user, target=contact.supplier)
    return contact


@transaction.atomic
def remove_contact(*, acting_user: User, contact: SupplierContact) -> None:
    """Remove a supplier contact."""
    _check_contacts(acting_user, contact.supplier)
    record("contracts.contact.removed", contact.supplier, actor=acting_user, changes={"name": contact.name})
    contact.delete()


# Contracts ---------------------------------------------------------------------------------------


@dataclass
class ContractInput:
    """Everything a contract form fills in; `None` for a default means "use the clause default"."""

    reference: str
    title: str
    supplier: Organisation | None
    category: Category | None
    owning_regions: list[Organisation]
    starts_on: date | None
    clause_version: RequirementDocument | None
    ends_on: date | None = None
    status: str = ContractStatus.ACTIVE
    cpv_codes: str | list[str] = ""
    is_renewable: bool = False
    estimated_value_sek: Decimal | None = None
    is_framework_agreement: bool = False
    due_diligence_starts_on: date | None = None
    reporting_deadline_days: int | None = None
    traceability_deadline_weeks: int | None = None
    traceability_site_types: list[str] = field(default_factory=list)
    penalty_per_week_sek: Decimal | None = None
    penalty_cap_weeks: int | None = None
    call_off_stop_months: int | None = None
    zero_tolerance_issues: list[Issue] | None = None
    cost_sharing: str = ""
    production_countries: list[Country] = field(default_factory=list)
    # Set by the OCDS import; None (the forms) keeps the ocid the contract has.
    ocid: str | None = None


OCID_MAX_LENGTH = 200  # Contract.ocid's max_length
M2M_FIELDS = ("owning_regions", "cpv_codes", "zero_tolerance_issues", "production_countries")


def _contract_errors(data: ContractInput) -> dict[str, str]:
    errors = {}
    if not data.reference.strip():
        errors["reference"] = _("Give the contract reference.")
    if not data.title.strip():
        errors["title"] = _("Give the contract title.")
    if data.supplier is None or data.supplier.kind != OrganisationKind.SUPPLIER:
        errors["supplier"] = _("Choose a supplier.")
    if data.category is None:
        errors["category"] = _("Choose a category.")
    if (
        data.clause_version is None
        or data.clause_version.kind != DocumentKind.CONTRACT_CLAUSE
        or data.clause_version.is_draft
    ):
        errors["clause_version"] = _("Choose the version of the contract clause.")
    if data.starts_on is None:
        errors["starts_on"] = _("Give the start date.")
    elif data.ends_on and data.ends_on < data.starts_on:
        errors["ends_on"] = _("The end date cannot be before the start date.")
    if data.status not in ContractStatus.values:
        errors["status"] = _("Choose a valid status.")
    if data.ocid and len(data.ocid) > OCID_MAX_LENGTH:
        errors["ocid"] = _("The OCDS id (ocid) is longer than 200 characters.")
    if data.penalty_per_week_sek and not data.penalty_cap_weeks:
        errors["penalty_cap_weeks"] = _("A penalty needs a cap: give the maximum number of weeks.")
    if data.call_off_stop_months and not data.is_framework_agreement:
        errors["call_off_stop_months"] = _("A call-off stop applies only to framework agreements.")
    if set(data.traceability_site_types) - set(SiteType.values):
        errors["traceability_site_types"] = _("Choose site types from the list.")
    errors.update(_region_errors(data.owning_regions))
    return errors


def _region_errors(regions: list[Organisation]) -> dict[str, str]:
    if not regions:
        return {"owning_regions": _("Choose at least one owning region.")}
    if any(region.kind != OrganisationKind.REGION for region in regions):
        return {"owning_regions": _("Only regions can own contracts.")}
    return {}


def _validated(data: ContractInput, acting_user: User, *, exclude_pk: int | None = None) -> dict[str, Any]:
    """Check every rule at once so the form shows all problems; returns the values to store."""
    errors: dict[str, list[str]] = {key: [msg] for key, msg in _contract_errors(data).items()}
    try:
        cpv_codes = parse_cpv_codes(data.cpv_codes)
    except ValidationError as error:
        errors.update(error.message_dict)
        cpv_codes = []
    actor = actor_for(acting_user)
    if data.owning_regions and not any(actor.may_edit_region(r.pk) for r in data.owning_regions):
        errors.setdefault("owning_regions", []).append(_("Your own region must be one of the owners."))
    duplicate = Contract.objects.filter(supplier=data.supplier, reference=data.reference.strip())
    if exclude_pk is not None:
        duplicate = duplicate.exclude(pk=exclude_pk)
    if data.supplier and duplicate.exists():
        errors.setdefault("reference", []).append(
            _("This supplier already has a contract with this reference.")
        )
    if errors:
        raise ValidationError(errors)
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    values.update(reference=data.reference.strip(), title=data.title.strip(), cpv_codes=cpv_codes)
    values["due_diligence_starts_on"] = data.due_diligence_starts_on or data.starts_on
    values["traceability_deadline_weeks"] = data.traceability_deadline_weeks or DEFAULT_TRACEABILITY_WEEKS
    if data.zero_tolerance_issues is None:
        values["zero_tolerance_issues"] = list(Issue.objects.filter(zero_tolerance=True))
    if data.ocid is None:
        del values["ocid"]
    return values


def _m2m_changes(contract: Contract, values: dict[str, Any]) -> dict[str, Any]:
    """Many-to-many changes as {field: [old, new]}; a new contract records just the new lists."""
    changes = {}
    for name in M2M_FIELDS:
        new = sorted(str(o) for o in values[name])
        if contract.pk is None:
            changes[name] = new
            continue
        old = sorted(str(o) for o in getattr(contract, name).all())
        if old != new:
            changes[name] = [old, new]
    return changes


def _save(contract: Contract, values: dict[str, Any]) -> dict[str, Any]:
    plain = {k: v for k, v in values.items() if k not in M2M_FIELDS}
    changes = diff(contract, plain) if contract.pk else dict(plain)
    changes.update(_m2m_changes(contract, values))
    for key, value in plain.items():
        setattr(contract, key, value)
    contract.save()
    for name in M2M_FIELDS:
        getattr(contract, name).set(values[name])
    return changes


@transaction.atomic
def create_contract(*, acting_user: User, data: ContractInput) -> Contract:
    """Register a contract with the parameters of its due-diligence clause.

    Defaults: traceability within 4 weeks, zero-tolerance list = every zero-tolerance issue,
    due diligence from the contract start.
    """
    if not may_create_contract(actor_for(acting_user)):
        raise PermissionDenied(_("You may not register contracts."))
    values = _validated(data, acting_user)
    contract = Contract(
        code_of_conduct=code_of_conduct_signed_on(values["clause_version"], values["starts_on"])
    )
    changes = _save(contract, values)
    record("contracts.contract.created", contract, actor=acting_user, changes=changes)
    return contract


@transaction.atomic
def update_contract(*, acting_user: User, contract: Contract, data: ContractInput) -> Contract:
    """Change a contract and its clause parameters (same rules as when creating it)."""
    if not may_edit_contract(actor_for(acting_user), contract):
        raise PermissionDenied(_("You may not change this contract."))
    values = _validated(data, acting_user, exclude_pk=contract.pk)
    if contract.code_of_conduct_id is None:
        contract.code_of_conduct = code_of_conduct_signed_on(values["clause_version"], values["starts_on"])
    changes = _save(contract, values)
    if changes:
        record("contracts.contract.updated", contract, actor=acting_user, changes=changes)
    return contract


# Sites -------------------------------------------------------------------------------------------


@dataclass
class SiteInput:
    """The fields of a supply-chain site as a form fills them in."""

    legal_name: str
    site_type: str
    tier: int | None = 1
    country: Country | None = None
    address: str = ""
    supplies_to: Site | None = None
    products: str = ""
    workers: int | None = None
    is_confidential: bool = True


def _creates_cycle(site: Site | None, supplies_to: Site | None) -> bool:
    """True if following supplies_to upwards from `supplies_to` comes back to `site`."""
    seen: set[int] = set()
    current = supplies_to
    while current is not None and current.pk not in seen:
        if site is not None and current.pk == site.pk:
            return True
        seen.add(current.pk)
        current = current.supplies_to
    return False


def _site_values(data: SiteInput, supplier: Organisation, site: Site | None) -> dict[str, Any]:
    errors = {}
    if not data.legal_name.strip():
        errors["legal_name"] = _("Give the site's legal name.")
    if data.site_type not in SiteType.values:
        errors["site_type"] = _("Choose a site type.")
    if data.tier is None or data.tier < 1:
        errors["tier"] = _("The tier is 1 (the contracted supplier) or higher.")
    if data.supplies_to is not None:
        if data.supplies_to.supplier_id != supplier.pk:
            errors["supplies_to"] = _("A site can only supply another site of the same supplier.")
        elif _creates_cycle(site, data.supplies_to):
            errors["supplies_to"] = _("This would make the chain go round in a circle.")
    if errors:
        raise ValidationError(errors)
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    values.update(legal_name=data.legal_name.strip(), address=data.address.strip())
    return values


def _check_sites(acting_user: User, contract: Contract) -> None:
    if not may_edit_sites(actor_for(acting_user), contract):
        raise PermissionDenied(_("You may not change this contract's supply chain."))


@transaction.atomic
def add_site(*, acting_user: User, contract: Contract, data: SiteInput) -> Site:
    """Add a site of the contract's supplier to the contract's supply chain."""
    _check_sites(acting_user, contract)
    values = _site_values(data, contract.supplier, None)
    site = Site.objects.create(supplier=contract.supplier, **values)
    site.contracts.add(contract)
    # Recorded on the site itself: its name may be confidential and must not show in contract history.
    record(
        "contracts.site.added", site, actor=acting_user, changes={**values, "contract": contract.reference}
    )
    return site


@transaction.atomic
def link_site(*, acting_user: User, contract: Contract, site: Site) -> Site:
    """Declare that an existing site of the supplier also serves this contract."""
    _check_sites(acting_user, contract)
    if site.supplier_id != contract.supplier_id:
        raise ValidationError(_("The site belongs to another supplier."))
    site.contracts.add(contract)
    record("contracts.site.linked", site, actor=acting_user, changes={"contract": contract.reference})
    return site


@transaction.atomic
def update_site(*, acting_user: User, contract: Contract, site: Site, data: SiteInput) -> Site:
    """Change a site reached through one of its contracts."""
    _check_sites(acting_user, contract)
    if not site.contracts.filter(pk=contract.pk).exists():
        raise ValidationError(_("The site is not part of this contract's supply chain."))
    values = _site_values(data, site.supplier, site)
    _save_changes(site, values, "contracts.site.updated", acting_user)
    return site


@transaction.atomic
def remove_site(*, acting_user: User, contract: Contract, site: Site) -> None:
    """Take a site out of a contract's chain; a site that then serves no contract is deleted."""
    _check_sites(acting_user, contract)
    site.contracts.remove(contract)
    record("contracts.site.removed", site, actor=acting_user, changes={"contract": contract.reference})
    if not site.contracts.exists():
        site.delete()


# Supply-chain import -----------------------------------------------------------------------------


@dataclass
class SiteImportResult:
    created: int
    updated: int
    unchanged: int


def _import_values(row: PlannedSite) -> dict[str, Any]:
    return {
        "legal_name": row.legal_name,
        "address": row.address,
        "country": row.country,
        "tier": row.tier,
        "site_type": row.site_type,
        "products": row.products,
        "workers": row.workers,
        "is_confidential": row.is_confidential,
    }


def _parent_of(row: PlannedSite, sites: list[Site]) -> Site | None:
    return sites[row.supplies_to_row] if row.supplies_to_row is not None else row.supplies_to_site


@transaction.atomic
def import_sites(
    *, acting_user: User, contract: Contract, rows: list[tuple[int, dict[str, str]]], file_name: str
) -> SiteImportResult:
    """Write a whole supply-chain file (clause 4.3, traceability) for one contract, or nothing.

    Every row is checked first (`imports.plan_site_import` raises `ImportProblems` listing each
    problem). Rows matching a site of the supplier on legal name and country update that site,
    so a corrected file can be imported again without creating copies. Every site ends up in the
    contract's chain; supplies_to links are set once all rows exist, so rows may name later rows.
    """
    _check_sites(acting_user, contract)
    plan = plan_site_import(contract, rows)
    sites, changes = [], []
    for row in plan.rows:
        values = _import_values(row)
        site = row.existing or Site(supplier_id=contract.supplier_id)
        changes.append(diff(site, values) if row.existing else dict(values))
        for key, value in values.items():
            setattr(site, key, value)
        if row.existing is None:
            site.save()
        sites.append(site)
    for row, site, changed in zip(plan.rows, sites, changes, strict=True):
        parent = _parent_of(row, sites)
        if site.supplies_to_id != (parent.pk if parent else None):
            changed["supplies_to"] = [str(site.supplies_to or ""), str(parent or "")]
            site.supplies_to = parent
        if changed:
            site.save()
    for row, site, changed in zip(plan.rows, sites, changes, strict=True):
        if changed:
            verb = "updated" if row.existing else "imported"
            record(f"contracts.site.{verb}", site, actor=acting_user, changes={**changed, "file": file_name})
    contract.sites.add(*sites)
    created = sum(1 for row in plan.rows if row.existing is None)
    updated = sum(1 for row, changed in zip(plan.rows, changes, strict=True) if row.existing and changed)
    result = SiteImportResult(created=created, updated=updated, unchanged=len(sites) - created - updated)
    # Only counts and the file name: site names may be confidential and contract history is shared.
    record(
        "contracts.sites.imported",
        contract,
        actor=acting_user,
        changes={"file": file_name, "rows": len(sites), **vars(result)},
    )
    return result
