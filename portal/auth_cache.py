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
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from portal.mfa import needs_second_factor

RECORD_TIMEOUT = 300


def record_key(pk) -> str:
    return f"portal:auth-user:1:{pk}"


def user_record(pk) -> dict | None:
    """{"hash", "username", "full_name", "superuser", "groups", "second_factor"} of the active user
    `pk`, or None (inactive or gone)."""
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
        # What decides which restricted content the person may see (search results are keyed on it).
        "superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("pk", flat=True)),
        # A session of such a person is answered by Django until it proved a second factor.
        "second_factor": needs_second_factor(user),
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


def forget_members(sender=None, instance=None, action="", reverse=False, pk_set=None, **kwargs) -> None:
    """A change of group membership, from either side (user.groups or group.user_set)."""
    if not reverse:  # instance is a user
        if action.startswith("post_"):
            forget(instance=instance)
    elif action == "pre_clear":  # instance is a group that loses all its members
        forget_group_members(instance=instance)
    elif action in ("post_add", "post_remove"):
        user_model = get_user_model()
        for pk in pk_set or ():
            forget(instance=user_model(pk=pk))


def forget_group_members(sender=None, instance=None, **kwargs) -> None:
    """Before a group goes, its members' records (the cascade sends no m2m signal)."""
    for user in instance.user_set.only("pk"):
        forget(instance=user)


def connect_signals() -> None:
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    post_save.connect(forget, sender=user_model, dispatch_uid="portal-auth-cache-save")
    post_delete.connect(forget, sender=user_model, dispatch_uid="portal-auth-cache-delete")
    m2m_changed.connect(
        forget_members, sender=user_model.groups.through, dispatch_uid="portal-auth-cache-groups"
    )
    pre_delete.connect(forget_group_members, sender=Group, dispatch_uid="portal-auth-cache-group-delete")
    # The office-lead permission, given to a user or a group, makes a second factor necessary.
    m2m_changed.connect(
        forget_members,
        sender=user_model.user_permissions.through,
        dispatch_uid="portal-auth-cache-permissions",
    )
    m2m_changed.connect(
        forget_group_permissions,
        sender=Group.permissions.through,
        dispatch_uid="portal-auth-cache-group-perms",
    )


def forget_group_permissions(sender=None, instance=None, action="", reverse=False, **kwargs) -> None:
    """A group's permissions changed (or a permission's groups): forget the members' records."""
    if not action.startswith(("post_", "pre_clear")):
        return
    from django.contrib.auth.models import Group

    groups = [instance] if not reverse else list(Group.objects.filter(pk__in=kwargs.get("pk_set") or ()))
    if reverse and action == "pre_clear":
        groups = list(instance.group_set.all())
    for group in groups:
        forget_group_members(instance=group)
