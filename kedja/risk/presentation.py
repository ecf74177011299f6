"""What the analysis pages draw: the chain with risk colours and the severity × likelihood heat map."""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from kedja.risk.models.analysis import STAGE_ORDER
from kedja.risk.scoring import RiskCategory, risk_category

LABELS = {"critical": _("Critical"), "high": _("High"), "medium": _("Medium"), "low": _("Low")}
COLOURS = {"critical": "red", "high": "red", "medium": "yellow", "low": "green"}


def worst(categories) -> str | None:
    ranked = [RiskCategory(c) for c in categories if c]
    return str(max(ranked, key=lambda c: c.rank)) if ranked else None


def chain(stages) -> list[dict]:
    """Each stage with its countries and the worst category of the items there."""
    rows = []
    for stage in stages:
        by_country: dict[str, list[str]] = {}
        for item in stage.items.all():
            by_country.setdefault(item.country_id, []).append(item.risk_category)
        countries = []
        for country in stage.countries.all():
            category = worst(by_country.get(country.pk, []))
            countries.append(
                {
                    "country": country,
                    "category": category,
                    "label": LABELS.get(category, _("No items")),
                    "colour": COLOURS.get(category, ""),
                }
            )
        unknown = worst(by_country.get(None, []))
        rows.append(
            {
                "stage": stage,
                "countries": countries,
                "unknown": unknown and {"label": LABELS[unknown], "colour": COLOURS[unknown]},
            }
        )
    return rows


def heatmap(items) -> list[dict]:
    """Rows Sev 5→1, columns L 1→5, each cell with its item count and the category it stands for."""
    counts: dict[tuple[int, int], int] = {}
    for item in items:
        counts[(item.severity, item.likelihood)] = counts.get((item.severity, item.likelihood), 0) + 1
    rows = []
    for sev in range(5, 0, -1):
        cells = []
        for lik in range(1, 6):
            category = str(risk_category(sev, lik, actual=False))
            cells.append(
                {
                    "lik": lik,
                    "count": counts.get((sev, lik), 0),
                    "label": LABELS[category],
                    "colour": COLOURS[category],
                }
            )
        rows.append({"sev": sev, "cells": cells})
    return rows


class _Frozen:
    def __init__(self, row: dict):
        self.severity, self.likelihood = row["severity"], row["likelihood"]


def heatmap_from_snapshot(snapshot: dict) -> list[dict]:
    return heatmap([_Frozen(row) for row in snapshot["items"]])


FILTERS = {
    "stage": _("Stage"),
    "country": _("Country"),
    "issue": _("Issue"),
    "category": _("Risk category"),
}


def _facets(item) -> dict[str, tuple[str, str]]:
    """The item's value and label for each filter."""
    country = (item.country.iso3, str(item.country)) if item.country_id else ("", "")
    return {
        "stage": (item.stage.stage, str(item.stage)),
        "country": country,
        "issue": (item.issue.code, str(item.issue)),
        "category": (item.risk_category, str(LABELS.get(item.risk_category, ""))),
    }


def filter_proposals(items, query) -> tuple[list, list[dict]]:
    """The proposed items that every chosen filter in `query` keeps, and the filters to draw, each
    with its choices (taken from all proposals, so a filter never hides its own alternatives)."""
    chosen = {name: query.get(name, "") for name in FILTERS}
    choices: dict[str, dict[str, str]] = {name: {} for name in FILTERS}
    kept = []
    for item in items:
        facets = _facets(item)
        for name, (value, label) in facets.items():
            if value:
                choices[name][value] = label
        if all(not want or facets[name][0] == want for name, want in chosen.items()):
            kept.append(item)
    filters = [
        {
            "name": name,
            "label": label,
            "chosen": chosen[name],
            "choices": sorted(choices[name].items(), key=lambda pair: pair[1]),
        }
        for name, label in FILTERS.items()
    ]
    return kept, filters


def filter_query(data) -> str:
    """The chosen filters as a query string, to return to the same view of the proposals."""
    return urlencode({name: data[name] for name in FILTERS if data.get(name)})


def proposal_groups(items) -> list[dict]:
    """Proposed items grouped by stage (in chain order) and issue, each group in register order."""
    groups: dict[tuple, dict] = {}
    for item in sorted(items, key=lambda i: (STAGE_ORDER[i.stage.stage], i.issue.name)):
        key = (item.stage_id, item.issue_id)
        groups.setdefault(key, {"stage": item.stage, "issue": item.issue, "items": []})["items"].append(item)
    return list(groups.values())
