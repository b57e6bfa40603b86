"""Every change of anyone's roles is written to the audit log, whatever path made it.

Listening to `m2m_changed` on the user-group relation (both directions: `user.groups.add(...)` and
`group.user_set.add(...)`, as Wagtail's bulk "assign role" does) and on users' own permissions, and
to the deletion of users and groups (which drop memberships without an m2m signal), catches the
user editor, the office lead's screen, bulk actions, management commands and the shell alike. Each
entry holds the account and its roles before and after; who made the change is the signed-in person
of the request (`ActorMiddleware`) or the management command that says so (`acting_as`).

Changes that touch an office role or the office-lead permission are also mailed to the integrity
office, after the transaction commits, with the audit entry's number only (no names in mail).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import m2m_changed, pre_delete
from django.utils.translation import gettext as _

from portal.mail import send_mail_later
from portal.roles import OFFICE_LEAD_PERMISSION, Role
from portal.separation import OFFICE_ROLE_NAMES

logger = logging.getLogger(__name__)

ROLE_CHANGED = "rollen gewijzigd"
PERMISSIONS_CHANGED = "rechten gewijzigd"
GROUP_PERMISSIONS_CHANGED = "groepsrechten gewijzigd"

_request = contextvars.ContextVar("portal_role_audit_request", default=None)
_actor = contextvars.ContextVar("portal_role_audit_actor", default=None)
_before = contextvars.ContextVar("portal_role_audit_before", default=None)


class ActorMiddleware:
    """Remembers the request, so a role change made while serving it names who made it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


@contextlib.contextmanager
def acting_as(user=None, via: str = ""):
    """For code without a request (management commands): who acts and how."""
    token = _actor.set((user, via))
    try:
        yield
    finally:
        _actor.reset(token)


def _who() -> tuple[object | None, str]:
    actor = _actor.get()
    if actor is not None:
        return actor
    request = _request.get()
    if request is not None:
        user = getattr(request, "user", None)
        return (user if user is not None and user.is_authenticated else None), request.path
    return None, "zonder verzoek (beheeropdracht of shell)"


def _group_names(user_pk) -> list[str]:
    return sorted(Group.objects.filter(user__pk=user_pk).values_list("name", flat=True))


def _permission_names(user_pk) -> list[str]:
    return sorted(
        f"{app}.{codename}"
        for app, codename in Permission.objects.filter(user__pk=user_pk).values_list(
            "content_type__app_label", "codename"
        )
    )


def _affected_users(instance, reverse: bool, pk_set, model_field: str) -> list[int]:
    """The users whose roles the signal changes."""
    User = get_user_model()
    if not reverse:
        return [instance.pk]
    if pk_set is not None:
        return sorted(pk_set)
    return list(User.objects.filter(**{model_field: instance}).values_list("pk", flat=True))


def _write(action: str, user_pk: int, before: list[str], after: list[str], sensitive: bool) -> None:
    from forms import audit

    if before == after:
        return
    User = get_user_model()
    account = User.objects.filter(pk=user_pk).values_list(User.USERNAME_FIELD, flat=True).first()
    actor, via = _who()
    entry = audit.record(
        action,
        user=actor,
        detail={
            "account": account,
            "account_id": user_pk,
            "before": before,
            "after": after,
            "added": sorted(set(after) - set(before)),
            "removed": sorted(set(before) - set(after)),
            "via": via,
            "by": actor.get_username() if actor is not None else None,
        },
    )
    if sensitive:
        transaction.on_commit(lambda: mail_office(entry.pk, set(before) | set(after)))


def _membership_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    _track(
        instance, action, reverse, pk_set, _group_names, ROLE_CHANGED, "groups", _is_sensitive_group_change
    )


def _user_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    _track(
        instance, action, reverse, pk_set, _permission_names, PERMISSIONS_CHANGED, "user_permissions",
        _is_sensitive_permission_change,
    )  # fmt: skip


def _is_sensitive_group_change(before: list[str], after: list[str]) -> bool:
    changed = set(before) ^ set(after)
    if changed & OFFICE_ROLE_NAMES:
        return True
    return Group.objects.filter(name__in=changed, permissions__in=_lead_permission_ids()).exists()


def _is_sensitive_permission_change(before: list[str], after: list[str]) -> bool:
    return OFFICE_LEAD_PERMISSION in set(before) ^ set(after)


def _lead_permission_ids():
    app, codename = OFFICE_LEAD_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app, codename=codename).values("pk")


def _track(instance, action, reverse, pk_set, names_of, audit_action, field, sensitive_test):
    if action in ("pre_add", "pre_remove", "pre_clear"):
        users = _affected_users(instance, reverse, pk_set, field)
        stack = dict(_before.get() or {})
        stack[(audit_action, action[4:], id(instance))] = {pk: names_of(pk) for pk in users}
        _before.set(stack)
    elif action in ("post_add", "post_remove", "post_clear"):
        stack = dict(_before.get() or {})
        befores = stack.pop((audit_action, action[5:], id(instance)), {})
        _before.set(stack)
        for user_pk, before in befores.items():
            after = names_of(user_pk)
            _write(audit_action, user_pk, before, after, sensitive_test(before, after))


def _group_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A group gaining or losing a permission changes what its members may do: audited too."""
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    from forms import audit

    actor, via = _who()
    names = []
    if pk_set:
        names = sorted(
            f"{app}.{codename}"
            for app, codename in Permission.objects.filter(pk__in=pk_set).values_list(
                "content_type__app_label", "codename"
            )
        )
    audit.record(
        GROUP_PERMISSIONS_CHANGED,
        user=actor,
        detail={"group": instance.name, "change": action[5:], "permissions": names, "via": via},
    )


def _user_deleted(sender, instance, **kwargs):
    before = _group_names(instance.pk)
    if before:
        _write(ROLE_CHANGED, instance.pk, before, [], bool(set(before) & OFFICE_ROLE_NAMES))


def _group_deleted(sender, instance, **kwargs):
    for user_pk in instance.user_set.values_list("pk", flat=True):
        before = _group_names(user_pk)
        after = [name for name in before if name != instance.name]
        _write(ROLE_CHANGED, user_pk, before, after, instance.name in OFFICE_ROLE_NAMES)


def mail_office(entry_pk: int, roles_involved: set[str]) -> None:
    """Tell the integrity office (and leads) that its roles changed: the audit entry's number only."""
    User = get_user_model()
    app, codename = OFFICE_LEAD_PERMISSION.split(".")
    recipients = sorted(
        set(
            User.objects.filter(is_active=True, groups__name=str(Role.INTEGRITY_OFFICE))
            .exclude(email="")
            .values_list("email", flat=True)
        )
        | set(
            User.objects.filter(
                is_active=True,
                user_permissions__content_type__app_label=app,
                user_permissions__codename=codename,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        logger.warning("Role change %s: nobody in the integrity office to tell", entry_pk)
        return
    send_mail_later(
        _("Wijziging in de rollen van het integriteitsbureau"),
        _(
            "Iemand heeft de rollen van het integriteitsbureau, de vertrouwenspersonen of de leiding "
            "gewijzigd. Bekijk auditlogregel %(entry)s in het portaal (Integriteit → Rollen) voor wie, "
            "wat en door wie. Klopt dit niet? Neem dan direct contact op met de leiding van het "
            "integriteitsbureau."
        )
        % {"entry": entry_pk},
        recipients,
    )


def connect_signals() -> None:
    User = get_user_model()
    for handler, sender in (
        (_membership_changed, User.groups.through),
        (_user_permissions_changed, User.user_permissions.through),
        (_group_permissions_changed, Group.permissions.through),
    ):
        m2m_changed.connect(handler, sender=sender, dispatch_uid=f"portal_role_audit_{handler.__name__}")
    pre_delete.connect(_user_deleted, sender=User, dispatch_uid="portal_role_audit_user_deleted")
    pre_delete.connect(_group_deleted, sender=Group, dispatch_uid="portal_role_audit_group_deleted")
