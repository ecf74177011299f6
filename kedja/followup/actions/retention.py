"""Thinning (gallring) of a closed case's documents after the retention period."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core.audit import record
from kedja.organisations.models import User

from ..case_file import sha256_of
from ..models import EvidenceDocument, ThinnedDocument
from ..retention import due_for_thinning


@transaction.atomic
def thin_document(*, acting_user: User | None, document: EvidenceDocument, today: date) -> ThinnedDocument:
    """Remove a due document's file, keeping its record and checksum for the case file's manifest.

    `acting_user` is None when the management command runs it. The file is removed after the
    database commits, so a failed thinning never leaves a record without its file or the reverse.
    """
    document = EvidenceDocument.objects.select_for_update(of=("self",)).get(pk=document.pk)
    if not due_for_thinning(today).filter(pk=document.pk).exists():
        raise ValidationError(_("This document is not due for thinning."))
    thinning = ThinnedDocument.objects.create(
        document=document, thinned_on=today, sha256=sha256_of(document.file) or "", thinned_by=acting_user
    )
    stored = document.file.name
    storage = document.file.storage
    EvidenceDocument.objects.filter(pk=document.pk).update(file="")
    transaction.on_commit(lambda: storage.delete(stored) if stored else None)
    changes = {"document": document.original_name, "sha256": thinning.sha256, "thinned_on": today.isoformat()}
    record("followup.document.thinned", document.case, actor=acting_user, changes=changes)
    return thinning
