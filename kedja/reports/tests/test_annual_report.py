"""The annual report is generated in the background, kept, downloadable, and its PDF renders."""

import io

import pypdfium2 as pdfium
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from kedja.reports import actions, svg
from kedja.reports.models import AnnualReport, ReportStatus

from .conftest import YEAR

CHART_COLOURS = [
    tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c, _ in [*svg.PALETTE, *svg.LIGHT_COLOURS.values()]
]


def chart_pixels(image) -> int:
    """Pixels in the charts' fill colours (headings and text use other colours)."""
    small = image.convert("RGB").resize((image.width // 2, image.height // 2))
    return sum(
        1
        for pixel in small.getdata()
        if any(sum(abs(a - b) for a, b in zip(pixel, colour, strict=True)) < 40 for colour in CHART_COLOURS)
    )


def test_report_is_generated_and_kept(report):
    assert report.status == ReportStatus.DONE and report.progress == 100
    assert report.pdf.name.endswith(".pdf") and report.xlsx.name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(report.xlsx.read()))
    assert len(book.sheetnames) >= 8
    summary = list(book.worksheets[0].iter_rows(values_only=True))
    assert ("Avvikelser åtgärdade", 1) in [tuple(r[:2]) for r in summary]


def test_first_pages_render_with_text_and_charts(report):
    pdf = pdfium.PdfDocument(report.pdf.path)
    assert len(pdf) >= 3
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(3))
    assert f"Årsrapport {YEAR}" in text
    assert "Aktiviteter per område" in text and "Tvätt och textilier" in text
    charts = [chart_pixels(pdf[i].render(scale=1).to_pil()) for i in range(min(len(pdf), 4))]
    assert charts[0] < 200  # the cover is text
    assert max(charts[1:]) > 2000  # the following pages carry the charts


def test_progress_page_and_download(personas, report, client_for):
    client = client_for(personas.vera)
    page = client.get(reverse("reports:report_detail", args=[report.uuid]))
    assert page.status_code == 200 and "hx-trigger" not in page.content.decode()
    download = client.get(reverse("reports:report_download", args=[report.uuid, "pdf"]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert (
        client_for(personas.lev).get(reverse("reports:report_detail", args=[report.uuid])).status_code == 404
    )


def test_unfinished_report_polls(personas, client_for):
    report = AnnualReport.objects.create(year=YEAR, status=ReportStatus.RUNNING, progress=40)
    fragment = client_for(personas.sara).get(
        reverse("reports:report_detail", args=[report.uuid]), HTTP_HX_REQUEST="true"
    )
    body = fragment.content.decode()
    assert 'hx-trigger="every 2s"' in body and "<html" not in body


def test_the_stage_reads_in_the_readers_language(personas, report, client_for):
    """The stage is stored as a msgid, so a reader who switched to English reads it in English."""
    assert report.language == "sv" and report.stage == "Ready"  # generated in Swedish, stored as msgid
    running = AnnualReport.objects.create(
        year=YEAR, status=ReportStatus.RUNNING, progress=60, stage="Typesetting the PDF"
    )
    url = reverse("reports:report_detail", args=[running.uuid])
    swedish = client_for(personas.sara).get(url).content.decode()
    english = client_for(personas.vera)
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = english.get(url).content.decode()
    assert "Typesetting the PDF" in page and "Typesetting the PDF" not in swedish
    assert _swedish_stage() in swedish and _swedish_stage() not in page


def _swedish_stage() -> str:
    with translation.override("sv"):
        return translation.gettext("Typesetting the PDF")


def test_only_secretariat_generates(personas):
    with pytest.raises(PermissionDenied):
        actions.request_annual_report(acting_user=personas.stina, year=YEAR)
    with pytest.raises(ValidationError):
        actions.request_annual_report(acting_user=personas.sara, year=2999)
    assert not AnnualReport.objects.exists()
