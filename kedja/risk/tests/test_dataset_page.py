"""The public page of dataset editions: every loaded edition, which is current, and links to it."""

import shutil

import pytest
from django.conf import settings
from django.urls import reverse

from kedja.risk.actions import load_dataset
from kedja.risk.models import DatasetEdition, DatasetKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_wgi_editions(risk_data, tmp_path):
    shutil.copytree(settings.KEDJA_DATA_DIR / "wgi", tmp_path / "wgi")
    path = tmp_path / "wgi" / "wgi_2023_wide.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    new, _ = load_dataset(kind=DatasetKind.WGI, data_dir=tmp_path, edition="2025 update")
    return DatasetEdition.objects.get(kind=DatasetKind.WGI, is_current=False), new


def test_anyone_sees_every_edition_and_which_is_current(client, two_wgi_editions):
    old, new = two_wgi_editions
    body = client.get(reverse("risk:dataset_list")).content.decode()
    for edition in DatasetEdition.objects.all():
        assert edition.sha256 in body and edition.licence in body
    assert old.edition in body and "2025 update" in body
    assert "Aktuell" in body and "Tidigare utgåva" in body
    assert "Världsbanken" in body  # the Swedish attribution
    assert str(old.row_count) in body


def test_filter_by_dataset(client, two_wgi_editions):
    body = client.get(reverse("risk:dataset_list"), {"kind": "wgi"}).content.decode()
    hdi = DatasetEdition.objects.get(kind=DatasetKind.HDI)
    assert two_wgi_editions[0].sha256 in body and hdi.sha256 not in body
    assert client.get(reverse("risk:dataset_list"), {"kind": "nonsense"}).status_code == 200


def test_htmx_gets_the_fragment(client, risk_data):
    body = client.get(reverse("risk:dataset_list"), HTTP_HX_REQUEST="true").content.decode()
    assert "<table" in body and "<html" not in body


def test_empty_state(client, db):
    assert "Inga datamängder" in client.get(reverse("risk:dataset_list")).content.decode()


def test_query_count_stays_constant(client, two_wgi_editions, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(reverse("risk:dataset_list"))


def test_country_and_good_pages_link_to_it(client, risk_data):
    url = reverse("risk:dataset_list")
    for page in (
        reverse("risk:country_detail", args=["MYS"]),
        reverse("risk:good_detail", args=["rubber-gloves"]),
        reverse("risk:country_list"),
    ):
        assert f'href="{url}"' in client.get(page).content.decode()
