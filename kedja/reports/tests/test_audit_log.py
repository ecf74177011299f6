"""The secretariat's audit log: filters, export, refusal for everyone else, grievances masked."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kedja.contracts import actions as contract_actions
from kedja.contracts.tests import factories
from kedja.core.models import AuditEntry
from kedja.organisations.models import Membership, Role

pytestmark = pytest.mark.django_db

URL = reverse("reports:audit_log")


@pytest.fixture
def penalty_change(personas):
    contract = factories.contract(personas, penalty_per_week_sek=1000, penalty_cap_weeks=10)
    data = factories.contract_input(personas, penalty_per_week_sek=2500, penalty_cap_weeks=10)
    contract_actions.update_contract(acting_user=personas.olle, contract=contract, data=data)
    return contract


def _texts(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("name", ["olle", "stina", "vera", "lev", "lisa", "alva"])
def test_only_the_secretariat_reads_the_audit_log(personas, client_for, name):
    client = client_for(getattr(personas, name))
    assert client.get(URL).status_code == 404
    assert client.get(reverse("reports:audit_log_export", args=["csv"])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_secretariat_viewer_is_refused(personas, client_for):
    Membership.objects.filter(user=personas.vera).update(organisation=personas.secretariat, role=Role.VIEWER)
    assert client_for(personas.vera).get(URL).status_code == 404


def test_secretariat_reads_who_changed_the_penalty_and_what_it_was(personas, client_for, penalty_change):
    page = _texts(client_for(personas.sara).get(URL, {"q": "SLL-2024-001", "kind": "change"}))
    assert "Avtal ändrat" in page
    assert re.search(r"1[  ]?000(,00)? → 2[  ]?500(,00)?", page), "the penalty before and after"
    assert "Olle" in page
    assert "penalty_per_week_sek" not in page


def test_filters_by_person_organisation_object_kind_and_date(personas, client_for, penalty_change):
    client = client_for(personas.sara)
    by_olle = client.get(URL, {"person": "olle"}).context["page"]
    assert {e.actor_id for e in by_olle.object_list} == {personas.olle.pk}
    by_org = client.get(URL, {"organisation": "Stockholm"}).context["page"]
    assert by_org.paginator.count == by_olle.paginator.count
    assert client.get(URL, {"organisation": "Skåne"}).context["page"].paginator.count == 0
    contracts = client.get(URL, {"object_type": "contracts.contract"}).context["page"]
    assert {e.object_type for e in contracts.object_list} == {"contracts.contract"}
    assert contracts.paginator.count == 2
    sign_ins = client.get(URL, {"kind": "sign_in"}).context["page"].object_list
    assert [(e.action, e.actor_id) for e in sign_ins] == [("organisations.user.signed_in", personas.sara.pk)]
    today = timezone.localdate()
    assert client.get(URL, {"date_from": today, "date_to": today}).context["page"].paginator.count >= 2
    tomorrow = today + timedelta(days=1)
    assert client.get(URL, {"date_from": tomorrow}).context["page"].paginator.count == 0


def test_a_reversed_date_range_is_refused_with_a_message(personas, client_for, penalty_change):
    today = timezone.localdate()
    response = client_for(personas.sara).get(URL, {"date_from": today, "date_to": today - timedelta(days=3)})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert response.context["form"].errors


def test_export_as_csv_and_xlsx_neutralises_formulas_and_is_logged(personas, client_for, penalty_change):
    factories.site(personas, penalty_change, legal_name="=HYPERLINK(1)", is_confidential=False)
    client = client_for(personas.sara)
    response = client.get(reverse("reports:audit_log_export", args=["csv"]), {"q": "HYPERLINK"})
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert len(rows) == 2 and rows[1][4] == "'=HYPERLINK(1)"
    response = client.get(reverse("reports:audit_log_export", args=["xlsx"]), {"person": "olle"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert any(re.search(r"1[  ]?000(,00)? → 2[  ]?500", str(row[5])) for row in values[1:])
    logged = AuditEntry.objects.filter(action="core.export.downloaded", actor=personas.sara)
    assert logged.count() == 2
    assert client.get(reverse("reports:audit_log_export", args=["pdf"])).status_code == 404


def test_grievance_entries_are_masked_for_secretariat_staff_who_do_not_handle_them(personas, client_for):
    handler = Membership.objects.get(user=personas.sara)
    AuditEntry.objects.create(
        action="grievance.decided",
        object_type="grievance.grievance",
        object_id="1",
        object_repr="SECRET-CODE-1",
        changes={"decision": "Forced labour at the Klang site"},
    )
    from kedja.organisations.testing import _person

    colleague = _person("sven@kedja.test", "Sven", personas.secretariat, Role.SECRETARIAT_STAFF)
    handler.is_grievance_handler = True
    handler.save()
    hidden = _texts(client_for(colleague).get(URL))
    assert "SECRET-CODE-1" not in hidden and "Klang" not in hidden
    shown = _texts(client_for(personas.sara).get(URL))
    assert "SECRET-CODE-1" in shown and "Klang" in shown


def test_the_page_reads_a_constant_number_of_queries(
    personas, client_for, penalty_change, django_assert_max_num_queries
):
    client = client_for(personas.sara)
    client.get(URL)
    for number in range(30):
        contract = factories.contract(personas, reference=f"SLL-{number}")
        data = factories.contract_input(
            personas, reference=f"SLL-{number}", penalty_per_week_sek=number, penalty_cap_weeks=10
        )
        contract_actions.update_contract(acting_user=personas.olle, contract=contract, data=data)
    with django_assert_max_num_queries(20):
        client.get(URL)


def test_a_finished_annual_report_is_logged_as_published_and_its_download_as_an_export(personas, client_for):
    from kedja.reports import annual
    from kedja.reports.models import AnnualReport

    report = annual.generate(
        AnnualReport.objects.create(year=2025, requested_by=personas.sara, language="sv")
    )
    published = AuditEntry.objects.get(action="reports.annual.published")
    assert (published.actor, published.object_id) == (personas.sara, str(report.pk))
    client_for(personas.vera).get(reverse("reports:report_download", args=[report.uuid, "pdf"]))
    download = AuditEntry.objects.get(action="core.export.downloaded")
    assert (download.actor, download.changes) == (personas.vera, {"file": "kedja-annual-report-2025.pdf"})
