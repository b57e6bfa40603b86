"""Settings shared by every environment. Everything that differs comes from the environment."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from search.conf import wagtailsearch_backends

from .env import env_bool, env_float, env_int, env_list, env_str

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
    "safework",
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
    "portal.users_app.PortalUsersConfig",  # wagtail.users with separation of duties (portal/viewsets.py)
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "crispy_forms",
    # A second factor at sign-in (portal/mfa/): TOTP, recovery codes and passkeys.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_filters",
    "csp",
    "axes",
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
    "portal.role_audit.ActorMiddleware",  # names who changed a role in the audit log
    # Idle and absolute session timeouts; before the login requirement, so an ended session
    # is sent to the sign-in page (portal/user_sessions.py).
    "portal.user_sessions.SessionTimeoutMiddleware",
    # An intranet: every view needs a signed-in user unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Sensitive roles prove a second factor before anything else answers (portal/mfa/).
    "portal.mfa.middleware.SecondFactorMiddleware",
    # A signed-in person without admin access gets a 403 page at /admin/, not a redirect loop
    # (after the second factor: a held session is sent to prove it, whatever it asked for).
    "portal.admin_access.AdminAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Turns a sign-in refused by django-axes into the lockout page (portal/throttle.py).
    "axes.middleware.AxesMiddleware",
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
# Error reports hide connection strings too (portal/error_reports.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.error_reports.PortalExceptionReporterFilter"

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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes checks every sign-in (site, Wagtail admin) first. Passwords only while
# PORTAL_LOCAL_LOGIN allows them (break-glass; a ModelBackend that also loads whether the user must
# prove a second factor, portal/mfa/); the identity provider's sign-in is the other way in
# (sso/backends.py, docs/authentication.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
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
# How long a request waits for another one rendering the same stale shell (0: render at once).
PAGE_CACHE_RENDER_WAIT = env_float("PAGE_CACHE_RENDER_WAIT", 2.0)
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
# Session timeouts in seconds (portal/user_sessions.py): idle = since the last request, absolute =
# since signing in; shorter for roles that read reports, advisor registrations or user data.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 4 * 60 * 60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", 10 * 60 * 60)
SESSION_SENSITIVE_IDLE_TIMEOUT = env_int("SESSION_SENSITIVE_IDLE_TIMEOUT", 30 * 60)
SESSION_SENSITIVE_ABSOLUTE_TIMEOUT = env_int("SESSION_SENSITIVE_ABSOLUTE_TIMEOUT", 8 * 60 * 60)
# How often a session's last activity is written; the page cache's fast path hands a session
# back to Django once its last activity is older than this.
SESSION_ACTIVITY_INTERVAL = env_int("SESSION_ACTIVITY_INTERVAL", 60)

# Sign-in throttling with django-axes (portal/throttle.py): one account from one client address is
# locked after AXES_FAILURE_LIMIT failures, for SIGN_IN_LOCKOUT_MINUTES, doubled for each repeat
# within a day (at most a day). Other addresses and other accounts are unaffected.
AXES_FAILURE_LIMIT = min(env_int("SIGN_IN_FAILURE_LIMIT", 10), 10)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.client_ip"
AXES_COOLOFF_TIME = "portal.throttle.cool_off"
SIGN_IN_LOCKOUT_MINUTES = env_int("SIGN_IN_LOCKOUT_MINUTES", 15)
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # counts earlier lockouts (the growing cool-off)
AXES_DISABLE_ACCESS_LOG = True  # no record of every successful sign-in with address and browser
AXES_HANDLER = "portal.throttle.ThrottleHandler"
AXES_LOCKOUT_CALLABLE = "portal.throttle.lockout_response"
AXES_ENABLE_ADMIN = False  # lockouts are listed and lifted in the Wagtail admin
# Password reset requests per client address and per e-mail address typed (shared cache).
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 10)
PASSWORD_RESET_LIMIT_PER_ACCOUNT = env_int("PASSWORD_RESET_LIMIT_PER_ACCOUNT", 3)
PASSWORD_RESET_LIMIT_WINDOW = env_int("PASSWORD_RESET_LIMIT_WINDOW", 60 * 60)

# Avatars are not fetched from an outside service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"  # the styled page with a way back (both languages)
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

# Second factor (portal/mfa/, docs/authentication.md): the roles (group names) that must prove one
# at sign-in; office leads and superusers always do.
PORTAL_MFA_ROLES = env_list(
    "PORTAL_MFA_ROLES", "Integriteitsbureau,Vertrouwenspersoon,Beheerder,HR-adviseur,Beveiligingscoördinator"
)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
OTP_WEBAUTHN_RP_ID_CALLABLE = "portal.mfa.webauthn.relying_party_id"
OTP_WEBAUTHN_HELPER_CLASS = "portal.mfa.webauthn.PortalWebAuthnHelper"
# Origins besides the one a request comes to (e.g. a second host name); see portal/mfa/webauthn.py.
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("OTP_WEBAUTHN_ALLOWED_ORIGINS", "http://localhost:8000")
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a passkey is the second step, never the only one

# Fernet keys for encryption at rest of integrity reports (newest first; see forms/crypto.py).
PORTAL_ENCRYPTION_KEYS = env_list("PORTAL_ENCRYPTION_KEYS")
# HMAC key of the audit log's chain (forms/audit.py): a secret kept outside the database.
PORTAL_AUDIT_KEY = env_str("PORTAL_AUDIT_KEY", "")
# Earlier audit keys after a rotation, newest first (`manage.py rotate_audit_key`, docs/operations.md).
PORTAL_AUDIT_PREVIOUS_KEYS = env_list("PORTAL_AUDIT_PREVIOUS_KEYS")
# Years that audit log entries are kept (`manage.py purge_audit_log`).
PORTAL_AUDIT_RETENTION_YEARS = env_int("PORTAL_AUDIT_RETENTION_YEARS", 7)
# Years after closing that an integrity report keeps its content (`manage.py purge_closed_reports`).
PORTAL_REPORT_RETENTION_YEARS = env_int("PORTAL_REPORT_RETENTION_YEARS", 5)
# Days after closing during which a reporter may still send one last message (forms.signals).
PORTAL_CLOSED_CASE_MESSAGE_DAYS = env_int("PORTAL_CLOSED_CASE_MESSAGE_DAYS", 30)

# Days after a code-of-conduct version asked for confirmation (or after an employee joined) before
# one reminder e-mail goes to who has not confirmed it (`manage.py send_must_read_reminders`, daily).
PORTAL_MUST_READ_REMINDER_DAYS = env_int("PORTAL_MUST_READ_REMINDER_DAYS", 14)

# Retention periods in days per kind of personal record (`manage.py purge_expired`, daily; rules in
# each app's retention.py, register in docs/privacy/). A purge keeps what the statistics count.
PORTAL_RETENTION_REPORTS_DAYS = env_int("PORTAL_RETENTION_REPORTS_DAYS", PORTAL_REPORT_RETENTION_YEARS * 365)
PORTAL_RETENTION_AUDIT_LOG_DAYS = env_int(
    "PORTAL_RETENTION_AUDIT_LOG_DAYS", PORTAL_AUDIT_RETENTION_YEARS * 365
)
PORTAL_RETENTION_ADVISOR_REGISTRATIONS_DAYS = env_int("PORTAL_RETENTION_ADVISOR_REGISTRATIONS_DAYS", 2 * 365)
PORTAL_RETENTION_INCIDENTS_DAYS = env_int("PORTAL_RETENTION_INCIDENTS_DAYS", 5 * 365)
PORTAL_RETENTION_PEER_SUPPORT_DAYS = env_int("PORTAL_RETENTION_PEER_SUPPORT_DAYS", 2 * 365)
PORTAL_RETENTION_REGISTRATIONS_DAYS = env_int("PORTAL_RETENTION_REGISTRATIONS_DAYS", 2 * 365)
PORTAL_RETENTION_INTRODUCTION_DAYS = env_int("PORTAL_RETENTION_INTRODUCTION_DAYS", 7 * 365)
PORTAL_RETENTION_READ_CONFIRMATIONS_DAYS = env_int("PORTAL_RETENTION_READ_CONFIRMATIONS_DAYS", 2 * 365)
PORTAL_RETENTION_REVIEW_REMINDERS_DAYS = env_int("PORTAL_RETENTION_REVIEW_REMINDERS_DAYS", 365)
PORTAL_RETENTION_PAGE_FEEDBACK_DAYS = env_int("PORTAL_RETENTION_PAGE_FEEDBACK_DAYS", 365)
PORTAL_RETENTION_DIGESTS_DAYS = env_int("PORTAL_RETENTION_DIGESTS_DAYS", 90)
PORTAL_RETENTION_SUBSCRIPTIONS_DAYS = env_int("PORTAL_RETENTION_SUBSCRIPTIONS_DAYS", 90)
PORTAL_RETENTION_MUST_READ_REMINDERS_DAYS = env_int("PORTAL_RETENTION_MUST_READ_REMINDERS_DAYS", 2 * 365)
PORTAL_RETENTION_SEARCH_COUNTS_DAYS = env_int(
    "PORTAL_RETENTION_SEARCH_COUNTS_DAYS", WAGTAILSEARCH_HITS_MAX_AGE
)
PORTAL_RETENTION_SIGN_IN_DAYS = env_int("PORTAL_RETENTION_SIGN_IN_DAYS", 30)
PORTAL_RETENTION_SESSIONS_DAYS = env_int("PORTAL_RETENTION_SESSIONS_DAYS", 1)
# Accounts without a sign-in for this long belong to people who left (portal/subject_data.py).
PORTAL_RETENTION_DEPARTED_ACCOUNTS_DAYS = env_int("PORTAL_RETENTION_DEPARTED_ACCOUNTS_DAYS", 2 * 365)

# /.well-known/security.txt (RFC 9116, portal/security_txt.py) and SECURITY.md: where to report a
# vulnerability (comma-separated mailto:/https: URIs) and the disclosure policy's address.
SECURITY_TXT_CONTACT = env_list("SECURITY_TXT_CONTACT", "mailto:security@gemeente.invalid")
SECURITY_TXT_POLICY = env_str("SECURITY_TXT_POLICY", "")

# Abuse limits of the anonymous report form and receipt look-up (forms/limits.py, forms/pow.py;
# numbers and reasons in docs/integrity-reports.md). Counted per client address (a keyed hash with a
# key that changes every window) in the default cache, which must be shared (Redis) in production.
PORTAL_ABUSE_WINDOW_SECONDS = env_int("PORTAL_ABUSE_WINDOW_SECONDS", 15 * 60)
PORTAL_REPORTS_PER_CLIENT = env_int("PORTAL_REPORTS_PER_CLIENT", 5)
PORTAL_RECEIPT_ATTEMPTS_PER_CLIENT = env_int("PORTAL_RECEIPT_ATTEMPTS_PER_CLIENT", 10)
# Over the allowance: the first extra attempt after this many seconds, doubling, at most a window.
PORTAL_LIMIT_DELAY_SECONDS = env_int("PORTAL_LIMIT_DELAY_SECONDS", 30)
# Everyone together per window: above this the proof of work doubles per doubling of the rate.
PORTAL_REPORTS_GLOBAL_SLOWDOWN_AT = env_int("PORTAL_REPORTS_GLOBAL_SLOWDOWN_AT", 30)
PORTAL_RECEIPT_FAILURES_SLOWDOWN_AT = env_int("PORTAL_RECEIPT_FAILURES_SLOWDOWN_AT", 100)
# Proof of work (ALTCHA, SHA-256): expected hashes at normal use, and at most 2**MAX_LEVEL times that.
PORTAL_POW_ENABLED = env_bool("PORTAL_POW_ENABLED", True)
PORTAL_POW_MAX_NUMBER = env_int("PORTAL_POW_MAX_NUMBER", 50_000)
PORTAL_POW_MAX_LEVEL = env_int("PORTAL_POW_MAX_LEVEL", 6)
# Without JavaScript: a form can be sent this many seconds after it was opened (grows like the work).
PORTAL_POW_REPORT_WAIT_SECONDS = env_int("PORTAL_POW_REPORT_WAIT_SECONDS", 10)
PORTAL_POW_FOLLOW_UP_WAIT_SECONDS = env_int("PORTAL_POW_FOLLOW_UP_WAIT_SECONDS", 5)
PORTAL_POW_MAX_WAIT_SECONDS = env_int("PORTAL_POW_MAX_WAIT_SECONDS", 5 * 60)

# Whether `load_demo_content` may run (demo accounts with known passwords). Never in production.
DEMO_CONTENT_ALLOWED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"anonymous_reports": {"()": "forms.logging.DropClientAddress"}},
    "formatters": {"security_json": {"()": "portal.security_log.SecurityJsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["anonymous_reports"]},
        # Security events as JSON lines for the SIEM (portal/security_log.py, docs/operations.md).
        "security": {"class": "logging.StreamHandler", "formatter": "security_json"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs name the client; the report form's anonymity depends on what is logged.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "portal.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        # Background tasks and page actions log every step at INFO; keep the console readable.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Attachments to integrity reports are rebuilt from their pixels in a child process with these
# limits (forms/attachments.py, docs/integrity-reports.md "Bijlagen / Attachments").
ATTACHMENT_MAX_PAGES = env_int("ATTACHMENT_MAX_PAGES", 20)
ATTACHMENT_PDF_DPI = env_int("ATTACHMENT_PDF_DPI", 150)
ATTACHMENT_MAX_PIXELS = env_int("ATTACHMENT_MAX_PIXELS", 40_000_000)  # one image
ATTACHMENT_MAX_PAGE_PIXELS = env_int("ATTACHMENT_MAX_PAGE_PIXELS", 6_000_000)  # one PDF page (DPI lowered)
ATTACHMENT_MAX_OUTPUT_BYTES = env_int("ATTACHMENT_MAX_OUTPUT_BYTES", 15 * 1024 * 1024)
ATTACHMENT_REBUILD_MEMORY_BYTES = env_int("ATTACHMENT_REBUILD_MEMORY_BYTES", 1024 * 1024 * 1024)
ATTACHMENT_REBUILD_CPU_SECONDS = env_int("ATTACHMENT_REBUILD_CPU_SECONDS", 20)
ATTACHMENT_REBUILD_TIMEOUT = env_int("ATTACHMENT_REBUILD_TIMEOUT", 30)  # all files of one request

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

# Background tasks (Django's task framework through the django-tasks backport; docs/deployment.md):
# the database backend (django-tasks-db), run by `manage.py db_worker` as a process of its own.
# All of them: e-mail (portal/mail.py) and Wagtail's own (search index, reference index).
# TASKS_BACKEND=immediate runs each task in the process that enqueues it (`make run`, tests).
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env_str("TASKS_BACKEND", "database")]
    }
}
# A mail the relay refused is tried again after MAIL_RETRY_SECONDS, doubling, at most this often.
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 5)
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", 60)
# Where the file-based mail backend writes (EMAIL_BACKEND=django.core.mail.backends.filebased…):
# the cross-server suite reads what the task worker sent (scripts/cluster.sh).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", "") or None

# A safe working environment (safework/): the code of conduct's rules for declarations, the
# identity provider's claims for an employee's position and manager ("" = kept by HR in the portal),
# and how long declarations are kept (days after the decision; docs/safework.md).
SAFEWORK_GIFT_VALUE_THRESHOLD = env_int("SAFEWORK_GIFT_VALUE_THRESHOLD", 50)
SAFEWORK_DECISION_DAYS = env_int("SAFEWORK_DECISION_DAYS", 14)
OIDC_CLAIM_POSITION = env_str("OIDC_CLAIM_POSITION", "")
OIDC_CLAIM_MANAGER = env_str("OIDC_CLAIM_MANAGER", "")
PORTAL_RETENTION_DECLARATIONS_DAYS = env_int("PORTAL_RETENTION_DECLARATIONS_DAYS", 5 * 365)
# The lessons-learned register forgets a finished measure's owner after this (forms/lessons/retention.py).
PORTAL_RETENTION_LESSONS_DAYS = env_int("PORTAL_RETENTION_LESSONS_DAYS", 5 * 365)
# VPD scans (days after the scan, once all its actions are done) and building DRAs (days after a
# newer assessment of the same building replaced them); docs/safework.md, "Retention".
PORTAL_RETENTION_VPD_SCANS_DAYS = env_int("PORTAL_RETENTION_VPD_SCANS_DAYS", 5 * 365)
PORTAL_RETENTION_THREAT_ASSESSMENTS_DAYS = env_int("PORTAL_RETENTION_THREAT_ASSESSMENTS_DAYS", 5 * 365)
# The manager's part (issue #18): training records count for five years, follow-up tasks of an
# incident keep their owner and letter as long as the incident keeps its details.
PORTAL_RETENTION_MANAGER_TRAINING_DAYS = env_int("PORTAL_RETENTION_MANAGER_TRAINING_DAYS", 5 * 365)
PORTAL_RETENTION_INCIDENT_FOLLOW_UP_DAYS = env_int("PORTAL_RETENTION_INCIDENT_FOLLOW_UP_DAYS", 5 * 365)
