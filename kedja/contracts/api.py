"""API: suppliers, contracts and their supply chains, read through queries and written through actions.

Contract writes go through `ContractForm` before the action, so the API accepts exactly what the
form accepts and answers with the form's own messages, keyed by the same field names.
"""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Body, Query, Router, Schema, Status
from ninja.pagination import paginate

from kedja.contracts import actions, ocds, queries
from kedja.contracts.forms import ContractForm, SiteForm
from kedja.contracts.models import Contract, ContractStatus
from kedja.core.api_schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    CategoryRef,
    Choice,
    NewestFirst,
    OrganisationRef,
    choice,
)
from kedja.organisations.models import Organisation
from kedja.organisations.queries import actor_for, actor_who_may
from kedja.reference.models import Category, Country, Issue, RequirementDocument

router = Router(tags=["contracts"])


# Suppliers ---------------------------------------------------------------------------------------


class SupplierOut(Schema):
    uuid: UUID
    name: str
    slug: str
    org_number: str
    country: str
    website: str

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_code


class SupplierFilters(Schema):
    q: str = ""
    country: str = ""


def _listable(request):
    return actor_who_may(request.user, queries.may_list_contracts)


@router.get("/suppliers", response=list[SupplierOut], summary="Suppliers the caller may see")
@paginate(NewestFirst)
def supplier_list(request, filters: Query[SupplierFilters]):
    qs = queries.suppliers_visible_to(_listable(request))
    return queries.filter_suppliers(qs, q=filters.q.strip(), country=filters.country.strip().upper())


@router.get("/suppliers/{uuid}", response={200: SupplierOut, **READ_ERRORS}, summary="One supplier")
def supplier_detail(request, uuid: UUID):
    return queries.get_supplier_for_user(request.user, uuid)


# Contracts ---------------------------------------------------------------------------------------


class ContractOut(Schema):
    uuid: UUID
    reference: str
    title: str
    supplier: OrganisationRef
    owning_regions: list[OrganisationRef]
    category: CategoryRef
    status: Choice
    starts_on: date
    ends_on: date | None
    is_framework_agreement: bool
    estimated_value_sek: int | None

    @staticmethod
    def resolve_owning_regions(obj) -> list:
        return list(obj.owning_regions.all())

    @staticmethod
    def resolve_status(obj) -> Choice:
        return choice(ContractStatus, obj.status)

    @staticmethod
    def resolve_estimated_value_sek(obj) -> int | None:
        return None if obj.estimated_value_sek is None else int(obj.estimated_value_sek)


class ContractDetailOut(ContractOut):
    is_renewable: bool
    cpv_codes: list[str]
    clause_version: str
    due_diligence_starts_on: date | None
    reporting_deadline_days: int | None
    traceability_deadline_weeks: int
    traceability_site_types: list[str]
    penalty_per_week_sek: int | None
    penalty_cap_weeks: int | None
    call_off_stop_months: int | None
    zero_tolerance_issues: list[str]
    cost_sharing: str
    production_countries: list[str]

    @staticmethod
    def resolve_cpv_codes(obj) -> list[str]:
        return [c.code for c in obj.cpv_codes.all()]

    @staticmethod
    def resolve_clause_version(obj) -> str:
        return obj.clause_version.key

    @staticmethod
    def resolve_penalty_per_week_sek(obj) -> int | None:
        return None if obj.penalty_per_week_sek is None else int(obj.penalty_per_week_sek)

    @staticmethod
    def resolve_zero_tolerance_issues(obj) -> list[str]:
        return sorted(i.code for i in obj.zero_tolerance_issues.all())

    @staticmethod
    def resolve_production_countries(obj) -> list[str]:
        return sorted(c.iso3 for c in obj.production_countries.all())


class ContractFilters(Schema):
    q: str = ""
    category: str = ""
    region: str = ""
    status: str = ""
    framework: str = ""


class ContractIn(Schema):
    """A contract as the form fills it in; related objects by their public keys."""

    reference: str
    title: str
    supplier: UUID
    category: str
    owning_regions: list[str]
    starts_on: date
    clause_version: str
    ends_on: date | None = None
    status: str = ContractStatus.ACTIVE
    cpv_codes: list[str] = []
    is_renewable: bool = False
    estimated_value_sek: int | None = None
    is_framework_agreement: bool = False
    due_diligence_starts_on: date | None = None
    reporting_deadline_days: int | None = None
    traceability_deadline_weeks: int | None = None
    traceability_site_types: list[str] = []
    penalty_per_week_sek: int | None = None
    penalty_cap_weeks: int | None = None
    call_off_stop_months: int | None = None
    zero_tolerance_issues: list[str] | None = None
    cost_sharing: str = ""
    production_countries: list[str] = []


def _pks(model, field: str, keys: list[str]) -> list:
    """Public keys to primary keys; an unknown key is passed on as is, so the form rejects it."""
    found = dict(model.objects.filter(**{f"{field}__in": keys}).values_list(field, "pk"))
    return [found.get(key, key) for key in keys]


def _one_pk(model, field: str, key: str):
    return _pks(model, field, [key])[0]


def _form_data(payload: ContractIn) -> dict:
    data = payload.model_dump(exclude={"zero_tolerance_issues"})
    data.update(
        supplier=str(payload.supplier),
        category=_one_pk(Category, "slug", payload.category),
        owning_regions=_pks(Organisation, "slug", payload.owning_regions),
        clause_version=_one_pk(RequirementDocument, "key", payload.clause_version),
        zero_tolerance_issues=_pks(Issue, "code", payload.zero_tolerance_issues or []),
        production_countries=_pks(Country, "iso3", payload.production_countries),
        cpv_codes=", ".join(payload.cpv_codes),
    )
    return {key: "" if value is None else value for key, value in data.items()}


def _contract_input(payload: ContractIn) -> actions.ContractInput:
    form = ContractForm(_form_data(payload))
    if not form.is_valid():
        raise ValidationError({field: list(messages) for field, messages in form.errors.items()})
    data = form.to_input()
    if payload.zero_tolerance_issues is None:
        data.zero_tolerance_issues = None  # the action's default: every zero-tolerance issue
    return data


def _detail(request, uuid) -> Contract:
    qs = queries.contract_detail_qs(queries.contracts_visible_to(actor_for(request.user)))
    return queries.get_or_404(qs, uuid)


@router.get("/contracts", response=list[ContractOut], summary="Contracts, with the list page's filters")
@paginate(NewestFirst)
def contract_list(request, filters: Query[ContractFilters]):
    qs = queries.contracts_visible_to(_listable(request))
    return queries.filter_contracts(qs, **{k: v.strip() for k, v in filters.dict().items()})


@router.get("/contracts/{uuid}", response={200: ContractDetailOut, **READ_ERRORS}, summary="One contract")
def contract_detail(request, uuid: UUID):
    return _detail(request, uuid)


@router.post("/contracts", response={201: ContractDetailOut, **WRITE_ERRORS}, summary="Register a contract")
def contract_create(request, payload: ContractIn):
    actor_who_may(request.user, queries.may_create_contract)
    contract = actions.create_contract(acting_user=request.user, data=_contract_input(payload))
    return Status(201, _detail(request, contract.uuid))


@router.put(
    "/contracts/{uuid}", response={200: ContractDetailOut, **WRITE_ERRORS}, summary="Replace a contract"
)
def contract_update(request, uuid: UUID, payload: ContractIn):
    contract = queries.get_contract_for_user(request.user, uuid, write=True)
    actions.update_contract(acting_user=request.user, contract=contract, data=_contract_input(payload))
    return _detail(request, uuid)


# Supply chain ------------------------------------------------------------------------------------


class SiteOut(Schema):
    """A site as the caller may see it: a masked one has no name, address, products or workers."""

    uuid: UUID
    name: str
    address: str
    masked: bool
    is_confidential: bool
    tier: int
    site_type: Choice
    country: str | None
    products: str
    workers: int | None
    supplies_to: UUID | None


def _site_out(view) -> SiteOut:
    return SiteOut(
        uuid=view.uuid,
        name=view.name,
        address=view.address,
        masked=view.masked,
        is_confidential=view.is_confidential,
        tier=view.tier,
        site_type=Choice(code=view.site_type, label=str(view.site_type_label)),
        country=view.country.iso3 if view.country else None,
        products=view.products,
        workers=view.workers,
        supplies_to=view.supplies_to.uuid if view.supplies_to else None,
    )


@router.get(
    "/contracts/{uuid}/sites",
    response={200: list[SiteOut], **READ_ERRORS},
    summary="The contract's supply chain (confidential names masked as on the page)",
)
def contract_sites(request, uuid: UUID):
    contract = queries.get_contract_for_user(request.user, uuid)
    return [_site_out(view) for view in queries.sites_of(contract, actor_for(request.user))]


class SiteIn(Schema):
    """A site as the site form fills it in; `supplies_to` is another site of this contract's chain."""

    legal_name: str
    site_type: str
    tier: int = 1
    country: str | None = None
    address: str = ""
    supplies_to: UUID | None = None
    products: str = ""
    workers: int | None = None
    is_confidential: bool = True


def _site_form(payload: SiteIn, contract: Contract, actor, site=None) -> SiteForm:
    chain = queries.sites_of(contract, actor)
    by_uuid = {view.uuid: view.pk for view in chain}
    data = payload.model_dump()
    data.update(
        country=_one_pk(Country, "iso3", payload.country) if payload.country else "",
        supplies_to=by_uuid.get(str(payload.supplies_to), "unknown") if payload.supplies_to else "",
    )
    form = SiteForm({k: "" if v is None else v for k, v in data.items()}, chain=chain, site=site)
    if not form.is_valid():
        raise ValidationError({field: list(messages) for field, messages in form.errors.items()})
    return form


def _site_response(contract: Contract, actor, uuid) -> SiteOut:
    return next(_site_out(view) for view in queries.sites_of(contract, actor) if view.uuid == str(uuid))


@router.post(
    "/contracts/{uuid}/sites",
    response={201: SiteOut, **WRITE_ERRORS},
    summary="Add a site to the contract's supply chain",
)
def site_create(request, uuid: UUID, payload: SiteIn):
    contract = queries.get_contract_for_site_editing(request.user, uuid)
    actor = actor_for(request.user)
    data = _site_form(payload, contract, actor).to_input(contract)
    site = actions.add_site(acting_user=request.user, contract=contract, data=data)
    return Status(201, _site_response(contract, actor, site.uuid))


@router.put(
    "/contracts/{uuid}/sites/{site_uuid}",
    response={200: SiteOut, **WRITE_ERRORS},
    summary="Replace a site of the contract's supply chain",
)
def site_update(request, uuid: UUID, site_uuid: UUID, payload: SiteIn):
    contract = queries.get_contract_for_site_editing(request.user, uuid)
    site = queries.get_site_for_user(request.user, contract, site_uuid)
    actor = actor_for(request.user)
    data = _site_form(payload, contract, actor, site).to_input(contract)
    actions.update_site(acting_user=request.user, contract=contract, site=site, data=data)
    return _site_response(contract, actor, site.uuid)


# OCDS --------------------------------------------------------------------------------------------


class OcdsImportOut(Schema):
    """The ocids imported (or, with dry_run, that would be): nothing is written when any fails."""

    dry_run: bool
    created: list[str]
    updated: list[str]


@router.get(
    "/ocds/releases",
    response=dict,
    tags=["ocds"],
    summary="Contracts as an OCDS 1.1 release package (with the contract list's filters)",
)
def ocds_releases(request, filters: Query[ContractFilters]):
    qs = queries.contracts_visible_to(_listable(request))
    qs = queries.filter_contracts(qs, **{k: v.strip() for k, v in filters.dict().items()})
    return ocds.release_package(ocds.export_qs(qs), uri=request.build_absolute_uri())


@router.post(
    "/ocds/import",
    response={200: OcdsImportOut, **WRITE_ERRORS},
    tags=["ocds"],
    summary="Import an OCDS release or record package: all releases or none",
)
def ocds_import(request, package: Body[dict], dry_run: bool = False):
    actor_who_may(request.user, queries.may_create_contract)
    try:
        result = ocds.import_package(acting_user=request.user, package=package, dry_run=dry_run)
    except ocds.OcdsProblems as error:
        raise ValidationError({p.release: p.messages for p in error.problems}) from error
    return OcdsImportOut(dry_run=result.dry_run, created=result.created, updated=result.updated)


@router.get("/ocds/kedja-extension/extension.json", response=dict, auth=None, tags=["ocds"])
def ocds_extension(request):
    """Kedja's OCDS extension (due-diligence parameters on each contract)."""
    return ocds.extension_metadata()


@router.get("/ocds/kedja-extension/release-schema.json", response=dict, auth=None, tags=["ocds"])
def ocds_extension_schema(request):
    """The extension's JSON Schema, a JSON Merge Patch on the OCDS release schema."""
    return ocds.extension_schema()
