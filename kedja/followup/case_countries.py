"""Keeps each case's stored countries (`CaseCountry`) equal to what they are read from: the stored
countries of the case's contracts (contracts.ContractCountry) and the countries of the sites
audited in it, whatever changes them (the actions, an import, the API, the admin)."""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from kedja.contracts.models import ContractCountry, Site

from .models import CaseCountry, FollowUpCase, SiteAudit

CaseContract = FollowUpCase.contracts.through


def keep_case_countries(case_ids: Iterable[int]) -> None:
    """Rewrite these cases' countries. The cases' rows are locked first, so that two changes to
    one case at the same moment rewrite its countries one after the other."""
    ids = sorted(set(case_ids))
    if not ids:
        return
    with transaction.atomic():
        list(FollowUpCase.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
        CaseCountry.objects.filter(case_id__in=ids).delete()
        contracts_of: dict[int, list[int]] = defaultdict(list)
        for case_id, contract_id in CaseContract.objects.filter(followupcase_id__in=ids).values_list(
            "followupcase_id", "contract_id"
        ):
            contracts_of[contract_id].append(case_id)
        pairs = {
            (case_id, country_id)
            for contract_id, country_id in ContractCountry.objects.filter(
                contract_id__in=list(contracts_of)
            ).values_list("contract_id", "country_id")
            for case_id in contracts_of[contract_id]
        }
        pairs |= set(
            SiteAudit.objects.filter(case_id__in=ids, site__country__isnull=False).values_list(
                "case_id", "site__country_id"
            )
        )
        CaseCountry.objects.bulk_create(CaseCountry(case_id=c, country_id=k) for c, k in pairs)


def _cases_of_contracts(contract_ids: Iterable[int]) -> list[int]:
    return list(
        CaseContract.objects.filter(contract_id__in=list(contract_ids)).values_list(
            "followupcase_id", flat=True
        )
    )


def contract_countries_changed(sender, contract_ids: list[int], **kwargs) -> None:
    """A contract's countries were rewritten (a site added, moved or removed, a declaration changed)."""
    keep_case_countries(_cases_of_contracts(contract_ids))


def case_contracts_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """Contracts added to or taken from cases, from the case's side (case.contracts) or the
    contract's (contract.followup_cases); for a clear from the contract's side, the cases it had,
    read before."""
    from_case = not reverse
    if action == "pre_clear" and not from_case:
        instance._cleared_case_ids = _cases_of_contracts([instance.pk])
    elif action in ("post_add", "post_remove", "post_clear"):
        if from_case:
            keep_case_countries([instance.pk])
        elif action == "post_clear":
            keep_case_countries(instance.__dict__.pop("_cleared_case_ids", []))
        else:
            keep_case_countries(pk_set or [])


def contract_deleting(sender, instance, **kwargs) -> None:
    """The deleted contract's cases, read before its links to them are deleted with it."""
    instance._case_ids = _cases_of_contracts([instance.pk])


def contract_deleted(sender, instance, **kwargs) -> None:
    keep_case_countries(instance.__dict__.get("_case_ids", []))


def site_audit_saved(sender, instance: SiteAudit, raw: bool = False, update_fields=None, **kwargs) -> None:
    """A new audit, or one whose site may have changed."""
    if raw or (update_fields is not None and not {"site", "site_id", "case", "case_id"} & set(update_fields)):
        return
    keep_case_countries([instance.case_id])


def site_audit_deleted(sender, instance: SiteAudit, **kwargs) -> None:
    """After the deletion is committed: when the audit goes with its whole case, rewriting the
    case's countries inside that deletion would add rows for a case about to be deleted."""
    case_id = instance.case_id
    transaction.on_commit(lambda: keep_case_countries([case_id]))


def site_saved(
    sender, instance: Site, created: bool, raw: bool = False, update_fields=None, **kwargs
) -> None:
    """A site that may have moved country: the cases that audited it (its contracts' cases follow
    through `contract_countries_changed`)."""
    if raw or created or (update_fields is not None and "country" not in update_fields):
        return
    keep_case_countries(SiteAudit.objects.filter(site=instance).values_list("case_id", flat=True))
