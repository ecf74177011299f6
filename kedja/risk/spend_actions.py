"""Writes of spend screening: upload a file, confirm its column mapping, share the result.

The screening itself runs in the background (`spend_tasks.run_screening`); the file streams to
disk in chunks and is never read whole into memory.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core.audit import record
from kedja.core.tables import Limits, TableError, TableInfo, inspect, iter_rows, sheet_names
from kedja.organisations.models import Organisation, User
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category
from kedja.risk import spend
from kedja.risk.models import AccountCategory, ScreeningStatus, SpendScreening
from kedja.risk.spend_queries import organisation_of

SPEND_KINDS = {"csv", "txt", "xlsx", "parquet"}
PREVIEW_ROWS = 5
HEAD_BYTES = 1 << 20


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "spend"
    path.mkdir(parents=True, exist_ok=True)
    return path


def start_screening(
    *, acting_user: User, uploaded: UploadedFile[bytes], keep_file: bool = False
) -> SpendScreening:
    """Check an upload, stream it to disk with its sha256, read its header and guess the mapping.

    Raises ValidationError (nothing stored) for a file of the wrong type, too large, or whose
    first rows cannot be read.
    """
    if not actor_for(acting_user).sees_shared:
        raise PermissionDenied
    organisation = organisation_of(acting_user)
    try:
        # Only the start is read here; the background task reads the whole file and refuses one
        # that changes encoding further in, so a large upload does not hold the request.
        info = inspect(
            uploaded, allowed=SPEND_KINDS, max_bytes=settings.KEDJA_SPEND_MAX_BYTES, scan_bytes=HEAD_BYTES
        )
        rows = _first_rows(uploaded, info) if info.kind != "parquet" else []
    except TableError as error:
        raise ValidationError(error.messages) from None
    screening = SpendScreening(
        created_by=acting_user,
        organisation=organisation,
        file_name=Path(uploaded.name or "spend").name[:255],
        size=uploaded.size or 0,
        kind=info.kind,
        keep_file=keep_file,
        status=ScreeningStatus.MAPPING,
    )
    screening.stored_file = f"spend/{screening.uuid}.data"
    path = Path(settings.MEDIA_ROOT) / screening.stored_file
    screening.sha256 = _store(uploaded, path)
    if info.kind == "xlsx":
        screening.source = {"sheet": info.sheet, "sheets": sheet_names(uploaded, spend.XLSX_LIMITS)}
    try:
        if info.kind == "parquet":
            rows = spend.parquet_rows(path, PREVIEW_ROWS + 1)
        _set_header(screening, rows)
        with transaction.atomic():
            screening.save()
            record("risk.spend_upload", screening, actor=acting_user, changes={"sha256": screening.sha256})
    except (ValidationError, spend.SpendFileError):
        path.unlink(missing_ok=True)  # a refused file leaves nothing behind
        raise
    return screening


def _set_header(screening: SpendScreening, rows: list[list[str]]) -> None:
    screening.header = [cell.strip() for cell in rows[0]] if rows else []
    if not any(screening.header):
        raise ValidationError(_("The file is empty or its first row has no column names."))
    screening.sample = rows[1:]
    screening.columns = _region_mapping(screening.organisation, screening.header) or spend.detect_columns(
        screening.header
    )


def choose_sheet(*, acting_user: User, screening: SpendScreening, sheet: str) -> SpendScreening:
    """Read the header and first lines of another sheet of an uploaded workbook."""
    _check_owner(acting_user, screening)
    sheets = screening.source.get("sheets", [])
    if screening.status != ScreeningStatus.MAPPING or sheet not in sheets:
        raise ValidationError(_("Choose one of the workbook's sheets: %s.") % ", ".join(sheets))
    info = TableInfo(kind="xlsx")
    with (Path(settings.MEDIA_ROOT) / screening.stored_file).open("rb") as handle:
        try:
            rows = list(islice(iter_rows(handle, info, spend.XLSX_LIMITS, sheet=sheet), PREVIEW_ROWS + 1))
        except TableError as error:
            raise ValidationError(error.messages) from None
    with transaction.atomic():
        _set_header(screening, rows)
        screening.source = {**screening.source, "sheet": sheet}
        screening.save(update_fields=["header", "sample", "columns", "source", "updated_at"])
        record("risk.spend_sheet", screening, actor=acting_user, changes={"sheet": sheet})
    return screening


def _region_mapping(organisation: Organisation, header: list[str]) -> dict[str, str]:
    """The columns the region last confirmed, when the new file has every one of them: a region's
    finance system exports the same layout each time, so a corrected mapping is kept for the next file."""
    last = (
        SpendScreening.objects.filter(organisation=organisation)
        .exclude(status=ScreeningStatus.MAPPING)
        .order_by("-created_at")
        .values_list("columns", flat=True)
        .first()
    )
    return last if last and all(name in header for name in last.values()) else {}


def _store(uploaded: UploadedFile[bytes], target: Path) -> str:
    """Keep the upload as `target`; return its sha256, or "" when the background task is to compute it.

    A large upload already lies on disk in Django's temporary file: it is moved, not copied, so the
    request does not read gigabytes again.
    """
    _upload_dir()
    if hasattr(uploaded, "temporary_file_path"):
        uploaded.flush()
        shutil.move(uploaded.temporary_file_path(), target)
        return ""
    digest = hashlib.sha256()
    with target.open("wb") as handle:
        for chunk in uploaded.chunks():
            digest.update(chunk)
            handle.write(chunk)
    return digest.hexdigest()


def _first_rows(uploaded: UploadedFile[bytes], info: TableInfo) -> list[list[str]]:
    """The header and the first lines, for the mapping step; the whole file is read in the background."""
    rows = iter_rows(uploaded, info, Limits(rows=spend.XLSX_LIMITS.rows, columns=200))
    return list(islice(rows, PREVIEW_ROWS + 1))


def confirm_mapping(
    *,
    acting_user: User,
    screening: SpendScreening,
    columns: dict[str, str],
    period_start: date | None = None,
    period_end: date | None = None,
) -> SpendScreening:
    """Save the mapping (and the optional period) the person confirmed and queue the screening."""
    from kedja.risk.spend_tasks import run_screening

    _check_owner(acting_user, screening)
    if screening.status not in (ScreeningStatus.MAPPING, ScreeningStatus.FAILED) or not screening.stored_file:
        raise ValidationError(
            _("This screening has already started; upload the file again to change the mapping.")
        )
    chosen = {role: name for role, name in columns.items() if name}
    unknown = [name for name in chosen.values() if name not in screening.header]
    if unknown:
        raise ValidationError(_("The file has no column “%s”.") % unknown[0])
    try:
        spend.check_columns(chosen)
    except spend.SpendFileError as error:
        raise ValidationError(str(error)) from None
    if period_start and period_end and period_start > period_end:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    with transaction.atomic():
        screening.columns = chosen
        screening.period_start, screening.period_end = period_start, period_end
        screening.status = ScreeningStatus.QUEUED
        screening.error = ""
        screening.progress = 0
        screening.sample = []  # the first lines were only for the mapping step
        period_fields = ("period_start", "period_end")
        screening.clean_fields(
            exclude=[f.name for f in SpendScreening._meta.fields if f.name not in period_fields]
        )
        screening.save(
            update_fields=[
                "columns",
                "period_start",
                "period_end",
                "status",
                "error",
                "progress",
                "sample",
                "updated_at",
            ]
        )
        changes = {"columns": chosen, "period_start": period_start, "period_end": period_end}
        record("risk.spend_mapping", screening, actor=acting_user, changes=changes)
        transaction.on_commit(lambda: run_screening.enqueue(screening.pk))
    return screening


def set_shared(*, acting_user: User, screening: SpendScreening, shared: bool) -> SpendScreening:
    """Share a finished screening with the colleagues of its region, or stop sharing it."""
    _check_owner(acting_user, screening)
    if screening.status != ScreeningStatus.DONE:
        raise ValidationError(_("Only a finished screening can be shared."))
    with transaction.atomic():
        screening.shared = shared
        screening.save(update_fields=["shared", "updated_at"])
        record("risk.spend_share", screening, actor=acting_user, changes={"shared": shared})
    return screening


def _check_owner(acting_user: User, screening: SpendScreening) -> None:
    if screening.created_by_id != acting_user.pk:
        raise PermissionDenied


def set_account_category(*, acting_user: User, account: str, category: Category) -> AccountCategory:
    """Map an account of the user's region to a purchasing category (replacing an earlier one); the
    screening uses it for lines without a CPV code."""
    organisation = organisation_of(acting_user)
    if not actor_for(acting_user).may_edit_region(organisation.pk):
        raise PermissionDenied
    account = account.strip()
    if not account:
        raise ValidationError({"account": _("Write the account as the finance system writes it.")})
    with transaction.atomic():
        mapping, _created = AccountCategory.objects.update_or_create(
            organisation=organisation, account=account, defaults={"category": category}
        )
        record("risk.account_category_set", mapping, actor=acting_user, changes={"category": category.slug})
    return mapping


def remove_account_category(*, acting_user: User, mapping: AccountCategory) -> None:
    """Remove an account from the region's account mapping."""
    if not actor_for(acting_user).may_edit_region(mapping.organisation_id):
        raise PermissionDenied
    with transaction.atomic():
        record(
            "risk.account_category_removed", mapping, actor=acting_user, changes={"account": mapping.account}
        )
        mapping.delete()
