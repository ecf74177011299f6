"""Background work of the reports: generating the annual report (Django Tasks)."""

from django.tasks import task

from . import annual
from .models import AnnualReport


@task
def generate_annual_report(report_id: int) -> int:
    """Generate the files of one requested annual report; progress is recorded on the report."""
    report = AnnualReport.objects.get(pk=report_id)
    annual.generate(report)
    return report.pk
