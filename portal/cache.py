"""A page cache that is safe on an intranet where everyone is signed in.

Every Wagtail page is rendered once per (site, language, path, content generation) as a *shell*:
the HTML with holes where the signed-in person's name and CSRF token go. Later requests for the
same page get the shell from the cache with the holes filled in by string substitution, without
routing, queries for the page tree, or template rendering. This applies to every page type without
any work in the page's app.

What keeps it safe:

- Only signed-in people get cached pages (the login requirement is checked before the cache), and
  only pages without view restrictions (Wagtail checks restrictions before a shell is stored, and a
  restricted page is never stored; changing a restriction changes the generation).
- While a shell is rendered, `request.user` and `request.session` are replaced by stand-ins that
  give placeholders for the name and notice any other use (groups, permissions, ids, comparisons,
  session data). A page whose rendering looked at anything personal is served to that person and
  never stored, so a page with per-person parts (a registration, a confirmation) cannot leak into
  the shared cache even if its app forgot to opt out. A CSRF token fetched other than through the
  `{% csrf_token %}` tag makes the render personal too.
- Pending messages, query strings, non-GET requests, page types with `page_cache = False` and paths
  matching `PAGE_CACHE_EXCLUDED_PATHS` bypass the cache. App views (reports, cases,
  registrations) are not Wagtail pages and are never stored, except those named (by URL name) in
  `PAGE_CACHE_VIEWS` (search results), which are rendered as shells with the same watch on
  personal use, keyed on their query string and on the person's *visibility profile* (superuser
  or not, group ids: what decides which restricted pages and documents they may find), and never
  stored for a session that opened password-protected content. A view records what it must do on
  every hit (count the search) in `request.page_cache_meta`; `cached_view_served` is sent with it.
- Parts of a page that differ per person are holes (portal/holes.py: `{% personal %}`), filled in
  on every response, so such a page still shares one shell (the code of conduct's confirmation).
- A page type whose content follows the person's roles (`page_cache_per_role = True`: the annual
  report shows the office live figures) gets one shell per visibility profile: its render may read
  the groups and superuser flag, and nothing else personal, and the address keeps a marker that
  sends the next request to the shell for its own profile (`ROLE_MARKER`).
- Invalidation follows what a page shows (portal/page_scopes.py): a shell remembers the number of
  every scope it showed (CONTENT always; a page type's `page_cache_depends_on` /
  `page_cache_dependencies()`; what a view names with `depends_on()`), and is stale once one of
  them moved. A write bumps the scopes its model declares in `page_cache_scopes` (nothing for
  records no page shows, CONTENT when it declares nothing), once per transaction, after the commit
  (`bump()`). The numbers live in the database, so all app servers see a bump at once;
  `PAGE_CACHE_TIMEOUT` bounds how long a shell lives (for content that depends on the date).
  Writes that bypass model signals (`QuerySet.update`, `bulk_create`) call `bump()` themselves.

- A stale shell is rendered once: the first request claims the render in the page cache, and the
  others for the same page wait (up to `PAGE_CACHE_RENDER_WAIT`) for a shell rendered from the
  numbers they read or newer ones, never the stale one (`claim_render`, `wait_for_render`).

portal/fastpath.py answers hits for signed-in people before Django's request cycle.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.views import serve as wagtail_serve

from portal import holes, page_cache_stats, page_scopes, routing

logger = logging.getLogger(__name__)

# Models outside the project's apps whose changes show on rendered pages.
CONTENT_MODELS = [
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Collection",
    "wagtailcore.CollectionViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "taggit.Tag",
    "wagtailsearchpromotions.SearchPromotion",  # shown on cached search results
    # Roles go by group name: a renamed group changes what a per-role shell (keyed on group ids)
    # shows its members. Rare (an administrator's change), so everything renders again.
    "auth.Group",
]
#: How often a request that waits for another one's render of the same shell looks again.
RENDER_POLL_SECONDS = 0.01
# Headers of a page response worth keeping with its shell (the rest is added by middleware).
STORED_HEADERS = {"content-type", "content-language", "x-robots-tag", "link"}


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


#: Sent when an app view listed in PAGE_CACHE_VIEWS is answered from the cache, with the `meta`
#: the view left in `request.page_cache_meta` when it rendered (e.g. to count a search).
cached_view_served = Signal()


# -- what pages show, and what writes change ---------------------------------------------------

CONTENT = page_scopes.CONTENT
SESSIONS = page_scopes.SESSIONS
statistics_scope = page_scopes.statistics


def current_generations() -> dict[str, int]:
    """Every scope's number, read on every cacheable request: one plain SQL query (a few rows)."""
    from portal.models import CacheGeneration

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scope, value FROM {CacheGeneration._meta.db_table}")  # noqa: S608 - table name is ours
        return dict(cursor.fetchall())


def current_generation(scope: str = CONTENT) -> int:
    return current_generations().get(scope, 0)


def is_fresh(dependencies: dict[str, int], generations: dict[str, int]) -> bool:
    """True when none of the scopes a shell showed has changed since it was rendered."""
    return all(generations.get(scope, 0) == value for scope, value in dependencies.items())


def is_at_least(dependencies: dict[str, int], generations: dict[str, int]) -> bool:
    """True when a shell was rendered from these numbers or newer ones (another request rendered it
    after this one read them): what it shows is at least as recent as what this request would."""
    return bool(dependencies) and all(
        value >= generations.get(scope, 0) for scope, value in dependencies.items()
    )


def bump(*scopes: str, using: str | None = None) -> None:
    """Make the pages that show these scopes stale, once the current transaction commits.

    The scopes of one transaction are gathered and written once, after the commit: outside the
    writer's transaction (no row lock held by a long write, no bump for a write that rolls back),
    and never before the change is visible to the request that renders the page again.
    Outside a transaction this happens at once.
    """
    if not scopes:
        return
    alias = using or DEFAULT_DB_ALIAS
    conn = connections[alias]
    pending = conn.__dict__.setdefault("_page_cache_pending", set())
    pending.update(scopes)
    # One callback per write is cheap; the first one to run takes every pending scope.
    transaction.on_commit(lambda: _flush(alias), using=alias)


def bump_generation(**kwargs) -> None:
    """Make every cached page stale (kept for writes that bypass signals: `QuerySet.update`)."""
    bump(CONTENT)


def _flush(alias: str) -> None:
    from portal.models import CacheGeneration

    scopes = connections[alias].__dict__.pop("_page_cache_pending", set())
    if not scopes:
        return
    rows = CacheGeneration.objects.using(alias)
    if rows.filter(scope__in=scopes).update(value=F("value") + 1) < len(scopes):
        existing = set(rows.filter(scope__in=scopes).values_list("scope", flat=True))
        missing = scopes - existing
        # A scope nobody changed before reads as 0; another server may create it at the same time.
        rows.bulk_create([CacheGeneration(scope=scope, value=0) for scope in missing], ignore_conflicts=True)
        rows.filter(scope__in=missing).update(value=F("value") + 1)


def scopes_of(model, instance=None) -> tuple[str, ...]:
    """The scopes a write of `model` changes: its `page_cache_scopes` (a tuple, or a function of
    the instance), nothing for `page_cache_ignore = True`, else everything (CONTENT)."""
    if getattr(model, "page_cache_ignore", False):
        return ()
    declared = getattr(model, "page_cache_scopes", None)
    if declared is None:
        return (CONTENT,)
    if callable(declared):
        return tuple(declared(instance)) if instance is not None else (CONTENT,)
    return tuple(declared)


#: Fields Wagtail writes when an editor saves a draft or locks a page: nothing a reader sees.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _on_change(sender, instance=None, raw=False, update_fields=None, **kwargs):
    if raw:  # loading fixtures
        return
    if update_fields and DRAFT_FIELDS.issuperset(update_fields):
        return  # a draft saved or a page locked: the live page is unchanged
    bump(*scopes_of(sender, instance))


def _on_move(sender, **kwargs):
    bump(CONTENT)


def content_models() -> list[type[models.Model]]:
    """Every model whose change may show on a rendered page."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page

    from portal.models import CacheGeneration

    project_labels = {
        config.label for config in apps.get_app_configs() if config.name in settings.PROJECT_APPS
    }
    found = []
    for model in apps.get_models():
        if model is CacheGeneration or not scopes_of(model):
            continue
        if (
            model._meta.app_label in project_labels
            or issubclass(model, Page | BaseGenericSetting | BaseSiteSetting)
            or model._meta.label in CONTENT_MODELS
        ):
            found.append(model)
    return found


def connect_signals() -> None:
    from wagtail.signals import post_page_move

    for model in content_models():
        post_save.connect(_on_change, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
    post_page_move.connect(_on_move, dispatch_uid="page-cache-move")


def page_dependencies(page) -> set[str]:
    """What a page shows besides CONTENT: its type's `page_cache_depends_on` (a tuple) or its
    `page_cache_dependencies()` (for what depends on the page's own fields, such as a year)."""
    found = set(getattr(type(page), "page_cache_depends_on", ()))
    method = getattr(page, "page_cache_dependencies", None)
    if method is not None:
        found.update(method())
    return found


def depends_on(request, *scopes: str) -> None:
    """Called while a page or view renders: its shell also shows these scopes."""
    capture = getattr(request, "_page_cache", None)
    if capture is not None:
        capture.scopes.update(scopes)


# -- rendering a shell ------------------------------------------------------------------------


@dataclass
class Capture:
    """What happened while a page was rendered for the shared cache."""

    page_id: int | None = None
    personal: list[str] = field(default_factory=list)
    #: The scopes the shell shows (CONTENT always) and their numbers, read before rendering.
    scopes: set[str] = field(default_factory=lambda: {CONTENT})
    generations: dict[str, int] = field(default_factory=dict)
    real_user: object = None
    real_session: object = None
    csrf_flag: object = None
    #: What a render keyed on the visibility profile may read without becoming personal.
    allowed_user_attributes: frozenset = frozenset()
    allowed_session_keys: frozenset = frozenset()
    #: The page type keeps one shell per visibility profile (`page_cache_per_role`), this one
    #: (None: personal), read once before the render (`role_snapshot`).
    per_role: bool = False
    role_profile: str | None = None

    def mark(self, what: str) -> None:
        if what not in self.personal:
            self.personal.append(what)


class PlaceholderUser(SimpleLazyObject):
    """The signed-in user as a shell sees it: authenticated, named by placeholders.

    Everything else is passed through to the real user but marks the render as personal.
    `isinstance` checks still see the real class (as with Django's own lazy `request.user`).
    """

    is_authenticated = True
    is_anonymous = False

    def __init__(self, user, capture: Capture):
        super().__init__(lambda: user)
        self._wrapped = user
        self.__dict__["_capture"] = capture

    def _use(self, what: str):
        self.__dict__["_capture"].mark(f"user.{what}")
        return self._wrapped

    def get_full_name(self) -> str:
        return holes.NAME

    def get_username(self) -> str:
        return holes.USERNAME

    def __getattr__(self, name):
        if name in self.__dict__["_capture"].allowed_user_attributes:
            return getattr(self._wrapped, name)
        return getattr(self._use(name), name)

    def __eq__(self, other):
        return self._use("__eq__") == other

    def __ne__(self, other):
        return self._use("__ne__") != other

    def __hash__(self):
        return hash(self._use("__hash__"))

    def __str__(self):
        return str(self._use("__str__"))

    def __bytes__(self):
        return bytes(self._use("__bytes__"))

    def __getitem__(self, key):
        # Templates try `user[name]` before `user.name`; a user is not subscriptable, so this
        # raises TypeError and the template falls back to the (watched) attribute.
        return self._wrapped[key]

    def __iter__(self):
        return iter(self._use("__iter__"))

    def __contains__(self, item):
        return item in self._use("__contains__")


class WatchedSession:
    """The session as a shell sees it: any use marks the render as personal."""

    def __init__(self, session, capture: Capture):
        object.__setattr__(self, "_session", session)
        object.__setattr__(self, "_capture", capture)

    def _use(self, what: str):
        self._capture.mark(f"session.{what}")
        return self._session

    def __getattr__(self, name):
        return getattr(self._use(name), name)

    def get(self, key, default=None):
        if key in self._capture.allowed_session_keys:
            return self._session.get(key, default)
        return self._use("get").get(key, default)

    def __setattr__(self, name, value):
        setattr(self._use(name), name, value)

    def __getitem__(self, key):
        return self._use("__getitem__")[key]

    def __setitem__(self, key, value):
        self._use("__setitem__")[key] = value

    def __delitem__(self, key):
        del self._use("__delitem__")[key]

    def __contains__(self, key):
        return key in self._use("__contains__")

    def __iter__(self):
        return iter(self._use("__iter__"))

    def __len__(self):
        return len(self._use("__len__"))


def start_capture(page, request) -> None:
    """Called by the `on_serve_page` hook once Wagtail has routed the request and checked the
    page's view restrictions: from here on the page renders as a shell."""
    capture: Capture | None = getattr(request, "_page_cache", None)
    if capture is None or capture.page_id is not None or not page_is_cacheable(page):
        return
    capture.scopes.update(page_dependencies(page))
    if getattr(type(page), "page_cache_per_role", False):
        capture.per_role = True
        capture.role_profile = role_snapshot(request)
        capture.allowed_user_attributes = ROLE_SNAPSHOT_ATTRIBUTES
    begin_shell(request, capture, page.pk)


def role_snapshot(request) -> str | None:
    """Read the person's groups once, before a `page_cache_per_role` page renders: the role names
    the page sees (`portal.roles.keep_role_names`) and the profile its shell is stored under come
    from the same read. Reading them apart would let a role change committed during the render put
    a page built for one profile under another's key (the office's live figures under the key of
    every employee). None when the session makes the page personal."""
    from portal.roles import keep_role_names

    if any(request.session.get(key) for key in PASSED_RESTRICTION_KEYS):
        return None
    user = request.user
    groups = list(user.groups.values_list("pk", "name"))
    keep_role_names(user, [name for _pk, name in groups])
    return profile_string(user.is_superuser, [pk for pk, _name in groups])


def begin_shell(request, capture: Capture, what) -> None:
    """Swap in the placeholder user and the watched session until `end_capture`."""
    capture.page_id = what
    capture.real_user = request.user
    capture.real_session = request.session
    capture.csrf_flag = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    user = request.user._wrapped if isinstance(request.user, SimpleLazyObject) else request.user
    request.user = PlaceholderUser(user, capture)
    request.session = WatchedSession(request.session, capture)


def end_capture(request, capture: Capture) -> None:
    if capture.page_id is None:
        return
    request.user = capture.real_user
    request.session = capture.real_session
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        capture.mark("csrf.get_token")
    else:
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = capture.csrf_flag or False


def page_is_cacheable(page) -> bool:
    """Page types opt out with `page_cache = False`. Pages with view restrictions are rendered as
    shells but never stored: Wagtail marks their responses `no-store, private`, which `storable`
    refuses (so no extra query for the restrictions here)."""
    return getattr(type(page), "page_cache", True)


def rendering_shell(request) -> bool:
    """True while the page for this request renders as a shell for the shared cache."""
    capture = getattr(request, "_page_cache", None)
    return capture is not None and capture.page_id is not None


def hole_context(request) -> dict:
    """Context processor: while a shell renders, `{% csrf_token %}` writes a placeholder."""
    capture = getattr(request, "_page_cache", None)
    if capture is not None and capture.page_id is not None:
        return {"csrf_token": holes.CSRF}
    return {}


# -- the middleware ---------------------------------------------------------------------------


#: Session keys that hold password-protected pages and collections a person has opened.
PASSED_RESTRICTION_KEYS = frozenset({"passed_page_view_restrictions", "passed_collection_view_restrictions"})
#: What a `page_cache_per_role` render may read of the user: the superuser flag and the role names
#: read with the profile (`role_snapshot`), which `portal.roles.has_role` looks at first. Not the
#: groups themselves: a second read could differ from the one the shell's key came from.
ROLE_SNAPSHOT_ATTRIBUTES = frozenset({"is_superuser", "_portal_role_names"})
#: Stored at a page's own address when its shells are kept per visibility profile.
ROLE_MARKER = "per_role"


def is_role_marker(entry) -> bool:
    return entry is not None and bool(entry.get(ROLE_MARKER))


def visibility_profile(request) -> str | None:
    """What decides which restricted content this person may see (superuser or not, their groups),
    as a part of a cache key; None when it is personal (password-protected content opened in this
    session). Sets `request.portal_group_ids` so views need not ask again."""
    if any(request.session.get(key) for key in PASSED_RESTRICTION_KEYS):
        return None
    user = request.user
    group_ids = sorted(user.groups.values_list("pk", flat=True))
    request.portal_group_ids = frozenset(group_ids)
    return profile_string(user.is_superuser, group_ids)


def profile_string(is_superuser: bool, group_ids) -> str:
    return ("superuser:" if is_superuser else "groups:") + ",".join(map(str, sorted(group_ids)))


def page_key(release: str, host: str, language: str, address: str) -> str:
    """The cache key of a shell (shared by the middleware and the fast path). The shell carries the
    numbers of the scopes it showed (`dependencies`); `fresh_entry` compares them."""
    digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    # The placeholder token is in the key: servers with another SECRET_KEY never share shells.
    return f"portal:page:2:{release}:{holes.TOKEN[:8]}:{host}:{language}:{digest}"


def fresh_entry(entry, generations: dict[str, int]):
    """The cached entry when none of what it shows has changed since, else None."""
    if entry is None or not is_fresh(entry.get("dependencies") or {CONTENT: -1}, generations):
        return None
    return entry


def _excluded_paths() -> list[re.Pattern]:
    return [re.compile(pattern) for pattern in getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", [])]


class PageCacheMiddleware:
    """Serve Wagtail pages to signed-in people from shells; store shells on the way out.

    Sits last in MIDDLEWARE, so security headers, CSP, CSRF cookies, sessions and the language all
    apply to cached responses exactly as to rendered ones.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = getattr(settings, "PAGE_CACHE_ENABLED", True)
        self.timeout = getattr(settings, "PAGE_CACHE_TIMEOUT", 600)
        self.release = getattr(settings, "PAGE_CACHE_RELEASE", "")
        self.excluded = _excluded_paths()
        # App views (by URL name) whose output is the same for everyone, such as search results;
        # they are rendered as shells too, so personal use is still noticed and never stored.
        self.views = set(getattr(settings, "PAGE_CACHE_VIEWS", []))
        # How long a request waits for another one that renders the same stale shell (0: never).
        self.render_wait = float(getattr(settings, "PAGE_CACHE_RENDER_WAIT", 2.0))

    def __call__(self, request):
        try:
            return self.serve(request)
        finally:
            routing.learn(request)  # where Wagtail's routing led, for the next request

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Before Wagtail's `serve` (the login requirement has passed): hand it the site and the
        page remembered for this address (portal/routing.py), also when no shell is stored."""
        if view_func is wagtail_serve and request.method in ("GET", "HEAD"):
            routing.prefill(request)
        return None

    def serve(self, request):
        kind = self.eligible(request)
        profile = visibility_profile(request) if kind == "view" else ""
        if kind is None or profile is None:
            return self.get_response(request)
        try:
            generations = current_generations()
        except DatabaseError:  # e.g. before `migrate` created the generation table
            logger.warning("Page cache generation unavailable", exc_info=True)
            return self.get_response(request)
        key = self.key(request, with_query=kind == "view", profile=profile)
        stored = self.read(key)
        if is_role_marker(fresh_entry(stored, generations)):
            key = self.role_key(request)
            if key is None:
                return self.get_response(request)
            stored = self.read(key)
        entry = fresh_entry(stored, generations)
        claimed = False
        if entry is None and stored is not None and request.method == "GET":
            # The shell went stale (a publish, a bump): one request renders it again and the others
            # for the same page wait for that shell, instead of each rendering it on the same cores.
            claimed = self.claim_render(key)
            if not claimed:
                entry = self.wait_for_render(key, generations)
                if is_role_marker(entry):  # rendered meanwhile for a profile: this one's, maybe
                    role_key = self.role_key(request)
                    entry = fresh_entry(self.read(role_key), generations) if role_key else None
        if entry is not None:
            if kind == "view":
                cached_view_served.send(
                    sender=request.resolver_match_name, request=request, meta=entry.get("meta")
                )
            return self.respond(request, entry)
        if request.method != "GET":
            return self.get_response(request)
        try:
            return self.render(request, kind, key, generations)
        finally:
            if claimed:
                self.release_render(key)  # the shell is stored by now, or will not be

    def render(self, request, kind: str, key: str, generations: dict[str, int]):
        """Let Django render the page as a shell; store it unless the render was personal."""
        capture = Capture(generations=generations)
        request._page_cache = capture
        if kind == "view":
            # The view may look at what decides visibility: it is part of the key.
            capture.allowed_user_attributes = frozenset({"is_superuser"})
            capture.allowed_session_keys = PASSED_RESTRICTION_KEYS
            begin_shell(request, capture, request.resolver_match_name)
        try:
            response = self.get_response(request)
        finally:
            del request._page_cache
            end_capture(request, capture)
        if capture.page_id is None or response.streaming:
            return response
        shell = response.content
        if capture.personal:
            logger.debug("Not caching %s: rendering used %s", request.path, ", ".join(capture.personal))
            page_cache_stats.mark(response, "personal")
        elif self.storable(response):
            headers = {name: value for name, value in response.items() if name.lower() in STORED_HEADERS}
            meta = getattr(request, "page_cache_meta", None)
            dependencies = {scope: generations.get(scope, 0) for scope in capture.scopes}
            if capture.per_role:
                # The shell under the profile it was rendered for; at the address, where to look.
                profile = capture.role_profile
                key = None if profile is None else self.key(request, profile=profile)
                if key is not None:
                    self.write(self.key(request), {ROLE_MARKER: True, "dependencies": dependencies})
            if key is None:  # password-protected content opened in this session
                page_cache_stats.mark(response, "personal")
            else:
                self.write(
                    key, {"content": shell, "headers": headers, "meta": meta, "dependencies": dependencies}
                )
                page_cache_stats.mark(response, "miss")
        response.content = fill_holes(shell, request)
        patch_cache_control(response, private=True)
        return response

    # -- one render per stale shell ---------------------------------------------------------------
    # The claim lives in the page cache itself: shared by every server when the shells are (Redis),
    # per process when they are (local memory), as the shell the others wait for is.

    def claim_render(self, key: str) -> bool:
        """True when this request renders the shell again; False when another one does already."""
        if self.render_wait <= 0:
            return True
        try:
            return bool(_cache().add(f"{key}:rendering", 1, int(self.render_wait) + 5))
        except Exception:  # a cache outage must only make pages slower
            logger.warning("Page cache unavailable (claim)", exc_info=True)
            return True

    def release_render(self, key: str) -> None:
        try:
            _cache().delete(f"{key}:rendering")
        except Exception:  # the claim expires by itself
            logger.warning("Page cache unavailable (release)", exc_info=True)

    def is_rendering(self, key: str) -> bool:
        try:
            return _cache().get(f"{key}:rendering") is not None
        except Exception:
            logger.warning("Page cache unavailable (claim)", exc_info=True)
            return False

    def wait_for_render(self, key: str, generations: dict[str, int]):
        """The shell another request is rendering, once stored; None when that request ends without
        storing one (a personal render) or takes longer than PAGE_CACHE_RENDER_WAIT: this request
        renders it then.

        A shell rendered from newer numbers than this request read is as good (it shows what this
        request would show, or later changes); an older one is not."""
        deadline = self.clock() + self.render_wait
        while self.clock() < deadline:
            self.pause(RENDER_POLL_SECONDS)
            rendering = self.is_rendering(key)  # before the read: a shell stored meanwhile is seen
            entry = self.read(key)
            if entry is not None and is_at_least(entry.get("dependencies") or {}, generations):
                return entry
            if not rendering:
                return None
        return None

    # The waiting's clock and pause, as methods so that tests replace them without real waiting.
    clock = staticmethod(time.monotonic)
    pause = staticmethod(time.sleep)

    def eligible(self, request) -> str | None:
        """ "page" for a Wagtail page, "view" for an app view listed in PAGE_CACHE_VIEWS (its
        query string is part of the key), None for everything else."""
        if not self.enabled or request.method not in ("GET", "HEAD"):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.func is wagtail_serve and not request.META.get("QUERY_STRING"):
            kind = "page"
        elif match.url_name and match.url_name in self.views:
            kind = "view"
            request.resolver_match_name = match.url_name
        else:
            return None  # an app's own view (reports, cases, registrations): never cached
        if any(pattern.search(request.path) for pattern in self.excluded):
            return None
        if not request.user.is_authenticated:
            return None  # the login requirement (and its redirect) is handled further in
        storage = getattr(request, "_messages", None)
        # Messages waiting to be shown are personal: render normally, which also consumes them.
        if storage is not None and len(storage):
            return None
        return kind

    def role_key(self, request) -> str | None:
        """The key of the shell of a `page_cache_per_role` page for this person's visibility
        profile; None when their session makes it personal."""
        profile = visibility_profile(request)
        return None if profile is None else self.key(request, profile=profile)

    def key(self, request, *, with_query: bool = False, profile: str = "") -> str:
        address = request.get_full_path() if with_query else request.path
        if profile:
            address = f"{address}#visibility={profile}"
        return page_key(self.release, request.get_host(), get_language(), address)

    @staticmethod
    def storable(response) -> bool:
        if response.status_code != 200 or response.cookies:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control

    def read(self, key: str):
        try:
            return _cache().get(key)
        except Exception:  # a cache outage must only make pages slower
            logger.warning("Page cache unavailable (read)", exc_info=True)
            return None

    def write(self, key: str, entry: dict) -> None:
        try:
            _cache().set(key, entry, self.timeout)
        except Exception:  # a cache outage must only make pages slower
            logger.warning("Page cache unavailable (write)", exc_info=True)

    @staticmethod
    def respond(request, entry: dict) -> HttpResponse:
        generation = entry["dependencies"].get(CONTENT)
        response = HttpResponse(fill_holes(entry["content"], request, content_generation=generation))
        for name, value in entry["headers"].items():
            response[name] = value
        page_cache_stats.mark(response, "hit")
        patch_cache_control(response, private=True)
        return response


def person_for(request, content_generation: int | None = None) -> holes.Person:
    user = request.user
    return holes.Person(
        pk=user.pk,
        username=user.get_username(),
        full_name=user.get_full_name(),
        csrf_token=lambda: get_token(request),
        content_generation=content_generation,
    )


def fill_holes(content: bytes, request, content_generation: int | None = None) -> bytes:
    """Put the person's name, a fresh CSRF token and personal parts into a shell (bytes, UTF-8);
    `content_generation`: of a stored shell that is fresh (see `holes.Person`)."""
    return holes.fill(content, person_for(request, content_generation))
