"""Account → category: a region maps its finance system's accounts (the Konto column) to purchasing
categories; the screening uses the mapping for lines without a CPV code and says so on the result.
Expected totals are computed here from the lines, independently of the screening's SQL."""

import dataclasses
from decimal import Decimal

import pytest
from django.urls import reverse

from kedja.core.models import AuditEntry
from kedja.risk import spend_actions
from kedja.risk.models import AccountCategory
from kedja.risk.spend import detect_columns, screen
from kedja.risk.tests.test_spend_formats import TABLES
from kedja.risk.tests.test_spend_screening import start, upload

# (supplier, cpv, account, amount) — the CPV code wins when a line has one.
LINES = [
    ("556000-0001", "33169000", "4010", Decimal("100")),
    ("556000-0002", "", "4010", Decimal("50.25")),
    ("556000-0002", "", " 4020 ", Decimal("7")),
    ("556000-0003", "", "4999", Decimal("11")),  # account not mapped
]
ACCOUNTS = {"4010": "gloves", "4020": "surgical_instruments"}


def csv_text() -> str:
    rows = ["Leverantör;CPV-kod;Konto;Belopp"] + [
        f"{s};{c};{a};{str(n).replace('.', ',')}" for s, c, a, n in LINES
    ]
    return "\n".join(rows) + "\n"


def expected():
    totals = {}
    for _supplier, cpv, account, amount in LINES:
        category = "surgical_instruments" if cpv else ACCOUNTS.get(account.strip())
        if category:
            totals[category] = totals.get(category, Decimal(0)) + amount
    return totals


def test_lines_without_cpv_are_placed_by_their_account(tmp_path):
    path = tmp_path / "reskontra.csv"
    path.write_text(csv_text(), encoding="utf-8")
    result = screen(path, dataclasses.replace(TABLES, accounts=ACCOUNTS))
    assert {e["key"]: e["spend"] for e in result.by_category} == expected()
    assert (result.account_lines, result.account_spend) == (2, Decimal("57.25"))
    assert result.accounts == {"4010": "Handskar", "4020": "Kirurgiska instrument"}
    assert result.issue_counts == {"unmapped_account": 1}
    assert result.issues[0]["supplier_raw"] == "556000-0003"


def test_the_konto_header_is_recognised_and_an_account_alone_is_enough():
    found = detect_columns(["Leverantör", "Konto", "Belopp"])
    assert found == {"supplier": "Leverantör", "amount": "Belopp", "account": "Konto"}


@pytest.mark.django_db
def test_the_region_edits_its_mapping_and_the_screening_uses_it(
    personas, reference, client_for, django_capture_on_commit_callbacks
):
    client = client_for(personas.olle)
    url = reverse("risk:spend_accounts")
    client.post(url, {"account": "4010", "category": "surgical_instruments"})
    client.post(url, {"account": "4010", "category": "gloves"})  # corrected: same account, new category
    client.post(url, {"account": "4020", "category": "surgical_instruments"})
    mapping = dict(AccountCategory.objects.values_list("account", "category__slug"))
    assert mapping == ACCOUNTS
    assert AuditEntry.objects.filter(action="risk.account_category_set").count() == 3
    item = start(client, upload(client, csv_text()), django_capture_on_commit_callbacks)
    item.refresh_from_db()
    totals = {e["key"]: Decimal(e["spend"]) for e in item.result["by_category"]}
    assert totals == expected()
    page = client.get(reverse("risk:spend_result", args=[item.uuid])).content.decode()
    assert "2 rader utan CPV-kod placerades i en kategori via sitt konto" in page
    assert "4010 → Handskar" in page


@pytest.mark.django_db
def test_a_viewer_sees_the_mapping_but_cannot_change_it_and_other_regions_are_refused(
    personas, reference, client_for
):
    own = spend_actions.set_account_category(
        acting_user=personas.olle, account="4010", category=reference.gloves
    )
    vera = client_for(personas.vera)
    page = vera.get(reverse("risk:spend_accounts"))
    assert page.status_code == 200 and "4010" not in page.content.decode()  # another region's mapping
    vera.post(reverse("risk:spend_accounts"), {"account": "4010", "category": "gloves"})
    assert not AccountCategory.objects.filter(organisation=personas.uppsala).exists()
    stina = client_for(personas.stina)
    assert stina.post(reverse("risk:spend_account_remove", args=[own.uuid])).status_code == 404
    assert AccountCategory.objects.filter(pk=own.pk).exists()
    client_for(personas.olle).post(reverse("risk:spend_account_remove", args=[own.uuid]))
    assert not AccountCategory.objects.exists()
    assert AuditEntry.objects.filter(action="risk.account_category_removed").exists()


@pytest.mark.django_db
def test_an_empty_account_is_refused_with_a_message(personas, reference, client_for):
    response = client_for(personas.olle).post(
        reverse("risk:spend_accounts"), {"account": "  ", "category": "gloves"}
    )
    assert response.status_code == 200 and "Detta fält måste fyllas i." in response.content.decode()
    assert not AccountCategory.objects.exists()
