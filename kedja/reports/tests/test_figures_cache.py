"""The dashboard's figures are rendered once and reused until the next recorded change."""

import re

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kedja.followup import actions as followup_actions
from kedja.followup.models import FindingKind
from kedja.reference.models import CodeArea

from .conftest import YEAR


def _deviations_found(body: str) -> int:
    match = re.search(r'<span class="value">(\d+)</span>(Avvikelser funna|Deviations found)', body)
    assert match, "the key figure 'Deviations found' is on the page"
    return int(match.group(1))


def _figures_of(body: str) -> str:
    return body[body.index('<div class="figures">') : body.index('id="h-regions"')]


def _queries(client, url: str, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_figures_are_reused_until_a_change_is_recorded(personas, activity, client_for):
    client, url = client_for(personas.vera), reverse("reports:dashboard")
    first, body = _queries(client, url, year=YEAR)
    again, body_again = _queries(client, url, year=YEAR)
    assert again < first - 10  # the figures' counting queries are not run again
    assert _figures_of(body_again) == _figures_of(body) and _deviations_found(body) == 3
    # A download is recorded but changes nothing: the figures are still reused.
    client.get(reverse("reports:dataset_csv", args=["trend"]), {"year": YEAR})
    assert _queries(client, url, year=YEAR)[0] == again

    followup_actions.record_finding(
        acting_user=personas.stina,
        case=activity[2],
        kind=FindingKind.DEVIATION,
        title="Löner under minimilön",
        code_area=CodeArea.HUMAN_RIGHTS,
    )
    after, body = _queries(client, url, year=YEAR)
    assert after == first and _deviations_found(body) == 4


def test_figures_are_kept_per_language_year_and_region(personas, activity, client_for):
    client = client_for(personas.vera)
    url = reverse("reports:dashboard")
    swedish = _queries(client, url, year=YEAR)[1]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch
    english = _queries(client, url, year=YEAR)[1]
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert (
        "Avvikelser funna" in swedish and "Deviations found" in english and "Avvikelser funna" not in english
    )
    assert _deviations_found(_queries(client, url, year=YEAR - 1)[1]) == 1
    region = _queries(client, reverse("reports:region", args=["region-stockholm"]), year=YEAR)[1]
    assert _deviations_found(region) == 3  # Stockholm took part in both cases with deviations
