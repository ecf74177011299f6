"""Reading saved spend screenings: one's own, and those colleagues of the same region shared."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kedja.organisations.models import Membership, Organisation, OrganisationKind, User
from kedja.organisations.queries import actor_for, get_or_404
from kedja.risk.models import AccountCategory, SpendScreening


def organisation_of(user: User) -> Organisation:
    """The region (or, for secretariat staff, the secretariat) a user screens spend for."""
    memberships = Membership.objects.filter(user=user, organisation__is_active=True).select_related(
        "organisation"
    )
    for kind in (OrganisationKind.REGION, OrganisationKind.SECRETARIAT):
        for membership in memberships:
            if membership.organisation.kind == kind:
                return membership.organisation
    raise PermissionDenied


def account_categories_of(organisation: Organisation) -> QuerySet[AccountCategory]:
    return AccountCategory.objects.filter(organisation=organisation).select_related("category")


def get_account_category_for_user(user: User, uuid: UUID | str) -> AccountCategory:
    """One of the account mappings of the user's own organisation that they may change; else 404."""
    actor = actor_for(user)
    try:
        mapping = account_categories_of(organisation_of(user)).get(uuid=uuid)
    except (AccountCategory.DoesNotExist, PermissionDenied):
        raise Http404 from None
    if not actor.may_edit_region(mapping.organisation_id):
        raise Http404
    return mapping


def screenings_for(user: User) -> QuerySet[SpendScreening]:
    """The screenings a user may open: their own, and the shared ones of their organisations."""
    if not actor_for(user).sees_shared:
        return SpendScreening.objects.none()
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    return SpendScreening.objects.filter(
        Q(created_by=user) | Q(shared=True, organisation_id__in=organisations)
    ).select_related("created_by", "organisation")


def get_screening_for_user(user: User, uuid: UUID | str) -> SpendScreening:
    """One screening the user may open; forbidden and missing are the same 404."""
    return get_or_404(screenings_for(user), uuid)
