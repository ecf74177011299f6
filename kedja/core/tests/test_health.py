"""The health endpoint: anonymous, cheap, counts and ages only."""

from datetime import timedelta
from unittest import mock

import psycopg
import pytest
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from kedja.core.models import WorkerHeartbeat
from kedja.core.worker import record_heartbeat


def _queue_task() -> None:
    DBTaskResult.objects.create(
        task_path="kedja.core.tests.stress_tasks.record_stress_entry",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
    )


@pytest.mark.django_db
def test_anonymous_health_reports_database_worker_and_queue(client, django_assert_max_num_queries):
    record_heartbeat("worker-a")
    _queue_task()
    _queue_task()
    with django_assert_max_num_queries(3):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    report = response.json()
    assert report["status"] == "ok"
    assert report["database"] is True
    assert report["worker"]["alive"] is True
    assert 0 <= report["worker"]["heartbeat_age_seconds"] < 120  # slow only on a very busy machine
    assert report["queue"] == {"ready": 2}


@pytest.mark.django_db
def test_health_without_any_worker_is_degraded_but_serving(client):
    report = client.get("/healthz").json()
    assert report["status"] == "degraded"
    assert report["worker"] == {"alive": False, "heartbeat_age_seconds": None}


@pytest.mark.django_db
def test_health_with_stale_worker_fails_only_when_worker_is_required(client):
    WorkerHeartbeat.objects.create(worker_id="old", seen_at=timezone.now() - timedelta(minutes=10))
    assert client.get("/healthz").status_code == 200
    response = client.get("/healthz?worker=required")
    assert response.status_code == 503
    assert response.json()["worker"]["alive"] is False
    assert response.json()["worker"]["heartbeat_age_seconds"] >= 600


@pytest.mark.django_db
def test_health_with_unreachable_database_is_503(client):
    with mock.patch("kedja.core.health.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": False, "worker": None, "queue": None}


@pytest.mark.django_db
def test_health_shows_no_personal_data(client, personas):
    body = client.get("/healthz").content.decode()
    assert "@" not in body
    assert personas.sara.email not in body


@pytest.mark.django_db
def test_health_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_health_is_not_redirected_to_https_but_pages_are(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


@pytest.mark.django_db
def test_heartbeat_keeps_one_row_per_worker_and_drops_day_old_ones():
    WorkerHeartbeat.objects.create(worker_id="gone", seen_at=timezone.now() - timedelta(days=2))
    record_heartbeat("worker-a")
    record_heartbeat("worker-a")
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["worker-a"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL connection health checks")
def test_restarted_database_connection_costs_no_failed_request(transactional_db, client):
    assert client.get("/healthz").status_code == 200  # opens the kept (CONN_MAX_AGE) connection
    pid = connection.connection.info.backend_pid
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])  # what a server restart does to it
    close_old_connections()  # what every real request starts with (the test client skips it)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] is True
    assert connection.connection.info.backend_pid != pid
