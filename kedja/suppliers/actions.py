"""Every write to a supplier's profile and document library (the supplier's own contacts only)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core.audit import record
from kedja.core.uploads import check_upload, store
from kedja.organisations.models import Organisation, User
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category, Requirement

from .models import CompanyProfile, DocumentKind, LibraryDocument
from .queries import is_own_supplier


def _check_own(acting_user: User, supplier: Organisation) -> None:
    if not is_own_supplier(actor_for(acting_user), supplier):
        raise PermissionDenied(_("Only the supplier's own contacts keep its profile and documents."))


@transaction.atomic
def update_profile(
    *,
    acting_user: User,
    supplier: Organisation,
    legal_name: str,
    visiting_address: str = "",
    postal_address: str = "",
    sectors: list[Category] | None = None,
    products: str = "",
    policies_summary: str = "",
) -> CompanyProfile:
    """Create or change the supplier's company profile."""
    _check_own(acting_user, supplier)
    if not legal_name.strip():
        raise ValidationError({"legal_name": _("Give the company's legal name.")})
    values = {
        "legal_name": legal_name.strip(),
        "visiting_address": visiting_address.strip(),
        "postal_address": postal_address.strip(),
        "products": products.strip(),
        "policies_summary": policies_summary.strip(),
    }
    profile = CompanyProfile.objects.filter(supplier=supplier).first() or CompanyProfile(supplier=supplier)
    changes = {k: [getattr(profile, k), v] for k, v in values.items() if getattr(profile, k) != v}
    for key, value in values.items():
        setattr(profile, key, value)
    profile.updated_by = acting_user
    profile.save()
    if sectors is not None:
        profile.sectors.set(sectors)
        changes["sectors"] = sorted(c.pk for c in sectors)
    record("suppliers.profile.updated", profile, actor=acting_user, changes=changes)
    return profile


def _check_dates(issued_on: date | None, valid_until: date | None) -> None:
    if issued_on and valid_until and valid_until < issued_on:
        raise ValidationError({"valid_until": _("The document cannot expire before it was issued.")})


@transaction.atomic
def add_document(
    *,
    acting_user: User,
    supplier: Organisation,
    uploaded: UploadedFile[bytes],
    title: str = "",
    kind: str = DocumentKind.OTHER,
    issued_on: date | None = None,
    valid_until: date | None = None,
    requirements: list[Requirement] | None = None,
) -> LibraryDocument:
    """Upload a document to the library once (size and real type checked); link it from any answer."""
    _check_own(acting_user, supplier)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Unknown document type.")})
    _check_dates(issued_on, valid_until)
    detected = check_upload(uploaded)
    document = LibraryDocument(
        supplier=supplier,
        kind=kind,
        title=(title.strip() or uploaded.name or "")[:200],
        issued_on=issued_on,
        valid_until=valid_until,
        uploaded_by=acting_user,
    )
    store(document, uploaded, detected)
    if requirements:
        document.requirements.set(requirements)
    record(
        "suppliers.document.added",
        document,
        actor=acting_user,
        changes={"kind": kind, "type": detected, "size": document.size, "valid_until": valid_until},
    )
    return document


@transaction.atomic
def update_document(
    *,
    acting_user: User,
    document: LibraryDocument,
    title: str,
    kind: str,
    issued_on: date | None,
    valid_until: date | None,
    requirements: list[Requirement] | None = None,
) -> LibraryDocument:
    """Change a document's description or validity (e.g. after a revision was adopted)."""
    _check_own(acting_user, document.supplier)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Unknown document type.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    _check_dates(issued_on, valid_until)
    values = {"title": title.strip(), "kind": kind, "issued_on": issued_on, "valid_until": valid_until}
    changes = {k: [getattr(document, k), v] for k, v in values.items() if getattr(document, k) != v}
    for key, value in values.items():
        setattr(document, key, value)
    if "valid_until" in changes:
        document.expiry_notices = []
    document.save()
    if requirements is not None:
        document.requirements.set(requirements)
    record("suppliers.document.updated", document, actor=acting_user, changes=changes)
    return document


@transaction.atomic
def archive_document(*, acting_user: User, document: LibraryDocument) -> LibraryDocument:
    """Take a document out of the library list; answers that linked it keep the link (history)."""
    _check_own(acting_user, document.supplier)
    document.is_archived = True
    document.save(update_fields=["is_archived", "updated_at"])
    record("suppliers.document.archived", document, actor=acting_user, changes={"archived": True})
    return document


@transaction.atomic
def note_expiry_notice(*, document: LibraryDocument, key: str, acting_user: User | None = None) -> bool:
    """Mark an expiry notice as sent for this document (once per key); False when already sent."""
    document = LibraryDocument.objects.select_for_update().get(pk=document.pk)
    if key in document.expiry_notices:
        return False
    document.expiry_notices = [*document.expiry_notices, key]
    document.save(update_fields=["expiry_notices", "updated_at"])
    record("suppliers.document.expiry_noticed", document, actor=acting_user, changes={"notice": key})
    return True
