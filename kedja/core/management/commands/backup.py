from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
        manifest = backup.run_from_command(backup.create, archive)
        self.stdout.write(
            f"Backed up the {manifest['database']['vendor']} database and "
            f"{len(manifest['files']) - 1} media files to {archive}"
        )
