"""Demo data: one small edition of CBP's withhold release orders that names a confidential glove
factory of the demo chain, screened at once, so the case team (Olle, Region Stockholm) has an open
alert and the viewer (Vera) and the supplier (Lev) show that they see none.

The third row is invented for the demo; the first two are CBP's own."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from kedja.organisations.models import User
from kedja.watchlists import actions, tasks
from kedja.watchlists.models import ListSource, RunStatus, ScreeningRun

SAMPLE = Path(__file__).parent / "demo_data" / "withhold-release-orders-and-findings.csv"


def load() -> None:
    """Load the edition as the secretariat and screen in this process (no worker runs during the
    demo load or the tests that load it)."""
    sara = User.objects.get(email="sara@kansliet.demo")
    actions.load_list_edition(
        acting_user=sara,
        source=ListSource.CBP_WRO,
        uploaded=SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes()),
        edition="2026-11-28",
    )
    for run in ScreeningRun.objects.filter(status=RunStatus.QUEUED):
        tasks.run_screening.call(run.pk)
