"""Reminders for grievance handlers (Django Tasks), run daily by `manage.py grievance_reminders`."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import actions, queries


def handler_emails() -> list[str]:
    return sorted(set(queries.handler_memberships().values_list("user__email", flat=True)))


@task
def send_handler_reminders() -> int:
    """E-mail the handlers a list of reports due for acknowledgement or a decision. The mail
    names receipt codes and deadlines only, never what the reporter wrote."""
    due = list(queries.due_for_reminder())
    recipients = handler_emails()
    if not due or not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "reports": [
                (g, settings.KEDJA_BASE_URL + reverse("grievance:handler_detail", args=[g.uuid])) for g in due
            ]
        }
        send_mail(
            subject=_("Grievances waiting for you: %(count)s") % {"count": len(due)},
            message=render_to_string("grievance/email/reminder.txt", context),
            from_email=None,
            recipient_list=recipients,
        )
    actions.mark_reminded(grievances=due)
    return len(due)
