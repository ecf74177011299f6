"""The reader's-language names of the values Kedja keeps as keys: ILAB goods (Swedish names from
`reference/ilab_goods_sv.csv`), ILAB sectors and assessment levels, the reasons the country
context records, and stages. Pages, summaries and exports show these, never the keys."""

from __future__ import annotations

import csv
from functools import cache

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kedja.core.i18n import in_english
from kedja.risk.models.analysis import EvidenceKindChoice, Stage
from kedja.risk.models.datasets import DatasetKind

SECTORS = {
    "Agriculture": _("Agriculture"),
    "Manufacturing": _("Manufacturing"),
    "Mining": _("Mining"),
    "Other": _("Other"),
}
LEVELS = {
    "Significant Advancement": _("Significant advancement"),
    "Moderate Advancement": _("Moderate advancement"),
    "Minimal Advancement": _("Minimal advancement"),
    "No Advancement": _("No advancement"),
    "No Assessment": _("No assessment"),
}
QUALIFIERS = {
    "Efforts Made but Continued Law and Practice that Delayed Advancement": _(
        "efforts made, but continued law and practice delayed advancement"
    ),
    "Efforts Made but Continued Law that Delayed Advancement": _(
        "efforts made, but continued law delayed advancement"
    ),
    "Efforts Made but Continued Practice that Delayed Advancement": _(
        "efforts made, but continued practice delayed advancement"
    ),
    "Efforts Made but Regression in Practice that Delayed Advancement": _(
        "efforts made, but regression in practice delayed advancement"
    ),
    "Efforts Made but Regression in Practices that Delayed Advancement": _(
        "efforts made, but regression in practice delayed advancement"
    ),
    "Efforts Made but Complicit in Forced Child Labor": _(
        "efforts made, but complicit in forced child labour"
    ),
}
REASONS = {
    "no ILAB data": _("no ILAB data"),
    "WGI only": _("WGI only"),
    "HDI only": _("HDI only"),
    "unknown country": _("unknown country"),
    "no WGI or HDI data": _("no WGI or HDI data"),
}
NOT_RATIFIED = "ILAB: not ratified "


@cache
def _goods_sv() -> dict[str, str]:
    path = settings.KEDJA_DATA_DIR / "reference" / "ilab_goods_sv.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["good"]: row["name_sv"] for row in csv.DictReader(handle)}


def good_name(good: str) -> str:
    """An ILAB good in the reader's language (a good the table lacks keeps its name)."""
    return good if in_english() or not good else _goods_sv().get(good, good)


def goods_sv() -> dict[str, str]:
    """ILAB good → Swedish name, for every good in the table."""
    return dict(_goods_sv())


def goods_choices() -> list[tuple[str, str]]:
    """Every ILAB good with its name in the reader's language, sorted by that name (for a datalist)."""
    return sorted(((good, good_name(good)) for good in _goods_sv()), key=lambda pair: pair[1])


def sector_name(sector: str) -> str:
    return str(SECTORS.get(sector, sector))


def level_name(level: str) -> str:
    """An ILAB assessment level, with its qualifier ("Minimal Advancement – Efforts Made but …")."""
    head, _dash, qualifier = (level or "").partition(" – ")
    name = str(LEVELS.get(head, head)) if head else gettext("no ILAB data")
    return f"{name} – {QUALIFIERS.get(qualifier, qualifier)}" if qualifier else name


def reason_name(reason: str) -> str:
    """A reason the country context recorded (scoring.country_context), in the reader's language."""
    if reason in REASONS:
        return str(REASONS[reason])
    if reason.startswith(NOT_RATIFIED):
        return gettext("ILAB: %(conventions)s not ratified") % {"conventions": reason[len(NOT_RATIFIED) :]}
    if reason.startswith("ILAB: "):
        return f"ILAB: {level_name(reason[6:])}"
    return reason


def dataset_name(kind: str) -> str:
    return str(DatasetKind(kind).label) if kind in DatasetKind.values else kind


def evidence_name(kind: str) -> str:
    return str(EvidenceKindChoice(kind).label) if kind in EvidenceKindChoice.values else kind


def stage_name(stage: str) -> str:
    return str(Stage(stage).label) if stage in Stage.values else stage


def source_name(source: str) -> str:
    """Where a contract register item came from (register.py): an analysis (its name as it is), an
    ILAB listing of a good, or an override only."""
    if source == "override":
        return gettext("override")
    if source.startswith("ILAB: "):
        return f"ILAB: {good_name(source[6:])}"
    return source


def named(row: dict, field: str) -> str:
    """`row[field + "_en"]` for English readers, `row[field + "_sv"]` otherwise (frozen versions)."""
    return row.get(f"{field}_en" if in_english() else f"{field}_sv") or ""


ILAB_KINDS = {"direct": _("listed"), "derived": _("derived listing")}


def proposal_why(item) -> str:
    """Why Kedja proposed an item, by name: the ILAB listing of its good in its country, or the
    sector-table row it came from (stored as text when proposed)."""
    kind = item.scores.get("ilab") if item.scores else None
    if item.good and item.country_id and kind in ILAB_KINDS:
        return gettext("ILAB: %(good)s from %(country)s (%(kind)s), CPV %(cpv)s") % {
            "good": good_name(item.good),
            "country": item.country,
            "kind": ILAB_KINDS[kind],
            "cpv": item.cpv_code or "–",
        }
    return item.proposal_reason
