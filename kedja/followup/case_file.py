"""The case file for registration (diarieföring): one PDF with the whole case, and a ZIP of every
document with a manifest (file name, type, uploader, time, SHA-256, confidentiality, thinning).

Only the case team gets it (`in_case_team`); confidential parts (documents, confidential finding
details, internal notes, confidential site names) only for those who may see them
(`may_see_confidential`). A thinned document stays in the manifest with its date and checksum.
"""

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kedja.core.exports import csv_text
from kedja.core.files import BOM
from kedja.organisations.models import User
from kedja.organisations.queries import ActingUser, Actor, actor_for
from kedja.suppliers.models import LibraryDocument

from .models import EvidenceDocument, FollowUpCase, SanctionDecision
from .pdf import PRINT_CSS
from .queries import findings_of, get_case_for_user, in_case_team, may_see_confidential, timeline

CASE_FILE_CSS = PRINT_CSS + (
    "h3{font-size:11pt;margin:.8em 0 .2em}.confidential{border-left:3px solid #8a1c1c;padding-left:6px}"
    "td{vertical-align:top;font-size:8.5pt}.mono{font-family:monospace;font-size:7pt;word-break:break-all}"
)


@dataclass(frozen=True)
class ManifestRow:
    """One document as the manifest lists it; `path` is empty when the file is not in the ZIP."""

    file: FieldFile
    name: str
    kind: str
    purpose: str
    uploaded_by: str
    uploaded_at: datetime
    path: str
    sha256: str
    thinned_on: date | None

    @property
    def state(self) -> str:
        if self.thinned_on is not None:
            return _("thinned %(day)s") % {"day": self.thinned_on.isoformat()}
        return _("included") if self.path else _("file missing")


@dataclass(frozen=True)
class Decision:
    on: date | datetime | None
    title: str
    reason: str
    by: str


@dataclass
class CaseFile:
    case: FollowUpCase
    confidential: bool
    decisions: list[Decision]
    manifest: list[ManifestRow]
    made_on: date


def get_case_file_case(user: ActingUser, uuid: UUID | str) -> tuple[FollowUpCase, Actor]:
    """A case whose file the user may take out: the case team only; everyone else gets a 404."""
    actor = actor_for(user)
    case = get_case_for_user(user, uuid)
    if not (actor.sees_shared and in_case_team(actor, case)):
        raise Http404
    return case, actor


def sha256_of(file: FieldFile) -> str | None:
    """The stored file's checksum, read in blocks; None when the file is missing from storage."""
    if not file.name:
        return None
    digest = hashlib.sha256()
    try:
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
    except FileNotFoundError:
        return None
    return digest.hexdigest()


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", name).strip("._")[:120] or "document"


def _name_of(user: User | None) -> str:
    return user.full_name if user is not None else ""


def _case_document_row(document: EvidenceDocument, path: str) -> ManifestRow:
    thinning = getattr(document, "thinning", None)
    checksum = thinning.sha256 if thinning is not None else sha256_of(document.file)
    return ManifestRow(
        file=document.file,
        name=document.original_name,
        kind=document.detected_type,
        purpose=document.purpose,
        uploaded_by=_name_of(document.uploaded_by),
        uploaded_at=document.created_at,
        path=path if thinning is None and checksum else "",
        sha256=checksum or "",
        thinned_on=thinning.thinned_on if thinning is not None else None,
    )


def _library_row(document: LibraryDocument, path: str) -> ManifestRow:
    checksum = sha256_of(document.file)
    return ManifestRow(
        file=document.file,
        name=document.original_name,
        kind=document.detected_type,
        purpose=_("Answer in the self-assessment: %(title)s") % {"title": document.title},
        uploaded_by=_name_of(document.uploaded_by),
        uploaded_at=document.created_at,
        path=path if checksum else "",
        sha256=checksum or "",
        thinned_on=None,
    )


def manifest_of(case: FollowUpCase) -> list[ManifestRow]:
    """Every document of the case, oldest first, numbered as the ZIP names them: the files
    uploaded to the case, then the supplier's library documents its self-assessment answers cite
    (those stay in the supplier's library, which other cases share, so they are never thinned)."""
    case_documents = case.documents.select_related("uploaded_by", "thinning").order_by("created_at", "pk")
    rows = [
        _case_document_row(d, f"documents/{n:03}-{_safe_name(d.original_name)}")
        for n, d in enumerate(case_documents, start=1)
    ]
    library = LibraryDocument.objects.none()
    if case.self_assessment_id is not None:
        library = LibraryDocument.objects.filter(answers__self_assessment_id=case.self_assessment_id)
    for n, document in enumerate(
        library.distinct().select_related("uploaded_by").order_by("created_at", "pk"), start=len(rows) + 1
    ):
        rows.append(_library_row(document, f"documents/{n:03}-{_safe_name(document.original_name)}"))
    return rows


def _step_decisions(case: FollowUpCase) -> list[Decision]:
    found = []
    if case.step1_recommendation:
        title = _("Step 1 concluded: %(decision)s") % {"decision": case.get_step1_recommendation_display()}
        found.append(Decision(None, title, case.step1_reason, ""))
    if case.step2_reason:
        found.append(Decision(None, _("Office audit decided (step 2)"), case.step2_reason, ""))
    audit = getattr(case, "office_audit", None)
    if audit is not None and audit.outcome:
        title = _("Office audit concluded: %(decision)s") % {"decision": audit.get_outcome_display()}
        found.append(Decision(audit.held_on, title, audit.outcome_reason, ""))
    if case.step3_reason:
        found.append(Decision(None, _("On-site audit decided (step 3)"), case.step3_reason, ""))
    return found


def _sanction_decision(sanction: SanctionDecision) -> Decision:
    title = (
        f"{sanction.get_kind_display()} ({sanction.get_ground_display()}, {sanction.get_status_display()})"
    )
    reason = sanction.reason
    if sanction.withdrawn_reason:
        reason += "\n" + _("Withdrawn or corrected: %(reason)s") % {"reason": sanction.withdrawn_reason}
    by = sanction.decided_by.full_name if sanction.decided_by else ""
    return Decision(sanction.created_at, title, reason, by)


def decisions_of(case: FollowUpCase) -> list[Decision]:
    """Every decision of the case with its reason: steps, audits, sanctions, reuse and closure."""
    found = _step_decisions(case)
    for audit in case.site_audits.select_related("assigned_by"):
        by = audit.assigned_by.full_name if audit.assigned_by else ""
        found.append(Decision(audit.created_at, _("On-site audit assigned"), audit.reason, by))
    found += [
        _sanction_decision(s) for s in case.sanctions.select_related("decided_by").order_by("created_at")
    ]
    for reuse in case.reuse_decisions.select_related("decided_by", "decided_for"):
        title = _("Reuse decided by %(region)s: %(decision)s") % {
            "region": reuse.decided_for.name,
            "decision": reuse.get_decision_display(),
        }
        by = reuse.decided_by.full_name if reuse.decided_by else ""
        found.append(Decision(reuse.decided_on, title, reuse.reason, by))
    if case.closed_on:
        found.append(Decision(case.closed_on, _("Case closed"), "", ""))
    return found


def build(case: FollowUpCase, actor: Actor, *, today: date) -> CaseFile:
    confidential = may_see_confidential(actor, case)
    return CaseFile(
        case=case,
        confidential=confidential,
        decisions=decisions_of(case),
        manifest=manifest_of(case) if confidential else [],
        made_on=today,
    )


def case_file_pdf(case_file: CaseFile) -> bytes:
    from weasyprint import CSS, HTML

    case = case_file.case
    context = {
        "file": case_file,
        "case": case,
        "events": timeline(case).order_by("at", "id"),
        "findings": findings_of(case).order_by("created_at"),
        "sanctions": case.sanctions.select_related("contract", "decided_by").order_by("created_at"),
        "site_audits": case.site_audits.select_related("site__country", "audit_firm"),
        "notes": case.notes.select_related("author").order_by("created_at") if case_file.confidential else [],
        "contracts": case.contracts.select_related("clause_version"),
    }
    html = render_to_string("followup/case_file_print.html", context)
    pdf: bytes = HTML(string=html).write_pdf(stylesheets=[CSS(string=CASE_FILE_CSS)])
    return pdf


MANIFEST_NAME = "manifest.csv"


def manifest_csv(case_file: CaseFile) -> str:
    header = [
        _("Path in the ZIP"),
        _("File name"),
        _("Type"),
        _("Purpose"),
        _("Uploaded by"),
        _("Uploaded at"),
        _("SHA-256"),
        _("Confidential"),
        _("Status"),
    ]
    rows = [
        [
            row.path,
            row.name,
            row.kind,
            row.purpose,
            row.uploaded_by,
            row.uploaded_at.isoformat(timespec="seconds"),
            row.sha256,
            # Every document (evidence, audit report, the supplier's own) is a confidential part.
            _("yes"),
            row.state,
        ]
        for row in case_file.manifest
    ]
    # The byte-order mark tells Excel the file is UTF-8 (as core.files.attachment does for CSV).
    return BOM + csv_text([header, *rows])


def case_file_zip(case_file: CaseFile) -> bytes:
    """The PDF, the manifest and every document file still kept, in one ZIP."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("case-file.pdf", case_file_pdf(case_file))
        archive.writestr(MANIFEST_NAME, manifest_csv(case_file))
        for row in case_file.manifest:
            if row.path:
                with row.file.open("rb") as handle:
                    archive.writestr(row.path, handle.read())
    return out.getvalue()
