"""Loading the open datasets as editions, and the country context computed from them."""

import shutil
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command

from kedja.core.models import AuditEntry
from kedja.risk.actions import load_dataset
from kedja.risk.data import RiskData
from kedja.risk.models import DatasetEdition, DatasetKind, WgiValue

pytestmark = pytest.mark.django_db


def test_load_risk_data_is_idempotent_and_records_hashes():
    call_command("load_risk_data", verbosity=0)
    first = {e.kind: (e.pk, e.sha256) for e in DatasetEdition.objects.all()}
    call_command("load_risk_data", verbosity=0)
    assert {e.kind: (e.pk, e.sha256) for e in DatasetEdition.objects.all()} == first
    assert len(first) == len(DatasetKind.values)
    wgi = DatasetEdition.objects.get(kind=DatasetKind.WGI)
    assert wgi.sha256 == "9d679d4de4d9119c6db9752a985083afbead13b63cf04097402e561a7fbc47b9"
    assert "CC BY 4.0" in wgi.attribution_sv
    hdi = DatasetEdition.objects.get(kind=DatasetKind.HDI)
    assert (hdi.parameters["hdi_min"], hdi.parameters["hdi_max"]) == ("0.38", "0.967")
    assert AuditEntry.objects.filter(action="risk.dataset.loaded").count() == len(first)


def test_new_edition_keeps_the_old_one(tmp_path):
    load_dataset(kind=DatasetKind.WGI, data_dir=settings.KEDJA_DATA_DIR)
    shutil.copytree(settings.KEDJA_DATA_DIR / "wgi", tmp_path / "wgi")
    path = tmp_path / "wgi" / "wgi_2023_wide.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "SWE,SWE,Sweden,2023,1.57,97.1", "SWE,SWE,Sweden,2023,1.57,50.0"
        ),
        encoding="utf-8",
    )
    new, created = load_dataset(kind=DatasetKind.WGI, data_dir=tmp_path, edition="2025 update")
    assert created and new.is_current
    old = DatasetEdition.objects.get(kind=DatasetKind.WGI, is_current=False)
    assert WgiValue.objects.get(edition=old, iso3="SWE").va_pctrank == Decimal("97.1")
    assert WgiValue.objects.get(edition=new, iso3="SWE").va_pctrank == Decimal("50.0")
    assert RiskData.current().governance["SWE"].va == Decimal("50.0")


def test_missing_file_gives_a_clear_message(tmp_path):
    with pytest.raises(ValidationError, match="hittades inte"):
        load_dataset(kind=DatasetKind.HDI, data_dir=tmp_path)
    assert not DatasetEdition.objects.exists()


def test_country_context_from_the_shipped_files():
    call_command("load_risk_data", verbosity=0)
    data = RiskData.current()
    expected = {
        "SWE": ("0.0354", 1),
        "MYS": ("0.3611", 2),
        "CHN": ("0.5245", 3),
        "PAK": ("0.7710", 4),
        "COD": ("0.8886", 5),
        "TWN": ("0.1483", 1),
    }
    for iso3, (cr, ctx) in expected.items():
        result = data.context(iso3)
        assert (result.cr, result.ctx) == (Decimal(cr), ctx), iso3
    assert data.context("PAK", child_labour_issue=True).ctx == 4  # Moderate Advancement: no bump
    assert data.context("COD", child_labour_issue=True).child_labour_bump
    assert data.ilab("Rubber Gloves", "MYS", "FL") == "direct"
    assert data.ilab("Lithium-Ion Batteries", "CHN", "CL") == "derived"
    assert data.ilab("Electronics", "CHN", "") is None
