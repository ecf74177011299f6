"""Enqueue the daily notification run (once a day, e.g. from cron or a systemd timer)."""

from django.core.management.base import BaseCommand

from kedja.notifications.tasks import run_daily


class Command(BaseCommand):
    help = (
        "Enqueue the task that tells people about corrective actions falling due and summaries ready "
        "to publish, sends the daily digests and retries e-mails that failed."
    )

    def handle(self, *args, **options):
        result = run_daily.enqueue()
        self.stdout.write(f"Enqueued the daily notification run {result.id}.")
