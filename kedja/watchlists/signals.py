"""A supplier or site that is added or changed is screened in the background.

A signal, not a call from contracts' actions: contracts sits below watchlists and must not import it
(architecture.md, "nothing imports upward"). The handler only queues the screening after the commit;
the screening itself is an action (actions.screen_changed_subjects)."""

from django.db import transaction

from kedja.contracts.models import Site
from kedja.organisations.models import Organisation, OrganisationKind


def site_saved(sender, instance: Site, **kwargs) -> None:
    transaction.on_commit(lambda: _screen(site_ids=[instance.pk]))


def organisation_saved(sender, instance: Organisation, **kwargs) -> None:
    if instance.kind == OrganisationKind.SUPPLIER:
        transaction.on_commit(lambda: _screen(supplier_ids=[instance.pk]))


def _screen(*, supplier_ids=(), site_ids=()) -> None:
    from kedja.watchlists.actions import screen_changed_subjects
    from kedja.watchlists.models import ListEdition

    if ListEdition.objects.filter(is_current=True).exists():
        screen_changed_subjects(supplier_ids=list(supplier_ids), site_ids=list(site_ids))
