"""Building the annual report: the same figures and SVG charts as the dashboards, as PDF and XLSX.

`generate(report)` is what the background task runs; it records progress on the report row so the
page can show it, and keeps the finished files on the row.
"""

import io
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.core.audit import record
from kedja.core.exports import append_row
from kedja.followup.models import FollowUpCase
from kedja.plans.progress import PlanProgress

from . import stats
from .models import AnnualReport, ReportStatus

PDF_CSS = Path(__file__).parent / "static" / "reports" / "annual_report.css"
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass
class AreaSummary:
    """The year's activity of one responsible area."""

    area: object
    plans: list[PlanProgress]
    cases: int

    @property
    def planned(self) -> int:
        return sum(p.planned for p in self.plans)

    @property
    def done(self) -> int:
        return sum(p.done for p in self.plans)

    @property
    def late(self) -> int:
        return sum(len(p.late) for p in self.plans)


def areas_summary(scope: stats.Scope, progress: list[PlanProgress]) -> list[AreaSummary]:
    areas = scope.areas
    cases_per_area: dict = defaultdict(int)
    for category_id in (
        stats.cases_of(scope).exclude(status__in=stats.NOT_COUNTED).values_list("category_id", flat=True)
    ):
        area = areas.get(category_id)
        if area is not None:
            cases_per_area[area.pk] += 1
    by_area: dict = defaultdict(list)
    for p in progress:
        by_area[p.plan.area].append(p)
    every_area = {a.pk: a for a in areas.values()} | {a.pk: a for a in by_area}
    return [
        AreaSummary(
            area=a,
            plans=sorted(by_area.get(a, []), key=lambda p: p.plan.category.name),
            cases=cases_per_area[a.pk],
        )
        for a in sorted(every_area.values(), key=lambda a: a.letter)
    ]


def collect(year: int) -> dict:
    """Everything the report shows, computed once for both files."""
    scope = stats.Scope(year=year)
    datasets = stats.national(scope)
    progress = stats.plan_progress(scope)
    return {
        "year": year,
        "generated_at": timezone.now(),
        "key_figures": stats.key_figures(scope),
        "areas": areas_summary(scope, progress),
        "datasets": datasets,
        "by_key": {d.key: d for d in datasets},
        "late": [a for p in progress for a in p.late],
        "closed_cases": FollowUpCase.objects.filter(year=year, status="closed")
        .select_related("supplier", "category")
        .order_by("closed_on")[:200],
    }


def render_pdf(context: dict) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("reports/annual_report_pdf.html", context)
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PDF_CSS))])


def render_xlsx(context: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = _("Summary")[:31]
    append_row(summary, [_("Annual report %(year)s") % {"year": context["year"]}])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([])
    for label, value in context["key_figures"]:
        append_row(summary, [str(label), value])
    summary.column_dimensions["A"].width = 40
    for dataset in context["datasets"]:
        sheet = book.create_sheet(dataset.title.translate(SHEET_NAME_FORBIDDEN)[:31])
        append_row(sheet, [dataset.title])
        sheet["A1"].font = Font(bold=True, size=13)
        append_row(sheet, dataset.columns)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in dataset.rows:
            append_row(sheet, [v if isinstance(v, int | float) else str(v) for v in row])
        if dataset.note:
            sheet.append([])
            append_row(sheet, [dataset.note])
        sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _progress(report: AnnualReport, percent: int, stage: str) -> None:
    """`stage` is an English msgid: whoever watches the report reads it in their own language."""
    report.progress, report.stage = percent, stage
    report.save(update_fields=["progress", "stage", "status", "updated_at"])


def generate(report: AnnualReport) -> AnnualReport:
    """Compute, render and store the report's files, recording progress as it goes."""
    started = time.monotonic()
    with translation.override(report.language):
        report.status = ReportStatus.RUNNING
        try:
            _progress(report, 5, gettext_noop("Computing the figures"))
            context = collect(report.year)
            _progress(report, 40, gettext_noop("Writing the spreadsheet"))
            name = f"kedja-annual-report-{report.year}"
            report.xlsx.save(f"{name}.xlsx", ContentFile(render_xlsx(context)), save=False)
            _progress(report, 60, gettext_noop("Typesetting the PDF"))
            report.pdf.save(f"{name}.pdf", ContentFile(render_pdf(context)), save=False)
        except Exception as error:
            report.status, report.error = ReportStatus.FAILED, str(error)[:2000]
            report.save()
            raise
        report.status, report.progress, report.stage = ReportStatus.DONE, 100, gettext_noop("Ready")
        report.finished_at, report.seconds = timezone.now(), round(time.monotonic() - started, 2)
        report.save()
        # Done is published: every dashboard reader may now download it.
        record("reports.annual.published", report, actor=report.requested_by, changes={"year": report.year})
    return report
