"""Spend screening limited to a period: only lines dated within it are in the totals; lines whose
date cannot be read are counted apart (and only then leave the totals), lines outside the period too.
Expected totals are computed here from the lines, independently of the screening's SQL."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kedja.core.models import AuditEntry
from kedja.risk.models import SpendScreening
from kedja.risk.spend import Period, screen
from kedja.risk.tests.test_spend_formats import TABLES
from kedja.risk.tests.test_spend_screening import start, upload

# (supplier, cpv, amount as written, amount, date as written, date as read)
LINES = [
    ("556000-0001", "33141420", "1 000,50", Decimal("1000.50"), "20250301", date(2025, 3, 1)),
    ("556000-0001", "33141420", "200", Decimal("200"), "2025-03-31", date(2025, 3, 31)),
    ("556000-0002", "33169000", "−50,25", Decimal("-50.25"), "15.03.2025", date(2025, 3, 15)),
    ("556000-0002", "33169000", "70", Decimal("70"), "2025-02-28", date(2025, 2, 28)),
    ("556000-0002", "33169000", "80", Decimal("80"), "20250401", date(2025, 4, 1)),
    ("556000-0003", "33141420", "9", Decimal("9"), "31.02.2025", None),
    ("556000-0003", "33141420", "11", Decimal("11"), "", None),
]
MARCH = Period(date(2025, 3, 1), date(2025, 3, 31))


def csv_text() -> str:
    rows = ["Leverantör;CPV-kod;Belopp;Fakturadatum"]
    rows += [f"{s};{c};{written};{day}" for s, c, written, _a, day, _d in LINES]
    return "\n".join(rows) + "\n"


def in_period(start, end):
    return [
        line for line in LINES if line[5] and (not start or line[5] >= start) and (not end or line[5] <= end)
    ]


@pytest.mark.parametrize(
    "period", [MARCH, Period(date(2025, 3, 1), None), Period(None, date(2025, 3, 31))], ids=str
)
def test_only_lines_dated_within_the_period_are_in_the_totals(tmp_path, period):
    path = tmp_path / "export.csv"
    path.write_text(csv_text(), encoding="utf-8")
    result = screen(path, TABLES, period=period)
    kept = in_period(period.start, period.end)
    assert result.total_spend == sum(line[3] for line in kept)
    assert result.valid_lines == len(kept) and result.total_lines == len(LINES)
    assert result.issue_counts["undated"] == 2  # unreadable and missing dates, counted apart
    assert result.issue_counts["outside_period"] == len(LINES) - 2 - len(kept)
    assert {i["date"] for i in result.issues if i["reason"] == "undated"} == {"31.02.2025", None}
    assert not any(g["in_totals"] for g in result.issue_groups)
    assert result.period == {
        "start": period.start and period.start.isoformat(),
        "end": period.end and period.end.isoformat(),
    }


def test_without_a_period_an_unreadable_date_stays_in_the_totals(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(csv_text(), encoding="utf-8")
    result = screen(path, TABLES)
    assert result.total_spend == sum(line[3] for line in LINES)
    assert result.issue_counts == {"bad_date": 1}  # a missing date is not a wrong one
    assert [g["in_totals"] for g in result.issue_groups] == [True]


@pytest.mark.django_db
def test_the_period_chosen_in_the_mapping_step_limits_the_saved_result(
    personas, reference, client_for, django_capture_on_commit_callbacks
):
    client = client_for(personas.olle)
    response = upload(client, csv_text())
    item = start(
        client,
        response,
        django_capture_on_commit_callbacks,
        period_start="2025-03-01",
        period_end="2025-03-31",
    )
    item.refresh_from_db()
    assert item.status == "done" and item.progress == 100
    assert Decimal(item.result["total_spend"]) == sum(line[3] for line in in_period(MARCH.start, MARCH.end))
    page = client.get(reverse("risk:spend_result", args=[item.uuid])).content.decode()
    assert "2025-03-01 – 2025-03-31" in page
    assert "kan inte placeras i den valda perioden" in page and "utanför den valda perioden" in page
    entry = AuditEntry.objects.get(object_id=str(item.pk), action="risk.spend_mapping")
    assert entry.changes["period_start"] == "2025-03-01"


@pytest.mark.django_db
def test_a_period_ending_before_it_starts_is_refused_and_nothing_starts(personas, reference, client_for):
    client = client_for(personas.olle)
    mapping_url = upload(client, csv_text())["Location"]
    form = client.get(mapping_url).context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields if form.initial.get(name)}
    response = client.post(
        mapping_url, {**data, "start": "1", "period_start": "2025-04-01", "period_end": "2025-03-01"}
    )
    assert response.status_code == 200
    assert "Perioden slutar innan den börjar." in response.content.decode()
    assert SpendScreening.objects.get().status == "mapping"
