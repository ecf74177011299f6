"""Mark invitations bounced from the delivery-status notifications that came back for them.

Bounces reach the envelope sender (DEFAULT_FROM_EMAIL). Deliver that mailbox to a Maildir or an mbox
and run this from cron, or pipe each message to it from the mail server (an alias such as
`kedja-bounces: "|/srv/kedja/manage.py followup_bounces -"`).
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from kedja.followup.actions import note_bounce
from kedja.followup.bounces import bounces_in, read_messages


class Command(BaseCommand):
    help = (
        "Read delivery-status notifications (RFC 3464) from Maildir directories, mbox files or, with "
        "'-', one raw message on stdin, and mark the invitations they report as bounced."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", default=["-"], help="Maildir, mbox or '-' (stdin)")

    def handle(self, *args, **options):
        reports = matched = 0
        for source in options["sources"]:
            try:
                for message in read_messages(source, sys.stdin.buffer):
                    for bounce in bounces_in(message):
                        reports += 1
                        matched += self._mark(bounce)
            except (FileNotFoundError, PermissionError) as error:
                raise CommandError(f"Cannot read {source}: {error}") from error
        self.stdout.write(f"{reports} bounced recipients reported, {matched} invitations marked bounced.")

    def _mark(self, bounce) -> int:
        invitation = note_bounce(
            message_id=bounce.message_id,
            recipient=bounce.recipient,
            status=bounce.status,
            diagnostic=bounce.diagnostic,
        )
        if invitation is None:
            self.stderr.write(f"No invitation for {bounce.recipient} {bounce.message_id}".rstrip())
            return 0
        return 1
