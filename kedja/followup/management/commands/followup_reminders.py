"""Enqueue the daily reminders and expiry notices (run once a day, e.g. from cron or a systemd timer)."""

from django.core.management.base import BaseCommand

from kedja.followup.tasks import send_due_reminders, send_expiry_notices


class Command(BaseCommand):
    help = (
        "Enqueue the tasks that remind suppliers before and after their self-assessment deadline and "
        "tell suppliers and case teams about expiring self-assessments and library documents."
    )

    def handle(self, *args, **options):
        result = send_due_reminders.enqueue()
        self.stdout.write(f"Enqueued reminders task {result.id}.")
        result = send_expiry_notices.enqueue()
        self.stdout.write(f"Enqueued expiry notices task {result.id}.")
