"""The background screening reports how much of the file it has read; the result page shows the
percentage and updates itself, with htmx polling and, without JavaScript, a meta refresh."""

import pytest
from django.urls import reverse

from kedja.risk.models import ScreeningStatus, SpendScreening
from kedja.risk.spend import screen
from kedja.risk.tests.test_spend_screening import GOOD_CSV, TABLES, upload, write


def test_the_screening_reports_its_progress_up_to_one_hundred(tmp_path):
    seen = []
    screen(write(tmp_path, GOOD_CSV), TABLES, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 100
    assert 30 in seen  # the distinct-value pass is done, the main pass follows


@pytest.mark.django_db
def test_the_page_shows_the_percentage_and_refreshes_until_done(
    personas, reference, client_for, django_capture_on_commit_callbacks
):
    client = client_for(personas.olle)
    response = upload(client, GOOD_CSV)
    mapping_url = response["Location"]
    form = client.get(mapping_url).context["form"]
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(
            mapping_url, {name: value for name, value in form.initial.items() if value} | {"start": "1"}
        )
    item = SpendScreening.objects.get()
    # As the background task writes it while DuckDB reads the file:
    SpendScreening.objects.filter(pk=item.pk).update(status=ScreeningStatus.RUNNING, progress=42)
    url = reverse("risk:spend_result", args=[item.uuid])
    page = client.get(url).content.decode()
    assert "42 % av filen läst" in page and 'value="42"' in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert 'hx-trigger="every 2s"' in page
    SpendScreening.objects.filter(pk=item.pk).update(status=ScreeningStatus.QUEUED, progress=0)
    for callback in queued:
        callback()
    page = client.get(url).content.decode()
    assert SpendScreening.objects.get().progress == 100
    assert "http-equiv" not in page and "hx-trigger" not in page and "Leverantör A AB" in page
