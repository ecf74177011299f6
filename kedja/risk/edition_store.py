"""Storing a dataset file as an edition and making an edition current: the steps the audited
writers (`actions.load_dataset`, `edition_actions`) share. They record nothing themselves."""

from typing import Any

from django.utils import timezone

from kedja.risk.loaders import SPEC_BY_KIND
from kedja.risk.models import DatasetEdition


def store_edition(
    *,
    kind: str,
    rows: list[dict[str, Any]],
    parameters: dict[str, Any],
    digest: str,
    label: str,
    file_name: str,
) -> DatasetEdition:
    """Store a parsed file as an edition that is not (yet) current; its label made unique."""
    spec = SPEC_BY_KIND[kind]
    if DatasetEdition.objects.filter(kind=kind, edition=label).exists():
        label = f"{label} ({digest[:8]})"
    created = DatasetEdition.objects.create(
        kind=kind,
        edition=label,
        file_name=file_name,
        sha256=digest,
        licence=spec.licence,
        attribution_sv=spec.attribution_sv,
        attribution_en=spec.attribution_en,
        source_url=spec.source_url,
        parameters=parameters,
        row_count=len(rows),
        is_current=False,
    )
    spec.model._default_manager.bulk_create(
        [spec.model(edition=created, **row) for row in rows], batch_size=1000
    )
    return created


def make_current(edition: DatasetEdition) -> None:
    """Make `edition` its dataset's current (and adopted) edition; the former one stays, not current."""
    DatasetEdition.objects.filter(kind=edition.kind, is_current=True).update(is_current=False)
    edition.is_current = True
    edition.adopted_at = edition.adopted_at or timezone.now()
    edition.save(update_fields=["is_current", "adopted_at", "updated_at"])
