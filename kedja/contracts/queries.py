"""Reads and access helpers for suppliers, contracts and supply-chain sites.

Who sees what (the access model of shared/docs/architecture.md):
- contracts and suppliers are shared in the collaboration (`actor.sees_shared`); a supplier contact
  sees only its own organisation; auditors and anonymous visitors see nothing here;
- contracts are changed by the secretariat and by officers/strategists of an owning region;
- the legal name and address of a confidential site are shown only to the secretariat, members
  of an owning region of one of the site's contracts, and the supplier itself. Everyone else gets
  a `SiteView` with only country, tier and type (name, address, products and workers blanked),
  so no template can leak them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kedja.contracts.models import SEARCH_SEPARATOR, Contract, ContractStatus, Site, SupplierContact
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.organisations.queries import ActingUser, Actor, actor_for, get_or_404, get_visible
from kedja.reference.models import Category, Country

# Suppliers ---------------------------------------------------------------------------------------


def suppliers_visible_to(actor: Actor) -> QuerySet[Organisation]:
    """Supplier organisations the actor may look at: all when shared, otherwise only their own."""
    qs = Organisation.objects.filter(kind=OrganisationKind.SUPPLIER)
    if actor.sees_shared:
        return qs
    return qs.filter(pk__in=actor.supplier_ids)


def may_create_supplier(actor: Actor) -> bool:
    """The secretariat and region officers/strategists register suppliers for their contracts."""
    return actor.is_secretariat or bool(actor.officer_region_ids)


def may_edit_supplier(actor: Actor, supplier: Organisation) -> bool:
    """Supplier details are shared reference facts: kept by the secretariat and region officers."""
    return may_create_supplier(actor)


def may_edit_contacts(actor: Actor, supplier: Organisation) -> bool:
    """Due-diligence contacts: the collaboration's editors, and the supplier naming its own people."""
    return may_edit_supplier(actor, supplier) or supplier.pk in actor.supplier_ids


def filter_suppliers(qs: QuerySet[Organisation], *, q: str = "", country: str = "") -> QuerySet[Organisation]:
    """The supplier list's filters (page and API alike): words in name or number, and country."""
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(org_number__icontains=q))
    if country:
        qs = qs.filter(country_code=country)
    return qs


def get_supplier_for_user(user: ActingUser, uuid: UUID | str, *, write: bool = False) -> Organisation:
    """One supplier the user may see (or, with write, change); otherwise 404."""
    return get_visible(user, uuid, suppliers_visible_to, may_edit_supplier if write else None)


def contacts_of(supplier: Organisation) -> QuerySet[SupplierContact]:
    return supplier.supplier_contacts.all()


def get_contact_for_user(user: ActingUser, supplier: Organisation, uuid: UUID | str) -> SupplierContact:
    """A contact of a supplier whose contacts the user may change; otherwise 404."""
    if not may_edit_contacts(actor_for(user), supplier):
        raise Http404
    return get_or_404(supplier.supplier_contacts.all(), uuid)


# Contracts ---------------------------------------------------------------------------------------


def contracts_visible_to(actor: Actor) -> QuerySet[Contract]:
    """Contracts the actor may see, with what list pages show already joined."""
    qs = Contract.objects.select_related("supplier", "category").prefetch_related(
        Prefetch("owning_regions", queryset=Organisation.objects.order_by("name"))
    )
    if actor.sees_shared:
        return qs
    if actor.supplier_ids:
        return qs.filter(supplier_id__in=actor.supplier_ids)
    return qs.none()


def categories_in_use() -> QuerySet[Category]:
    """Categories that have at least one contract, for the list filter (one index probe each)."""
    return Category.objects.filter(Exists(Contract.objects.filter(category=OuterRef("pk"))))


def filter_contracts(
    qs: QuerySet[Contract],
    *,
    q: str = "",
    category: str = "",
    region: str = "",
    status: str = "",
    framework: str = "",
) -> QuerySet[Contract]:
    """The contract list's filters (page and API alike); an unknown status or flag is ignored."""
    qs = contract_search(qs, q)
    # The category and region are looked up first, so that the database plans with their ids: for
    # a slug joined in, PostgreSQL took a region for one of 50,000 organisations with a handful of
    # contracts each and walked its 15,000 contract links one by one (region, status and category
    # filtered: 82 ms of SQL at the national maximum, 40 with the ids).
    if category:
        qs = qs.filter(
            category_id__in=list(Category.objects.filter(slug=category).values_list("pk", flat=True))
        )
    if region:
        regions = Organisation.objects.filter(slug=region, kind=OrganisationKind.REGION)
        qs = qs.filter(owning_regions__in=list(regions.values_list("pk", flat=True)))
    if status in ContractStatus.values:
        qs = qs.filter(status=status)
    if framework in ("yes", "no"):
        qs = qs.filter(is_framework_agreement=framework == "yes")
    return qs


def may_list_contracts(actor: Actor) -> bool:
    """Auditors and others outside the collaboration have no contract or supplier list at all."""
    return actor.sees_shared or actor.is_supplier


def may_create_contract(actor: Actor) -> bool:
    return actor.is_secretariat or bool(actor.officer_region_ids)


def may_edit_contract(actor: Actor, contract: Contract) -> bool:
    """The secretariat, or an officer/strategist of one of the contract's owning regions."""
    if actor.is_secretariat:
        return True
    return any(actor.may_edit_region(region.pk) for region in contract.owning_regions.all())


def may_edit_sites(actor: Actor, contract: Contract) -> bool:
    """Sites are kept by the contract's editors and by the supplier, who owes the traceability data."""
    return may_edit_contract(actor, contract) or contract.supplier_id in actor.supplier_ids


def get_contract_for_user(user: ActingUser, uuid: UUID | str, *, write: bool = False) -> Contract:
    """One contract the user may see (or, with write, change); a forbidden one is a 404 too."""
    return get_visible(user, uuid, contracts_visible_to, may_edit_contract if write else None)


def get_contract_for_site_editing(user: ActingUser, uuid: UUID | str) -> Contract:
    """A contract whose supply chain the user may change; otherwise 404."""
    contract = get_contract_for_user(user, uuid)
    if not may_edit_sites(actor_for(user), contract):
        raise Http404
    return contract


def contract_detail_qs(qs: QuerySet[Contract]) -> QuerySet[Contract]:
    """What the detail page shows, fetched up front."""
    return qs.select_related("clause_version", "code_of_conduct").prefetch_related(
        "cpv_codes", "production_countries", "zero_tolerance_issues"
    )


# Sites and the confidential masking ---------------------------------------------------------------


@dataclass
class SiteView:
    """A site as one actor may see it. When `masked`, name and address are already blank."""

    uuid: str
    name: str
    address: str
    masked: bool
    is_confidential: bool
    tier: int
    site_type: str
    site_type_label: str
    country: Country | None
    products: str
    workers: int | None
    supplies_to_id: int | None
    pk: int
    supplies_to: "SiteView | None" = None
    children: list["SiteView"] = field(default_factory=list)


def may_see_confidential_site(actor: Actor, site: Site, owning_region_ids: set[int]) -> bool:
    """The secretariat, the supplier itself, or a member of an owning region of the site's contracts."""
    if actor.is_secretariat or site.supplier_id in actor.supplier_ids:
        return True
    return bool(actor.officer_region_ids & owning_region_ids)


def _owning_regions_by_site(site_ids: list[int]) -> dict[int, set[int]]:
    """For each site, the owning regions of all contracts it serves (one query)."""
    rows = Contract.owning_regions.through.objects.filter(contract__sites__in=site_ids).values_list(
        "contract__sites", "organisation_id"
    )
    result: dict[int, set[int]] = defaultdict(set)
    for site_id, region_id in rows:
        result[site_id].add(region_id)
    return result


def _view(site: Site, actor: Actor, region_ids: set[int]) -> SiteView:
    masked = site.is_confidential and not may_see_confidential_site(actor, site, region_ids)
    return SiteView(
        uuid=str(site.uuid),
        pk=site.pk,
        name=_("Confidential site") if masked else site.legal_name,
        address="" if masked else site.address,
        masked=masked,
        is_confidential=site.is_confidential,
        tier=site.tier,
        site_type=site.site_type,
        site_type_label=site.get_site_type_display(),
        country=site.country,
        products="" if masked else site.products,
        workers=None if masked else site.workers,
        supplies_to_id=site.supplies_to_id,
    )


def site_views(sites: QuerySet[Site], actor: Actor) -> list[SiteView]:
    """Display objects for sites, masked for this actor, with `supplies_to` and `children` linked."""
    rows = list(sites.select_related("country"))
    regions = _owning_regions_by_site([s.pk for s in rows])
    views = [_view(site, actor, regions.get(site.pk, set())) for site in rows]
    by_pk: dict[int | None, SiteView] = {view.pk: view for view in views}
    for view in views:
        parent = by_pk.get(view.supplies_to_id)
        view.supplies_to = parent
        if parent is not None:
            parent.children.append(view)
    return views


def sites_of(contract: Contract, actor: Actor) -> list[SiteView]:
    """The supply chain of one contract as the actor may see it, ordered by tier."""
    return site_views(contract.sites.all(), actor)


def sites_of_supplier(supplier: Organisation, actor: Actor) -> list[SiteView]:
    return site_views(supplier.supply_chain_sites.all(), actor)


def sites_by_tier(views: list[SiteView]) -> list[tuple[int, list[SiteView]]]:
    grouped: dict[int, list[SiteView]] = defaultdict(list)
    for view in views:
        grouped[view.tier].append(view)
    return sorted(grouped.items())


@dataclass
class ChainRow:
    """One site of the who-supplies-whom tree, in reading order, with the list markup around it:
    `opens_list` when it is the first site delivering to the row before it, `closes` how many
    nested lists end after it. A template nests the lists with one loop: a chain can be hundreds
    of sites deep, deeper than a recursive include may go."""

    site: SiteView
    opens_list: bool
    closes: int = 0

    @property
    def closing(self) -> range:
        return range(self.closes)


def chain_rows(views: list[SiteView]) -> list[ChainRow]:
    """The supplies-to trees, from the sites that supply no other listed site, depth first."""
    rows: list[ChainRow] = []
    levels = [iter([view for view in views if view.supplies_to is None])]
    opens_list = False
    while levels:
        site = next(levels[-1], None)
        if site is None:
            levels.pop()
            if levels:  # a nested list ended, and with it the item of the site it delivers to
                rows[-1].closes += 1
            continue
        rows.append(ChainRow(site=site, opens_list=opens_list))
        opens_list = bool(site.children)
        if site.children:
            levels.append(iter(site.children))
    return rows


def get_site_for_user(user: ActingUser, contract: Contract, uuid: UUID | str) -> Site:
    """A site of a contract whose supply chain the user may change; otherwise 404."""
    if not may_edit_sites(actor_for(user), contract):
        raise Http404
    return get_or_404(contract.sites.all(), uuid)


def contract_search(qs: QuerySet[Contract], query: str) -> QuerySet[Contract]:
    """Contracts whose reference, title or supplier's name contains `query`, in any case.

    One column holds all three (Contract.search_text), served on PostgreSQL by one trigram index
    (migration contracts 0011). Uniting three indexed matches, the supplier's name through a join,
    had to gather every match before the first page: a word in 5,000 of 50,000 supplier names took
    260 ms at the national maximum, now 40 (the count; the page walks the list order and stops at
    its last row). The column is stored case-folded for every alphabet (`search_text_of`) and the
    query is folded the same way, so SQLite's LIKE, which folds only ASCII, matches "LEVERANTÖR"
    to "Leverantör" while it scans.
    """
    if not query:
        return qs
    return qs.filter(search_text__icontains=query.replace(SEARCH_SEPARATOR, " ").casefold())
