"""The secretariat loads a newer edition of an open dataset from the page: the upload changes
nothing, the preview lists the approved items whose category would change, adoption makes it
current, and each analysis is re-scored only by a recorded decision. Bad files change nothing."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kedja.core.audit import history
from kedja.risk import actions, edition_actions
from kedja.risk.data import RiskData
from kedja.risk.models import DatasetEdition, DatasetKind, RiskItem

from . import builders

pytestmark = pytest.mark.django_db

ILAB = settings.KEDJA_DATA_DIR / "ilab" / "ilab_goods_list_2022ed.csv"


@pytest.fixture
def approved(personas, reference, risk_data):
    """Cotton from India and Pakistan, proposed from the ILAB list, confirmed with milder scores (so
    the ILAB listing decides their category) and approved."""
    analysis, proposed = builders.cotton_proposals(personas, reference)
    for item in proposed:
        values = {"scale": 3, "scope_band": 2, "irremediability": 3, "score_reason": "Small farms, seasonal"}
        actions.update_item(item=item, values=values, acting_user=personas.stina)
    actions.approve_analysis(analysis=analysis, acting_user=personas.stina)
    analysis.refresh_from_db()
    return analysis


def _newer_list() -> SimpleUploadedFile:
    """The 2022 list without cotton from India and Pakistan, as a newer edition might read."""
    lines = ILAB.read_text(encoding="utf-8").splitlines()
    kept = [
        line for line in lines if not (line.startswith("Cotton,") and (",IND," in line or ",PAK," in line))
    ]
    return SimpleUploadedFile("ilab_2024.csv", ("\n".join(kept) + "\n").encode(), "text/csv")


def _upload(client, file, kind="ilab_goods"):
    return client.post(reverse("risk:edition_upload"), {"kind": kind, "edition": "2024", "file": file})


def _state():
    return (
        list(DatasetEdition.objects.filter(is_current=True).values_list("pk", flat=True).order_by("pk")),
        list(RiskItem.objects.values_list("pk", "risk_category", "likelihood").order_by("pk")),
    )


def test_the_preview_changes_nothing_until_the_edition_is_adopted(approved, personas, client_for):
    sara = client_for(personas.sara)
    before = _state()
    response = _upload(sara, _newer_list())
    edition = DatasetEdition.objects.get(kind=DatasetKind.ILAB_GOODS, adopted_at__isnull=True)
    assert response.status_code == 302 and response.url == reverse(
        "risk:edition_preview", args=[edition.uuid]
    )

    preview = sara.get(response.url)

    assert preview.status_code == 200 and len(preview.context["changes"]) >= 1
    assert {change.item.analysis for change in preview.context["changes"]} == {approved}
    assert "Indien" in preview.content.decode()
    assert _state() == before
    assert RiskData.current().listed_good("Cotton") and RiskData.current().editions["ilab_goods"] != edition
    assert edition not in sara.get(reverse("risk:dataset_list")).context["page"].object_list
    assert history(edition).get(action="risk.dataset.uploaded").actor == personas.sara


def test_adoption_is_recorded_and_rescoring_is_a_decision_per_analysis(approved, personas, client_for):
    sara = client_for(personas.sara)
    _upload(sara, _newer_list())
    edition = DatasetEdition.objects.get(kind=DatasetKind.ILAB_GOODS, adopted_at__isnull=True)
    changes = sara.get(reverse("risk:edition_preview", args=[edition.uuid])).context["changes"]
    former = DatasetEdition.objects.get(kind=DatasetKind.ILAB_GOODS, is_current=True)
    items_before = _state()[1]

    sara.post(reverse("risk:edition_adopt", args=[edition.uuid]))

    edition.refresh_from_db()
    assert edition.is_current and edition.adopted_at
    assert history(edition).get(action="risk.dataset.adopted").changes["replaces"]["sha256"] == former.sha256
    assert _state()[1] == items_before  # adoption alone re-scores nothing
    page = client_for(personas.stina).get(reverse("risk:analysis_detail", args=[approved.uuid]))
    assert page.context["outdated"] == ["ilab_goods"]

    client_for(personas.stina).post(reverse("risk:analysis_rescore", args=[approved.uuid]))

    for change in changes:
        change.item.refresh_from_db()
        assert change.item.risk_category == change.after
    entry = history(approved).get(action="risk.analysis.rescored")
    assert (
        entry.actor == personas.stina and entry.changes["editions"]["ilab_goods"]["sha256"] == edition.sha256
    )
    assert len(entry.changes["categories"]) == len(changes)


def test_only_the_secretariat_uploads_and_adopts(approved, personas, client_for):
    for user in (personas.stina, personas.vera, personas.lev):
        assert _upload(client_for(user), _newer_list()).status_code == 404
    _upload(client_for(personas.sara), _newer_list())
    edition = DatasetEdition.objects.get(adopted_at__isnull=True)
    for user in (personas.stina, personas.vera):
        assert client_for(user).get(reverse("risk:edition_preview", args=[edition.uuid])).status_code == 404
        assert client_for(user).post(reverse("risk:edition_adopt", args=[edition.uuid])).status_code == 404
    edition.refresh_from_db()
    assert not edition.is_current and edition.adopted_at is None


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("wrong.csv", b"good;country\nCotton;India\n", "text/csv"), "sector"),
        (SimpleUploadedFile("broken.xlsx", b"PK\x03\x04" + b"\x00garbage" * 50), ""),
        (SimpleUploadedFile("empty.csv", b"good,sector,country,iso3\n", "text/csv"), ""),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(approved, personas, client_for, file, message):
    before = (DatasetEdition.objects.count(), _state())
    response = _upload(client_for(personas.sara), file)
    assert response.status_code == 200
    errors = " ".join(
        response.context["form"].non_field_errors() + response.context["form"].errors.get("file", [])
    )
    assert errors and message in errors
    assert (DatasetEdition.objects.count(), _state()) == before


def test_the_same_file_twice_is_refused(approved, personas):
    file = ILAB.read_bytes()
    with pytest.raises(Exception, match="redan"):
        edition_actions.upload_edition(
            kind="ilab_goods",
            uploaded=SimpleUploadedFile("ilab.csv", file, "text/csv"),
            edition="again",
            acting_user=personas.sara,
        )
