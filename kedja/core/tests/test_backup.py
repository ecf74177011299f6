"""manage.py backup and restore: a round trip gives back every table row and every file."""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from kedja.core import audit


def _manage(*args: str, database_url: str, media_root: Path) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kedja.settings",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    run = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def _rows_sqlite(path: Path) -> dict[str, list]:
    with closing(sqlite3.connect(path)) as db:
        tables = [
            r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def _rows_postgres(name: str) -> dict[str, list]:
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname=name) as db:
        tables = [
            r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        ]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _some_data_and_files(personas, media: Path) -> None:
    audit.record("test.backup", personas.supplier_a, actor=personas.sara, changes={"note": "åäö"})
    (media / "followup" / "documents").mkdir(parents=True)
    (media / "followup" / "documents" / "audit report.pdf").write_bytes(b"%PDF-1.7 " + bytes(range(256)))
    (media / "reports" / "2026").mkdir(parents=True)
    (media / "reports" / "2026" / "annual.xlsx").write_bytes(os.urandom(5000))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite round trip")
def test_backup_and_restore_round_trip_on_sqlite_gives_every_row_and_file(
    transactional_db, personas, tmp_path
):
    source_db, source_media = tmp_path / "source.sqlite3", tmp_path / "media"
    _some_data_and_files(personas, source_media)
    connection.ensure_connection()
    with closing(sqlite3.connect(source_db)) as copy:  # the test database, as a real file
        connection.connection.backup(copy)
    archive = tmp_path / "backup.tar"
    _manage(
        "backup", "--output", str(archive), database_url=f"sqlite:///{source_db}", media_root=source_media
    )
    restored_db, restored_media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    out = _manage("restore", str(archive), database_url=f"sqlite:///{restored_db}", media_root=restored_media)
    assert "2 media files" in out
    source_rows = _rows_sqlite(source_db)
    assert source_rows["core_auditentry"] and source_rows["organisations_user"]
    assert _rows_sqlite(restored_db) == source_rows
    assert _files(restored_media) == _files(source_media)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL round trip")
def test_backup_and_restore_round_trip_on_postgresql_gives_every_row_and_file(
    transactional_db, personas, tmp_path
):
    source_media = tmp_path / "media"
    _some_data_and_files(personas, source_media)
    host = "postgres://postgres@127.0.0.1:5432/"
    archive = tmp_path / "backup.tar"
    _manage(
        "backup",
        "--output",
        str(archive),
        database_url=host + connection.settings_dict["NAME"],
        media_root=source_media,
    )
    target = f"kedja_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        restored_media = tmp_path / "restored-media"
        _manage("restore", str(archive), database_url=host + target, media_root=restored_media)
        source_rows = _rows_postgres(connection.settings_dict["NAME"])
        assert source_rows["core_auditentry"] and source_rows["organisations_user"]
        assert _rows_postgres(target) == source_rows
        assert _files(restored_media) == _files(source_media)
    finally:
        with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def _archive(tmp_path, settings) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.txt").write_text("original")
    archive = tmp_path / "backup.tar"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    return archive


def test_restore_refuses_a_database_that_is_not_empty(transactional_db, tmp_path, settings):
    archive = _archive(tmp_path, settings)
    settings.MEDIA_ROOT = tmp_path / "empty-media"
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(archive))
    assert not (tmp_path / "empty-media").exists()


def test_restore_refuses_a_damaged_archive_before_touching_anything(transactional_db, tmp_path, settings):
    archive = _archive(tmp_path, settings)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as original, tarfile.open(damaged, "w") as copy:
        for member in original.getmembers():
            data = original.extractfile(member).read()
            if member.name == "media/a.txt":
                data = b"tampered"
                member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="checksum of media/a.txt does not match"):
        call_command("restore", str(damaged))


def test_backup_manifest_lists_every_file_with_its_sha256(transactional_db, tmp_path, settings):
    archive = _archive(tmp_path, settings)
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        names = set(tar.getnames())
    assert manifest["database"]["vendor"] == connection.vendor
    assert set(manifest["files"]) == names - {"manifest.json"}
    assert manifest["files"]["media/a.txt"] == hashlib.sha256(b"original").hexdigest()


def test_backup_refuses_to_overwrite_an_existing_archive(transactional_db, tmp_path, settings):
    archive = _archive(tmp_path, settings)
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "--output", str(archive))
