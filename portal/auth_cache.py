"""What the page cache's fast path needs to know about a signed-in person, kept in the shared cache.

Django checks on every request that the session still belongs to an active user whose password has
not changed since signing in (the session auth hash). Django loads the whole user row for that; the
fast path (portal/fastpath.py) asks this record instead: the same hash, the active flag (only active
users get a record), and the names a page shows. The record lives in the default cache (Redis in
production, shared by every app server) and is deleted whenever the user row is saved or deleted,
so a new password, a deactivation or a new name takes effect at once on every server.
`QuerySet.update()` on users bypasses signals; `RECORD_TIMEOUT` bounds how long such a change can
go unnoticed by the fast path (Django's own path checks the database every time).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

RECORD_TIMEOUT = 300


def record_key(pk) -> str:
    return f"portal:auth-user:1:{pk}"


def user_record(pk) -> dict | None:
    """{"hash", "username", "full_name"} of the active user `pk`, or None (inactive or gone)."""
    key = record_key(pk)
    record = cache.get(key)
    if record is not None:
        return record
    user = get_user_model()._default_manager.filter(pk=pk, is_active=True).first()
    if user is None:
        return None
    record = {
        "hash": user.get_session_auth_hash(),
        "username": user.get_username(),
        "full_name": user.get_full_name(),
    }
    cache.set(key, record, RECORD_TIMEOUT)
    return record


def forget(sender=None, instance=None, **kwargs) -> None:
    if instance is None or instance.pk is None:
        return
    key = record_key(instance.pk)
    cache.delete(key)
    # A request may have read the old row before this transaction committed and stored it since.
    transaction.on_commit(lambda: cache.delete(key))


def connect_signals() -> None:
    user_model = get_user_model()
    post_save.connect(forget, sender=user_model, dispatch_uid="portal-auth-cache-save")
    post_delete.connect(forget, sender=user_model, dispatch_uid="portal-auth-cache-delete")
