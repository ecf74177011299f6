"""Reads and access helpers for organisations, and the Actor every app's access checks start from."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kedja.organisations.models import (
    AreaCoordinatorship,
    AreaMembership,
    Membership,
    Organisation,
    OrganisationKind,
    ProcurementArea,
    Role,
    User,
)

# Who runs an action: a signed-in user, or an anonymous visitor (workshop participants).
type ActingUser = User | AnonymousUser


def get_or_404[M: Model](qs: QuerySet[M], uuid: UUID | str | None) -> M:
    """The row of `qs` with this uuid; a missing one is a 404 (every app's `get_…_for_user`)."""
    # A malformed UUID (from a query string) raises ValidationError in the lookup: also a 404.
    try:
        return qs.get(uuid=uuid)
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError):
        raise Http404 from None


@dataclass(frozen=True)
class Actor:
    """What one signed-in user may see and do, computed once per request from their memberships.

    Every app's access helpers ask the Actor instead of re-reading memberships.
    """

    user: "User | None" = None
    is_secretariat: bool = False
    region_ids: frozenset[int] = field(default_factory=frozenset)
    officer_region_ids: frozenset[int] = field(default_factory=frozenset)
    strategist_region_ids: frozenset[int] = field(default_factory=frozenset)
    # Regions whose officers assess their own cases (Organisation.officers_assess) and this user is one.
    assessing_officer_region_ids: frozenset[int] = field(default_factory=frozenset)
    strategist_area_ids: frozenset[int] = field(default_factory=frozenset)
    coordinated_area_ids: frozenset[int] = field(default_factory=frozenset)
    supplier_ids: frozenset[int] = field(default_factory=frozenset)
    audit_firm_ids: frozenset[int] = field(default_factory=frozenset)
    admin_organisation_ids: frozenset[int] = field(default_factory=frozenset)
    secretariat_viewer: bool = False
    grievance_handler: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def sees_shared(self) -> bool:
        """Secretariat and region people see what is shared in the collaboration."""
        return self.is_secretariat or self.secretariat_viewer or bool(self.region_ids)

    @property
    def is_supplier(self) -> bool:
        return bool(self.supplier_ids)

    @property
    def is_auditor(self) -> bool:
        return bool(self.audit_firm_ids)

    def may_edit_region(self, region_id: int) -> bool:
        """Officers and strategists change their own region's contracts; the secretariat any."""
        return self.is_secretariat or region_id in self.officer_region_ids

    def may_assess_for_area(self, area_id: int) -> bool:
        """Risk analyses and assessments of an area's categories: its strategists and coordinators."""
        return (
            self.is_secretariat or area_id in self.strategist_area_ids or area_id in self.coordinated_area_ids
        )


ANONYMOUS = Actor()


def actor_for(user: ActingUser | None) -> Actor:
    """The Actor for a user (cached on the user object for the request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_kedja_actor", None)
    if cached is None:
        cached = _build_actor(user)
        user._kedja_actor = cached  # type: ignore[attr-defined]  # a per-request cache, not a model field
    return cached


def get_visible[M: Model](
    user: ActingUser,
    uuid: UUID | str,
    visible: Callable[[Actor], QuerySet[M]],
    may_edit: Callable[[Actor, M], bool] | None,
) -> M:
    """One of the rows `visible` to the user which, when `may_edit` is given, they may also change;
    a missing and a forbidden one are the same 404."""
    actor = actor_for(user)
    found = get_or_404(visible(actor), uuid)
    if may_edit is not None and not may_edit(actor, found):
        raise Http404
    return found


def is_grievance_handler(membership: Membership) -> bool:
    """A designated grievance handler: a flag that counts only on secretariat staff."""
    return (
        membership.is_grievance_handler
        and membership.role == Role.SECRETARIAT_STAFF
        and membership.organisation.kind == OrganisationKind.SECRETARIAT
    )


def grievance_handlers() -> QuerySet[Membership]:
    """The designated grievance handlers' memberships (active people in active organisations)."""
    return Membership.objects.filter(
        is_grievance_handler=True,
        role=Role.SECRETARIAT_STAFF,
        organisation__kind=OrganisationKind.SECRETARIAT,
        organisation__is_active=True,
        user__is_active=True,
    )


def actor_who_may(user: ActingUser | None, may: Callable[[Actor], bool]) -> Actor:
    """The user's Actor when `may(actor)` holds; otherwise `Http404`, the answer for a missing page,
    so a page someone may not use looks the same as one that does not exist."""
    actor = actor_for(user)
    if not may(actor):
        raise Http404
    return actor


def _build_actor(user: User) -> Actor:
    memberships = list(
        Membership.objects.filter(user=user, organisation__is_active=True).select_related("organisation")
    )
    by_role: dict[str, set[int]] = {}
    for m in memberships:
        by_role.setdefault(m.role, set()).add(m.organisation_id)

    def organisations_where(kind: str, *roles: str) -> frozenset[int]:
        """The organisations of `kind` in which the user has one of `roles`."""
        return frozenset(
            m.organisation_id for m in memberships if m.role in roles and m.organisation.kind == kind
        )

    regions = {m.organisation_id for m in memberships if m.organisation.kind == OrganisationKind.REGION}
    strategist_regions = organisations_where(OrganisationKind.REGION, Role.STRATEGIST)
    officer_regions = organisations_where(OrganisationKind.REGION, Role.OFFICER, Role.STRATEGIST)
    return Actor(
        user=user,
        is_secretariat=bool(organisations_where(OrganisationKind.SECRETARIAT, Role.SECRETARIAT_STAFF)),
        secretariat_viewer=any(m.organisation.kind == OrganisationKind.SECRETARIAT for m in memberships),
        grievance_handler=any(is_grievance_handler(m) for m in memberships),
        region_ids=frozenset(regions),
        officer_region_ids=officer_regions,
        strategist_region_ids=strategist_regions,
        assessing_officer_region_ids=frozenset(
            m.organisation_id
            for m in memberships
            if m.organisation_id in officer_regions and m.organisation.officers_assess
        ),
        strategist_area_ids=frozenset(current_area_ids_of(strategist_regions)),
        coordinated_area_ids=frozenset(
            AreaCoordinatorship.objects.filter(membership__user=user)
            .in_force()
            .values_list("area_id", flat=True)
        ),
        supplier_ids=organisations_where(OrganisationKind.SUPPLIER, Role.SUPPLIER_CONTACT),
        audit_firm_ids=organisations_where(OrganisationKind.AUDIT_FIRM, Role.AUDITOR),
        admin_organisation_ids=frozenset(m.organisation_id for m in memberships if m.is_org_admin),
    )


def current_area_ids_of(organisation_ids: Iterable[int]) -> set[int]:
    return set(
        AreaMembership.objects.filter(organisation_id__in=organisation_ids)
        .in_force()
        .values_list("area_id", flat=True)
    )


def current_area_of(organisation: Organisation, on: date | None = None) -> ProcurementArea | None:
    membership = (
        AreaMembership.objects.filter(organisation=organisation).in_force(on).select_related("area").first()
    )
    return membership.area if membership else None


def coordinating_region(area: ProcurementArea, on: date | None = None) -> Organisation | None:
    """The region whose member coordinates the area on `on` (default: today), if any."""
    row = (
        AreaCoordinatorship.objects.filter(area=area, membership__organisation__kind=OrganisationKind.REGION)
        .in_force(on)
        .select_related("membership__organisation")
        .order_by("valid_from", "pk")
        .first()
    )
    return row.membership.organisation if row else None


def regions() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.REGION, is_active=True)


def suppliers() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.SUPPLIER)


def secretariat() -> Organisation:
    return Organisation.objects.get(kind=OrganisationKind.SECRETARIAT)


def areas_with_members(on: date | None = None) -> list[tuple[ProcurementArea, list[Organisation]]]:
    memberships = (
        AreaMembership.objects.in_force(on)
        .select_related("area", "organisation")
        .order_by("area__letter", "organisation__name")
    )
    grouped: dict[ProcurementArea, list[Organisation]] = {}
    for m in memberships:
        grouped.setdefault(m.area, []).append(m.organisation)
    return list(grouped.items())


def organisations_visible_to(actor: Actor) -> QuerySet[Organisation]:
    """Organisations a user may look at: all for the collaboration, their own for others."""
    qs = Organisation.objects.all()
    if actor.sees_shared:
        return qs
    own = actor.supplier_ids | actor.audit_firm_ids
    return qs.filter(pk__in=own)


def get_organisation_for_user(user: ActingUser, uuid: UUID | str, *, write: bool = False) -> Organisation:
    """One organisation the user may see (or, with write, administer); otherwise 404."""
    actor = actor_for(user)
    qs = organisations_visible_to(actor)
    if write:
        qs = qs.filter(pk__in=actor.admin_organisation_ids) if not actor.is_secretariat else qs
    return get_or_404(qs, uuid)


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("user__full_name")


def password_link(user: User) -> str:
    """The link where an invited person chooses a password (Django's password-reset token)."""
    return settings.KEDJA_BASE_URL + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
