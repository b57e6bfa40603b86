"""Settings shared by every environment. Everything that differs comes from the environment."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from search.conf import wagtailsearch_backends

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks); none: the socket
# address is the client (portal/client_ip.py). Every per-client limit reads the address this way.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# The project's own apps come first so their templates override those of libraries,
# and in the order the demo loader runs them (home builds the tree others hang on).
PROJECT_APPS = [
    "portal",
    "home",
    "vpd",
    "awareness",
    "forms",
    "forms.statistics",
    "search",
    "sso",
]

INSTALLED_APPS = [
    *PROJECT_APPS,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "crispy_forms",
    "django_filters",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Strips the client address from requests to the anonymous report URLs before anything logs them.
    "forms.middleware.AnonymousReportMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # An intranet: every view needs a signed-in user unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signed in through the identity provider: re-checked there every OIDC_RECHECK_SECONDS (sso/).
    "sso.middleware.IdentityProviderRecheckMiddleware",
    "vpd.middleware.TeamInstructionAdminGuard",  # 403 (not a redirect) for another team's instruction
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: serves Wagtail pages to signed-in people from the page cache (portal/cache.py).
    "portal.cache.PageCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.cache.hole_context",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite is the embedded default; DATABASE_URL=postgres://… switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and a writer work at once; IMMEDIATE takes the write lock at BEGIN,
    # so concurrent writers queue instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Passwords only while PORTAL_LOCAL_LOGIN allows them (break-glass); the identity provider's
# sign-in is the other way in (sso/backends.py, docs/authentication.md).
AUTHENTICATION_BACKENDS = [
    "sso.backends.LocalPasswordBackend",
    "sso.backends.IdentityProviderBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Languages: Dutch first, English translations; URLs carry /nl/ or /en/.
LANGUAGE_CODE = "nl"
# Each language is named in itself in the switcher.
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "integriteit@portaal.invalid")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CACHES = {
    "default": {
        "BACKEND": env_str("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env_str("CACHE_LOCATION", "portal"),
    },
    # Page shells (portal/cache.py): per process by default, which is safe with several processes
    # because every key holds the content generation read from the database.
    "pages": {
        "BACKEND": env_str("PAGE_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env_str("PAGE_CACHE_LOCATION", "portal-pages"),
    },
}
if "LocMemCache" in CACHES["pages"]["BACKEND"]:
    CACHES["pages"]["OPTIONS"] = {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 5000)}

# Page cache (portal/cache.py): shells of Wagtail pages per language and content generation.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 600)
PAGE_CACHE_RELEASE = env_str("PAGE_CACHE_RELEASE", "")  # e.g. the deployed commit
# Serve cached pages before Django's request cycle (portal/fastpath.py): "auto" = when the default
# cache is shared by the app servers (Redis), true, or false.
PAGE_CACHE_FAST_PATH = env_str("PAGE_CACHE_FAST_PATH", "auto")
# URL names of app views cached like pages, keyed on their query string and on what decides
# visibility (superuser or not, groups): search results honour view restrictions per group.
PAGE_CACHE_VIEWS = env_list("PAGE_CACHE_VIEWS", "search")
# Searches are counted for the reports in batches, written at most this often (search/counting.py).
SEARCH_COUNT_FLUSH_SECONDS = env_int("SEARCH_COUNT_FLUSH_SECONDS", 10)
PAGE_CACHE_EXCLUDED_PATHS = env_list("PAGE_CACHE_EXCLUDED_PATHS", r"^/[a-z]{2}/melding/")
# Sessions read from the cache (written through to the database) once the cache is shared by all
# app servers; a per-process cache would keep a signed-out session alive in other processes.
if "LocMemCache" not in CACHES["default"]["BACKEND"]:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CRISPY_ALLOWED_TEMPLATE_PACKS = ("nlds",)
CRISPY_TEMPLATE_PACK = "nlds"

WAGTAIL_SITE_NAME = "Integriteitsportaal"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
# Search: the database backend (Dutch configuration on PostgreSQL), or OpenSearch/Elasticsearch
# when SEARCH_BACKEND_URL is set (see search/conf.py and docs/search.md).
WAGTAILSEARCH_BACKENDS = wagtailsearch_backends(
    DATABASES["default"]["ENGINE"],
    env_str("SEARCH_BACKEND_URL", ""),
    env_str("SEARCH_BACKEND_VERSION", ""),
    env_str("SEARCH_INDEX_PREFIX", "portal_"),
)
WAGTAILSEARCH_HITS_MAX_AGE = env_int("SEARCH_HITS_MAX_AGE_DAYS", 90)
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow same-origin framing themselves

# Content Security Policy: only our own origin; no inline scripts or styles on the site.
# The Wagtail admin ships inline scripts and styles, so it is left to its own defaults.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Fernet keys for encryption at rest of integrity reports (newest first; see forms/crypto.py).
PORTAL_ENCRYPTION_KEYS = env_list("PORTAL_ENCRYPTION_KEYS")
# Years after closing that an integrity report keeps its content (`manage.py purge_closed_reports`).
PORTAL_REPORT_RETENTION_YEARS = env_int("PORTAL_REPORT_RETENTION_YEARS", 5)

# Whether `load_demo_content` may run (demo accounts with known passwords). Never in production.
DEMO_CONTENT_ALLOWED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"anonymous_reports": {"()": "forms.logging.DropClientAddress"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["anonymous_reports"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs name the client; the report form's anonymity depends on what is logged.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Background tasks and page actions log every step at INFO; keep the console readable.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Single sign-on with the municipality's identity provider (OpenID Connect; sso/, docs/authentication.md).
# Off unless OIDC_RP_CLIENT_ID and a discovery URL or the endpoints are set.
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "de gemeente")
OIDC_DISCOVERY_URL = env_str("OIDC_DISCOVERY_URL", "")
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_OP_REVOCATION_ENDPOINT = env_str("OIDC_OP_REVOCATION_ENDPOINT", "")
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile offline_access")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_CLAIM_EMPLOYEE_NUMBER = env_str("OIDC_CLAIM_EMPLOYEE_NUMBER", "employee_number")
OIDC_CLAIM_GIVEN_NAME = env_str("OIDC_CLAIM_GIVEN_NAME", "given_name")
OIDC_CLAIM_FAMILY_NAME = env_str("OIDC_CLAIM_FAMILY_NAME", "family_name")
OIDC_CLAIM_EMAIL = env_str("OIDC_CLAIM_EMAIL", "email")
OIDC_CLAIM_DEPARTMENT = env_str("OIDC_CLAIM_DEPARTMENT", "department")
OIDC_CLAIM_GROUPS = env_str("OIDC_CLAIM_GROUPS", "groups")
# "claim value=department slug;…" and "IdP group=portal role;…" (the office's roles are refused).
OIDC_DEPARTMENTS = env_str("OIDC_DEPARTMENTS", "")
OIDC_GROUP_ROLES = env_str("OIDC_GROUP_ROLES", "")
# The IdP asserted multi-factor sign-in when `amr` holds one of these, or `acr` is one of these.
OIDC_MFA_AMR_VALUES = env_list("OIDC_MFA_AMR_VALUES", "mfa")
OIDC_MFA_ACR_VALUES = env_list("OIDC_MFA_ACR_VALUES")
# How often a signed-in session is checked at the IdP (refresh token); a blocked user is out after it.
OIDC_RECHECK_SECONDS = env_int("OIDC_RECHECK_SECONDS", 300)
OIDC_LEEWAY_SECONDS = env_int("OIDC_LEEWAY_SECONDS", 30)
# The local username/password sign-in (break-glass when the IdP is on; production turns it off).
PORTAL_LOCAL_LOGIN = env_bool("PORTAL_LOCAL_LOGIN", True)
# Signing out sends the sign-out form on to the provider's end-session endpoint (a redirect that
# the form-action directive governs), so the provider's origin is an allowed form target.
_oidc_origin = urlsplit(OIDC_OP_LOGOUT_ENDPOINT or OIDC_DISCOVERY_URL)
if _oidc_origin.scheme and _oidc_origin.netloc:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        f"{_oidc_origin.scheme}://{_oidc_origin.netloc}"
    )
