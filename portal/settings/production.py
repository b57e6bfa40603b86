"""Production: PostgreSQL, SMTP, HTTPS behind a reverse proxy. Refuses to start without a real SECRET_KEY."""

from django.core.exceptions import ImproperlyConfigured

from . import insecure_keys
from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith(("dev-", "test-")):  # noqa: F405
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )

if not PORTAL_ENCRYPTION_KEYS:  # noqa: F405
    raise ImproperlyConfigured(
        "PORTAL_ENCRYPTION_KEYS must hold at least one Fernet key in production "
        "(integrity reports are encrypted)."
    )

if set(PORTAL_ENCRYPTION_KEYS) & insecure_keys.ENCRYPTION_KEYS:  # noqa: F405
    raise ImproperlyConfigured(
        "PORTAL_ENCRYPTION_KEYS holds the public development or test key; generate a key of your own."
    )

if (
    len(PORTAL_AUDIT_KEY) < 32  # noqa: F405
    or PORTAL_AUDIT_KEY in insecure_keys.AUDIT_KEYS  # noqa: F405
    or PORTAL_AUDIT_KEY.startswith(("dev-", "test-"))  # noqa: F405
    or PORTAL_AUDIT_KEY == SECRET_KEY  # noqa: F405
    or PORTAL_AUDIT_KEY in PORTAL_ENCRYPTION_KEYS  # noqa: F405
):
    raise ImproperlyConfigured(
        "PORTAL_AUDIT_KEY must be set to a random value of at least 32 characters in production, "
        "not the development or test key and not another secret of the portal."
    )

DEBUG = False
DEMO_CONTENT_ALLOWED = False

DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)

# Templates are compiled once per process.
TEMPLATES[0]["OPTIONS"]["loaders"] = [  # noqa: F405
    (
        "django.template.loaders.cached.Loader",
        [
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    )
]
TEMPLATES[0]["APP_DIRS"] = False  # noqa: F405

ADMINS = [("Beheer", env_str("ADMIN_EMAIL", "beheer@portaal.invalid"))]

# With single sign-on configured, passwords are a break-glass path only: off unless asked for.
PORTAL_LOCAL_LOGIN = env_bool(
    "PORTAL_LOCAL_LOGIN",
    not (OIDC_RP_CLIENT_ID and (OIDC_DISCOVERY_URL or OIDC_OP_AUTHORIZATION_ENDPOINT)),  # noqa: F405
)
