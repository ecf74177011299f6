"""Enqueue the daily reminders to grievance handlers (run once a day, e.g. from cron)."""

from django.core.management.base import BaseCommand

from kedja.grievance.tasks import send_handler_reminders


class Command(BaseCommand):
    help = (
        "Enqueue the task that reminds grievance handlers of reports due for acknowledgement or a decision."
    )

    def handle(self, *args, **options):
        result = send_handler_reminders.enqueue()
        self.stdout.write(f"Enqueued grievance reminders task {result.id}.")
