import pytest
from django.urls import reverse

from kedja.reports.models import AnnualReport, ReportStatus

pytestmark = pytest.mark.django_db


def test_a_report_file_missing_from_storage_is_a_404_not_a_server_error(personas, client_for):
    report = AnnualReport.objects.create(
        year=2026, status=ReportStatus.DONE, pdf="reports/annual/2026/gone/kedja-annual-report-2026.pdf"
    )
    response = client_for(personas.vera).get(reverse("reports:report_download", args=[report.uuid, "pdf"]))
    assert response.status_code == 404


def test_report_downloads_are_refused_to_suppliers(personas, client_for):
    report = AnnualReport.objects.create(year=2026, status=ReportStatus.DONE)
    response = client_for(personas.lev).get(reverse("reports:report_download", args=[report.uuid, "pdf"]))
    assert response.status_code == 404
