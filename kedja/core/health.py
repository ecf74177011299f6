"""What a load balancer or monitor asks: is the database reachable, is the task worker alive, how
long is the queue. Counts and ages only, never personal data."""

from datetime import timedelta
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import Max
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kedja.core.models import WorkerHeartbeat
from kedja.core.worker import HEARTBEAT_SECONDS

# A worker busy with one long task (an annual report PDF) does not beat meanwhile, so "alive"
# allows a generous margin over the heartbeat interval.
WORKER_STALE_AFTER = timedelta(seconds=max(120, 3 * HEARTBEAT_SECONDS))


def check() -> dict[str, Any]:
    """The health report; 'database' is False (and nothing else is known) when it cannot be read."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        last_beat = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
        queued = DBTaskResult.objects.ready().count()
    except DatabaseError:
        return {"status": "down", "database": False, "worker": None, "queue": None}
    age = (timezone.now() - last_beat).total_seconds() if last_beat else None
    alive = age is not None and age <= WORKER_STALE_AFTER.total_seconds()
    return {
        "status": "ok" if alive else "degraded",
        "database": True,
        "worker": {"alive": alive, "heartbeat_age_seconds": None if age is None else round(age, 1)},
        "queue": {"ready": queued},
    }
