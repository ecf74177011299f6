"""Checks shared by the plans app's actions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kedja.organisations.models import Organisation, OrganisationKind


def check_region(org: Organisation | None, field: str = "region") -> None:
    if org is not None and org.kind != OrganisationKind.REGION:
        raise ValidationError({field: _("Choose a region.")})
