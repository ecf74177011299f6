"""API: who the caller is and what they may do, so a script can check its token first."""

from uuid import UUID

from ninja import Router, Schema

from kedja.organisations.queries import actor_for

router = Router(tags=["me"])


class MembershipOut(Schema):
    organisation_uuid: UUID
    organisation_name: str
    organisation_kind: str
    role: str


class MeOut(Schema):
    email: str
    full_name: str
    is_secretariat: bool
    sees_shared: bool
    memberships: list[MembershipOut]


@router.get("", response=MeOut, summary="The signed-in user and their memberships")
def me(request):
    user = request.user
    actor = actor_for(user)
    memberships = [
        MembershipOut(
            organisation_uuid=m.organisation.uuid,
            organisation_name=m.organisation.name,
            organisation_kind=m.organisation.kind,
            role=m.role,
        )
        for m in user.memberships.select_related("organisation").filter(organisation__is_active=True)
    ]
    return MeOut(
        email=user.email,
        full_name=user.full_name,
        is_secretariat=actor.is_secretariat,
        sees_shared=actor.sees_shared,
        memberships=memberships,
    )
