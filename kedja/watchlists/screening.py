"""Screening suppliers and sites against every current edition, in chunks, with progress.

The entries of the current editions are held in memory once (an `EntryIndex`, blocked by country);
suppliers and sites are then read from the database CHUNK at a time, so a national screening of a
million sites holds one chunk of subjects at a time.
"""

from collections.abc import Callable, Iterator

from django.db.models import QuerySet

from kedja.contracts.models import Site
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.watchlists.matching import Candidate, EntryIndex, Party, screen
from kedja.watchlists.models import ListEntry

CHUNK = 20_000


def current_index() -> EntryIndex:
    rows = ListEntry.objects.filter(edition__is_current=True).values_list(
        "pk", "name", "aliases", "countries", "identifiers"
    )
    return EntryIndex(
        Party(
            key=pk, names=[name, *aliases], countries=frozenset(countries), identifiers=frozenset(identifiers)
        )
        for pk, name, aliases, countries, identifiers in rows.iterator(chunk_size=CHUNK)
    )


def suppliers(ids: list[int] | None = None) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(kind=OrganisationKind.SUPPLIER, is_active=True)
    return qs.filter(pk__in=ids) if ids is not None else qs


def sites(ids: list[int] | None = None) -> QuerySet[Site]:
    return Site.objects.filter(pk__in=ids) if ids is not None else Site.objects.all()


def _supplier_parties(qs: QuerySet[Organisation]) -> Iterator[list[Party]]:
    rows = qs.order_by("pk").values_list("pk", "name", "country_code", "org_number")
    yield from _chunked(
        Party(key=("supplier", pk), names=[name], country=country, identifiers=frozenset({number}))
        for pk, name, country, number in rows.iterator(chunk_size=CHUNK)
    )


def _site_parties(qs: QuerySet[Site]) -> Iterator[list[Party]]:
    rows = qs.order_by("pk").values_list("pk", "legal_name", "country__iso3")
    yield from _chunked(
        Party(key=("site", pk), names=[name], country=iso3 or "")
        for pk, name, iso3 in rows.iterator(chunk_size=CHUNK)
    )


def _chunked(parties) -> Iterator[list[Party]]:
    chunk: list[Party] = []
    for party in parties:
        chunk.append(party)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(
    supplier_qs: QuerySet[Organisation],
    site_qs: QuerySet[Site],
    *,
    progress: Callable[[int], None],
    found: Callable[[list[Candidate]], None],
) -> None:
    """Screen every supplier and site of the querysets; report subjects done and candidates found."""
    index = current_index()
    if not index.entries:
        return
    for chunks in (_supplier_parties(supplier_qs), _site_parties(site_qs)):
        for chunk in chunks:
            found(screen(chunk, index))
            progress(len(chunk))
