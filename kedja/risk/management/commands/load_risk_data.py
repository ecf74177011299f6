"""Load the open risk datasets (WGI, HDI, ILAB, curated tables) from settings.KEDJA_DATA_DIR."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from kedja.risk.actions import load_dataset
from kedja.risk.loaders import SPECS


class Command(BaseCommand):
    help = "Load the open risk datasets as editions (idempotent; a changed file becomes a new edition)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=None, help="Defaults to settings.KEDJA_DATA_DIR.")
        parser.add_argument("--only", choices=[spec.kind for spec in SPECS], action="append")

    def handle(self, *args, data_dir=None, only=None, **options):
        directory = Path(data_dir or settings.KEDJA_DATA_DIR)
        for spec in SPECS:
            if only and spec.kind not in only:
                continue
            edition, created = load_dataset(kind=spec.kind, data_dir=directory)
            state = "loaded" if created else "already loaded"
            if options["verbosity"]:
                self.stdout.write(f"{spec.kind}: {edition.edition} – {state} ({edition.row_count} rows)")
