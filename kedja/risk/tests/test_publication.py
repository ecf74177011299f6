"""Approval is internal, publication public: the summary of an approved version is previewed by
those who approve, shows stage and country names and no internal notes, and is public only once
published. Publishing before approval, twice, or by others is refused."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.core.audit import history
from kedja.risk import actions
from kedja.risk.models import AnalysisVersion

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysis(personas, reference, risk_data):
    return builders.noted_analysis(personas, reference, kind="raw_material")


def _approve(analysis, personas):
    actions.approve_analysis(analysis=analysis, acting_user=personas.stina)
    analysis.refresh_from_db()


def test_publishing_is_refused_before_approval(analysis, personas, client_for):
    with pytest.raises(ValidationError):
        actions.publish_analysis(analysis=analysis, acting_user=personas.stina)
    url = reverse("risk:analysis_publish", args=[analysis.uuid])
    assert client_for(personas.stina).get(url).status_code == 404
    assert client_for(personas.stina).post(url).status_code == 404
    assert not history(analysis).filter(action="risk.analysis.published").exists()


def test_an_approved_version_is_not_public_until_published(analysis, personas, client_for):
    _approve(analysis, personas)
    summary = reverse("risk:analysis_summary", args=[analysis.uuid])
    assert client_for(None).get(summary).status_code == 404
    assert "Tvätt och textilier" not in client_for(None).get(reverse("risk:analysis_list")).content.decode()

    response = client_for(personas.stina).post(reverse("risk:analysis_publish", args=[analysis.uuid]))

    assert response.status_code == 302 and response.url == summary
    version = AnalysisVersion.objects.get()
    assert version.published_by == personas.stina and version.published_at
    entry = history(analysis).get(action="risk.analysis.published")
    assert entry.actor == personas.stina and entry.changes == {"version": 1}
    assert client_for(None).get(summary).status_code == 200


def test_the_preview_is_the_public_summary_without_internal_notes_or_keys(analysis, personas, client_for):
    _approve(analysis, personas)
    body = client_for(personas.stina).get(reverse("risk:analysis_publish", args=[analysis.uuid]))
    main = body.content.decode()[body.content.decode().index("<main") :]
    assert "Public text" in main and "Råvara" in main and "Indien" in main
    assert "SECRET-NOTE" not in main and "INTERNAL-NOTES" not in main
    assert "raw_material" not in main and "IND" not in set(re.findall(r"\b[A-Z]{3}\b", main))
    assert not AnalysisVersion.objects.filter(published_at__isnull=False).exists()


def test_only_those_who_approve_preview_and_publish(analysis, personas, client_for):
    _approve(analysis, personas)
    url = reverse("risk:analysis_publish", args=[analysis.uuid])
    for user in (personas.vera, personas.olle, personas.lev):
        assert client_for(user).get(url).status_code == 404
        assert client_for(user).post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.publish_analysis(analysis=analysis, acting_user=personas.olle)
    assert not AnalysisVersion.objects.filter(published_at__isnull=False).exists()


def test_a_version_is_published_once_and_a_new_version_waits_for_its_own(analysis, personas, client_for):
    _approve(analysis, personas)
    actions.publish_analysis(analysis=analysis, acting_user=personas.sara)
    with pytest.raises(ValidationError):
        actions.publish_analysis(analysis=analysis, acting_user=personas.sara)
    actions.reopen_analysis(analysis=analysis, acting_user=personas.stina)
    actions.update_analysis_texts(
        analysis=analysis, summary="Second text", confidential_notes="", acting_user=personas.stina
    )
    _approve(analysis, personas)
    public = client_for(None).get(reverse("risk:analysis_summary", args=[analysis.uuid])).content.decode()
    assert "Public text" in public and "Second text" not in public
    actions.publish_analysis(analysis=analysis, acting_user=personas.sara)
    public = client_for(None).get(reverse("risk:analysis_summary", args=[analysis.uuid])).content.decode()
    assert "Second text" in public
