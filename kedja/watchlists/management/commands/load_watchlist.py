"""Load a publisher's list file from disk, e.g. nightly from cron after downloading it (the page's
upload is for files a browser carries well; this reads any size straight from disk)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from kedja.organisations.models import User
from kedja.watchlists.actions import load_list_edition
from kedja.watchlists.models import ListSource


class Command(BaseCommand):
    help = "Load a watch-list file as a new edition and screen every supplier and site against it."

    def add_arguments(self, parser):
        parser.add_argument("source", choices=ListSource.values)
        parser.add_argument("path", type=Path)
        parser.add_argument("--edition", default="", help="As the publisher dates it; default today.")
        parser.add_argument("--as", dest="email", required=True, help="The secretariat user who loads it.")

    def handle(self, *args, source, path, edition, email, **options):
        user = User.objects.filter(email=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {email}.")
        with path.open("rb") as handle:
            try:
                loaded = load_list_edition(
                    acting_user=user, source=source, uploaded=File(handle, name=path.name), edition=edition
                )
            except PermissionDenied:
                raise CommandError(f"{email} may not load lists (the secretariat does).") from None
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(
            f"{loaded}: {loaded.row_count} organisations, {loaded.skipped_individuals} individuals skipped"
        )
