"""Every write to organisations, users and memberships."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kedja.core.audit import record, record_event
from kedja.organisations.models import (
    ROLES_BY_KIND,
    ExternalIdentity,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from kedja.organisations.queries import actor_for, password_link

log = logging.getLogger(__name__)


def _check_may_admin(acting_user: User, organisation: Organisation) -> None:
    actor = actor_for(acting_user)
    if not (actor.is_secretariat or organisation.pk in actor.admin_organisation_ids):
        raise PermissionDenied(_("You may not manage the users of this organisation."))


def _check_role_fits(organisation: Organisation, role: str) -> None:
    if role not in ROLES_BY_KIND[OrganisationKind(organisation.kind)]:
        raise ValidationError(
            _("The role %(role)s does not exist in an organisation of this kind.") % {"role": role}
        )


@transaction.atomic
def invite_user(
    *,
    acting_user: User,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: str,
    is_org_admin: bool = False,
    title: str = "",
) -> Membership:
    """Add a person to an organisation and e-mail them a link to choose a password.

    An existing user (same e-mail) gets the new membership; a membership that exists is refused.
    """
    _check_may_admin(acting_user, organisation)
    _check_role_fits(organisation, role)
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name)
    elif Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError(_("This person is already a member of the organisation."))
    membership = Membership.objects.create(
        user=user, organisation=organisation, role=role, is_org_admin=is_org_admin, title=title
    )
    record(
        "organisations.membership.invited",
        membership,
        actor=acting_user,
        changes={"email": email, "role": role, "is_org_admin": is_org_admin},
    )
    transaction.on_commit(
        lambda: _send_invitation(user=user, organisation=organisation, invited_by=acting_user)
    )
    return membership


def _send_invitation(*, user: User, organisation: Organisation, invited_by: User) -> None:
    link = password_link(user)
    context = {"user": user, "organisation": organisation, "link": link, "invited_by": invited_by}
    send_mail(
        subject=_("Invitation to Kedja"),
        message=render_to_string("organisations/email/invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


@transaction.atomic
def change_membership(
    *, acting_user: User, membership: Membership, role: str, is_org_admin: bool, title: str
) -> Membership:
    """Change a member's role, admin flag or title."""
    _check_may_admin(acting_user, membership.organisation)
    _check_role_fits(membership.organisation, role)
    changes = {
        key: [getattr(membership, key), value]
        for key, value in {"role": role, "is_org_admin": is_org_admin, "title": title}.items()
        if getattr(membership, key) != value
    }
    membership.role, membership.is_org_admin, membership.title = role, is_org_admin, title
    membership.save()
    record("organisations.membership.changed", membership, actor=acting_user, changes=changes)
    return membership


@transaction.atomic
def remove_membership(*, acting_user: User, membership: Membership) -> None:
    """Remove a person from an organisation; the user account stays for the audit trail."""
    _check_may_admin(acting_user, membership.organisation)
    if membership.user_id == acting_user.pk:
        raise ValidationError(_("You cannot remove yourself."))
    record(
        "organisations.membership.removed",
        membership.organisation,
        actor=acting_user,
        changes={"email": membership.user.email, "role": membership.role},
    )
    membership.delete()


@transaction.atomic
def link_identity(*, acting_user: User, issuer: str, subject: str) -> ExternalIdentity:
    """Remember that `acting_user` is `subject` at the provider `issuer` (their first single sign-on,
    matched by a verified e-mail address): later sign-ins find them by this link alone."""
    identity = ExternalIdentity.objects.create(user=acting_user, issuer=issuer, subject=subject)
    record(
        "organisations.identity.linked",
        acting_user,
        actor=acting_user,
        changes={"issuer": issuer, "subject": subject},
    )
    return identity


@transaction.atomic
def grant_memberships_from_groups(
    *, acting_user: User, groups: set[str], mapping: dict[str, tuple[str, str]]
) -> list[Membership]:
    """The memberships a provider's group claim gives `acting_user`, only through the configured
    `mapping` (group → organisation slug and role). Existing memberships are left as they are."""
    granted = []
    for group in sorted(groups & mapping.keys()):
        slug, role = mapping[group]
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None or role not in ROLES_BY_KIND[OrganisationKind(organisation.kind)]:
            # A mapping the administrator got wrong must not stop the person signing in.
            log.warning("KEDJA_OIDC_GROUP_MEMBERSHIPS: no organisation %r with the role %r", slug, role)
            continue
        if Membership.objects.filter(user=acting_user, organisation=organisation).exists():
            continue
        membership = Membership.objects.create(user=acting_user, organisation=organisation, role=role)
        record(
            "organisations.membership.granted_by_group",
            membership,
            actor=acting_user,
            changes={"group": group, "role": role},
        )
        granted.append(membership)
    return granted


@transaction.atomic
def set_grievance_handler(*, acting_user: User, membership: Membership, is_handler: bool) -> Membership:
    """Designate a secretariat staff member as grievance handler, or take the designation away.
    Only the secretariat's organisation admins decide it: the handlers read reporters' contact
    details, so nobody else designates themselves."""
    organisation = membership.organisation
    if (
        organisation.kind != OrganisationKind.SECRETARIAT
        or organisation.pk not in actor_for(acting_user).admin_organisation_ids
    ):
        raise PermissionDenied(_("Only the secretariat's administrators designate grievance handlers."))
    if is_handler and membership.role != Role.SECRETARIAT_STAFF:
        raise ValidationError(_("Only secretariat staff can handle grievances."))
    changes = {"is_grievance_handler": [membership.is_grievance_handler, is_handler]}
    membership.is_grievance_handler = is_handler
    membership.save(update_fields=["is_grievance_handler", "updated_at"])
    record("organisations.membership.grievance_handler", membership, actor=acting_user, changes=changes)
    return membership


@transaction.atomic
def set_officers_assess(
    *, acting_user: User, organisation: Organisation, officers_assess: bool
) -> Organisation:
    """A region lets its procurement officers assess its own cases (or stops doing so): decided by the
    region's administrators or the secretariat."""
    _check_may_admin(acting_user, organisation)
    if organisation.kind != OrganisationKind.REGION:
        raise ValidationError(_("Only a region decides who assesses its cases."))
    changes = {"officers_assess": [organisation.officers_assess, officers_assess]}
    organisation.officers_assess = officers_assess
    organisation.save(update_fields=["officers_assess", "updated_at"])
    record("organisations.region.officers_assess", organisation, actor=acting_user, changes=changes)
    return organisation


# Sign-ins -----------------------------------------------------------------------------------------
# A failure is logged against the account whose address was typed, with why it failed. What was
# typed is never stored: an address of no account may be a password typed in the wrong field, and
# the lockout keeps addresses only hashed. The network address stays with the rate limiter, hashed.
SIGN_IN_REFUSALS = ("password", "locked_out", "rate_limited", "single_sign_on")


@transaction.atomic
def record_sign_in(*, acting_user: User) -> None:
    """Log a successful sign-in (password, single sign-on or an accepted invitation)."""
    record("organisations.user.signed_in", acting_user, actor=acting_user)


# User.email is an EmailField of Django's default length.
LONGEST_ADDRESS = 254


@transaction.atomic
def record_failed_sign_in(*, username: str, reason: str) -> None:
    """Log a refused sign-in with the reason it was refused: against the account whose address was
    typed, or as an attempt on no known account."""
    if reason not in SIGN_IN_REFUSALS:
        raise ValueError(reason)
    typed = username.strip()
    # No account has a longer address; a longer one (a fuzzer's 60,000 characters) is not looked up,
    # since SQLite refuses a LIKE pattern that long.
    known = typed and len(typed) <= LONGEST_ADDRESS
    account = User.objects.filter(email__iexact=typed).first() if known else None
    if account is not None:
        record("organisations.user.sign_in_failed", account, actor=None, changes={"reason": reason})
        return
    record_event(
        "organisations.user.sign_in_failed",
        actor=None,
        object_type="organisations.user",
        what="",
        changes={"reason": reason},
    )
