"""Writes for the open datasets: loading an edition. (Part of the app's actions; re-exported there.)"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core import audit
from kedja.risk.loaders import SPEC_BY_KIND, sha256_of
from kedja.risk.models import DatasetEdition


@transaction.atomic
def load_dataset(
    kind: str, data_dir: Path, *, acting_user=None, edition: str | None = None
) -> tuple[DatasetEdition, bool]:
    """Load one dataset file as a new current edition, keeping older editions.

    Idempotent: a file whose sha256 is already loaded for this dataset is not loaded again (it is
    made current if it was not). Returns the edition and whether it was newly created.
    """
    spec = SPEC_BY_KIND[kind]
    path = Path(data_dir) / spec.path
    if not path.is_file():
        raise ValidationError(_("Dataset file not found: %(path)s") % {"path": path})
    digest = sha256_of(path)
    existing = DatasetEdition.objects.filter(kind=kind, sha256=digest).first()
    if existing:
        if not existing.is_current:
            DatasetEdition.objects.filter(kind=kind, is_current=True).update(is_current=False)
            existing.is_current = True
            existing.save(update_fields=["is_current", "updated_at"])
            audit.record("risk.dataset.made_current", existing, actor=acting_user)
        return existing, False
    rows, parameters = spec.parse(path)
    label = edition or spec.edition
    if DatasetEdition.objects.filter(kind=kind, edition=label).exists():
        label = f"{label} ({digest[:8]})"
    DatasetEdition.objects.filter(kind=kind, is_current=True).update(is_current=False)
    created = DatasetEdition.objects.create(
        kind=kind,
        edition=label,
        file_name=spec.path,
        sha256=digest,
        licence=spec.licence,
        attribution_sv=spec.attribution_sv,
        attribution_en=spec.attribution_en,
        source_url=spec.source_url,
        parameters=parameters,
        row_count=len(rows),
    )
    spec.model.objects.bulk_create([spec.model(edition=created, **row) for row in rows], batch_size=1000)
    audit.record(
        "risk.dataset.loaded", created, actor=acting_user, changes={"sha256": digest, "rows": len(rows)}
    )
    return created, True
