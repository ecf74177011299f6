"""The task worker: django-tasks-db's database worker, polite to a shared SQLite database.

Upstream polls by opening an exclusive transaction every interval, so on SQLite an idle worker
takes the database's one write lock once a second and ordinary saves queue behind it. Here an
empty queue is seen with a plain read; the exclusive transaction is opened only to claim a task
that is there. Each pass also records a heartbeat (at most every HEARTBEAT_SECONDS) for /healthz.
"""

import logging
import random
import time
from datetime import timedelta

from django.db import close_old_connections, transaction
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from kedja.core.models import WorkerHeartbeat

logger = logging.getLogger("django_tasks_db")

HEARTBEAT_SECONDS = 10
# Heartbeats of workers that stopped (each start has a new id) are dropped after a day.
HEARTBEAT_KEPT = timedelta(days=1)


def record_heartbeat(worker_id: str) -> None:
    """Write this worker's heartbeat in one short transaction and drop long-dead workers' rows."""
    now = timezone.now()
    with transaction.atomic():
        WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now})
        WorkerHeartbeat.objects.filter(seen_at__lt=now - HEARTBEAT_KEPT).delete()


class PoliteWorker(Worker):
    """Claims tasks like upstream's worker, but only takes the write lock when one is waiting."""

    _last_heartbeat = 0.0

    def ready_tasks(self) -> DBTaskResultQuerySet:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        return tasks

    def claim_next(self) -> DBTaskResult | None:
        """Claim one ready task; None when another worker was faster or the lock was busy."""
        tasks = self.ready_tasks()
        if not tasks.exists():  # a plain read: no write lock while the queue is empty
            return None
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
                return task_result
        except OperationalError as error:
            if is_locked_database_exception(error):
                return None
            raise

    def beat(self) -> None:
        if time.monotonic() - self._last_heartbeat < HEARTBEAT_SECONDS:
            return
        try:
            record_heartbeat(self.worker_id)
        except OperationalError as error:
            # A missed heartbeat is not worth stopping the worker for; the next pass retries.
            logger.warning("Could not record the worker heartbeat: %s", error)
            return
        self._last_heartbeat = time.monotonic()

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # spreads workers started together
        while self.running:
            close_old_connections()
            self.beat()
            task_result = self.claim_next()
            if task_result is not None:
                self.run_task(task_result)
            elif self.batch:
                logger.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info(
                    "Ran the maximum of %d tasks on worker_id=%s - exiting.", self._run_tasks, self.worker_id
                )
                return
            close_old_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)
