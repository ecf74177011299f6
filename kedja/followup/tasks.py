"""Background work of the follow-up (Django Tasks): invitations, reminders and expiry notices
(zero-tolerance alerts are notifications: `kedja.notifications.events.sanction_ground`).

`send_due_reminders` and `send_expiry_notices` are meant to run daily (`manage.py
followup_reminders` enqueues both).
"""

from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, send_mail
from django.core.mail.message import make_msgid
from django.db.models import Prefetch
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.organisations.models import Membership, Organisation, Role
from kedja.suppliers.models import Freshness

from .models import OPEN_STATUSES, AnswerRequest, AnswerRequestStatus, FollowUpCase, Invitation

# Days before and after the deadline on which the supplier is reminded (configurable in settings).
REMINDER_DAYS_BEFORE = getattr(settings, "KEDJA_FOLLOWUP_REMINDER_DAYS_BEFORE", (7, 1))
REMINDER_DAYS_AFTER = getattr(settings, "KEDJA_FOLLOWUP_REMINDER_DAYS_AFTER", (1, 7))


def supplier_emails(supplier: Organisation) -> list[str]:
    return sorted(
        Membership.objects.filter(
            organisation=supplier, role=Role.SUPPLIER_CONTACT, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def case_team_emails(case: FollowUpCase) -> list[str]:
    """The secretariat staff and the lead and participating regions' officers and strategists."""
    regions = [case.lead_organisation_id, *case.participating_regions.values_list("pk", flat=True)]
    people = Membership.objects.filter(user__is_active=True).filter(
        organisation_id__in=regions, role__in=[Role.OFFICER, Role.STRATEGIST]
    ) | Membership.objects.filter(user__is_active=True, role=Role.SECRETARIAT_STAFF)
    return sorted(set(people.values_list("user__email", flat=True)))


def _send(template: str, subject: str, recipients: list[str], context: dict) -> int:
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        return send_mail(
            subject=_(subject) % context,
            message=render_to_string(template, context),
            from_email=None,
            recipient_list=recipients,
        )


def _request_link(request: AnswerRequest) -> str:
    return settings.KEDJA_BASE_URL + reverse("followup:portal_request", args=[request.uuid])


def invitation_link(invitation: Invitation) -> str:
    """The invitation's own link: it records that it was opened, and for a new account it is where
    the person chooses a password (guarded by Django's password-reset token)."""
    user = invitation.user
    if user is not None and not user.has_usable_password():
        token = default_token_generator.make_token(user)
        path = reverse("followup:invitation_password", args=[invitation.uuid, token])
    else:
        path = reverse("followup:invitation_open", args=[invitation.uuid])
    return settings.KEDJA_BASE_URL + path


def _send_invitation(invitation: Invitation, context: dict) -> None:
    """One e-mail with its own Message-ID, stored first so a bounce arriving later finds it."""
    invitation.message_id = make_msgid("kedja-invitation", domain=settings.KEDJA_MAIL_DOMAIN)
    with translation.override(settings.LANGUAGE_CODE):
        personal = {**context, "invitation_link": invitation_link(invitation)}
        message = EmailMessage(
            subject=_("Self-assessment for %(supplier)s") % {"supplier": context["supplier"]},
            body=render_to_string("followup/email/invitation.txt", personal),
            to=[invitation.email],
            headers={"Message-ID": invitation.message_id},
        )
    message.send()


@task
def send_request_invitations(request_id: int) -> int:
    """E-mail the invitations of one request (see `send_invitations`)."""
    return _send_invitations([request_id])


@task
def send_invitations(request_ids: list[int]) -> int:
    """E-mail every invitation of these requests not yet sent; a failed e-mail is recorded on the
    invitation (the case team sees it), never silently dropped. A constant number of queries for
    any number of requests (the national send-out enqueues one task for all)."""
    return _send_invitations(request_ids)


def _send_invitations(request_ids: list[int]) -> int:
    cases = FollowUpCase.objects.select_related("lead_organisation")
    requests = AnswerRequest.objects.filter(pk__in=request_ids).select_related("supplier", "self_assessment")
    requests = requests.prefetch_related(Prefetch("cases", queryset=cases))
    contexts = {}
    for request in requests:
        buyers = sorted({case.lead_organisation.name for case in request.cases.all()})
        contexts[request.pk] = {
            "request": request,
            "supplier": request.supplier,
            "link": _request_link(request),
            "buyers": ", ".join(buyers),
        }
    pending = Invitation.objects.filter(request_id__in=request_ids, sent_at=None, failed_at=None)
    invitations = list(pending.select_related("user"))
    for invitation in invitations:
        try:
            _send_invitation(invitation, contexts[invitation.request_id])
        except (SMTPException, OSError) as error:
            invitation.failed_at, invitation.failure = timezone.now(), str(error)[:300]
        else:
            invitation.sent_at = timezone.now()
    Invitation.objects.bulk_update(
        invitations, ["message_id", "sent_at", "failed_at", "failure"], batch_size=500
    )
    return sum(1 for i in invitations if i.sent_at)


def reminder_key(deadline, today) -> str | None:
    """Which reminder is due today, if any: "before-7", "after-1" …"""
    for days in REMINDER_DAYS_BEFORE:
        if today == deadline - timedelta(days=days):
            return f"before-{days}"
    for days in REMINDER_DAYS_AFTER:
        if today == deadline + timedelta(days=days):
            return f"after-{days}"
    return None


@task
def send_due_reminders() -> int:
    """Remind suppliers before and after the deadline of an open request (each reminder once)."""
    from .actions import note_reminder_sent

    today = timezone.localdate()
    sent = 0
    for request in AnswerRequest.objects.filter(status=AnswerRequestStatus.OPEN).select_related("supplier"):
        key = reminder_key(request.deadline, today)
        recipients = supplier_emails(request.supplier) if key else []
        if key and note_reminder_sent(request=request, key=key, recipients=recipients):
            context = {
                "request": request,
                "link": _request_link(request),
                "supplier": request.supplier,
                "overdue": key.startswith("after"),
            }
            sent += _send(
                "followup/email/reminder.txt",
                gettext_noop("Reminder: self-assessment for %(supplier)s"),
                recipients,
                context,
            )
    return sent


@task
def send_expiry_notices() -> int:
    """Tell suppliers (e-mail) and the case teams relying on them (e-mail and a timeline flag) that
    a self-assessment or a library document expires within KEDJA_EXPIRY_NOTICE_DAYS or has expired.
    Each notice goes once per expiry date."""
    from kedja.suppliers.actions import note_expiry_notice as note_document_notice
    from kedja.suppliers.models import LibraryDocument

    from .actions.answers import flag_document_expiry, note_expiry_notice
    from .answer_queries import expiring_answers, expiry_key

    today, days = timezone.localdate(), settings.KEDJA_EXPIRY_NOTICE_DAYS
    sent = 0
    for sheet in expiring_answers(today, days).filter(cases__status__in=OPEN_STATUSES).distinct():
        key = expiry_key(sheet.valid_until, today)
        if note_expiry_notice(sheet=sheet, key=key):
            sent += _notify_expiry(
                sheet.supplier, sheet.questionnaire.title, sheet.valid_until, key, sheet.cases.all()
            )
    limit = today + timedelta(days=days)
    documents = LibraryDocument.objects.filter(is_archived=False, valid_until__lte=limit).select_related(
        "supplier"
    )
    for document in documents:
        key = expiry_key(document.valid_until, today)
        if note_document_notice(document=document, key=key):
            cases = flag_document_expiry(document=document, key=key)
            sent += _notify_expiry(document.supplier, document.title, document.valid_until, key, cases)
    return sent + _send_revision_notices(today)


def _send_revision_notices(today) -> int:
    """§4.5: a governing document issued more than 12 (24) months ago is due for revision (out of
    date). One notice per document, standing and issue date: a revised upload starts afresh."""
    from kedja.suppliers.actions import note_expiry_notice as note_document_notice
    from kedja.suppliers.queries import revision_candidates

    from .actions.answers import flag_document_expiry

    sent = 0
    for document in revision_candidates(today):
        standing = document.freshness
        if standing not in (Freshness.REVISION_DUE, Freshness.OUT_OF_DATE):
            continue
        key = f"{standing}-{document.issued_on.isoformat()}"
        if note_document_notice(document=document, key=key):
            cases = flag_document_expiry(document=document, key=key)
            sent += _notify_expiry(document.supplier, document.title, document.issued_on, key, cases)
    return sent


def _notify_expiry(supplier, title: str, day, key: str, cases) -> int:
    context = {
        "supplier": supplier,
        "title": title,
        "day": day,
        "expired": key.startswith("expired"),
        "revision": key.split("-")[0] if key.startswith(tuple(Freshness.values)) else "",
    }
    context["link"] = settings.KEDJA_BASE_URL + reverse("suppliers:library")
    sent = _send(
        "followup/email/expiry.txt",
        gettext_noop("Governing document to revise: %(title)s")
        if context["revision"]
        else gettext_noop("Expiring due-diligence document: %(title)s"),
        supplier_emails(supplier),
        context,
    )
    team = sorted({email for case in cases for email in case_team_emails(case)})
    context["link"] = settings.KEDJA_BASE_URL + reverse("suppliers:profile", args=[supplier.uuid])
    return sent + _send(
        "followup/email/expiry_team.txt",
        gettext_noop("Supplier document to revise: %(supplier)s")
        if context["revision"]
        else gettext_noop("Supplier document expiring: %(supplier)s"),
        team,
        context,
    )
