"""Small builders for risk tests: the analysis, stage and item calls most workshop tests begin with."""

from kedja.reference.models import ClauseLevel, CpvCode, DocumentKind, RequirementDocument
from kedja.risk import actions
from kedja.risk.models import AnalysisStage, RiskAnalysis, RiskItem


def textiles_analysis(personas, reference) -> RiskAnalysis:
    """Stina starts the textiles analysis of the reference period."""
    return actions.start_analysis(
        category=reference.textiles, period=reference.period, acting_user=personas.stina
    )


def stage(analysis, user, *, kind: str = "manufacturing", countries=(), **extra) -> AnalysisStage:
    return actions.add_stage(
        analysis=analysis, stage=kind, countries=list(countries), acting_user=user, **extra
    )


def item(reference, stage, user, *, issue: str = "wages", iso3: str | None = "IND", **extra) -> RiskItem:
    """An item of `issue` in the country `iso3` (None: no country) at `stage` of its analysis."""
    return actions.add_item(
        analysis=stage.analysis,
        stage=stage,
        issue=reference.issues[issue],
        country=reference.countries[iso3] if iso3 else None,
        acting_user=user,
        **extra,
    )


def cotton_proposals(personas, reference) -> tuple[RiskAnalysis, list[RiskItem]]:
    """The textiles analysis with cotton from India and Pakistan proposed from the ILAB list and
    confirmed, not yet approved: the analysis and its confirmed items."""
    analysis = textiles_analysis(personas, reference)
    stage(
        analysis,
        personas.stina,
        kind="raw_material",
        countries=[reference.countries[c] for c in ("IND", "PAK")],
    )
    proposed = actions.propose_items(analysis=analysis, acting_user=personas.stina)
    actions.review_items(analysis=analysis, items=proposed, confirm=True, acting_user=personas.stina)
    return analysis, proposed


def noted_analysis(personas, reference, *, kind: str = "manufacturing") -> RiskAnalysis:
    """The textiles analysis with one item in India carrying a confidential note ("SECRET-NOTE"),
    a public summary ("Public text") and internal notes ("INTERNAL-NOTES")."""
    analysis = textiles_analysis(personas, reference)
    at = stage(analysis, personas.stina, kind=kind, countries=[reference.countries["IND"]])
    item(reference, at, personas.stina, confidential_note="SECRET-NOTE")
    actions.update_analysis_texts(
        analysis=analysis,
        summary="Public text",
        confidential_notes="INTERNAL-NOTES",
        acting_user=personas.stina,
    )
    return analysis


def glove_contract_basics() -> tuple[RequirementDocument, CpvCode]:
    """The 2024 clause and the gloves CPV code that the glove contracts of the register tests use."""
    clause = RequirementDocument.objects.create(
        kind=DocumentKind.CONTRACT_CLAUSE,
        key="clause-2024",
        title_sv="Klausul",
        title_en="Clause",
        version="2024",
        level=ClauseLevel.ADVANCED_2024,
    )
    cpv = CpvCode.objects.create(
        code="33141420", division="33", level=4, label_sv="Handskar", label_en="Gloves"
    )
    return clause, cpv
