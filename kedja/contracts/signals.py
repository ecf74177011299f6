"""Keeps the contracts' stored search text (Contract.search_text) equal to their supplier's name."""

from django.db.models import F, Value
from django.db.models.functions import Concat

from kedja.organisations.models import Organisation, OrganisationKind

from .models import SEARCH_SEPARATOR, Contract


def supplier_saved(sender, instance: Organisation, raw: bool = False, **kwargs) -> None:
    """A supplier's save rewrites its contracts' search text with its (perhaps new) name, in the
    same transaction; a supplier has at most a few hundred contracts."""
    if raw or instance.kind != OrganisationKind.SUPPLIER:
        return
    Contract.objects.filter(supplier=instance).update(
        search_text=Concat(
            F("reference"), Value(SEARCH_SEPARATOR), F("title"), Value(SEARCH_SEPARATOR), Value(instance.name)
        )
    )
