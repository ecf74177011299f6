"""What became of an invitation e-mail: its link opened, a password chosen through it, a bounce.

The case team reads these per invitation (per link) on the case page; none is derived from
sign-ins, so a person who signs in some other way never makes an unopened link look used.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.core.audit import record
from kedja.organisations.models import User

from ..models import Invitation


def _locked(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update(of=("self",)).select_related("user").get(pk=invitation.pk)


@transaction.atomic
def note_link_opened(*, acting_user: User, invitation: Invitation) -> Invitation:
    """Record the first time the invitation's link was opened (later openings change nothing)."""
    invitation = _locked(invitation)
    if invitation.opened_at is None:
        invitation.opened_at = timezone.now()
        invitation.save(update_fields=["opened_at"])
        record("followup.invitation.opened", invitation, actor=acting_user)
    return invitation


@transaction.atomic
def choose_invitation_password(*, acting_user: User, invitation: Invitation, password: str) -> Invitation:
    """The invited person chooses the password of the account Kedja made for them. Once only: an
    account that has a password is reached by signing in (or a password reset), not by this link."""
    invitation = _locked(invitation)
    user = invitation.user
    if user is None or user.has_usable_password() or not user.is_active:
        raise ValidationError(_("A password has already been chosen for this account: sign in instead."))
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    now = timezone.now()
    invitation.opened_at = invitation.opened_at or now
    invitation.password_chosen_at = now
    invitation.save(update_fields=["opened_at", "password_chosen_at"])
    record("followup.invitation.password_chosen", invitation, actor=user)
    return invitation


@transaction.atomic
def note_bounce(
    *, acting_user: User | None = None, message_id: str, recipient: str, status: str, diagnostic: str
) -> Invitation | None:
    """Mark the invitation a delivery-status notification reports as failed: found by the Message-ID
    Kedja gave it, or, when the report quotes no Message-ID, by the recipient's address (its latest
    sent invitation). None when no invitation matches; a second report of the bounce changes nothing."""
    invitation = _bounced_invitation(message_id, recipient)
    if invitation is None or invitation.bounced_at is not None:
        return invitation
    invitation.bounced_at = timezone.now()
    invitation.bounce_status, invitation.bounce_diagnostic = status[:20], diagnostic[:300]
    invitation.save(update_fields=["bounced_at", "bounce_status", "bounce_diagnostic"])
    record(
        "followup.invitation.bounced",
        invitation,
        actor=acting_user,
        changes={"status": invitation.bounce_status, "diagnostic": invitation.bounce_diagnostic},
    )
    return invitation


def _bounced_invitation(message_id: str, recipient: str) -> Invitation | None:
    sent = Invitation.objects.select_for_update().exclude(sent_at=None)
    if message_id:
        # Someone else's Message-ID is not ours to guess at by address.
        return sent.filter(message_id=message_id).first()
    if not recipient:
        return None
    return sent.filter(email__iexact=recipient).order_by("-sent_at", "-pk").first()
