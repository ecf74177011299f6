"""Enqueue the daily self-assessment reminders (run once a day, e.g. from cron or a systemd timer)."""

from django.core.management.base import BaseCommand

from kedja.followup.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Enqueue the task that reminds suppliers before and after their self-assessment deadline."

    def handle(self, *args, **options):
        result = send_due_reminders.enqueue()
        self.stdout.write(f"Enqueued reminders task {result.id}.")
