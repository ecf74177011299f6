"""No history entry shows a field its reader may not see; an overwritten reason keeps its versions."""

import pytest
from django.urls import reverse

from kedja.core.audit import history
from kedja.core.history import readable
from kedja.risk import actions

from .builders import textiles_analysis

pytestmark = pytest.mark.django_db


def test_analysis_history_hides_internal_notes_from_readers_who_may_not_see_them(
    personas, reference, client_for
):
    analysis = textiles_analysis(personas, reference)
    actions.update_analysis_texts(
        analysis=analysis,
        summary="Public summary text",
        confidential_notes="Klang factory withholds passports",
        acting_user=personas.stina,
    )
    url = reverse("risk:analysis_detail", args=[analysis.uuid])
    assert "withholds passports" not in client_for(personas.vera).get(url).content.decode()
    assert "withholds passports" not in client_for(personas.lev).get(url).content.decode()
    assert "withholds passports" in client_for(personas.stina).get(url).content.decode()


def test_an_overwritten_summary_is_a_new_version_with_what_changed(personas, reference):
    analysis = textiles_analysis(personas, reference)
    for summary in ("Wages are low in spinning.", "Wages are very low in spinning and dyeing."):
        actions.update_analysis_texts(
            analysis=analysis, summary=summary, confidential_notes="", acting_user=personas.stina
        )
    change = next(c for c in readable(history(analysis))[0].changes if c.version)
    assert change.version == 3
    assert ("added", " very") in change.diff and ("removed", "spinning.") in change.diff


def test_publishing_an_analysis_is_logged_as_a_publication(personas, reference, client_for):
    analysis = textiles_analysis(personas, reference)
    actions.approve_analysis(analysis=analysis, acting_user=personas.stina)
    actions.publish_analysis(analysis=analysis, acting_user=personas.stina)
    url = reverse("reports:audit_log")
    page = client_for(personas.sara).get(url, {"kind": "publication"})
    rows = page.context["rows"]
    assert [(row.entry.action, row.actor) for row in rows] == [("risk.analysis.published", personas.stina)]
    assert client_for(personas.sara).get(url, {"kind": "download"}).context["page"].paginator.count == 0
