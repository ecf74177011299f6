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
