"""Session timeouts and signing a person out everywhere.

Timeouts (settings, in seconds): a session ends after `SESSION_IDLE_TIMEOUT` without a request and
`SESSION_ABSOLUTE_TIMEOUT` after signing in; for whoever needs a second factor
(`portal.mfa.needs_second_factor`) after `SESSION_SENSITIVE_IDLE_TIMEOUT` /
`SESSION_SENSITIVE_ABSOLUTE_TIMEOUT`. The session itself holds when it started, when it was last
seen and the deadlines that follow; `SessionTimeoutMiddleware` enforces them on every request Django
serves and refreshes "last seen" at most every `SESSION_ACTIVITY_INTERVAL` seconds (also the session
store's expiry, so an idle session is gone from the store too). The page cache's fast path
(portal/fastpath.py), which answers before any middleware, serves only sessions seen within that
interval (`fast_path_may_serve`): after that Django answers once more, checks the timeouts and
refreshes.

Signing out everywhere: each sign-in is recorded (`portal.models.UserSession`, by session key), and
a new password, a role taken away or a deactivation deletes every recorded session of that person
from the session store, whichever engine it is (database, cache, cached_db on Redis).

Nothing is read or written on the anonymous report pages (forms/anonymity.py): no activity time that
could be set beside a report's arrival.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model, logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from forms.anonymity import is_anonymous_path
from portal.roles import ALL_ROLES

STARTED = "portal_session_started"
SEEN = "portal_session_seen"
IDLE = "portal_session_idle"
DEADLINE = "portal_session_deadline"
RECORDED = "portal_session_recorded"
#: Put in the new (signed-out) session so the sign-in page can say why.
ENDED_NOTICE = "portal_session_ended"


def session_limits(user) -> tuple[int, int]:
    """(idle, absolute) timeout in seconds for this person. The shorter timeouts apply to exactly
    the people who must prove a second factor (`portal.mfa.needs_second_factor`: the sensitive
    roles, office leads, superusers), so the two lists can never drift apart."""
    from portal.mfa import needs_second_factor

    if needs_second_factor(user):
        return settings.SESSION_SENSITIVE_IDLE_TIMEOUT, settings.SESSION_SENSITIVE_ABSOLUTE_TIMEOUT
    return settings.SESSION_IDLE_TIMEOUT, settings.SESSION_ABSOLUTE_TIMEOUT


def _aware(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=UTC)


def _mark_seen(session, user, now: float) -> None:
    idle, absolute = session_limits(user)
    started = session.get(STARTED, now)
    session[SEEN] = now
    session[IDLE] = idle
    session[DEADLINE] = started + absolute
    # The store forgets an idle session by itself too (and the browser its cookie).
    session.set_expiry(int(min(idle, started + absolute - now)) + 1)


def ended(session, now: float) -> str | None:
    """ "idle" or "absolute" when a signed-in session has run out, else None."""
    seen = session.get(SEEN)
    if seen is None:
        return None
    if now >= session.get(DEADLINE, float("inf")):
        return "absolute"
    if now - seen > session.get(IDLE, settings.SESSION_IDLE_TIMEOUT):
        return "idle"
    return None


def fast_path_may_serve(session, now: float | None = None) -> bool:
    """True when the fast path may answer for this session without Django: seen by Django within
    the activity interval (so the idle timeout cannot pass unnoticed) and before its deadline."""
    now = time.time() if now is None else now
    seen, deadline = session.get(SEEN), session.get(DEADLINE)
    if seen is None or deadline is None:
        return False
    interval = min(settings.SESSION_ACTIVITY_INTERVAL, session.get(IDLE, settings.SESSION_IDLE_TIMEOUT))
    return 0 <= now - seen < interval and now < deadline


class SessionTimeoutMiddleware:
    """Ends sessions past their timeouts; refreshes last activity (at most once an interval)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is None or is_anonymous_path(request.path_info) or SESSION_KEY not in session:
            return self.get_response(request)
        now = time.time()
        reason = ended(session, now)
        if reason is not None:
            logout(request)
            request.session[ENDED_NOTICE] = reason
            return self.get_response(request)
        user = request.user  # LoginRequiredMiddleware evaluates it anyway
        if not user.is_authenticated:  # e.g. the password changed: Django flushed the session
            return self.get_response(request)
        if SEEN not in session:  # signed in before this middleware existed
            session[STARTED] = now
        if SEEN not in session or now - session[SEEN] >= settings.SESSION_ACTIVITY_INTERVAL:
            _mark_seen(session, user, now)
            _touch(session, now)
        if session.session_key and session.get(RECORDED) != session.session_key:
            # A new key for the same sign-in (a password change cycles it): record it again.
            _record(request, user, now)
        return self.get_response(request)


# -- the record of sessions ---------------------------------------------------------------------

_PHONE = re.compile(r"Mobi|iPhone|Android.+Mobile|Windows Phone", re.IGNORECASE)
_TABLET = re.compile(r"iPad|Tablet|Android", re.IGNORECASE)
_BROWSERS = (
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("OPR/", "Opera"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)


def device_of(user_agent: str) -> tuple[str, str]:
    """("phone" | "tablet" | "computer", browser name): all that is kept of the user agent."""
    user_agent = user_agent or ""
    if _PHONE.search(user_agent):
        device = "phone"
    elif _TABLET.search(user_agent):
        device = "tablet"
    else:
        device = "computer"
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), "")
    return device, browser


def _record(request, user, now: float) -> None:
    from portal.models import UserSession

    session = request.session
    if not session.session_key:
        session.save()
    device, browser = device_of(request.META.get("HTTP_USER_AGENT", ""))
    UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "device": device,
            "browser": browser,
            "signed_in_at": _aware(session.get(STARTED, now)),
            "last_activity": _aware(now),
        },
    )
    session[RECORDED] = session.session_key


def _touch(session, now: float) -> None:
    from portal.models import UserSession

    if session.session_key:
        UserSession.objects.filter(session_key=session.session_key).update(last_activity=_aware(now))


def on_signed_in(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    from portal.models import UserSession

    now = time.time()
    request.session[STARTED] = now
    _mark_seen(request.session, user, now)
    _record(request, user, now)
    # Forget this person's sessions that ran out by themselves.
    idle, absolute = session_limits(user)
    cutoff = _aware(now)
    UserSession.objects.filter(user=user, last_activity__lt=cutoff - timedelta(seconds=idle)).delete()
    UserSession.objects.filter(user=user, signed_in_at__lt=cutoff - timedelta(seconds=absolute)).delete()


def on_signed_out(sender, request, user, **kwargs) -> None:
    from portal.models import UserSession

    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()


def active_sessions(user):
    """This person's sessions that have not run out, most recently active first."""
    from portal.models import UserSession

    idle, absolute = session_limits(user)
    now = _aware(time.time())
    return UserSession.objects.filter(
        user=user,
        last_activity__gte=now - timedelta(seconds=idle),
        signed_in_at__gte=now - timedelta(seconds=absolute),
    )


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def end_sessions(records) -> int:
    """Delete these recorded sessions from the session store and forget them."""
    store = _store()
    count = 0
    for record in list(records):
        store().delete(record.session_key)
        record.delete()
        count += 1
    return count


def sign_out_everywhere(user_pk, *, keep: str | None = None) -> int:
    """End every session of one person (except the session key `keep`)."""
    from portal.models import UserSession

    records = UserSession.objects.filter(user_id=user_pk)
    if keep:
        records = records.exclude(session_key=keep)
    return end_sessions(records)


# -- when everyone is signed out ----------------------------------------------------------------


def _before_user_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    instance._portal_sign_out = False
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return
    old = sender._default_manager.filter(pk=instance.pk).values("password", "is_active").first()
    if old is None:
        return
    changed_password = old["password"] != instance.password
    deactivated = old["is_active"] and not instance.is_active
    instance._portal_sign_out = changed_password or deactivated


def _after_user_save(sender, instance, raw=False, **kwargs) -> None:
    if getattr(instance, "_portal_sign_out", False):
        instance._portal_sign_out = False
        sign_out_everywhere(instance.pk)


def _role_names() -> set[str]:
    return {str(role) for role in ALL_ROLES}


def _roles_changed(sender, instance, action, reverse, pk_set=None, **kwargs) -> None:
    """A role taken away, from either side (user.groups or group.user_set). Other groups (teams)
    come and go without signing anyone out."""
    from django.contrib.auth.models import Group

    if not reverse:  # instance is a user
        if action == "post_remove":
            if Group.objects.filter(pk__in=pk_set or (), name__in=_role_names()).exists():
                sign_out_everywhere(instance.pk)
        elif action == "pre_clear" and instance.groups.filter(name__in=_role_names()).exists():
            sign_out_everywhere(instance.pk)
    elif instance.name in _role_names():  # instance is a role's group
        if action == "post_remove":
            for pk in pk_set or ():
                sign_out_everywhere(pk)
        elif action == "pre_clear":
            for pk in instance.user_set.values_list("pk", flat=True):
                sign_out_everywhere(pk)


def _group_deleted(sender, instance, **kwargs) -> None:
    if instance.name in _role_names():
        for pk in instance.user_set.values_list("pk", flat=True):
            sign_out_everywhere(pk)


def connect_signals() -> None:
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    user_logged_in.connect(on_signed_in, dispatch_uid="portal-sessions-signed-in")
    user_logged_out.connect(on_signed_out, dispatch_uid="portal-sessions-signed-out")
    pre_save.connect(_before_user_save, sender=user_model, dispatch_uid="portal-sessions-user-pre")
    post_save.connect(_after_user_save, sender=user_model, dispatch_uid="portal-sessions-user-post")
    m2m_changed.connect(
        _roles_changed, sender=user_model.groups.through, dispatch_uid="portal-sessions-roles"
    )
    pre_delete.connect(_group_deleted, sender=Group, dispatch_uid="portal-sessions-group-delete")
