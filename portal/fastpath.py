"""The page cache's fast path: cached pages for signed-in people without the Django request cycle.

`PageCacheMiddleware` (portal/cache.py) already serves shells without routing or rendering, but a
cached request still pays for Django's whole stack: building the request, fifteen middleware, the
user row, URL resolution. On the morning 4,000 colleagues open the new code of conduct, that is
most of the cost. This WSGI wrapper answers the same requests with the same bytes before Django:

1. Only a plain `GET`/`HEAD` of a language-prefixed path without query string, not excluded by
   `PAGE_CACHE_EXCLUDED_PATHS`, over HTTPS when `SECURE_SSL_REDIRECT` is on, for an allowed host.
2. Only with a session cookie of a signed-in person (the same checks as `django.contrib.auth`:
   a configured `ModelBackend`, an active user, a session auth hash that matches the current
   password; portal/auth_cache.py), a well-formed CSRF cookie and no messages waiting, and only
   for a session Django saw within `SESSION_ACTIVITY_INTERVAL` and before its absolute deadline
   (portal/user_sessions.py), so no session is served past its idle or absolute timeout; a person
   who must prove a second factor only once the session has (portal/mfa/).
3. Only when the shell is in the page cache and nothing it shows changed since (so only pages Django
   itself decided to store: never restricted, private or personal ones) and this process has seen
   Django answer the same page: the response headers (security headers, CSP, `Vary`,
   `Cache-Control`) are replayed exactly as Django's middleware produced them then, minus cookies.

Anything else, and any error, goes to Django unchanged. The only difference a person could notice
is that the CSRF cookie's expiry is not renewed on these responses (Django renews it on the next
request it serves; the cookie lives a year).

Enabled by `PAGE_CACHE_FAST_PATH`: "auto" (the default) turns it on when the default cache is shared
between processes (Redis), because the user records must be invalidated on every server at once.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signals
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import request_finished
from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.module_loading import import_string

from portal import auth_cache, holes, mfa, page_cache_stats, user_sessions
from portal.cache import (
    CONTENT,
    PASSED_RESTRICTION_KEYS,
    _cache,
    _excluded_paths,
    cached_view_served,
    current_generations,
    fresh_entry,
    is_role_marker,
    page_key,
    profile_string,
)
from sso import recheck as sso_recheck

logger = logging.getLogger(__name__)

#: Headers never replayed: per-response (length, date), cookies, and the cache marker (set anew).
NOT_REPLAYED = {"set-cookie", "content-length", "date", "x-page-cache"}
#: At most this many pages' headers are remembered per process (a page is a few hundred bytes).
MAX_TEMPLATES = 4096
#: Session engines that keep the session in the cache, where one `get_many` can read it.
ONE_TRIP_SESSION_ENGINES = frozenset(
    {"django.contrib.sessions.backends.cached_db", "django.contrib.sessions.backends.cache"}
)
#: The user's record was not read with the session.
UNREAD = object()
#: Sessions whose user this process remembers (a key and an id: about 100 bytes each).
MAX_SESSIONS_REMEMBERED = 100_000
_LANGUAGE = re.compile(r"^/([a-z]{2}(?:-[a-z]+)?)/")


#: What the fast path was written for. It answers instead of this exact middleware stack, so a
#: middleware added, removed or moved (its work would be skipped on cached pages), another session
#: engine or another Django release turns it off at start, with the reason in the log. Check what
#: the change means for cached pages (module docstring), then update these.
WRITTEN_FOR_MIDDLEWARE = (
    "forms.middleware.AnonymousReportMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.role_audit.ActorMiddleware",
    "portal.user_sessions.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "portal.mfa.middleware.SecondFactorMiddleware",
    "portal.admin_access.AdminAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
    "sso.middleware.IdentityProviderRecheckMiddleware",
    "vpd.middleware.TeamInstructionAdminGuard",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.cache.PageCacheMiddleware",
)
WRITTEN_FOR_SESSION_ENGINES = frozenset(
    {
        "django.contrib.sessions.backends.cached_db",
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cache",
    }
)
WRITTEN_FOR_DJANGO = (5, 2)


def unfit_reason() -> str | None:
    """Why the fast path must not run with these settings, or None."""
    import django

    if tuple(settings.MIDDLEWARE) != WRITTEN_FOR_MIDDLEWARE:
        changed = sorted(set(settings.MIDDLEWARE) ^ set(WRITTEN_FOR_MIDDLEWARE)) or ["the order"]
        return f"MIDDLEWARE differs from what it was written for ({', '.join(changed)})"
    if settings.SESSION_ENGINE not in WRITTEN_FOR_SESSION_ENGINES:
        return f"SESSION_ENGINE {settings.SESSION_ENGINE} is not one it was written for"
    if tuple(django.VERSION[:2]) != WRITTEN_FOR_DJANGO:
        return f"Django {django.get_version()} is not the release it was written for (5.2)"
    return None


def fast_path_enabled() -> bool:
    setting = str(getattr(settings, "PAGE_CACHE_FAST_PATH", "auto")).lower()
    if not getattr(settings, "PAGE_CACHE_ENABLED", True) or setting in ("false", "0", "off", "no"):
        return False
    if setting not in ("true", "1", "on", "yes") and "LocMemCache" in settings.CACHES["default"]["BACKEND"]:
        return False
    reason = unfit_reason()
    if reason is not None:
        logger.warning("Page cache fast path off: %s (portal/fastpath.py)", reason)
        return False
    return True


@lru_cache(maxsize=16)
def _is_model_backend(path: str) -> bool:
    if path not in settings.AUTHENTICATION_BACKENDS:
        return False
    try:
        return issubclass(import_string(path), ModelBackend)
    except ImportError:
        return False


def _session_store():
    from importlib import import_module

    return import_module(settings.SESSION_ENGINE).SessionStore


class FastPageApp:
    """Wraps Django's WSGI application; see the module docstring."""

    def __init__(self, application):
        self.application = application
        self.enabled = fast_path_enabled()
        self.languages = {code for code, _ in settings.LANGUAGES}
        self.excluded = _excluded_paths()
        self.release = getattr(settings, "PAGE_CACHE_RELEASE", "")
        self.session_store = _session_store()
        self.templates: dict[tuple, list[tuple[str, str]]] = {}
        self.lock = threading.Lock()
        self._view_paths: dict[str, str] | None = None
        #: session key -> user id, for sessions this process has read (see `session_and_record`).
        self.session_users: dict[str, str] = {}
        self.one_round_trip = settings.SESSION_ENGINE in ONE_TRIP_SESSION_ENGINES and (
            settings.SESSION_CACHE_ALIAS == DEFAULT_CACHE_ALIAS
        )

    def __call__(self, environ, start_response):
        if not self.enabled or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        try:
            candidate = self.candidate(environ)
        except Exception:  # never worse than Django's own path
            logger.warning("Page cache fast path failed; serving through Django", exc_info=True)
            candidate = None
        if candidate is None:  # static files, the admin, forms: straight to Django
            return self.application(environ, start_response)
        # As Django's handler does: database connections are checked and closed per request.
        signals.request_started.send(sender=self.__class__, environ=environ)
        try:
            found = self.lookup(environ, *candidate)
        except Exception:  # never worse than Django's own path
            logger.warning("Page cache fast path failed; serving through Django", exc_info=True)
            found = None
        finally:
            request_finished.send(sender=self.__class__)
        if found is None:
            return self.application(environ, start_response)
        if isinstance(found, Learn):
            return self.learn(found, environ, start_response)
        headers, body = found
        page_cache_stats.count("hit")
        page_cache_stats.count("fast_path")
        start_response("200 OK", headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]

    def candidate(self, environ) -> tuple[str, str, str | None] | None:
        """(path, language, view name or None) when the path could be a cached page; no I/O."""
        if environ.get("SCRIPT_NAME"):
            return None
        path = environ.get("PATH_INFO", "")
        match = _LANGUAGE.match(path)
        if not match or match.group(1) not in self.languages or not path.isascii():
            return None
        view = self.view_paths().get(path)  # e.g. search results: keyed on the query string too
        if view is None and environ.get("QUERY_STRING"):
            return None
        if any(pattern.search(path) for pattern in self.excluded):
            return None
        return path, match.group(1), view

    def lookup(self, environ, path: str, language: str, view: str | None):
        """(headers, body) to answer with, a `Learn` when Django must answer once more, or None."""
        request = WSGIRequest(environ)
        secure = request.is_secure()
        if settings.SECURE_SSL_REDIRECT and not secure:
            return None
        host = request.get_host()  # DisallowedHost: Django answers (400)
        cookies = request.COOKIES
        secret = cookies.get(settings.CSRF_COOKIE_NAME, "")
        if (
            settings.CSRF_USE_SESSIONS
            or len(secret) != CSRF_SECRET_LENGTH
            or not all(char in CSRF_ALLOWED_CHARS for char in secret)
            or CookieStorage.cookie_name in cookies
        ):
            return None
        session_key = cookies.get(settings.SESSION_COOKIE_NAME)
        if not session_key:
            return None
        session, record = self.session_and_record(session_key)
        if "_messages" in session or not _is_model_backend(session.get(BACKEND_SESSION_KEY, "")):
            return None
        if not user_sessions.fast_path_may_serve(session):
            return None  # Django checks the session's timeouts and refreshes its last activity
        if sso_recheck.due(session):  # Django's middleware asks the identity provider first
            return None
        user_id, session_hash = session.get(SESSION_KEY), session.get(HASH_SESSION_KEY)
        if user_id is None or not session_hash:
            return None
        if record is UNREAD:
            record = auth_cache.user_record(user_id)
        if record is None or not constant_time_compare(session_hash, record["hash"]):
            return None
        if record.get("second_factor", True) and session.get(mfa.SESSION_KEY) not in mfa.METHODS:
            return None  # Django holds this session at the second factor (portal/mfa/)
        address = path
        if view is not None:
            if any(session.get(name) for name in PASSED_RESTRICTION_KEYS):
                return None  # password-protected content opened: personal
            profile = profile_string(record["superuser"], record["groups"])
            address = f"{request.get_full_path()}#visibility={profile}"
        key = page_key(self.release, host, language, address)
        generations = current_generations()
        entry = fresh_entry(_cache().get(key), generations)
        if is_role_marker(entry):  # one shell per visibility profile (portal/cache.py)
            if any(session.get(name) for name in PASSED_RESTRICTION_KEYS):
                return None
            profile = profile_string(record["superuser"], record["groups"])
            key = page_key(self.release, host, language, f"{path}#visibility={profile}")
            entry = fresh_entry(_cache().get(key), generations)
        if entry is None:
            return None
        # Headers are learned per version of the page (a publish may change its robots header).
        version = (key, secure, tuple(sorted(entry["dependencies"].items())))
        template = self.templates.get(version)
        if template is None:
            return Learn(version)
        person = holes.Person(
            pk=get_user_model()._meta.pk.to_python(user_id),
            username=record["username"],
            full_name=record["full_name"],
            csrf_token=lambda: masked_csrf_token(secret),
            content_generation=entry["dependencies"].get(CONTENT),
        )
        with translation.override(language):
            body = holes.fill(entry["content"], person)
            if view is not None:
                cached_view_served.send(sender=view, request=request, meta=entry.get("meta"))
        marker = [("X-Page-Cache", "hit")] if settings.DEBUG else []  # see portal/page_cache_stats.py
        return [*template, *marker, ("Content-Length", str(len(body)))], body

    def session_and_record(self, session_key: str) -> tuple[dict, dict | object | None]:
        """The session's data (as `SessionStore.load()` gives it) and its user's record
        (portal/auth_cache.py), in one round trip to the shared cache for a session this process
        has read before: a session's user never changes (signing in gives a new session key), so
        the record's key is known before the session is read. Anything unexpected (the session gone
        from the cache, another user in it) and the first read go the usual way, one after the other.
        """
        store = self.session_store(session_key)
        user_id = self.session_users.get(session_key) if self.one_round_trip else None
        if user_id is not None:
            record_key = auth_cache.record_key(user_id)
            found = caches[DEFAULT_CACHE_ALIAS].get_many([store.cache_key, record_key])
            session = found.get(store.cache_key)
            if isinstance(session, dict) and str(session.get(SESSION_KEY)) == user_id:
                return session, found.get(record_key) or auth_cache.user_record(user_id)
        session = store.load()
        user_id = session.get(SESSION_KEY)
        if user_id is not None:
            if len(self.session_users) >= MAX_SESSIONS_REMEMBERED:
                self.session_users.clear()
            self.session_users[session_key] = str(user_id)
        return session, UNREAD  # read once the session is known to be one the fast path serves

    def view_paths(self) -> dict[str, str]:
        """Path -> URL name of the app views in PAGE_CACHE_VIEWS, in every language (built once:
        the URL configuration does not change while a process runs)."""
        if self._view_paths is None:
            paths = {}
            for name in getattr(settings, "PAGE_CACHE_VIEWS", []):
                for language in self.languages:
                    with translation.override(language):
                        try:
                            paths[reverse(name)] = name
                        except NoReverseMatch:
                            continue
            self._view_paths = paths
        return self._view_paths

    def learn(self, learn: Learn, environ, start_response):
        """Let Django answer, and remember its headers when it served a shell.

        Django's WSGI handler returns its response object: its `page_cache_state` (set by
        portal/cache.py) says whether the answer was a shell, without a header the client would see.
        """
        started = {}

        def start(status, headers, exc_info=None):
            started.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        result = self.application(environ, start)
        state = getattr(result, "page_cache_state", None)
        if started.get("status", "").startswith("200 ") and state in ("hit", "miss"):
            kept = [(name, value) for name, value in started["headers"] if name.lower() not in NOT_REPLAYED]
            with self.lock:
                if len(self.templates) >= MAX_TEMPLATES:
                    self.templates.clear()
                self.templates[learn.key] = kept
        return result


def masked_csrf_token(secret: str) -> str:
    """The token a form carries for the person's CSRF cookie, masked anew, through Django's public
    `get_token` on a stand-in request that holds only the cookie's secret."""
    stand_in = HttpRequest()
    stand_in.META["CSRF_COOKIE"] = secret
    return get_token(stand_in)


class Learn:
    """The shell is there, but this process has not yet seen Django's headers for it."""

    __slots__ = ("key",)

    def __init__(self, key: tuple):
        self.key = key
