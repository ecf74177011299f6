"""Writes for new dataset editions from the page: upload (waits, changes nothing), adoption by the
secretariat, and re-scoring an analysis with the adopted editions, a decision made per analysis."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core import audit
from kedja.organisations.models import User
from kedja.organisations.queries import actor_for
from kedja.risk.assessment import score_item
from kedja.risk.data import RiskData
from kedja.risk.edition_store import make_current, store_edition
from kedja.risk.editions import UPLOADABLE, parse_upload
from kedja.risk.models import DatasetEdition, RiskAnalysis
from kedja.risk.queries import may_edit


def _check_secretariat(acting_user: User) -> None:
    if not actor_for(acting_user).is_secretariat:
        raise PermissionDenied(_("Only the secretariat loads new dataset editions."))


@transaction.atomic
def upload_edition(
    *, kind: str, uploaded: UploadedFile[bytes], edition: str, acting_user: User
) -> DatasetEdition:
    """Store an uploaded file as a new edition of `kind` that waits for adoption: no score, page or
    proposal uses it until `adopt_edition`. A file that cannot be read changes nothing."""
    _check_secretariat(acting_user)
    if kind not in UPLOADABLE:
        raise ValidationError({"kind": _("Choose one of the datasets that can be loaded here.")})
    parsed = parse_upload(kind, uploaded)
    name = (uploaded.name or kind)[:200]
    known = DatasetEdition.objects.filter(kind=kind, sha256=parsed.sha256).first()
    if known:
        raise ValidationError(_("This file is already loaded as edition “%(edition)s”.") % {"edition": known})
    created = store_edition(
        kind=kind,
        rows=parsed.rows,
        parameters=parsed.parameters,
        digest=parsed.sha256,
        label=edition.strip() or name,
        file_name=name,
    )
    audit.record(
        "risk.dataset.uploaded",
        created,
        actor=acting_user,
        changes={"sha256": parsed.sha256, "rows": len(parsed.rows)},
    )
    return created


@transaction.atomic
def adopt_edition(*, edition: DatasetEdition, acting_user: User) -> DatasetEdition:
    """Make a waiting edition current. Analyses keep their scores until each is re-scored."""
    _check_secretariat(acting_user)
    edition = DatasetEdition.objects.select_for_update().get(pk=edition.pk)
    if edition.adopted_at is not None:
        raise ValidationError(_("This edition has already been adopted."))
    former = DatasetEdition.objects.filter(kind=edition.kind, is_current=True).first()
    make_current(edition)
    audit.record(
        "risk.dataset.adopted",
        edition,
        actor=acting_user,
        changes={"replaces": former.as_record() if former else None, "sha256": edition.sha256},
    )
    return edition


@transaction.atomic
def rescore_analysis(*, analysis: RiskAnalysis, acting_user: User) -> dict[str, list[str]]:
    """Score every item of the analysis again with the current editions; the analysis' history
    records the editions and each item whose category changed. An approved analysis keeps its
    frozen version: the new scores count once a new version is approved."""
    if not may_edit(actor_for(acting_user), analysis):
        raise PermissionDenied(_("You may not change this risk analysis."))
    data = RiskData.current()
    changed = {}
    items = analysis.items.exclude(review="rejected").select_related("issue", "stage", "country")
    for item in items.prefetch_related("evidence"):
        before = item.risk_category
        score_item(item, data)
        item.save()
        if item.risk_category != before:
            changed[str(item)] = [before, item.risk_category]
    audit.record(
        "risk.analysis.rescored",
        analysis,
        actor=acting_user,
        changes={"editions": data.editions_record(), "categories": changed},
    )
    return changed
