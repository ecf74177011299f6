"""Every write of the watch lists: loading an edition, screening, raising and deciding alerts."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kedja.core.audit import record
from kedja.core.files import sha256_of_stream
from kedja.core.uploads import check_upload
from kedja.followup.actions import start_case_for_supplier
from kedja.followup.models import FollowUpCase
from kedja.notifications import events as notify
from kedja.organisations.models import User
from kedja.organisations.queries import actor_for
from kedja.risk.assessment import score_item
from kedja.risk.data import RiskData
from kedja.risk.models import Evidence
from kedja.risk.models.analysis import EvidenceKindChoice
from kedja.watchlists import queries
from kedja.watchlists.formats import ListFileError, ParsedEntry, Tally
from kedja.watchlists.matching import Candidate
from kedja.watchlists.models import (
    Alert,
    AlertStatus,
    ListCategory,
    ListEdition,
    ListEntry,
    ScreeningRun,
)
from kedja.watchlists.sources import SPEC_BY_SOURCE

BATCH = 5_000


def _check_file(uploaded: Any, file_kind: str) -> None:
    allowed = {"xml"} if file_kind == "xml" else {"csv", "json", "txt"}
    check_upload(uploaded, allowed=allowed, max_bytes=settings.KEDJA_WATCHLIST_MAX_BYTES)


@transaction.atomic
def load_list_edition(*, acting_user: User, source: str, uploaded: Any, edition: str) -> ListEdition:
    """Read a publisher's list file into a new current edition of `source` (the secretariat only).

    Every entry is read before anything is kept: a file that breaks anywhere changes nothing. The
    edition replaces the current one (older editions stay), and a screening of every supplier and
    site against the lists is queued for after the commit."""
    if not queries.may_manage_lists(actor_for(acting_user)):
        raise PermissionDenied
    spec = SPEC_BY_SOURCE.get(source)
    if spec is None:
        raise ValidationError({"source": _("Choose a list.")})
    _check_file(uploaded, spec.file_kind)
    sha256 = sha256_of_stream(uploaded)
    if ListEdition.objects.filter(source=source, sha256=sha256).exists():
        raise ValidationError(_("This file has already been loaded for this list."))
    ListEdition.objects.filter(source=source, is_current=True).update(is_current=False)
    loaded = ListEdition.objects.create(
        source=source,
        category=spec.category,
        edition=edition.strip() or timezone.localdate().isoformat(),
        file_name=(getattr(uploaded, "name", "") or "")[-200:],
        sha256=sha256,
        licence=spec.licence,
        attribution_sv=spec.attribution_sv,
        attribution_en=spec.attribution_en,
        source_url=spec.source_url,
        loaded_by=acting_user if acting_user.is_authenticated else None,
    )
    tally = Tally()
    try:
        loaded.row_count = _store_entries(loaded, spec.read(uploaded, tally))
    except ListFileError as error:
        raise ValidationError(str(error)) from None
    if not loaded.row_count:
        raise ValidationError(_("The file names no organisation: check that you chose the right list."))
    loaded.skipped_individuals = tally.skipped_individuals
    loaded.save(update_fields=["row_count", "skipped_individuals", "updated_at"])
    record(
        "watchlists.edition.loaded",
        loaded,
        actor=acting_user,
        changes={"source": source, "edition": loaded.edition, "sha256": sha256, "entries": loaded.row_count},
    )
    _queue_screening(gettext_noop("New edition: %(edition)s"), edition=loaded)
    return loaded


def _store_entries(edition: ListEdition, parsed: Iterable[ParsedEntry]) -> int:
    count, batch = 0, []
    for entry in parsed:
        batch.append(
            ListEntry(
                edition=edition,
                entry_id=entry.entry_id[:200],
                name=entry.name[:500],
                aliases=entry.aliases,
                countries=entry.countries,
                identifiers=entry.identifiers,
                address=entry.address,
                programme=entry.programme[:500],
                listed_on=entry.listed_on[:30],
                content_hash=entry.content_hash(),
            )
        )
        if len(batch) == BATCH:
            count += len(ListEntry.objects.bulk_create(batch))
            batch = []
    return count + len(ListEntry.objects.bulk_create(batch))


def _queue_screening(
    reason: str,
    *,
    edition: ListEdition | None = None,
    supplier_ids: Iterable[int] = (),
    site_ids: Iterable[int] = (),
) -> ScreeningRun:
    """`reason` is a msgid, shown in the reader's language (ScreeningRun.reason_text)."""
    from kedja.watchlists.tasks import run_screening

    run = ScreeningRun.objects.create(
        reason=reason, edition=edition, supplier_ids=list(supplier_ids), site_ids=list(site_ids)
    )
    transaction.on_commit(lambda: run_screening.enqueue(run.pk))
    return run


@transaction.atomic
def request_screening(*, acting_user: User) -> ScreeningRun:
    """Screen every supplier and site again now (the secretariat), e.g. after changing the threshold."""
    if not queries.may_manage_lists(actor_for(acting_user)):
        raise PermissionDenied
    run = _queue_screening(gettext_noop("Requested screening"))
    record("watchlists.screening.requested", run, actor=acting_user)
    return run


@transaction.atomic
def screen_changed_subjects(*, supplier_ids: list[int], site_ids: list[int]) -> ScreeningRun:
    """Kedja screens a supplier or a site that was added or changed (no person acts)."""
    run = _queue_screening(
        gettext_noop("Supplier or site changed"), supplier_ids=supplier_ids, site_ids=site_ids
    )
    record(
        "watchlists.screening.queued", run, actor=None, changes={"suppliers": supplier_ids, "sites": site_ids}
    )
    return run


@transaction.atomic
def raise_alerts(*, run: ScreeningRun, candidates: list[Candidate]) -> int:
    """Kedja turns candidate matches into alerts (no person acts). A pair already raised for the
    same entry content is left as it is: open stays open, and a dismissal holds."""
    entries = ListEntry.objects.select_related("edition").in_bulk([c.entry for c in candidates])
    raised = 0
    for candidate in candidates:
        entry = entries[candidate.entry]
        kind, subject_id = candidate.subject  # screening's keys: ("supplier" or "site", pk)
        subject = {"supplier_id": subject_id} if kind == "supplier" else {"site_id": subject_id}
        alert, created = Alert.objects.get_or_create(
            source=entry.edition.source,
            entry_key=entry.entry_id,
            content_hash=entry.content_hash,
            **subject,
            defaults={"entry": entry, "score": candidate.score, "reasons": candidate.reasons},
        )
        if created:
            raised += 1
            record("watchlists.alert.raised", alert, actor=None, changes={"score": alert.score})
            notify.watchlist_alert(alert)
        elif alert.status == AlertStatus.OPEN and alert.entry_id != entry.pk:
            alert.entry, alert.score, alert.reasons = entry, candidate.score, candidate.reasons
            alert.save(update_fields=["entry", "score", "reasons", "updated_at"])
    return raised


@transaction.atomic
def decide_alert(*, acting_user: User, alert: Alert, confirm: bool, note: str) -> Alert:
    """Confirm an open alert as a true match, or dismiss it as a false one (with a reason).

    A confirmed match on a forced-labour enforcement list proposes a follow-up case for the
    contracts concerned."""
    if not queries.may_decide(actor_for(acting_user), alert):
        raise PermissionDenied
    if alert.status != AlertStatus.OPEN:
        raise ValidationError(_("This alert has already been decided."))
    note = note.strip()
    if not confirm and not note:
        raise ValidationError({"note": _("Say why this is not the listed organisation.")})
    alert.status = AlertStatus.CONFIRMED if confirm else AlertStatus.DISMISSED
    alert.decided_by, alert.decided_at, alert.decision_note = acting_user, timezone.now(), note
    alert.follow_up_proposed = confirm and alert.entry.edition.category == ListCategory.FORCED_LABOUR
    alert.save()
    if confirm:
        alert.evidence.set(_add_evidence(alert))
    record(
        "watchlists.alert.confirmed" if confirm else "watchlists.alert.dismissed",
        alert,
        actor=acting_user,
        changes={
            "note": note,
            "follow_up_proposed": alert.follow_up_proposed,
            "evidence_on": [str(e.item) for e in alert.evidence.all()],
        },
    )
    return alert


def _add_evidence(alert: Alert) -> list[Evidence]:
    """A confirmed listing is evidence on the risk items concerned, and they are rescored at once.

    Not through risk's add_evidence: the case team decides the match, and the analysis may belong
    to another area or be approved; like a closed grievance, a listing is a fact of today, and an
    approved version keeps its own snapshot."""
    edition = alert.entry.edition
    kind = (
        EvidenceKindChoice.WRO
        if edition.category == ListCategory.FORCED_LABOUR
        else EvidenceKindChoice.ALLEGATION
    )
    source = f"{edition}: {alert.entry.name}"[:300]
    data = RiskData.current()
    added = []
    for item in queries.risk_items_concerned(alert):
        added.append(
            Evidence.objects.create(
                item=item, kind=kind, source=source, dated=timezone.localdate(), supplier_specific=True
            )
        )
        score_item(item, data)
        item.save()
    return added


@transaction.atomic
def accept_follow_up(*, acting_user: User, alert: Alert) -> FollowUpCase:
    """The case team accepts the follow-up a confirmed enforcement listing proposed: a follow-up
    case of the supplier, led by the person's own region (or the secretariat), for the contracts
    concerned. Never started without someone accepting it."""
    actor = actor_for(acting_user)
    if not queries.may_decide(actor, alert):
        raise PermissionDenied
    if not queries.may_accept_follow_up(actor, alert):
        raise ValidationError(_("No follow-up case is proposed for this alert."))
    lead = queries.follow_up_lead(actor, alert)
    if lead is None:
        raise PermissionDenied
    supplier = alert.supplier_concerned
    contracts = list(queries.concerned(alert).filter(supplier=supplier).distinct())
    case = start_case_for_supplier(acting_user=acting_user, supplier=supplier, lead=lead, contracts=contracts)
    alert.follow_up_case = case
    alert.save(update_fields=["follow_up_case", "updated_at"])
    record("watchlists.alert.follow_up_started", alert, actor=acting_user, changes={"case": str(case.uuid)})
    return case
