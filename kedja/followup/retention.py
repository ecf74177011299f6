"""Which closed cases' documents are due for thinning (gallring) under the retention setting."""

from datetime import date

from django.conf import settings
from django.db.models import QuerySet

from .models import CaseStatus, EvidenceDocument
from .rules import years_before


def retention_years() -> int:
    return int(settings.KEDJA_CASE_DOCUMENT_RETENTION_YEARS)


def due_for_thinning(today: date) -> QuerySet[EvidenceDocument]:
    """Documents of cases closed at least the retention period before `today`, not yet thinned.
    Open and cancelled cases keep their documents: only a closed case's file is complete."""
    cutoff = years_before(today, retention_years())
    return (
        EvidenceDocument.objects.filter(
            case__status=CaseStatus.CLOSED, case__closed_on__lte=cutoff, thinning__isnull=True
        )
        .select_related("case__supplier")
        .order_by("case__closed_on", "case_id", "created_at")
    )
