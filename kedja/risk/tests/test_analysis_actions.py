"""Category risk analysis: proposals, edits with reasons, access, approval freezing a version."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kedja.core.audit import history
from kedja.reference.models import Country
from kedja.risk import actions
from kedja.risk.models import AnalysisStatus, ItemReview, RiskItem

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysis(personas, reference, risk_data):
    return builders.textiles_analysis(personas, reference)


def gloves_analysis(personas, reference, chain=(("manufacturing", ("MYS", "CHN")),)):
    """A gloves analysis whose chain the workshop has mapped (proposals come only inside it)."""
    analysis = actions.start_analysis(
        category=reference.gloves, period=reference.period, acting_user=personas.sara
    )
    for stage, codes in chain:
        countries = [
            Country.objects.get_or_create(iso3=c, defaults={"name_sv": c, "name_en": c})[0] for c in codes
        ]
        actions.add_stage(analysis=analysis, stage=stage, countries=countries, acting_user=personas.sara)
    return analysis


def test_only_the_responsible_area_or_secretariat_starts_and_edits(personas, reference, risk_data):
    with pytest.raises(PermissionDenied):
        actions.start_analysis(
            category=reference.textiles, period=reference.period, acting_user=personas.olle
        )
    analysis = builders.textiles_analysis(personas, reference)
    for outsider in (personas.olle, personas.vera, personas.lev):
        with pytest.raises(PermissionDenied):
            actions.add_stage(analysis=analysis, stage="manufacturing", countries=[], acting_user=outsider)
    with pytest.raises(ValidationError):
        actions.start_analysis(
            category=reference.textiles, period=reference.period, acting_user=personas.sara
        )


def test_kedja_proposes_gloves_malaysia_forced_labour(personas, reference, risk_data):
    analysis = gloves_analysis(personas, reference)
    proposed = actions.propose_items(analysis=analysis, acting_user=personas.sara)
    item = next(i for i in proposed if i.good == "Rubber Gloves" and i.country.iso3 == "MYS")
    assert item.issue.code == "forced_labour" and item.review == ItemReview.PROPOSED
    assert item.scores["ilab"] == "direct" and item.likelihood == 5
    assert item.scores["sr"]["value"] == 4  # glove dipping with a migrant workforce
    assert "ILAB MYS" in item.proposal_reason
    assert item.datasets["wgi"]["sha256"]
    # Proposing again adds nothing twice.
    assert actions.propose_items(analysis=analysis, acting_user=personas.sara) == []


def test_only_high_confidence_links_are_proposed_unless_asked(personas, reference, risk_data, client_for):
    analysis = gloves_analysis(
        personas, reference, chain=[("manufacturing", ["MYS"]), ("raw_material", ["IDN"])]
    )
    proposed = actions.propose_items(analysis=analysis, acting_user=personas.sara)
    # Rubber (natural latex) is a medium-confidence link for gloves: offered, not proposed.
    assert proposed and not [i for i in proposed if i.good == "Rubber"]
    page = client_for(personas.sara).get(reverse("risk:analysis_detail", args=[analysis.uuid]))
    assert "Natural-latex gloves only" in page.content.decode()
    more = actions.propose_items(analysis=analysis, acting_user=personas.sara, include_offered=True)
    assert [(i.good, i.country.iso3, i.issue.code) for i in more] == [("Rubber", "IDN", "child_labour")]


def test_changed_scores_need_a_reason_and_are_attributed(analysis, personas, reference):
    stage = builders.stage(analysis, personas.stina, countries=[reference.countries["CHN"]])
    item = builders.item(reference, stage, personas.stina, issue="working_hours", iso3="CHN")
    with pytest.raises(ValidationError):
        actions.update_item(item=item, values={"scale": 4}, acting_user=personas.stina)
    item.refresh_from_db()
    assert item.scale == 2
    actions.update_item(
        item=item, values={"scale": 4, "score_reason": "Forced overtime found"}, acting_user=personas.stina
    )
    entry = history(item).first()
    assert entry.actor == personas.stina and entry.changes["scale"] == [2, 4]
    with pytest.raises(ValidationError):
        actions.update_item(
            item=item, values={"involvement_override": "contribute"}, acting_user=personas.stina
        )


def test_contribution_questions_set_involvement(analysis, personas, reference):
    item = builders.item(reference, builders.stage(analysis, personas.stina), personas.stina)
    assert item.involvement == "linked"
    actions.update_item(
        item=item, values={"involvement_answers": {"lead_times_compressed": True}}, acting_user=personas.stina
    )
    assert item.involvement == "contribute" and item.scores["remediation"] == "required"


def test_approval_freezes_a_version(analysis, personas, reference):
    item = builders.item(reference, builders.stage(analysis, personas.stina), personas.stina)
    with pytest.raises(PermissionDenied):
        actions.approve_analysis(analysis=analysis, acting_user=personas.olle)
    version = actions.approve_analysis(analysis=analysis, acting_user=personas.stina)
    analysis.refresh_from_db()
    assert analysis.status == AnalysisStatus.APPROVED and version.number == 1
    frozen = version.snapshot
    with pytest.raises(ValidationError):
        actions.update_item(item=item, values={"status": "actual"}, acting_user=personas.stina)
    actions.reopen_analysis(analysis=analysis, acting_user=personas.stina)
    actions.update_item(
        item=RiskItem.objects.get(pk=item.pk), values={"status": "actual"}, acting_user=personas.stina
    )
    version.refresh_from_db()
    assert version.snapshot == frozen and frozen["items"][0]["status"] == "potential"
    assert actions.approve_analysis(analysis=analysis, acting_user=personas.sara).number == 2


def test_proposed_items_must_be_reviewed_before_approval(personas, reference, risk_data):
    analysis = gloves_analysis(personas, reference)
    proposed = actions.propose_items(analysis=analysis, acting_user=personas.sara)
    with pytest.raises(ValidationError):
        actions.approve_analysis(analysis=analysis, acting_user=personas.sara)
    with pytest.raises(ValidationError):
        actions.review_item(item=proposed[0], confirm=False, acting_user=personas.sara)
    actions.review_item(
        item=proposed[0], confirm=False, reason="Not sourced from there", acting_user=personas.sara
    )
    for item in proposed[1:]:
        actions.review_item(item=item, confirm=True, acting_user=personas.sara)
    assert actions.approve_analysis(analysis=analysis, acting_user=personas.sara).snapshot["items"]
