"""Risk app models: open dataset editions and their values, category risk analyses, overrides."""

from kedja.risk.models.analysis import (
    AnalysisStage,
    AnalysisStatus,
    AnalysisVersion,
    Evidence,
    ItemOrigin,
    ItemReview,
    ItemStatus,
    RiskAnalysis,
    RiskItem,
    Stage,
)
from kedja.risk.models.contracts import ContractRiskOverride
from kedja.risk.models.datasets import (
    CountryGroupMember,
    CpvIlabGood,
    DatasetEdition,
    DatasetKind,
    HdiValue,
    IlabCountryProfile,
    IlabGoodListing,
    SectorRiskDefault,
    WgiValue,
)
from kedja.risk.models.spend import AccountCategory, ScreeningStatus, SpendScreening

__all__ = [
    "AccountCategory",
    "AnalysisStage",
    "AnalysisStatus",
    "AnalysisVersion",
    "ContractRiskOverride",
    "CountryGroupMember",
    "CpvIlabGood",
    "DatasetEdition",
    "DatasetKind",
    "Evidence",
    "HdiValue",
    "IlabCountryProfile",
    "IlabGoodListing",
    "ItemOrigin",
    "ItemReview",
    "ItemStatus",
    "RiskAnalysis",
    "RiskItem",
    "ScreeningStatus",
    "SectorRiskDefault",
    "SpendScreening",
    "Stage",
    "WgiValue",
]
