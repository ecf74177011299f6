"""Exports of the risk register and the category analysis as XLSX (openpyxl) and PDF (WeasyPrint)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook

from kedja.core.exports import append_row
from kedja.risk import presentation, queries
from kedja.risk.labels import good_name, source_name, stage_name
from kedja.risk.models import RiskAnalysis
from kedja.risk.register import Register

# Print styles are passed to WeasyPrint directly: the page never reaches a browser, and the
# templates stay free of inline styles.
PRINT_CSS = (
    "body{font-family:sans-serif;font-size:10pt}table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #999;padding:3px;text-align:left}.attribution{font-size:8pt;color:#444}"
)


def _header() -> list[str]:
    return [
        _("Issue"),
        _("Stage"),
        _("Country"),
        _("Good"),
        "Sev",
        "L",
        "P",
        _("Category"),
        _("Involvement"),
        _("Status"),
    ]


def analysis_rows(analysis: RiskAnalysis) -> list[list]:
    return [
        [
            str(i.issue),
            i.stage.get_stage_display(),
            str(i.country or _("Unknown")),
            good_name(i.good),
            i.severity,
            i.likelihood,
            i.priority,
            str(presentation.LABELS.get(i.risk_category, "")),
            i.get_involvement_display(),
            i.get_status_display(),
        ]
        for i in queries.items_of(analysis).filter(review="confirmed")
    ]


def analysis_xlsx(analysis: RiskAnalysis) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Risk register")[:31]
    append_row(sheet, [str(analysis)])
    append_row(sheet, _header())
    for row in analysis_rows(analysis):
        append_row(sheet, row)
    stages = book.create_sheet(_("Supply chain")[:31])
    for stage in queries.stages_of(analysis):
        append_row(
            stages,
            [stage.get_stage_display(), ", ".join(c.name for c in stage.countries.all()), stage.description],
        )
    return _save(book)


def analysis_pdf(analysis: RiskAnalysis) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(
        "risk/analysis_print.html",
        {
            "analysis": analysis,
            "rows": analysis_rows(analysis),
            "header": _header(),
            "heatmap": presentation.heatmap(queries.items_of(analysis)),
            "attributions": queries.attributions("wgi", "hdi", "ilab_goods", "ilab_profiles", "sector_risk"),
        },
    )
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=PRINT_CSS)])


def _contract_header() -> list[str]:
    return [_("Issue"), _("Stage"), _("Country"), _("Good"), "Sev", "L", "P", _("Category"), _("Source")]


def contract_rows(register: Register) -> list[list]:
    return [
        [
            str(i.issue),
            stage_name(i.stage),
            str(i.country or _("Unknown")),
            good_name(i.good),
            i.severity,
            i.likelihood,
            i.priority,
            str(presentation.LABELS[i.category]),
            f"{source_name(i.source)} ({_('override')}: {i.override.reason})"
            if i.override
            else source_name(i.source),
        ]
        for i in register.items
    ]


def contract_xlsx(register: Register) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Risk register")[:31]
    append_row(sheet, [str(register.contract), str(presentation.LABELS.get(register.rating, "–"))])
    append_row(sheet, _contract_header())
    for row in contract_rows(register):
        append_row(sheet, row)
    return _save(book)


def contract_pdf(register: Register) -> bytes:
    """The contract's register as a PDF, with its rating, headline item and the data sources."""
    from weasyprint import CSS, HTML

    html = render_to_string(
        "risk/contract_print.html",
        {
            "register": register,
            "contract": register.contract,
            "rating": presentation.LABELS.get(register.rating, "–"),
            "rows": contract_rows(register),
            "header": _contract_header(),
            "attributions": queries.attributions("wgi", "hdi", "ilab_goods", "cpv_ilab", "sector_risk"),
        },
    )
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=PRINT_CSS)])


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
