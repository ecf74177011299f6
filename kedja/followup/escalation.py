"""What Kedja suggests after step 1: the facts of a case gathered for `rules.suggest_next_step`.

The product's risk comes from the risk register, which lives in `kedja.risk`. Follow-up never imports
risk (risk builds on follow-up), so the risk app registers the function that reads it
(`set_risk_source`, called from `RiskConfig.ready`); without it nothing is known of the risk.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .models import FollowUpCase
from .rules import Suggestion, suggest_next_step


@dataclass(frozen=True)
class ProductRisk:
    """The worst risk category of the case's contracts, and the countries of known high-risk sites."""

    rating: str | None = None
    high_risk_countries: tuple[str, ...] = ()


_risk_source: Callable[[FollowUpCase], ProductRisk] = lambda case: ProductRisk()  # noqa: E731


def set_risk_source(source: Callable[[FollowUpCase], ProductRisk]) -> None:
    global _risk_source
    _risk_source = source


def product_risk(case: FollowUpCase) -> ProductRisk:
    return _risk_source(case)


def suggestion_for(case: FollowUpCase) -> Suggestion | None:
    """Kedja's suggestion for a case whose self-assessment has been reviewed (None before there is
    an answer to review)."""
    sheet = case.self_assessment
    if sheet is None:
        return None
    rows = sheet.assessments.select_related("requirement").order_by("requirement__order")
    risk = product_risk(case)
    return suggest_next_step(
        ratings={str(row.requirement): row.rating for row in rows},
        product_risk=risk.rating,
        high_risk_countries=risk.high_risk_countries,
    )
