"""The secretariat's audit log: filter, read and export every recorded entry (reports.audit_log)."""

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from kedja.core import history
from kedja.core.audit import record_download
from kedja.core.exports import csv_text, xlsx_bytes
from kedja.core.files import attachment
from kedja.core.htmx import render_page
from kedja.core.models import AuditEntry
from kedja.core.pagination import paginate
from kedja.organisations.queries import actor_who_may

from . import audit_log


def _filtered(request: HttpRequest) -> tuple[audit_log.AuditLogFilter, QuerySet[AuditEntry] | None]:
    """The filter form and its entries; None when a filter is invalid (the form says why)."""
    form = audit_log.AuditLogFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, audit_log.entries(form.cleaned_data if form.is_bound else {})


@login_required
def audit_log_page(request: HttpRequest) -> HttpResponse:
    actor = actor_who_may(request.user, audit_log.may_read)
    form, qs = _filtered(request)
    page = paginate(request, qs if qs is not None else AuditEntry.objects.none(), per_page=50)
    rows = audit_log.shown(history.readable(page.object_list), actor)
    context = {"form": form, "page": page, "rows": rows, "query": request.GET.urlencode()}
    return render_page(request, "reports/audit_log.html", context)


@login_required
def audit_log_export(request: HttpRequest, fmt: str) -> HttpResponse:
    actor = actor_who_may(request.user, audit_log.may_read)
    form, qs = _filtered(request)
    if qs is None or fmt not in ("csv", "xlsx"):
        raise Http404
    rows = audit_log.export_rows(qs, actor)
    filename = f"kedja-audit-log-{timezone.localdate():%Y%m%d}.{fmt}"
    record_download(None, actor=request.user, filename=filename, export=True)
    content = xlsx_bytes([("audit log", rows)]) if fmt == "xlsx" else csv_text(rows, delimiter=";")
    return attachment(content, filename=filename)
