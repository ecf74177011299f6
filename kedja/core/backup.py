"""Backup and restore of the database and the media files together, as one tar archive.

The archive holds the database (PostgreSQL: pg_dump's custom format; SQLite: a copy made with
SQLite's online backup API, consistent while the site runs), every file under MEDIA_ROOT, and
manifest.json with the sha256 of each of them. The database is copied first, then the files:
files are only ever added, so every file the copied database refers to is in the archive.
Restore checks every checksum before it touches anything, and only restores onto an empty
database and an empty media folder.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

from kedja.core.files import sha256_of_path

FORMAT = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, and nothing was changed."""


def _pg_environment(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password goes through the environment."""
    args = ["--dbname", settings_dict["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [option, str(settings_dict[key])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as missing:
        raise BackupError(
            f"{command[0]} is not installed (PostgreSQL's client tools are needed)."
        ) from missing
    except subprocess.CalledProcessError as failed:
        raise BackupError(f"{command[0]} failed: {failed.stderr.strip()}") from failed


def dump_database(connection: BaseDatabaseWrapper, target: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
    elif connection.vendor == "postgresql":
        args, env = _pg_environment(connection.settings_dict)
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args], env
        )
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def media_files(media_root: Path) -> list[Path]:
    if not media_root.exists():
        return []
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def create(connection: BaseDatabaseWrapper, media_root: Path, archive: Path) -> dict[str, Any]:
    """Write the archive; returns its manifest."""
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / DUMP_NAMES.get(connection.vendor, "database")
        dump_database(connection, dump)
        files = media_files(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": {"vendor": connection.vendor, "file": dump.name},
            "files": {dump.name: sha256_of_path(dump)},
        }
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            tar.add(dump, arcname=dump.name)
            for path in files:
                name = "media/" + path.relative_to(media_root).as_posix()
                manifest["files"][name] = sha256_of_path(path)
                tar.add(path, arcname=name)
            encoded = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(encoded)
            with tempfile.SpooledTemporaryFile() as buffer:
                buffer.write(encoded)
                buffer.seek(0)
                tar.addfile(info, buffer)
        partial.replace(archive)  # a half-written archive never carries the final name
    return manifest


def unpack(archive: Path, into: Path) -> dict[str, Any]:
    """Extract and check the archive: every file listed, present and with its checksum, nothing else."""
    try:
        with tarfile.open(archive, "r") as tar:
            tar.extractall(into, filter="data")  # refuses absolute paths, links out and '..'
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{archive} is not a readable Kedja backup: {error}") from error
    try:
        manifest = json.loads((into / MANIFEST).read_text())
        listed = manifest["files"]
        vendor = manifest["database"]["vendor"]
    except (OSError, ValueError, KeyError) as error:
        raise BackupError(f"{archive} has no valid {MANIFEST}.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} has backup format {manifest.get('format')}; this Kedja reads {FORMAT}.")
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {MANIFEST}
    if present != set(listed):
        raise BackupError(f"{archive} does not match its manifest (files missing or added).")
    for name, expected in listed.items():
        if sha256_of_path(into / name) != expected:
            raise BackupError(f"{archive}: the checksum of {name} does not match; the archive is damaged.")
    if manifest["database"]["file"] not in listed:
        raise BackupError(f"{archive} holds no database ({vendor}).")
    return manifest


def ensure_empty(connection: BaseDatabaseWrapper, media_root: Path) -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} tables). "
            "Restore onto a new, empty database."
        )
    if media_files(media_root):
        raise BackupError(f"The media folder {media_root} is not empty. Restore into an empty folder.")


def restore_database(connection: BaseDatabaseWrapper, dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(dump)) as source:
            source.backup(connection.connection)
    else:
        args, env = _pg_environment(connection.settings_dict)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *args,
                str(dump),
            ],
            env,
        )


def restore(connection: BaseDatabaseWrapper, media_root: Path, archive: Path) -> dict[str, Any]:
    """Check the archive, then restore its database and files onto an empty database and folder."""
    with tempfile.TemporaryDirectory() as scratch:
        unpacked = Path(scratch)
        manifest = unpack(archive, unpacked)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                f"This backup holds a {vendor} database; the configured database is {connection.vendor}."
            )
        ensure_empty(connection, media_root)
        restore_database(connection, unpacked / manifest["database"]["file"])
        media = unpacked / "media"
        if media.exists():
            media_root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    return manifest


def run_from_command(
    operation: Callable[[BaseDatabaseWrapper, Path, Path], dict[str, Any]], archive: Path
) -> dict[str, Any]:
    """`create` or `restore` on the site's own database and media folder, for manage.py: a
    BackupError is the CommandError manage.py reports without a traceback."""
    try:
        return operation(default_connection, Path(settings.MEDIA_ROOT), archive)
    except BackupError as error:
        raise CommandError(str(error)) from error
