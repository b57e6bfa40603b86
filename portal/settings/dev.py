"""Development on one machine: SQLite, console email, debug pages, demo content allowed."""

import os

from . import insecure_keys

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-not-for-production")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# A fixed Fernet key for encrypted reports (development and tests only).
os.environ.setdefault("PORTAL_ENCRYPTION_KEYS", insecure_keys.DEV_ENCRYPTION_KEY)
# A fixed audit log key (development and tests only).
os.environ.setdefault("PORTAL_AUDIT_KEY", insecure_keys.DEV_AUDIT_KEY)
os.environ.setdefault("DEBUG", "true")
# Searches show in the reports at once (production adds them up for 10 s).
os.environ.setdefault("SEARCH_COUNT_FLUSH_SECONDS", "0")
# Tasks (e-mail, Wagtail's search and reference index) run at once in the enqueuing process, no worker
# needed; tests of the worker switch to the database backend (tests/portal/test_background_tasks.py).
os.environ.setdefault("TASKS_BACKEND", "immediate")

from .base import *  # noqa: F403

DEMO_CONTENT_ALLOWED = True
# Serve static files straight from the app and static/ folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
