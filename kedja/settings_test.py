"""Test settings: the real settings with an immediate task backend and plain static storage."""

import os
from pathlib import Path

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
# Hashed WhiteNoise names 404 under live_server, so tests use plain storage.
os.environ.setdefault("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ.setdefault("KEDJA_GRIEVANCE_FORM_MIN_SECONDS", "0")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from kedja.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# CI runs the SQLite and PostgreSQL passes side by side: each gets its own media folder.
MEDIA_ROOT = Path(os.environ.get("KEDJA_TEST_MEDIA_ROOT", BASE_DIR / "var" / "test-media"))  # noqa: F405
