"""`manage.py db_worker`: django-tasks-db's command with Kedja's polite worker (kedja/core/worker.py).

kedja.core is listed before django_tasks_db in INSTALLED_APPS, so this command replaces upstream's
under the same name and every existing start script keeps working.
"""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker as upstream

from kedja.core.worker import PoliteWorker


class Command(upstream.Command):
    def handle(
        self, *, verbosity: int, reload: bool, batch: bool, queue_name: str, exclude_queues: str, **options
    ):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise upstream.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = PoliteWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
