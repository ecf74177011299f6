"""The frozen record of an analysis at approval: every input, score and dataset edition, as JSON."""

from __future__ import annotations

from kedja.risk.models import RiskAnalysis
from kedja.risk.models.analysis import STAGE_ORDER


def snapshot(analysis: RiskAnalysis) -> dict:
    stages = sorted(analysis.stages.prefetch_related("countries"), key=lambda s: STAGE_ORDER[s.stage])
    items = (
        analysis.items.exclude(review="rejected")
        .select_related("issue", "stage", "country")
        .prefetch_related("evidence")
    )
    return {
        "category": {
            "slug": analysis.category.slug,
            "name_sv": analysis.category.name_sv,
            "name_en": analysis.category.name_en,
        },
        "period": analysis.period.name,
        "version": analysis.version,
        "summary": analysis.summary,
        "confidential_notes": analysis.confidential_notes,
        "stages": [
            {
                "stage": s.stage,
                "description": s.description,
                "countries": [
                    {"iso3": c.iso3, "name_sv": c.name_sv, "name_en": c.name_en} for c in s.countries.all()
                ],
            }
            for s in stages
        ],
        "items": [item_record(item) for item in items],
    }


def item_record(item) -> dict:
    """Everything an item is: its inputs, evidence, scores and the dataset editions it used."""
    return {
        "uuid": str(item.uuid),
        "stage": item.stage.stage,
        "country": item.country.iso3 if item.country_id else None,
        "country_name_sv": item.country.name_sv if item.country_id else "",
        "country_name_en": item.country.name_en if item.country_id else "",
        "issue": item.issue.code,
        "issue_name_sv": item.issue.name_sv,
        "issue_name_en": item.issue.name_en,
        "good": item.good,
        "cpv_code": item.cpv_code,
        "tier": item.tier,
        "status": item.status,
        "origin": item.origin,
        "inputs": {
            "scale": item.scale,
            "scope_band": item.scope_band,
            "irremediability": item.irremediability,
            "score_reason": item.score_reason,
            "vulnerable": item.vulnerable,
            "vulnerable_groups": item.vulnerable_groups,
            "sr_override": item.sr_override,
            "sr_reason": item.sr_reason,
            "unmapped_listed_tier": item.unmapped_listed_tier,
            "own_operations": item.own_operations,
            "involvement_answers": item.involvement_answers,
            "involvement_override": item.involvement_override,
            "involvement_reason": item.involvement_reason,
            "leverage_answers": item.leverage_answers,
        },
        "confidential_note": item.confidential_note,
        "evidence": [
            {
                "kind": e.kind,
                "source": e.source,
                "date": e.dated.isoformat(),
                "credible": e.credible,
                "open": e.is_open,
            }
            for e in item.evidence.all()
        ],
        "severity": item.severity,
        "likelihood": item.likelihood,
        "priority": item.priority,
        "category": item.risk_category,
        "involvement": item.involvement,
        "leverage": item.leverage,
        "scores": item.scores,
        "datasets": item.datasets,
    }
