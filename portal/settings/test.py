"""Settings for the test suite: fast hashing, in-memory email, SQLite unless DATABASE_URL says otherwise."""

import os

from . import insecure_keys

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
# A fixed Fernet key for encrypted reports (development and tests only).
os.environ.setdefault("PORTAL_ENCRYPTION_KEYS", insecure_keys.TEST_ENCRYPTION_KEY)
# A fixed audit log key (development and tests only).
os.environ.setdefault("PORTAL_AUDIT_KEY", insecure_keys.TEST_AUDIT_KEY)
os.environ.setdefault("DEBUG", "false")
# Tasks (e-mail, Wagtail's search and reference index) run at once in the enqueuing process, no worker
# needed; tests of the worker switch to the database backend (tests/portal/test_background_tasks.py).
os.environ.setdefault("TASKS_BACKEND", "immediate")

from .base import *  # noqa: F403

DEMO_CONTENT_ALLOWED = True
# Serve static files straight from the app and static/ folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Receipt codes are hashed with PBKDF2; a low work factor keeps the suite fast (never in production).
PORTAL_RECEIPT_HASH_ITERATIONS = 1000
# Searches are counted at once (production adds them up for 10 s; see search/counting.py).
SEARCH_COUNT_FLUSH_SECONDS = 0
# Attachments are rebuilt at a low resolution in tests: the same code path, less work.
ATTACHMENT_PDF_DPI = 30
# A child that rebuilds an attachment gets 256 MB (production: 1 GB): bombs hit the wall sooner.
ATTACHMENT_REBUILD_MEMORY_BYTES = 256 * 1024 * 1024
# Proof of work before reports and receipt look-ups is switched on by the tests that are about it
# (tests/forms/test_abuse_limits.py, the browser journey); the others post forms like a script.
PORTAL_POW_ENABLED = False
