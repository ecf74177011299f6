"""`make demo PORT=8080` serves on that port, and links in e-mail point there too."""

import shutil
import subprocess

import pytest
from django.conf import settings


def _demo_plan(*variables: str) -> str:
    """What `make demo` would run (a dry run), with `variables` such as PORT=8080 on the command line."""
    command = ["make", "--dry-run", "--always-make", "-o", ".venv/.installed", "demo", *variables]
    return subprocess.run(command, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_demo_with_port_serves_there_and_mails_links_to_it():
    plan = _demo_plan("PORT=8080")
    assert "runserver 127.0.0.1:8080" in plan
    assert "8000" not in plan
    for command in ("migrate", "load_demo", "db_worker"):
        line = next(line for line in plan.splitlines() if command in line)
        assert "KEDJA_BASE_URL=http://127.0.0.1:8080" in line


def test_make_demo_defaults_to_port_8000():
    plan = _demo_plan()
    assert "runserver 127.0.0.1:8000" in plan
