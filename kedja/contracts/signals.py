"""Keeps what the contracts store for fast reading equal to what it is read from: the search text
(Contract.search_text) to the supplier's name, and each contract's countries (ContractCountry) to its
declared production countries and its sites, whatever changes them (the actions, an import, the
API, the admin, a supplier's deletion)."""

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

from kedja.organisations.models import Organisation, OrganisationKind

from .models import Contract, ContractCountry, Site, search_text_of

# Sent with `contract_ids` after those contracts' countries were rewritten, so that what other apps
# store from them follows (followup.case_countries).
contract_countries_changed = Signal()


def supplier_saved(sender, instance: Organisation, raw: bool = False, **kwargs) -> None:
    """A supplier's save rewrites its contracts' search text with its (perhaps new) name, in the
    same transaction; a supplier has at most a few hundred contracts. Written from Python, because
    the text is folded with Python's casefold, which SQL's LOWER does not equal ("ß" is "ss")."""
    if raw or instance.kind != OrganisationKind.SUPPLIER:
        return
    contracts = list(Contract.objects.filter(supplier=instance).only("pk", "reference", "title"))
    for contract in contracts:
        contract.search_text = search_text_of(contract.reference, contract.title, instance.name)
    Contract.objects.bulk_update(contracts, ["search_text"], batch_size=500)


def keep_contract_countries(contract_ids: Iterable[int]) -> None:
    """Rewrite these contracts' countries (`ContractCountry`) from their declared production
    countries and their sites.

    The contracts' rows are locked first, so that two changes to one contract at the same moment
    (two people adding sites) rewrite its countries one after the other, the later seeing the
    earlier's."""
    ids = sorted(set(contract_ids))
    if not ids:
        return
    with transaction.atomic():
        list(Contract.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
        ContractCountry.objects.filter(contract_id__in=ids).delete()
        declared = Contract.production_countries.through.objects.filter(contract_id__in=ids).values_list(
            "contract_id", "country_id"
        )
        sited = Site.contracts.through.objects.filter(
            contract_id__in=ids, site__country__isnull=False
        ).values_list("contract_id", "site__country_id")
        ContractCountry.objects.bulk_create(
            ContractCountry(contract_id=c, country_id=k) for c, k in {*declared, *sited}
        )
        contract_countries_changed.send(sender=Contract, contract_ids=ids)


def production_countries_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """Declared production countries added, removed or cleared, from the contract's side or (in the
    admin, say) the country's."""
    _links_changed(instance, action, not reverse, pk_set)


def site_links_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """Sites added to or taken from contracts, from either side (site.contracts or contract.sites)."""
    _links_changed(instance, action, reverse, pk_set)


def _links_changed(instance, action: str, from_contract: bool, pk_set) -> None:
    """From the contract's side the changed contract is the instance; from the other side (a site
    or a country, whose contracts are `instance.contracts`) the changed contracts are `pk_set`, or
    for a clear those the instance had, read before it."""
    if action == "pre_clear" and not from_contract:
        instance._cleared_contract_ids = list(instance.contracts.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        if from_contract:
            keep_contract_countries([instance.pk])
        elif action == "post_clear":
            keep_contract_countries(instance.__dict__.pop("_cleared_contract_ids", []))
        else:
            keep_contract_countries(pk_set or [])


def site_saved(
    sender, instance: Site, created: bool, raw: bool = False, update_fields=None, **kwargs
) -> None:
    """A changed site may have moved country; a new one serves no contract yet."""
    if raw or created or (update_fields is not None and "country" not in update_fields):
        return
    keep_contract_countries(instance.contracts.values_list("pk", flat=True))


def site_deleting(sender, instance: Site, **kwargs) -> None:
    """The site's contracts, read before its links are deleted with it."""
    instance._contract_ids = list(instance.contracts.values_list("pk", flat=True))


def site_deleted(sender, instance: Site, **kwargs) -> None:
    keep_contract_countries(instance.__dict__.get("_contract_ids", []))
