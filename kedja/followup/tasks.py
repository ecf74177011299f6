"""Background work of the follow-up (Django Tasks): invitations, reminders and zero-tolerance alerts.

`send_due_reminders` is meant to run daily (`manage.py followup_reminders` enqueues it).
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.organisations.models import Membership, Role

from .models import CaseStatus, Finding, FollowUpCase, SelfAssessment, SelfAssessmentStatus

# Days before and after the deadline on which the supplier is reminded (configurable in settings).
REMINDER_DAYS_BEFORE = getattr(settings, "KEDJA_FOLLOWUP_REMINDER_DAYS_BEFORE", (7, 1))
REMINDER_DAYS_AFTER = getattr(settings, "KEDJA_FOLLOWUP_REMINDER_DAYS_AFTER", (1, 7))


def supplier_emails(case: FollowUpCase) -> list[str]:
    return sorted(
        Membership.objects.filter(
            organisation=case.supplier, role=Role.SUPPLIER_CONTACT, user__is_active=True
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


def _portal_link(case: FollowUpCase) -> str:
    return settings.KEDJA_BASE_URL + reverse("followup:portal_case", args=[case.uuid])


@task
def send_invitation(sheet_id: int) -> int:
    """E-mail the supplier's contacts that a self-assessment awaits them."""
    sheet = SelfAssessment.objects.select_related("case__supplier", "case__lead_organisation").get(
        pk=sheet_id
    )
    context = {
        "case": sheet.case,
        "sheet": sheet,
        "link": _portal_link(sheet.case),
        "supplier": sheet.case.supplier,
    }
    return _send(
        "followup/email/invitation.txt",
        gettext_noop("Self-assessment for %(supplier)s"),
        supplier_emails(sheet.case),
        context,
    )


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
    """Remind suppliers before and after the deadline of an unsubmitted self-assessment (each once)."""
    from .actions import note_reminder_sent

    today = timezone.localdate()
    sent = 0
    sheets = SelfAssessment.objects.filter(
        status=SelfAssessmentStatus.DRAFT, case__status=CaseStatus.STEP1_SENT
    ).select_related("case__supplier")
    for sheet in sheets:
        key = reminder_key(sheet.deadline, today)
        if key and note_reminder_sent(sheet=sheet, key=key):
            context = {
                "case": sheet.case,
                "sheet": sheet,
                "link": _portal_link(sheet.case),
                "supplier": sheet.case.supplier,
                "overdue": key.startswith("after"),
            }
            sent += _send(
                "followup/email/reminder.txt",
                gettext_noop("Reminder: self-assessment for %(supplier)s"),
                supplier_emails(sheet.case),
                context,
            )
    return sent


@task
def alert_zero_tolerance(finding_id: int) -> int:
    """E-mail the case team at once about a zero-tolerance deviation."""
    finding = Finding.objects.select_related("case__supplier", "issue").get(pk=finding_id)
    link = settings.KEDJA_BASE_URL + reverse("followup:case_detail", args=[finding.case.uuid])
    context = {"finding": finding, "case": finding.case, "supplier": finding.case.supplier, "link": link}
    return _send(
        "followup/email/zero_tolerance.txt",
        gettext_noop("Zero-tolerance deviation at %(supplier)s"),
        case_team_emails(finding.case),
        context,
    )
