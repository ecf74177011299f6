"""The grievance channel in the dashboard and the annual report: counts by month, issue, country
and category and the times to acknowledge and close, with no reporter's words, contact details or
receipt codes, and no group of fewer than three reports shown as a number or by name."""

import io
from datetime import datetime, timedelta

import pypdfium2 as pdfium
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kedja.followup.tests import factories
from kedja.grievance import actions
from kedja.grievance.models import Grievance
from kedja.reports import stats

from .conftest import YEAR

FEWER = "färre än 3"
# Words and details no figure may carry.
PRIVATE = ["Passports kept", "Child at the loom", "reporter@example.org", "Bangladesh", "Barnarbete"]


def _filed(issue: str, country, description: str, month: int, day: int = 10) -> Grievance:
    grievance, _secret = actions.submit_report(
        language="en", issue=issue, description=description, country=country, contact="reporter@example.org"
    )
    received = timezone.make_aware(datetime(YEAR, month, day, 12))
    Grievance.objects.filter(pk=grievance.pk).update(created_at=received)
    grievance.created_at = received
    return grievance


def _handled(grievance: Grievance, *, acknowledged_after: int, closed_after: int | None = None) -> None:
    """Record when the handler acknowledged and closed the report, counted from its receipt."""
    Grievance.objects.filter(pk=grievance.pk).update(
        acknowledged_at=grievance.created_at + timedelta(days=acknowledged_after),
        closed_at=grievance.created_at + timedelta(days=closed_after) if closed_after else None,
        status="closed" if closed_after else "acknowledged",
    )


@pytest.fixture
def received(db):
    """Four forced-labour reports from Malaysia in March, acknowledged after 2, 4, 6 and 8 days, one
    closed; one child-labour report from Bangladesh in May; one from last year."""
    malaysia = factories.country("MYS", "Malaysia", "Malaysia")
    bangladesh = factories.country("BGD", "Bangladesh", "Bangladesh")
    for n, days in enumerate((2, 4, 6, 8)):
        report = _filed("forced_labour", malaysia, "Passports kept by the employer.", 3, 3 + n)
        _handled(report, acknowledged_after=days, closed_after=30 if n == 0 else None)
    _filed("child_labour", bangladesh, "Child at the loom.", 5)
    last_year = _filed("forced_labour", malaysia, "Passports kept.", 6)
    Grievance.objects.filter(pk=last_year.pk).update(created_at=last_year.created_at.replace(year=YEAR - 1))
    return Grievance.objects.all()


def _figures() -> dict:
    return {d.key: d for d in stats.national(stats.Scope(year=YEAR))}


def test_counts_by_month_issue_and_country_suppress_small_groups(received):
    data = _figures()
    months = dict(map(tuple, data["grievances_month"].rows))
    assert len(months) == 12 and months[f"{YEAR}-03"] == 4 and months[f"{YEAR}-01"] == 0
    assert months[f"{YEAR}-05"] == FEWER  # one report: not shown as a number
    assert data["grievances_issue"].rows == [["Tvångsarbete", 4], ["Övriga, var och en färre än 3", FEWER]]
    assert data["grievances_country"].rows == [["Malaysia", 4], ["Övriga, var och en färre än 3", FEWER]]
    assert not data["grievances_month"].is_empty and data["grievances_month"].svg().startswith("<svg")


def test_times_to_acknowledge_and_close_need_three_reports_behind_them(received):
    handling = dict(map(tuple, _figures()["grievances_handling"].rows))
    assert handling["Inkomna rapporter"] == 5
    assert handling["Median antal dagar till bekräftelse"] == 5.0  # 2, 4, 6, 8 days
    assert handling["Median antal dagar till avslut"] == "visas inte: färre än 3 rapporter"  # one closed
    assert handling["Fortfarande öppna"] == 4


def test_no_grievance_figures_on_a_regions_page(personas, received):
    region_figures = stats.national(stats.Scope(year=YEAR, region=personas.skane))
    assert not [d for d in region_figures if d.key.startswith("grievances")]


def test_dashboard_and_csv_show_the_figures_without_personal_data(personas, received, client_for):
    client = client_for(personas.vera)
    body = client.get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()
    assert "Klagomål per månad" in body and FEWER in body
    csv = client.get(
        reverse("reports:dataset_csv", args=["grievances_country"]), {"year": YEAR}
    ).content.decode()
    assert "Malaysia;4" in csv and FEWER in csv
    codes = list(received.values_list("receipt_code", flat=True))
    for text in [body, csv]:
        assert not [word for word in PRIVATE + codes if word in text]
    assert client_for(personas.lev).get(reverse("reports:dashboard")).status_code == 404


def test_annual_report_pdf_and_spreadsheet_carry_the_figures_without_personal_data(received, report):
    pdf = pdfium.PdfDocument(report.pdf.path)
    text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    assert "Klagomålskanalen" in text and FEWER in text and "Malaysia" in text
    book = load_workbook(io.BytesIO(report.xlsx.read()))
    sheet = book["Klagomål per land"]
    assert ["Malaysia", 4] in [list(row[:2]) for row in sheet.iter_rows(values_only=True)]
    cells = " ".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row)
    codes = list(received.values_list("receipt_code", flat=True))
    for content in [text, cells]:
        assert not [word for word in PRIVATE + codes if word in content]
