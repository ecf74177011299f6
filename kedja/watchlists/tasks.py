"""Screening in the background (Django Tasks), reporting progress on its ScreeningRun."""

import logging

from django.db.models import F
from django.tasks import task
from django.utils import timezone

from kedja.watchlists import actions, screening
from kedja.watchlists.models import RunStatus, ScreeningRun

logger = logging.getLogger(__name__)


@task
def run_screening(run_id: int) -> str:
    run = ScreeningRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run.status  # another worker took it
    whole = not run.supplier_ids and not run.site_ids
    supplier_qs = screening.suppliers(None if whole else run.supplier_ids)
    site_qs = screening.sites(None if whole else run.site_ids)
    ScreeningRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, subjects_total=supplier_qs.count() + site_qs.count()
    )

    def progress(done: int) -> None:
        ScreeningRun.objects.filter(pk=run.pk).update(subjects_done=F("subjects_done") + done)

    def found(candidates) -> None:
        raised = actions.raise_alerts(run=run, candidates=candidates)
        ScreeningRun.objects.filter(pk=run.pk).update(alerts_raised=F("alerts_raised") + raised)

    status = RunStatus.DONE
    try:
        screening.run(supplier_qs, site_qs, progress=progress, found=found)
    except Exception:  # the page must say the screening failed rather than show it running for ever
        logger.exception("Watch-list screening %s failed", run.uuid)
        status = RunStatus.FAILED
    ScreeningRun.objects.filter(pk=run.pk).update(status=status, finished_at=timezone.now())
    return status
