"""Load the code-of-conduct and contract-clause versions from clause_texts.py.

Structure (numbers, sections, order, links) always follows the shipped data. Texts follow it
too until the secretariat edits a requirement in Kedja: from then on the edited text wins, so
re-running the loader never overwrites what people wrote (for example the PR5 text).
"""

from kedja.core.audit import record
from kedja.core.models import AuditEntry
from kedja.reference.clause_texts import DOCUMENTS
from kedja.reference.models import DocumentStatus, IloConvention, Requirement, RequirementDocument

EDITED_ACTION = "reference.requirement.edited"
DOCUMENT_FIELDS = ["kind", "level", "version", "valid_from", "valid_to", "title_sv", "title_en"]
DOCUMENT_FIELDS += ["summary_sv", "summary_en"]
STRUCTURE_FIELDS = ["number", "section", "code_area"]
TEXT_FIELDS = ["title_sv", "title_en", "text_sv", "text_en", "criterion_sv", "criterion_en", "is_placeholder"]


def edited_requirement_ids() -> set[int]:
    """Requirements whose texts someone changed in Kedja (their audit history says so)."""
    object_ids = AuditEntry.objects.filter(
        action=EDITED_ACTION, object_type=Requirement._meta.label_lower
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in object_ids}


def load_documents(documents: list[dict] = DOCUMENTS) -> dict[str, int]:
    """Create or update each document and its requirements, then the old↔new links."""
    ilo = {c.code: c for c in IloConvention.objects.all()}
    edited = edited_requirement_ids()
    by_key: dict[tuple[str, str], Requirement] = {}
    for data in documents:
        document = _upsert_document(data)
        for order, item in enumerate(data["requirements"], start=1):
            requirement = _upsert_requirement(document, item, order, edited)
            requirement.ilo_conventions.set([ilo[code] for code in item["ilo"]])
            by_key[(data["key"], item["key"])] = requirement
    for data in documents:
        for item in data["requirements"]:
            if item["corresponds_to"]:
                targets = [by_key[tuple(ref.split(":", 1))] for ref in item["corresponds_to"]]
                by_key[(data["key"], item["key"])].corresponds_to.set(targets)
    return {"documents": len(documents), "requirements": len(by_key)}


def _upsert_document(data: dict) -> RequirementDocument:
    values = {name: data[name] for name in DOCUMENT_FIELDS}
    document = RequirementDocument.objects.filter(key=data["key"]).first()
    if document is None:
        document = RequirementDocument.objects.create(
            key=data["key"], published_on=data["valid_from"], **values
        )
        record("reference.document.loaded", document, actor=None, changes={"version": document.version})
        return document
    if document.later_versions.filter(status=DocumentStatus.PUBLISHED).exists():
        # A version published in Kedja ended this one: its end date is Kedja's, not the data's.
        del values["valid_to"]
    changes = {k: [getattr(document, k), v] for k, v in values.items() if getattr(document, k) != v}
    if changes:
        for name, (_old, new) in changes.items():
            setattr(document, name, new)
        document.save()
        record("reference.document.loaded", document, actor=None, changes=changes)
    return document


def _upsert_requirement(document, item: dict, order: int, edited: set[int]) -> Requirement:
    requirement = Requirement.objects.filter(document=document, key=item["key"]).first()
    if requirement is None:
        fields = {name: item[name] for name in STRUCTURE_FIELDS + TEXT_FIELDS}
        return Requirement.objects.create(document=document, key=item["key"], order=order, **fields)
    names = STRUCTURE_FIELDS if requirement.pk in edited else STRUCTURE_FIELDS + TEXT_FIELDS
    values = {name: item[name] for name in names} | {"order": order}
    changed = [name for name, value in values.items() if getattr(requirement, name) != value]
    if changed:
        for name in changed:
            setattr(requirement, name, values[name])
        requirement.save(update_fields=changed)
    return requirement
