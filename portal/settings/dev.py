"""Development on one machine: SQLite, console email, debug pages, demo content allowed."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-not-for-production")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: F403

DEMO_CONTENT_ALLOWED = True
# Serve static files straight from the app and static/ folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
