"""Reads of the supplier's profile and library, and who may see them.

The library holds evidence, which the access model calls confidential: the supplier's own contacts,
the secretariat, and strategists of regions that hold a contract with the supplier may read it.
"""

import uuid as uuid_lib
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from kedja.contracts.models import Contract
from kedja.core.dates import add_months
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.organisations.queries import ActingUser, Actor, actor_for, get_or_404

from .models import GOVERNING_KINDS, CompanyProfile, Freshness, LibraryDocument


def is_own_supplier(actor: Actor, supplier: Organisation) -> bool:
    return supplier.pk in actor.supplier_ids


def may_see_library(actor: Actor, supplier: Organisation) -> bool:
    """The supplier itself, the secretariat, and strategists of regions with a contract with it."""
    if is_own_supplier(actor, supplier) or actor.is_secretariat:
        return True
    if not actor.strategist_region_ids:
        return False
    return Contract.objects.filter(supplier=supplier, owning_regions__in=actor.strategist_region_ids).exists()


def profile_of(supplier: Organisation) -> CompanyProfile | None:
    return CompanyProfile.objects.filter(supplier=supplier).prefetch_related("sectors").first()


def documents_of(supplier: Organisation, *, archived: bool = False) -> QuerySet[LibraryDocument]:
    """The library with how many answers link each document, in a constant number of queries."""
    return (
        LibraryDocument.objects.filter(supplier=supplier, is_archived=archived)
        .select_related("uploaded_by")
        .prefetch_related("requirements")
        .annotate(n_answers=Count("answers", distinct=True))
    )


def expiring_documents(supplier: Organisation, *, within_days: int = 60) -> QuerySet[LibraryDocument]:
    """Documents whose validity ends within `within_days` (or has ended)."""
    limit = timezone.localdate() + timedelta(days=within_days)
    return documents_of(supplier).filter(valid_until__lte=limit)


def to_revise(documents: Iterable[LibraryDocument]) -> list[LibraryDocument]:
    """The governing documents among `documents` that are due for revision or out of date today."""
    return [d for d in documents if d.freshness in (Freshness.REVISION_DUE, Freshness.OUT_OF_DATE)]


def revision_candidates(today: date) -> QuerySet[LibraryDocument]:
    """Governing documents in use issued at least KEDJA_DOCUMENT_REVISION_DUE_MONTHS ago (§4.5);
    `LibraryDocument.freshness` says whether each is due for revision or out of date."""
    since = add_months(today, -settings.KEDJA_DOCUMENT_REVISION_DUE_MONTHS)
    return LibraryDocument.objects.filter(
        is_archived=False, kind__in=GOVERNING_KINDS, issued_on__lte=since
    ).select_related("supplier")


def get_supplier_for_profile(user: ActingUser, uuid: uuid_lib.UUID | str) -> Organisation:
    """A supplier whose profile the user may read: its own contacts and everyone in the collaboration."""
    actor = actor_for(user)
    supplier = get_or_404(Organisation.objects.filter(kind=OrganisationKind.SUPPLIER), uuid)
    if actor.sees_shared or is_own_supplier(actor, supplier):
        return supplier
    raise Http404


def get_document_for_user(user: ActingUser, uuid: uuid_lib.UUID | str) -> LibraryDocument:
    """A library document the user may read; forbidden and missing are the same 404."""
    document = get_or_404(LibraryDocument.objects.select_related("supplier"), uuid)
    if not may_see_library(actor_for(user), document.supplier):
        raise Http404
    return document


def _uuids(values: Iterable[object]) -> list[uuid_lib.UUID]:
    parsed = []
    for value in values:
        try:
            parsed.append(uuid_lib.UUID(str(value)))
        except ValueError:
            continue
    return parsed


def own_documents(supplier: Organisation, uuids: Iterable[object]) -> list[LibraryDocument]:
    """The supplier's own library documents among `uuids` (bad or foreign ids are ignored)."""
    return list(documents_of(supplier).filter(uuid__in=_uuids(uuids)))
