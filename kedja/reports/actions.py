"""Every write of the reports app: requesting an annual report."""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kedja.core.audit import record
from kedja.organisations.models import User
from kedja.organisations.queries import actor_for

from . import queries, tasks
from .models import AnnualReport, ReportStatus


@transaction.atomic
def request_annual_report(*, acting_user: User, year: int) -> AnnualReport:
    """Queue the generation of the annual report for a year (the secretariat publishes it).

    The task is enqueued after commit so the worker finds the row.
    """
    if not queries.may_generate(actor_for(acting_user)):
        raise PermissionDenied(_("Only the secretariat generates the annual report."))
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Choose a year that has begun.")})
    if AnnualReport.objects.filter(
        year=year, status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING]
    ).exists():
        raise ValidationError(_("The report for this year is already being generated."))
    report = AnnualReport.objects.create(year=year, requested_by=acting_user, language=get_language() or "sv")
    record("reports.annual.requested", report, actor=acting_user, changes={"year": year})
    transaction.on_commit(partial(tasks.generate_annual_report.enqueue, report.pk))
    return report
