"""What leaves Kedja as a file or an e-mail reads like its pages: in Swedish, names not keys.

On the demo, read in Swedish: the risk analyses' and contracts' registers (XLSX), the annual
report (XLSX), every dashboard figure (CSV) and the e-mails the scheduled tasks send. No cell or
line may hold a snake_case key (`raw_material`, `bad_date`), a bare ISO3 code where a country name
belongs, an English ILAB good or an English message of the catalogues.
"""

import csv
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from openpyxl import load_workbook

from kedja.contracts.models import Contract
from kedja.followup import tasks as followup_tasks
from kedja.grievance import tasks as grievance_tasks
from kedja.notifications import tasks as notification_tasks
from kedja.reference.models import Country
from kedja.reports import annual, stats
from kedja.risk import exports, labels
from kedja.risk.models import RiskAnalysis
from kedja.risk.register import contract_register

from .test_swedish_everywhere import SNAKE, catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)


def xlsx_cells(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    return [
        str(c.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.value is not None
    ]


def problems(where: str, texts: list[str], cells: list[str] | None = None) -> list[str]:
    english, same = catalogue()
    iso3 = set(Country.objects.values_list("iso3", flat=True))
    goods_en = {good for good, name in labels.goods_sv().items() if name != good}
    found = []
    for text in texts:
        found += [
            f"{where}: raw key {key!r} in {text[:80]!r}" for key in SNAKE.findall(text) if "@" not in text
        ]
        if text.strip() in english and text.strip() not in same:
            found.append(f"{where}: English {text!r}")
    for cell in cells or []:
        if cell in iso3 or cell in goods_en or cell.removeprefix("ILAB: ") in goods_en:
            found.append(f"{where}: a code or an English ILAB good {cell!r}")
    return found


def test_exports_in_swedish_show_labels_not_keys(demo):
    found, read = [], []
    with translation.override("sv"):
        for analysis in RiskAnalysis.objects.all()[:3]:
            cells = xlsx_cells(exports.analysis_xlsx(analysis))
            found += problems(f"analysis {analysis}", cells, cells)
            read += cells
        for contract in Contract.objects.all()[:5]:
            cells = xlsx_cells(exports.contract_xlsx(contract_register(contract)))
            found += problems(f"register {contract}", cells, cells)
            read += cells
        year = timezone.localdate().year
        cells = xlsx_cells(annual.render_xlsx(annual.collect(year)))
        found += problems("annual report", cells, cells)
        for dataset in stats.national(stats.Scope(year=year)):
            cells = [cell for row in csv.reader(io.StringIO(dataset.csv()), delimiter=";") for cell in row]
            found += problems(f"figures {dataset.key}", cells, cells)
    assert not found, "\n".join(sorted(set(found)))
    # The labels the keys stand for: a stage, a country, an ILAB good and a risk category by name.
    assert {"Råvara", "Tillverkning", "Malaysia", "Gummihandskar", "Kritisk"} <= set(read)


def test_the_check_finds_keys_codes_and_english_goods(demo):
    cells = ["raw_material", "MYS", "Rubber Gloves", "ILAB: Rubber Gloves"]
    assert len(problems("made up", cells, cells)) == 4


def test_emails_in_swedish_show_labels_not_keys(demo):
    mail.outbox.clear()
    followup_tasks.send_due_reminders.call()
    followup_tasks.send_expiry_notices.call()
    notification_tasks.run_daily.call()  # actions falling due, summaries to publish, digests
    grievance_tasks.send_handler_reminders.call()
    assert mail.outbox
    found = []
    for message in mail.outbox:
        found += problems(f"e-mail {message.subject!r}", [message.subject, *message.body.splitlines()])
    assert not found, "\n".join(sorted(set(found)))
