"""List the closed cases' documents due for thinning (gallring); thin them only with --confirm."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from kedja.followup.actions.retention import thin_document
from kedja.followup.retention import due_for_thinning, retention_years


class Command(BaseCommand):
    help = (
        "List the documents of cases closed more than KEDJA_CASE_DOCUMENT_RETENTION_YEARS ago. "
        "With --confirm, remove their files; the decision records, the manifest rows and the "
        "checksums stay, and the case file shows each as thinned with its date."
    )

    def add_arguments(self, parser):
        parser.add_argument("--confirm", action="store_true", help="Thin the listed documents.")

    def handle(self, *args, confirm: bool = False, **options):
        today = timezone.localdate()
        due = list(due_for_thinning(today))
        self.stdout.write(f"Retention: {retention_years()} years after closure. Due: {len(due)} documents.")
        for document in due:
            case = document.case
            self.stdout.write(
                f"  {case.uuid}  {case.supplier.name}  closed {case.closed_on}  "
                f"{document.original_name}  uploaded {document.created_at:%Y-%m-%d}"
            )
        if not confirm:
            if due:
                self.stdout.write("Nothing was thinned. Run again with --confirm to thin these documents.")
            return
        for document in due:
            thin_document(acting_user=None, document=document, today=today)
        self.stdout.write(f"Thinned {len(due)} documents.")
