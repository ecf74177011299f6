"""SQLite as the demo runs it: the task worker and 8 writers at once never see "database is locked"."""

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest
from django.conf import settings
from django.db import connection

from kedja.core.models import AuditEntry, WorkerHeartbeat

WRITERS = 8
SECONDS = 6


def _environment(database: str) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kedja.settings", "DATABASE_URL": f"sqlite:///{database}"}
    env["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"  # the real queue, not the tests' immediate one
    return env


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking is what is tested")
def test_worker_and_eight_writers_on_sqlite_file_have_no_errors(transactional_db, tmp_path):
    database = tmp_path / "kedja.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(database)) as copy:  # the migrated test schema, copied to a real file
        connection.connection.backup(copy)
    env = _environment(str(database))
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.05",
            "--no-reload",
            "--no-startup-delay",
            "-v0",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.5)  # let the worker start polling before the writers begin
        run = subprocess.run(
            [sys.executable, "-m", "kedja.core.tests.sqlite_writers", str(WRITERS), str(SECONDS)],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=SECONDS + 60,
            check=True,
        )
        time.sleep(1.5)  # the worker finishes the last queued tasks
    finally:
        worker.terminate()
        _, worker_errors = worker.communicate(timeout=30)
    result = json.loads(run.stdout.strip().splitlines()[-1])
    with closing(sqlite3.connect(database)) as check:
        task_entries = check.execute(
            "SELECT count(*) FROM core_auditentry WHERE action = 'stress.task'"
        ).fetchone()[0]
        heartbeats = check.execute("SELECT count(*) FROM core_workerheartbeat").fetchone()[0]
    assert result["error_count"] == 0, result["errors"]
    assert "locked" not in worker_errors, worker_errors
    assert result["saves"] > WRITERS * 10
    assert task_entries > 0  # the worker ran tasks while the writers wrote
    assert heartbeats == 1
    assert not AuditEntry.objects.filter(
        action="stress.write"
    ).exists()  # the test's own database is untouched
    assert not WorkerHeartbeat.objects.exists()
