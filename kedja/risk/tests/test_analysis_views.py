"""Workshop pages: who sees and edits what, quick htmx edits, approval, the public summary."""

import pytest
from django.urls import reverse

from kedja.risk import actions
from kedja.risk.models import AnalysisVersion, RiskItem

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysis(personas, reference, risk_data):
    return builders.noted_analysis(personas, reference)


def test_shared_users_read_the_analysis_with_chain_heatmap_and_register(analysis, personas, client_for):
    for user in (personas.vera, personas.olle, personas.stina, personas.sara):
        response = client_for(user).get(reverse("risk:analysis_detail", args=[analysis.uuid]))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Indien" in body and "heatmap" in body and 'id="register"' in body


def test_suppliers_auditors_and_anonymous_only_get_published_summaries(analysis, personas, client_for):
    for user in (personas.lev, personas.alva):
        assert client_for(user).get(reverse("risk:analysis_detail", args=[analysis.uuid])).status_code == 404
    assert client_for(None).get(reverse("risk:analysis_detail", args=[analysis.uuid])).status_code == 302
    assert client_for(None).get(reverse("risk:analysis_summary", args=[analysis.uuid])).status_code == 404
    listing = client_for(personas.lev).get(reverse("risk:analysis_list")).content.decode()
    assert "Tvätt och textilier" not in listing


def test_only_the_area_edits(analysis, personas, client_for):
    item = analysis.items.get()
    for user in (personas.vera, personas.olle, personas.lev):
        response = client_for(user).post(reverse("risk:item_edit", args=[item.uuid]), {"status": "actual"})
        assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == "potential"
    body = (
        client_for(personas.vera).get(reverse("risk:analysis_detail", args=[analysis.uuid])).content.decode()
    )
    assert reverse("risk:analysis_approve", args=[analysis.uuid]) not in body


def edit_payload(item, **changes):
    data = {
        "status": item.status,
        "scale": item.scale,
        "scope_band": item.scope_band,
        "irremediability": item.irremediability,
        "score_reason": "",
        "vulnerable_groups": "",
    }
    data.update(changes)
    return data


def test_htmx_edit_recomputes_and_swaps_the_register(analysis, personas, client_for):
    item = analysis.items.get()
    response = client_for(personas.stina).post(
        reverse("risk:item_edit", args=[item.uuid]),
        edit_payload(item, status="actual"),
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'hx-swap-oob="true"' in body and "<html" not in body
    item.refresh_from_db()
    assert item.status == "actual" and item.likelihood == 5


def test_changed_scale_without_reason_shows_the_field_error(analysis, personas, client_for):
    item = analysis.items.get()
    response = client_for(personas.stina).post(
        reverse("risk:item_edit", args=[item.uuid]), edit_payload(item, scale=5)
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    item.refresh_from_db()
    assert item.scale == 3


def test_approve_freezes_and_publishes_summary_without_notes(analysis, personas, client_for):
    client_for(personas.olle).post(reverse("risk:analysis_approve", args=[analysis.uuid]))
    assert not AnalysisVersion.objects.exists()
    client_for(personas.stina).post(reverse("risk:analysis_approve", args=[analysis.uuid]))
    version = AnalysisVersion.objects.get()
    item = RiskItem.objects.get()
    response = client_for(personas.stina).post(
        reverse("risk:item_edit", args=[item.uuid]), edit_payload(item, status="actual")
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == "potential"
    actions.publish_analysis(analysis=analysis, acting_user=personas.stina)
    summary = client_for(None).get(reverse("risk:analysis_summary", args=[analysis.uuid])).content.decode()
    assert "Public text" in summary and "SECRET-NOTE" not in summary and "INTERNAL-NOTES" not in summary
    url = reverse("risk:version_detail", args=[analysis.uuid, version.number])
    # Internal notes are for the area's editors; other regions' staff never see them (issue 9).
    frozen = client_for(personas.vera).get(url).content.decode()
    assert "SECRET-NOTE" not in frozen and "INTERNAL-NOTES" not in frozen
    own = client_for(personas.stina).get(url).content.decode()
    assert "SECRET-NOTE" in own and "INTERNAL-NOTES" in own


def test_history_table_hides_internal_notes_from_readers_who_may_not_see_them(analysis, personas, client_for):
    url = reverse("risk:analysis_detail", args=[analysis.uuid])
    for user in (personas.vera, personas.olle):
        assert "INTERNAL-NOTES" not in client_for(user).get(url).content.decode()
    assert "INTERNAL-NOTES" in client_for(personas.stina).get(url).content.decode()


def test_start_and_propose_from_the_pages(personas, reference, risk_data, client_for):
    sara = client_for(personas.sara)
    response = sara.post(reverse("risk:analysis_start"), {"category": "general_consumables"})
    uuid = response["Location"].rstrip("/").split("/")[-1]
    sara.post(reverse("risk:stage_add", args=[uuid]), {"stage": "manufacturing", "countries": ["MYS"]})
    sara.post(reverse("risk:analysis_propose", args=[uuid]))
    body = sara.get(reverse("risk:analysis_detail", args=[uuid])).content.decode()
    assert "ILAB: Gummihandskar från Malaysia" in body


def test_list_page_query_count_is_constant(analysis, personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.vera)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("risk:analysis_list"))
    assert response.status_code == 200


def test_exports_xlsx_and_pdf(analysis, personas, client_for):
    import io

    from openpyxl import load_workbook

    client = client_for(personas.vera)
    xlsx = client.get(reverse("risk:analysis_export_xlsx", args=[analysis.uuid]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert any("Indien" in str(cell) for row in rows for cell in row)
    pdf = client.get(reverse("risk:analysis_export_pdf", args=[analysis.uuid]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert (
        client_for(personas.lev).get(reverse("risk:analysis_export_pdf", args=[analysis.uuid])).status_code
        == 404
    )
