from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kedja.core import backup


class Command(BaseCommand):
    help = "Restore a backup archive onto an empty database and an empty media folder, after checking it."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="An archive written by manage.py backup.")

    def handle(self, *args, archive, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"{path} does not exist.")
        manifest = backup.run_from_command(backup.restore, path)
        self.stdout.write(
            f"Restored the {manifest['database']['vendor']} database of {manifest['created_at']} and "
            f"{len(manifest['files']) - 1} media files."
        )
