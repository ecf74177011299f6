"""Reads and access helpers of the risk app. Every view starts from these."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.text import slugify

from kedja.organisations.models import Organisation, OrganisationKind
from kedja.organisations.queries import ActingUser, Actor, actor_for, get_or_404, get_visible
from kedja.reference.models import Category, Country, Issue, PriorityPeriod
from kedja.reference.queries import responsibilities_in, responsible_area
from kedja.risk.data import RiskData
from kedja.risk.models import (
    AnalysisStage,
    AnalysisVersion,
    DatasetEdition,
    RiskAnalysis,
    RiskItem,
)


def responsible_area_id(analysis: RiskAnalysis) -> int | None:
    """The area responsible for the analysis' category in the analysis' period."""
    area = responsible_area(analysis.category, analysis.period)
    return area.pk if area else None


def may_edit(actor: Actor, analysis: RiskAnalysis) -> bool:
    """Strategists and coordinators of the responsible area, and the secretariat, edit analyses."""
    if actor.is_secretariat:
        return True
    area_id = responsible_area_id(analysis)
    return area_id is not None and actor.may_assess_for_area(area_id)


def may_approve(actor: Actor, analysis: RiskAnalysis) -> bool:
    """The responsible area's coordinator, or the secretariat, approves."""
    if actor.is_secretariat:
        return True
    area_id = responsible_area_id(analysis)
    return area_id is not None and area_id in actor.coordinated_area_ids


def analyses_visible_to(actor: Actor) -> QuerySet[RiskAnalysis]:
    """All analyses for people who see shared data; none otherwise (they get the published summary)."""
    qs = RiskAnalysis.objects.select_related("category", "period", "approved_by")
    return qs if actor.sees_shared else qs.none()


def published_analyses() -> QuerySet[RiskAnalysis]:
    """Analyses with a published version: that version's summary may be shown to anyone."""
    return (
        RiskAnalysis.objects.filter(versions__published_at__isnull=False)
        .distinct()
        .select_related("category", "period")
    )


def latest_published(analysis: RiskAnalysis) -> AnalysisVersion | None:
    """The newest published version (a later version may be approved and not yet published)."""
    return analysis.versions.filter(published_at__isnull=False).order_by("-number").first()


def unpublished_version(analysis: RiskAnalysis) -> AnalysisVersion | None:
    """The latest approved version when it awaits publication; None when there is nothing to publish."""
    latest = analysis.versions.order_by("-number").first()
    return latest if latest is not None and latest.published_at is None else None


def get_analysis_for_user(user: ActingUser, uuid: UUID | str, *, write: bool = False) -> RiskAnalysis:
    """One analysis the user may see (with write: edit); a forbidden one and a missing one are both 404."""
    return get_visible(user, uuid, analyses_visible_to, may_edit if write else None)


def get_published_analysis(uuid: UUID | str) -> tuple[RiskAnalysis, AnalysisVersion | None]:
    analysis = get_or_404(published_analyses(), uuid)
    return analysis, latest_published(analysis)


def get_item_for_user(user: ActingUser, uuid: UUID | str, *, write: bool = False) -> RiskItem:
    """One item of an analysis the user may see (with write: edit); otherwise 404."""
    related = ("analysis__category", "issue", "stage", "country")
    return _part_of_analysis(RiskItem.objects.select_related(*related), user, uuid, write)


def get_stage_for_user(user: ActingUser, uuid: UUID | str, *, write: bool = False) -> AnalysisStage:
    """One stage of an analysis the user may see (with write: edit); otherwise 404."""
    related = ("analysis__category", "analysis__period")
    return _part_of_analysis(AnalysisStage.objects.select_related(*related), user, uuid, write)


def _part_of_analysis[Part: (RiskItem, AnalysisStage)](
    qs: QuerySet[Part], user: ActingUser, uuid: UUID | str, write: bool
) -> Part:
    actor = actor_for(user)
    part = get_or_404(qs.filter(analysis__in=analyses_visible_to(actor)), uuid)
    if write and not may_edit(actor, part.analysis):
        raise Http404
    return part


def items_of(analysis: RiskAnalysis, *, include_rejected: bool = False) -> QuerySet[RiskItem]:
    """The register in the method's order: (Sev, L, P) descending, actual first, then id."""
    qs = analysis.items.select_related("issue", "stage", "country").prefetch_related("evidence")
    return qs if include_rejected else qs.exclude(review="rejected")


def proposed_uuids(analysis: RiskAnalysis) -> list[str]:
    """The uuids of the analysis' items that await confirmation (what a bulk review may choose)."""
    return [str(u) for u in analysis.items.filter(review="proposed").values_list("uuid", flat=True)]


def proposed_items(analysis: RiskAnalysis, uuids: list[str]) -> list[RiskItem]:
    """The analysis' items awaiting confirmation among `uuids`, in register order."""
    return list(
        analysis.items.filter(review="proposed", uuid__in=uuids).select_related("issue", "stage", "country")
    )


def stages_of(analysis: RiskAnalysis) -> list[AnalysisStage]:
    from kedja.risk.models.analysis import STAGE_ORDER

    stages = analysis.stages.prefetch_related(
        "countries", Prefetch("items", queryset=RiskItem.objects.exclude(review="rejected"))
    )
    return sorted(stages, key=lambda s: STAGE_ORDER[s.stage])


def mapped_chain(analysis: RiskAnalysis) -> tuple[dict[str, AnalysisStage], dict[str, set[str]]]:
    """The analysis' stages by name, and each stage's mapped ISO3 country codes."""
    stages = {s.stage: s for s in analysis.stages.prefetch_related("countries")}
    return stages, {name: {c.iso3 for c in s.countries.all()} for name, s in stages.items()}


def other_producer_rows(analysis: RiskAnalysis, data: RiskData) -> list[dict[str, Any]]:
    """The producing countries the open data names for the analysis' goods outside its mapped chain,
    with the country and issue rows the page names them by (countries Kedja does not know are left
    out: they could not be added)."""
    from kedja.risk.assessment import other_producers
    from kedja.risk.models.analysis import STAGE_ORDER, Stage

    _, chain = mapped_chain(analysis)
    issues = {i.code: i for i in Issue.objects.all()}
    countries = {c.iso3: c for c in Country.objects.all()}
    rows = [
        {
            "stage": p.stage,
            "stage_label": Stage(p.stage).label,
            "country": countries[p.iso3],
            "goods": p.goods,
            "issues": [issues[code] for code in p.issue_codes],
        }
        for p in other_producers(analysis.category, data, set(issues), chain)
        if p.iso3 in countries
    ]
    return sorted(rows, key=lambda r: (STAGE_ORDER[r["stage"]], r["country"].name))


def category_cpv_codes(category: Category) -> list[str]:
    """The category's CPV prefixes (and its sub-categories'), as eight-digit codes to choose from."""
    from kedja.risk.assessment import category_prefixes

    return sorted({prefix.ljust(8, "0") for prefix in category_prefixes(category)})


def explanation_inputs(record: dict[str, Any]) -> dict[str, Any]:
    """The WGI and HDI rows (and the HDI range) of the editions an item's record names, and its
    issue's default scores: what its explanation shows besides the record itself."""
    from kedja.risk.models import HdiValue, WgiValue

    editions, iso3 = record.get("datasets") or {}, record.get("country")
    raw: dict[str, Any] = {"wgi": None, "hdi": None, "hdi_range": (None, None)}
    if iso3 and "wgi" in editions:
        raw["wgi"] = WgiValue.objects.filter(edition__sha256=editions["wgi"]["sha256"], iso3=iso3).first()
    if iso3 and "hdi" in editions:
        hdi = HdiValue.objects.filter(edition__sha256=editions["hdi"]["sha256"], iso3=iso3)
        raw["hdi"] = hdi.select_related("edition").first()
        if raw["hdi"]:
            parameters = raw["hdi"].edition.parameters
            raw["hdi_range"] = (parameters.get("hdi_min"), parameters.get("hdi_max"))
    issue = Issue.objects.filter(code=record["issue"]).first()
    raw["defaults"] = (issue.default_scale, issue.default_irremediability) if issue else None
    return raw


def versions_of(analysis: RiskAnalysis) -> QuerySet[AnalysisVersion]:
    return analysis.versions.select_related("approved_by")


def attributions(*kinds: str) -> list[DatasetEdition]:
    """The current editions of the named datasets, for the attribution under a page."""
    editions = {e.kind: e for e in DatasetEdition.objects.filter(is_current=True, kind__in=kinds)}
    return [editions[kind] for kind in kinds if kind in editions]


def dataset_editions(kind: str = "") -> QuerySet[DatasetEdition]:
    """Every adopted edition of every dataset (old ones too), newest first within each dataset."""
    qs = DatasetEdition.objects.filter(adopted_at__isnull=False).order_by("kind", "-created_at")
    return qs.filter(kind=kind) if kind else qs


def waiting_editions() -> QuerySet[DatasetEdition]:
    """Editions uploaded from the page that nobody has adopted yet."""
    return DatasetEdition.objects.filter(adopted_at__isnull=True).order_by("-created_at")


def get_waiting_edition(user: ActingUser, uuid: UUID | str) -> DatasetEdition:
    """A waiting edition, for the secretariat only; otherwise (and once adopted) 404."""
    if not actor_for(user).is_secretariat:
        raise Http404
    return get_or_404(waiting_editions(), uuid)


def outdated_kinds(items: list[RiskItem]) -> list[str]:
    """The datasets whose current edition differs from the one some of the items were scored with."""
    current = dict(DatasetEdition.objects.filter(is_current=True).values_list("kind", "sha256"))
    used = {(kind, record["sha256"]) for item in items for kind, record in (item.datasets or {}).items()}
    return sorted({kind for kind, sha in used if kind in current and current[kind] != sha})


def good_slugs(data: RiskData) -> dict[str, str]:
    return {slugify(row.good): row.good for row in data.ilab_rows}


def startable_categories(period: PriorityPeriod) -> list[Category]:
    """Categories with a responsible area in the period that have no analysis yet."""
    taken = set(RiskAnalysis.objects.filter(period=period).values_list("category_id", flat=True))
    startable = [
        (responsible.area.letter, category)
        for category, responsible in responsibilities_in(period).items()
        if responsible.area is not None and category.pk not in taken
    ]
    return [category for _, category in sorted(startable, key=lambda pair: (pair[0], pair[1].name_sv))]


def may_start(actor: Actor, category: Category, period: PriorityPeriod) -> bool:
    return may_edit(actor, RiskAnalysis(category=category, period=period))


def lead_organisation(uuid: str) -> Organisation | None:
    """The secretariat or region named to lead a follow-up; whether the user may is the follow-up
    app's decision (its actions check it)."""
    try:
        return Organisation.objects.get(
            uuid=uuid, kind__in=[OrganisationKind.SECRETARIAT, OrganisationKind.REGION]
        )
    except (Organisation.DoesNotExist, ValueError, ValidationError):
        return None


def with_open_cases(actor: Actor, rows: list[Any]) -> list[Any]:
    """Attach each listed supplier's open follow-up cases (those the actor sees), in one query."""
    from kedja.followup.models import OPEN_STATUSES
    from kedja.followup.queries import cases_visible_to

    by_supplier: dict[int, list[Any]] = {}
    cases = cases_visible_to(actor).filter(
        supplier_id__in=[row.supplier.pk for row in rows], status__in=OPEN_STATUSES
    )
    for case in cases.order_by("-created_at"):
        by_supplier.setdefault(case.supplier_id, []).append(case)
    for row in rows:
        row.open_cases = by_supplier.get(row.supplier.pk, [])
    return rows


def follow_up_rows(actor: Actor, category_slug: str, area_letter: str) -> list[Any]:
    """Whom to follow up: the suppliers of the contracts the actor sees in the category (with its
    sub-categories) or the area's categories of the current period, ranked by risk; nothing until
    a category or an area is chosen."""
    from kedja.contracts.queries import contracts_visible_to
    from kedja.reference.queries import categories_of_area, current_period
    from kedja.risk.register import follow_up_list

    if not (category_slug or area_letter):
        return []
    contracts = contracts_visible_to(actor)
    if category_slug:
        contracts = contracts.filter(category__slug=category_slug) | contracts.filter(
            category__parent__slug=category_slug
        )
    if area_letter:
        contracts = contracts.filter(category__in=categories_of_area(area_letter, current_period()))
    return follow_up_list(contracts.distinct(), RiskData.current())
