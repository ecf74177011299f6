"""Issue 21: text people typed reaches the risk exports as text, never as a spreadsheet formula."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from . import builders

pytestmark = pytest.mark.django_db

ATTACK = '=HYPERLINK("http://x","y")'


def test_stage_and_good_texts_read_back_from_the_xlsx_as_text(personas, reference, risk_data, client_for):
    analysis = builders.textiles_analysis(personas, reference)
    stage = builders.stage(
        analysis, personas.stina, countries=[reference.countries["IND"]], description=ATTACK
    )
    builders.item(reference, stage, personas.stina, good=ATTACK)
    content = (
        client_for(personas.vera).get(reverse("risk:analysis_export_xlsx", args=[analysis.uuid])).content
    )
    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    attacks = [cell for cell in cells if cell.value == ATTACK]
    assert len(attacks) == 2 and all(cell.data_type == "s" for cell in attacks)
    assert not any(cell.data_type == "f" for cell in cells)
