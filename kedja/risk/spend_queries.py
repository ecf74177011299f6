"""Reading saved spend screenings: one's own, and those colleagues of the same region shared."""

from django.db.models import Q, QuerySet
from django.http import Http404

from kedja.organisations.models import Membership
from kedja.organisations.queries import actor_for
from kedja.risk.models import SpendScreening


def screenings_for(user) -> QuerySet[SpendScreening]:
    """The screenings a user may open: their own, and the shared ones of their organisations."""
    if not actor_for(user).sees_shared:
        return SpendScreening.objects.none()
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    return SpendScreening.objects.filter(
        Q(created_by=user) | Q(shared=True, organisation_id__in=organisations)
    ).select_related("created_by", "organisation")


def get_screening_for_user(user, uuid) -> SpendScreening:
    """One screening the user may open; forbidden and missing are the same 404."""
    try:
        return screenings_for(user).get(uuid=uuid)
    except SpendScreening.DoesNotExist:
        raise Http404 from None
