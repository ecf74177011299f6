from django.core.management.base import BaseCommand, CommandError

from kedja.reference.loaders import ReferenceDataError, load_all


class Command(BaseCommand):
    help = (
        "Load or update the reference data shipped in KEDJA_DATA_DIR: procurement areas, the "
        "secretariat and regions, countries, CPV, categories, ILO instruments, issues and the "
        "code of conduct and contract clauses. Safe to run again; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", help="Read the data files from here instead of KEDJA_DATA_DIR.")

    def handle(self, *args, **options):
        try:
            counts = load_all(options.get("data_dir"))
        except ReferenceDataError as error:
            raise CommandError(f"Reference data not loaded, nothing was changed: {error}") from None
        for name, value in counts.items():
            self.stdout.write(f"  {name:20} {value}")
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded in {counts['seconds']} s."))
