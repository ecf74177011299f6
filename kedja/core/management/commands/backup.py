from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from kedja.core import backup


class Command(BaseCommand):
    help = "Back up the database and the media files into one archive with a manifest of checksums."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="Archive path (default: kedja-backup-<date>T<time>.tar in the current folder)."
        )

    def handle(self, *args, output=None, **options):
        archive = Path(output or f"kedja-backup-{datetime.now():%Y%m%dT%H%M%S}.tar")
        if archive.exists():
            raise CommandError(f"{archive} already exists; choose another --output.")
        try:
            manifest = backup.create(connection, Path(settings.MEDIA_ROOT), archive)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {manifest['database']['vendor']} database and "
            f"{len(manifest['files']) - 1} media files to {archive}"
        )
