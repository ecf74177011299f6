"""Keys never reach the reader: ILAB goods, sectors, assessment levels and reasons, stages and
countries are shown by name in the reader's language, in the analysis page, its summary and exports."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from kedja.risk import actions, exports, labels
from kedja.risk.data import RiskData

from . import builders

pytestmark = pytest.mark.django_db


def test_every_ilab_good_has_a_swedish_name(risk_data):
    goods = {row.good for row in RiskData.current().ilab_rows}
    assert goods and goods <= set(labels.goods_sv())
    with translation.override("sv"):
        assert labels.good_name("Cotton") == "Bomull" and labels.good_name("Rubber Gloves") == "Gummihandskar"
    with translation.override("en"):
        assert labels.good_name("Cotton") == "Cotton"


def test_levels_sectors_and_reasons_in_swedish():
    with translation.override("sv"):
        assert labels.level_name("No Advancement") == "Inga framsteg"
        assert labels.level_name(
            "Minimal Advancement – Efforts Made but Continued Practice that Delayed Advancement"
        ).startswith("Minimala framsteg – insatser gjordes")
        assert labels.level_name("") == "inga ILAB-uppgifter"
        assert labels.reason_name("no ILAB data") == "inga ILAB-uppgifter"
        assert labels.reason_name("ILAB: not ratified C138") == "ILAB: C138 inte ratificerad"
        assert labels.sector_name("Agriculture") == "Jordbruk"
        assert labels.stage_name("raw_material") == "Råvara"


@pytest.fixture
def approved(personas, reference, risk_data):
    analysis, _items = builders.cotton_proposals(personas, reference)
    actions.approve_analysis(analysis=analysis, acting_user=personas.stina)
    actions.publish_analysis(analysis=analysis, acting_user=personas.stina)
    return analysis


def _no_keys(text: str) -> None:
    assert not {"IND", "PAK"} & set(re.findall(r"\b[A-Z]{3}\b", text))
    assert "raw_material" not in text and "Cotton" not in text


def test_summary_page_and_exports_name_stages_countries_and_goods(approved, client):
    body = client.get(reverse("risk:analysis_summary", args=[approved.uuid])).content.decode()
    main = body[body.index("<main") :]
    _no_keys(main)
    assert "Råvara" in main and "Indien" in main and "Bomull" in main
    with translation.override("sv"):
        book = load_workbook(io.BytesIO(exports.analysis_xlsx(approved)))
    cells = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    _no_keys(cells)
    assert "Bomull" in cells and "Indien" in cells


def test_the_analysis_page_names_the_proposals(personas, reference, risk_data, client_for):
    analysis = builders.textiles_analysis(personas, reference)
    builders.stage(analysis, personas.stina, kind="raw_material", countries=[reference.countries["IND"]])
    actions.propose_items(analysis=analysis, acting_user=personas.stina)
    body = (
        client_for(personas.stina).get(reverse("risk:analysis_detail", args=[analysis.uuid])).content.decode()
    )
    proposals = body[body.index('id="proposed-heading"') : body.index('id="edit-heading"')]
    assert "ILAB: Bomull från Indien" in proposals
    assert not re.findall(r">[^<]*\bIND\b[^<]*<", proposals)
