"""Spend screening in the background (Django Tasks): read the whole file, save the result, and
delete the file unless the person who uploaded it chose to keep it."""

import logging
from pathlib import Path

from django.conf import settings
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from kedja.core.files import sha256_of_path
from kedja.risk import screening as glue
from kedja.risk.models import ScreeningStatus, SpendScreening
from kedja.risk.spend import Period, SpendFileError, screen

logger = logging.getLogger(__name__)


@task
def run_screening(screening_id: int) -> str:
    item = SpendScreening.objects.get(pk=screening_id)
    if item.status != ScreeningStatus.QUEUED:
        return item.status  # already run by another worker, or the mapping changed
    SpendScreening.objects.filter(pk=item.pk).update(status=ScreeningStatus.RUNNING)
    path = Path(settings.MEDIA_ROOT) / item.stored_file
    if not item.sha256:
        item.sha256 = sha256_of_path(path)
    try:
        result = screen(
            path,
            glue.reference_tables(item.organisation),
            columns=item.columns,
            kind=item.kind,
            sheet=item.source.get("sheet", ""),
            progress=lambda percent: SpendScreening.objects.filter(pk=item.pk).update(progress=percent),
            period=Period(item.period_start, item.period_end)
            if item.period_start or item.period_end
            else None,
        )
    except SpendFileError as error:
        item.status, item.error = ScreeningStatus.FAILED, str(error)
    except Exception:  # the page must say the screening failed rather than show it running for ever
        logger.exception("Spend screening %s failed", item.uuid)
        item.status, item.error = (
            ScreeningStatus.FAILED,
            _("The file could not be screened because of an error in Kedja."),
        )
    else:
        item.status, item.result, item.source = ScreeningStatus.DONE, result.to_json(), result.source
        item.progress = 100
        item.datasets = glue.dataset_editions()
    if not item.keep_file and item.status == ScreeningStatus.DONE:
        path.unlink(missing_ok=True)
        item.stored_file = ""
    item.finished_at = timezone.now()
    item.save()
    return item.status
