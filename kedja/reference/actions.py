"""Every write to reference data made by people (the shipped data is loaded by loaders.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kedja.core.audit import diff, record
from kedja.organisations.models import User
from kedja.organisations.queries import actor_for
from kedja.reference.documents import EDITED_ACTION
from kedja.reference.models import Requirement


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

    The key, number and section stay: other data refers to the requirement by its key. Later
    runs of load_reference keep the edited texts.
    """
    if not actor_for(acting_user).is_secretariat:
        raise PermissionDenied(_("Only secretariat staff may edit requirement texts."))
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
    changes = diff(requirement, values)
    if not changes:
        return requirement
    for name, (_old, new) in changes.items():
        setattr(requirement, name, new)
    requirement.save(update_fields=list(changes))
    record(EDITED_ACTION, requirement, actor=acting_user, changes=changes)
    return requirement
