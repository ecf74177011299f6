"""Every write to reference data made by people (the shipped data is loaded by loaders.py)."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.core.audit import diff, record
from kedja.organisations.models import User
from kedja.organisations.queries import actor_for
from kedja.reference.documents import EDITED_ACTION
from kedja.reference.models import DocumentStatus, Requirement, RequirementDocument

COPIED_FIELDS = ["kind", "title_sv", "title_en", "version", "level", "summary_sv", "summary_en"]
COPIED_REQUIREMENT_FIELDS = ["key", "number", "section", "code_area", "order", "is_placeholder"]
COPIED_REQUIREMENT_FIELDS += ["title_sv", "title_en", "text_sv", "text_en", "criterion_sv", "criterion_en"]


def _require_secretariat(user: User) -> None:
    if not actor_for(user).is_secretariat:
        raise PermissionDenied(_("Only secretariat staff may edit requirement texts."))


def _line_number(document: RequirementDocument) -> int:
    """1 for a first version, 2 for the version after it, and so on."""
    number, current = 1, document
    while current.previous_id is not None:
        number += 1
        current = RequirementDocument.objects.only("previous_id").get(pk=current.previous_id)
    return number


@transaction.atomic
def start_new_version(*, acting_user: User, document: RequirementDocument) -> RequirementDocument:
    """The draft of the next version of a published document: a copy of it and its requirements.

    The published version stays as it is. A document has at most one draft; asking again returns
    it. Only the latest version of a line can be followed by a new one.
    """
    _require_secretariat(acting_user)
    document = RequirementDocument.objects.select_for_update().get(pk=document.pk)
    if document.is_draft:
        return document
    later = document.later_versions.first()
    if later is not None:
        if later.is_draft:
            return later
        raise ValidationError(_("A later version exists: start the new version from the latest one."))
    number = _line_number(document) + 1
    root_key = document.key.rsplit("-v", 1)[0] if document.previous_id else document.key
    draft = RequirementDocument.objects.create(
        key=f"{root_key}-v{number}",
        status=DocumentStatus.DRAFT,
        previous=document,
        **{name: getattr(document, name) for name in COPIED_FIELDS},
    )
    draft.version = f"{document.version.split('.')[0]}.{number}"
    draft.save(update_fields=["version"])
    for requirement in document.requirements.prefetch_related("ilo_conventions", "corresponds_to"):
        copy = Requirement.objects.create(
            document=draft, **{name: getattr(requirement, name) for name in COPIED_REQUIREMENT_FIELDS}
        )
        copy.ilo_conventions.set(requirement.ilo_conventions.all())
        copy.corresponds_to.set(requirement.corresponds_to.all())
    record("reference.document.drafted", draft, actor=acting_user, changes={"previous": document.version})
    return draft


@transaction.atomic
def publish_version(
    *, acting_user: User, document: RequirementDocument, version: str, valid_from: date
) -> RequirementDocument:
    """Publish a draft from `valid_from`: the previous version stays readable and ends the day before.

    Contracts already signed keep pointing at the version they were signed under.
    """
    _require_secretariat(acting_user)
    document = RequirementDocument.objects.select_for_update().get(pk=document.pk)
    if not document.is_draft:
        raise ValidationError(_("Only a draft can be published."))
    previous = document.previous
    if previous is not None and previous.valid_from and valid_from <= previous.valid_from:
        raise ValidationError(
            {
                "valid_from": _("The new version must start after the previous one (%(day)s).")
                % {"day": previous.valid_from.isoformat()}
            }
        )
    version = version.strip()
    if not version:
        raise ValidationError({"version": _("Give the version a name, e.g. 2024.2.")})
    document.status = DocumentStatus.PUBLISHED
    document.published_on = timezone.localdate()
    document.valid_from = valid_from
    document.version = version
    document.save(update_fields=["status", "published_on", "valid_from", "version", "updated_at"])
    if previous is not None and (previous.valid_to is None or previous.valid_to >= valid_from):
        previous.valid_to = valid_from - timedelta(days=1)
        previous.save(update_fields=["valid_to", "updated_at"])
    changes = {"version": version, "valid_from": valid_from.isoformat()}
    record("reference.document.published", document, actor=acting_user, changes=changes)
    return document


@transaction.atomic
def edit_requirement_text(
    *,
    acting_user: User,
    requirement: Requirement,
    title_sv: str,
    title_en: str,
    text_sv: str,
    text_en: str,
    criterion_sv: str = "",
    criterion_en: str = "",
    is_placeholder: bool,
) -> Requirement:
    """Change a requirement's texts (e.g. fill in PR5 once it is known); secretariat staff only.

    The key, number and section stay: other data refers to the requirement by its key. A
    published version is never changed: the edit goes to the draft of its next version (started
    when needed), and the edited requirement of the draft is returned. Later runs of
    load_reference keep the edited texts.
    """
    _require_secretariat(acting_user)
    values = {
        "title_sv": title_sv.strip(),
        "title_en": title_en.strip(),
        "text_sv": text_sv.strip(),
        "text_en": text_en.strip(),
        "criterion_sv": criterion_sv.strip(),
        "criterion_en": criterion_en.strip(),
        "is_placeholder": is_placeholder,
    }
    if not values["title_sv"] or not values["title_en"]:
        raise ValidationError(_("A requirement needs a title in Swedish and in English."))
    if not is_placeholder and not (values["text_sv"] and values["text_en"]):
        raise ValidationError(
            _("A requirement whose content is known needs its text in Swedish and in English.")
        )
    if not requirement.document.is_draft:
        if not diff(requirement, values):
            return requirement
        draft = start_new_version(acting_user=acting_user, document=requirement.document)
        requirement = draft.requirements.get(key=requirement.key)
    changes = diff(requirement, values)
    if not changes:
        return requirement
    for name, (_old, new) in changes.items():
        setattr(requirement, name, new)
    requirement.save(update_fields=list(changes))
    record(EDITED_ACTION, requirement, actor=acting_user, changes=changes)
    return requirement
