"""Every write of the risk app. Views, commands and the demo loader call these."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.contracts.models import Contract
from kedja.core import audit
from kedja.core.files import sha256_of_path
from kedja.organisations.models import Organisation, User
from kedja.organisations.queries import actor_for
from kedja.reference.models import Category, Country, Issue, PriorityPeriod
from kedja.risk.assessment import AUTOMATIC_CONFIDENCE, STAGE_TIER, proposals_for, score_item
from kedja.risk.data import RiskData
from kedja.risk.edition_store import make_current, store_edition
from kedja.risk.loaders import SPEC_BY_KIND, read_records
from kedja.risk.models import (
    AnalysisStage,
    AnalysisStatus,
    AnalysisVersion,
    ContractRiskOverride,
    DatasetEdition,
    Evidence,
    ItemOrigin,
    ItemReview,
    RiskAnalysis,
    RiskItem,
)
from kedja.risk.queries import mapped_chain, may_approve, may_edit
from kedja.risk.snapshot import item_record, snapshot

__all__ = [
    "set_contract_override",
    "add_evidence",
    "close_evidence",
    "add_item",
    "add_stage",
    "approve_analysis",
    "propose_items",
    "publish_analysis",
    "reopen_analysis",
    "review_item",
    "review_items",
    "remove_from_chain",
    "remove_item",
    "start_analysis",
    "start_follow_up_cases",
    "load_dataset",
    "update_analysis_texts",
    "update_item",
]

OFFERED_CONFIDENCE = frozenset({"high", "medium", "low"})
ITEM_FIELDS = (
    "status",
    "scale",
    "scope_band",
    "irremediability",
    "score_reason",
    "vulnerable",
    "vulnerable_groups",
    "sr_override",
    "sr_reason",
    "unmapped_listed_tier",
    "own_operations",
    "involvement_answers",
    "involvement_override",
    "involvement_reason",
    "leverage_answers",
    "confidential_note",
    "good",
    "tier",
)


def _check_edit(analysis: RiskAnalysis, acting_user: User) -> None:
    if not may_edit(actor_for(acting_user), analysis):
        raise PermissionDenied(_("You may not change this risk analysis."))
    if analysis.status != AnalysisStatus.DRAFT:
        raise ValidationError(_("The analysis is approved and frozen; reopen it to start a new version."))


@transaction.atomic
def start_analysis(*, category: Category, period: PriorityPeriod, acting_user: User) -> RiskAnalysis:
    """Start the risk analysis of a category for a period (one per category and period)."""
    if RiskAnalysis.objects.filter(category=category, period=period).exists():
        raise ValidationError(_("This category already has a risk analysis for the period."))
    analysis = RiskAnalysis(category=category, period=period)
    if not may_edit(actor_for(acting_user), analysis):
        raise PermissionDenied(_("Only the responsible area may analyse this category."))
    analysis.save()
    audit.record("risk.analysis.started", analysis, actor=acting_user)
    return analysis


@transaction.atomic
def add_stage(
    *,
    analysis: RiskAnalysis,
    stage: str,
    countries: Iterable[Country],
    description: str = "",
    acting_user: User,
) -> AnalysisStage:
    """Add a supply-chain stage (or add countries to an existing one).

    The audit entry names the countries actually added (ISO3); asking for a stage that exists with
    no new countries changes nothing and records nothing (proposals and add_item ask this way)."""
    _check_edit(analysis, acting_user)
    row, created = AnalysisStage.objects.get_or_create(
        analysis=analysis, stage=stage, defaults={"description": description, "tier": STAGE_TIER.get(stage)}
    )
    added = _add_stage_countries(row, countries)
    if created or added:
        audit.record(
            "risk.stage.added" if created else "risk.stage.countries_added",
            analysis,
            actor=acting_user,
            changes={"stage": stage, "countries": added},
        )
    return row


def _add_stage_countries(stage: AnalysisStage, countries: Iterable[Country]) -> list[str]:
    """Add the countries the stage lacks; their ISO3 codes, sorted (empty when none was new)."""
    countries = list(countries)
    if not countries:
        return []
    present = set(stage.countries.values_list("pk", flat=True))
    new = {country.pk: country for country in countries if country.pk not in present}
    stage.countries.add(*new.values())
    return sorted(country.iso3 for country in new.values())


def _canonical_good(good: str, data: RiskData) -> str:
    """A good as the ILAB list spells it, so "cotton" meets the listing of "Cotton"; a good the
    list lacks is kept as typed (the page says it matches no listed good)."""
    good = (good or "").strip()
    return (data.listed_good(good) or good) if good else ""


def _validate(item: RiskItem) -> None:
    errors = {}
    for name in ("scale", "scope_band", "irremediability"):
        if not 1 <= int(getattr(item, name)) <= 5:
            errors[name] = _("Scores lie between 1 and 5.")
    changed = (
        item.scale != item.issue.default_scale or item.irremediability != item.issue.default_irremediability
    )
    if changed and not item.score_reason.strip():
        errors["score_reason"] = _(
            "Give a reason when scale or irremediability differ from the issue's default."
        )
    if item.sr_override and not item.sr_reason.strip():
        errors["sr_reason"] = _("Give a reason for overriding the sector risk.")
    if item.involvement_override and not item.involvement_reason.strip():
        errors["involvement_reason"] = _("Give a reason for overriding the involvement.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_item(
    *,
    analysis: RiskAnalysis,
    stage: AnalysisStage,
    issue: Issue,
    country: Country | None,
    acting_user: User,
    origin: str = ItemOrigin.MANUAL,
    data: RiskData | None = None,
    **values: Any,
) -> RiskItem:
    """Add a risk item (issue × stage × country) with the issue's default scores unless given."""
    _check_edit(analysis, acting_user)
    if stage.analysis_id != analysis.pk:
        raise ValidationError(_("The stage belongs to another analysis."))
    data = data or RiskData.current()
    values["good"] = _canonical_good(values.get("good", ""), data)
    item = RiskItem(
        analysis=analysis,
        stage=stage,
        issue=issue,
        country=country,
        origin=origin,
        review=ItemReview.PROPOSED if origin == ItemOrigin.PROPOSED else ItemReview.CONFIRMED,
        scale=values.pop("scale", issue.default_scale),
        irremediability=values.pop("irremediability", issue.default_irremediability),
        scope_band=values.pop("scope_band", 3),
        **values,
    )
    _validate(item)
    score_item(item, data, evidence=[])
    item.save()
    audit.record("risk.item.added", item, actor=acting_user, changes={"origin": origin})
    # An item added by hand puts its country on the chain, and the analysis' history says so, as
    # add_stage would; a proposal never does (it is made only inside the mapped chain).
    added = _add_stage_countries(stage, [country] if country and origin == ItemOrigin.MANUAL else [])
    if added:
        audit.record(
            "risk.stage.countries_added",
            analysis,
            actor=acting_user,
            changes={"stage": stage.stage, "countries": added},
        )
    return item


@transaction.atomic
def update_item(*, item: RiskItem, values: dict[str, Any], acting_user: User) -> RiskItem:
    """Change an item's inputs; scores are recomputed and each change is attributed in the audit log."""
    _check_edit(item.analysis, acting_user)
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    data = RiskData.current()
    if "good" in values:
        values = {**values, "good": _canonical_good(values["good"], data)}
    changes = audit.diff(item, values)
    if not changes:
        return item
    for name, value in values.items():
        setattr(item, name, value)
    _validate(item)
    before = (item.severity, item.likelihood, item.risk_category)
    score_item(item, data)
    item.save()
    changes["scores"] = [list(before), [item.severity, item.likelihood, item.risk_category]]
    audit.record("risk.item.updated", item, actor=acting_user, changes=changes)
    return item


@transaction.atomic
def review_item(*, item: RiskItem, confirm: bool, reason: str = "", acting_user: User) -> RiskItem:
    """Confirm a proposed item, or reject it with a written reason."""
    _check_edit(item.analysis, acting_user)
    _check_review(confirm, reason)
    _review(item, confirm, reason, acting_user)
    return item


@transaction.atomic
def review_items(
    *, analysis: RiskAnalysis, items: list[RiskItem], confirm: bool, reason: str = "", acting_user: User
) -> int:
    """Confirm, or reject with one written reason, many proposed items of an analysis at once: all or
    none. Each item's history records its decision; the analysis' history records the batch."""
    _check_edit(analysis, acting_user)
    _check_review(confirm, reason)
    if not items:
        raise ValidationError(_("Choose at least one proposed item."))
    if any(item.analysis_id != analysis.pk or item.review != ItemReview.PROPOSED for item in items):
        raise ValidationError(_("Only items of this analysis that await confirmation can be reviewed."))
    for item in items:
        _review(item, confirm, reason, acting_user)
    audit.record(
        "risk.items.confirmed" if confirm else "risk.items.rejected",
        analysis,
        actor=acting_user,
        changes={"proposals": [str(item) for item in items], "reason": reason},
    )
    return len(items)


def _check_review(confirm: bool, reason: str) -> None:
    if not confirm and not reason.strip():
        raise ValidationError({"reason": _("Give a reason for rejecting a proposed item.")})


def _review(item: RiskItem, confirm: bool, reason: str, acting_user: User) -> None:
    old = item.review
    item.review = ItemReview.CONFIRMED if confirm else ItemReview.REJECTED
    item.save(update_fields=["review", "updated_at"])
    audit.record(
        "risk.item.confirmed" if confirm else "risk.item.rejected",
        item,
        actor=acting_user,
        changes={"review": [old, item.review], "reason": reason},
    )


def _check_removal(analysis_id: int, reason: str, acting_user: User) -> RiskAnalysis:
    """The analysis, locked against a concurrent approval, when the removal may go ahead."""
    analysis = RiskAnalysis.objects.select_for_update().get(pk=analysis_id)
    _check_edit(analysis, acting_user)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the removal.")})
    return analysis


def _public_record(item: RiskItem) -> dict[str, Any]:
    """The item's record for the analysis' history, which viewers read: without its internal note
    (a removed item's note is kept under `confidential_note`, which the history hides from them)."""
    record = item_record(item)
    record.pop("confidential_note")
    return record


@transaction.atomic
def remove_item(*, item: RiskItem, reason: str, acting_user: User) -> None:
    """Take a confirmed item out of a draft analysis. The analysis' history keeps the whole item
    (inputs, scores, evidence) with the reason; nothing else refers to a draft's item."""
    analysis = _check_removal(item.analysis_id, reason, acting_user)
    if item.review != ItemReview.CONFIRMED:
        raise ValidationError(_("Only a confirmed item can be removed; reject a proposal instead."))
    audit.record(
        "risk.item.removed",
        analysis,
        actor=acting_user,
        changes={
            "item": str(item),
            "reason": reason,
            "record": _public_record(item),
            "confidential_note": item.confidential_note,
        },
    )
    item.delete()


@transaction.atomic
def remove_from_chain(
    *, stage: AnalysisStage, country: Country | None = None, reason: str, acting_user: User
) -> None:
    """Take a country off a stage of a draft analysis, or (no country) the whole stage; the items
    there go with it. The analysis' history keeps the stage, the countries and every item removed."""
    analysis = _check_removal(stage.analysis_id, reason, acting_user)
    items = stage.items.select_related("issue", "stage", "country").prefetch_related("evidence")
    if country is not None:
        if not stage.countries.filter(pk=country.pk).exists():
            raise ValidationError(_("The country is not in this stage."))
        items = items.filter(country=country)
    removed = [_public_record(item) for item in items]
    changes = {"stage": stage.stage, "reason": reason, "items": len(removed), "records": removed}
    if country is None:
        changes["countries"] = sorted(stage.countries.values_list("iso3", flat=True))
        items.delete()
        stage.delete()
        audit.record("risk.stage.removed", analysis, actor=acting_user, changes=changes)
        return
    items.delete()
    stage.countries.remove(country)
    audit.record(
        "risk.stage.country_removed",
        analysis,
        actor=acting_user,
        changes={**changes, "country": country.iso3},
    )


@transaction.atomic
def add_evidence(*, item: RiskItem, acting_user: User, **values: Any) -> Evidence:
    """Record evidence (type, source, date, credibility, open/closed) and rescore the item."""
    _check_edit(item.analysis, acting_user)
    evidence = Evidence.objects.create(item=item, **values)
    score_item(item, RiskData.current())
    item.save()
    audit.record("risk.evidence.added", item, actor=acting_user, changes={"evidence": str(evidence)})
    return evidence


@transaction.atomic
def close_evidence(*, evidence: Evidence, acting_user: User, reason: str) -> Evidence:
    """Mark evidence closed (a grievance closed or referred, an allegation settled): it stays on the
    item with its source, stops raising likelihood, and the item is rescored. An approved analysis
    is rescored too: the evidence is a fact of today, and the approved version keeps its snapshot."""
    if not may_edit(actor_for(acting_user), evidence.item.analysis):
        raise PermissionDenied(_("You may not change this risk analysis."))
    if not evidence.is_open:
        return evidence
    evidence.is_open = False
    evidence.save(update_fields=["is_open", "updated_at"])
    item = evidence.item
    score_item(item, RiskData.current())
    item.save()
    audit.record(
        "risk.evidence.closed",
        item,
        actor=acting_user,
        changes={"evidence": str(evidence), "reason": reason, "likelihood": item.likelihood},
    )
    return evidence


@transaction.atomic
def propose_items(
    *,
    analysis: RiskAnalysis,
    acting_user: User,
    data: RiskData | None = None,
    include_offered: bool = False,
) -> list[RiskItem]:
    """Propose items from the open data inside the mapped chain; people then confirm, adjust or
    reject them. A proposal adds no stage and no country: the chain changes only on purpose.

    Only `high`-confidence CPV → ILAB links are proposed unless `include_offered` asks for the
    medium- and low-confidence ones too (people choose to, after reading the offered links).
    """
    _check_edit(analysis, acting_user)
    data = data or RiskData.current()
    issues = {i.code: i for i in Issue.objects.all()}
    countries = {c.iso3: c for c in Country.objects.all()}
    stages, chain = mapped_chain(analysis)
    existing = set(analysis.items.values_list("stage__stage", "country__iso3", "issue__code", "good"))
    created = []
    confidence = OFFERED_CONFIDENCE if include_offered else AUTOMATIC_CONFIDENCE
    for proposal in proposals_for(analysis.category, data, set(issues), chain, confidence=confidence):
        key = (proposal.stage, proposal.iso3, proposal.issue_code, proposal.good)
        if key in existing or proposal.iso3 not in countries:
            continue
        created.append(
            add_item(
                analysis=analysis,
                stage=stages[proposal.stage],
                issue=issues[proposal.issue_code],
                country=countries[proposal.iso3],
                acting_user=acting_user,
                origin=ItemOrigin.PROPOSED,
                data=data,
                good=proposal.good,
                cpv_code=proposal.cpv,
                proposal_reason=proposal.reason,
            )
        )
        existing.add(key)
    return created


@transaction.atomic
def approve_analysis(*, analysis: RiskAnalysis, acting_user: User) -> AnalysisVersion:
    """Approve the analysis: freeze the current state as an append-only version."""
    analysis = RiskAnalysis.objects.select_for_update().get(pk=analysis.pk)
    if not may_approve(actor_for(acting_user), analysis):
        raise PermissionDenied(_("Only the responsible area's coordinator or the secretariat approves."))
    if analysis.status != AnalysisStatus.DRAFT:
        raise ValidationError(_("Only a draft can be approved."))
    if analysis.items.filter(review=ItemReview.PROPOSED).exists():
        raise ValidationError(_("Confirm or reject every proposed item before approving."))
    now = timezone.now()
    analysis.status, analysis.approved_at, analysis.approved_by = AnalysisStatus.APPROVED, now, acting_user
    analysis.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    version = AnalysisVersion.objects.create(
        analysis=analysis,
        number=analysis.version,
        approved_at=now,
        approved_by=acting_user,
        snapshot=snapshot(analysis),
    )
    audit.record("risk.analysis.approved", analysis, actor=acting_user, changes={"version": version.number})
    return version


@transaction.atomic
def publish_analysis(*, analysis: RiskAnalysis, acting_user: User) -> AnalysisVersion:
    """Publish the public summary of the analysis' latest approved version. Approval is internal;
    only a published version's summary is shown to anyone outside the collaboration."""
    analysis = RiskAnalysis.objects.select_for_update().get(pk=analysis.pk)
    if not may_approve(actor_for(acting_user), analysis):
        raise PermissionDenied(_("Only the responsible area's coordinator or the secretariat publishes."))
    version = analysis.versions.order_by("-number").first()
    if version is None:
        raise ValidationError(_("Approve the analysis before publishing its summary."))
    if version.published_at is not None:
        raise ValidationError(_("The latest approved version is already published."))
    version.published_at, version.published_by = timezone.now(), acting_user
    version.save(update_fields=["published_at", "published_by"])
    audit.record("risk.analysis.published", analysis, actor=acting_user, changes={"version": version.number})
    return version


@transaction.atomic
def reopen_analysis(*, analysis: RiskAnalysis, acting_user: User) -> RiskAnalysis:
    """Start the next version from an approved analysis; the approved versions stay as they are."""
    if not may_edit(actor_for(acting_user), analysis):
        raise PermissionDenied(_("You may not change this risk analysis."))
    if analysis.status != AnalysisStatus.APPROVED:
        raise ValidationError(_("Only an approved analysis can be reopened."))
    analysis.status, analysis.version = AnalysisStatus.DRAFT, analysis.version + 1
    analysis.save(update_fields=["status", "version", "updated_at"])
    audit.record("risk.analysis.reopened", analysis, actor=acting_user, changes={"version": analysis.version})
    return analysis


@transaction.atomic
def update_analysis_texts(
    *, analysis: RiskAnalysis, summary: str, confidential_notes: str, acting_user: User
) -> RiskAnalysis:
    """Edit the public summary and the internal notes."""
    _check_edit(analysis, acting_user)
    values = {"summary": summary, "confidential_notes": confidential_notes}
    changes = audit.diff(analysis, values)
    for name, value in values.items():
        setattr(analysis, name, value)
    analysis.save()
    audit.record("risk.analysis.updated", analysis, actor=acting_user, changes=changes)
    return analysis


@transaction.atomic
def set_contract_override(
    *,
    contract: Contract,
    issue: Issue,
    country: Country | None,
    good: str = "",
    excluded: bool = False,
    actual: bool = False,
    likelihood: int | None = None,
    reason: str,
    acting_user: User,
) -> ContractRiskOverride:
    """Correct one item of a contract's derived register, with a written reason."""
    from kedja.contracts.queries import may_edit_contract

    if not may_edit_contract(actor_for(acting_user), contract):
        raise PermissionDenied(_("You may not change this contract's risk register."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the override.")})
    if likelihood is not None and not 1 <= likelihood <= 5:
        raise ValidationError({"likelihood": _("Scores lie between 1 and 5.")})
    override, created = ContractRiskOverride.objects.update_or_create(
        contract=contract,
        issue=issue,
        country=country,
        good=good,
        defaults={
            "excluded": excluded,
            "actual": actual,
            "likelihood": likelihood,
            "reason": reason,
            "created_by": acting_user,
        },
    )
    audit.record(
        "risk.contract_override.set",
        override,
        actor=acting_user,
        changes={"excluded": excluded, "actual": actual, "likelihood": likelihood, "reason": reason},
    )
    return override


@transaction.atomic
def start_follow_up_cases(*, suppliers: list[Any], lead: Organisation, acting_user: User) -> list[Any]:
    """Start one follow-up case per chosen supplier of the "whom to follow up" list.

    `suppliers` are rows of `register.follow_up_list` (supplier, its registers). The follow-up app's
    own action starts each case and checks that the acting user may lead it; all or none are started.
    """
    # Imported here: follow-up sits beside risk in the dependency order, and only this action needs it.
    from kedja.followup.actions import start_case_for_supplier

    if not suppliers:
        raise ValidationError(_("Choose at least one supplier to follow up."))
    cases = []
    for row in suppliers:
        contracts = [register.contract for register in row.registers]
        case = start_case_for_supplier(
            acting_user=acting_user, supplier=row.supplier, lead=lead, contracts=contracts
        )
        audit.record(
            "risk.follow_up.case_started",
            case,
            actor=acting_user,
            changes={"rating": row.rating, "top_priority": row.top_priority, "contracts": contracts},
        )
        cases.append(case)
    return cases


@transaction.atomic
def load_dataset(
    *, kind: str, data_dir: Path, acting_user: User | None = None, edition: str | None = None
) -> tuple[DatasetEdition, bool]:
    """Load one dataset file as a new current edition, keeping older editions.

    Idempotent: a file whose sha256 is already loaded for this dataset is not loaded again (it is
    made current if it was not). Returns the edition and whether it was newly created.
    """
    spec = SPEC_BY_KIND[kind]
    path = Path(data_dir) / spec.path
    if not path.is_file():
        raise ValidationError(_("Dataset file not found: %(path)s") % {"path": path})
    digest = sha256_of_path(path)
    existing = DatasetEdition.objects.filter(kind=kind, sha256=digest).first()
    if existing:
        if not existing.is_current:
            make_current(existing)
            audit.record("risk.dataset.made_current", existing, actor=acting_user)
        return existing, False
    rows, parameters = spec.parse(read_records(path))
    created = store_edition(
        kind=kind,
        rows=rows,
        parameters=parameters,
        digest=digest,
        label=edition or spec.edition,
        file_name=spec.path,
    )
    make_current(created)
    audit.record(
        "risk.dataset.loaded", created, actor=acting_user, changes={"sha256": digest, "rows": len(rows)}
    )
    return created, True
