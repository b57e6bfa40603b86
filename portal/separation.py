"""Separation of duties: who may touch the integrity office's and confidential advisors' roles.

Administrators (and superusers: Wagtail gives them every model permission) manage users and groups,
but never the office roles (`portal.roles.OFFICE_ROLES`), the office-lead permission, permissions
that concern reports or advisor registrations, or the accounts of the people who hold them. Only the
office lead (`portal.roles.is_office_lead`, never implied by `is_superuser`) grants and removes the
office roles; the first lead is appointed on the server (`manage.py appoint_office_lead`).

Every check here is made on the server by the views that change users and groups (portal/viewsets.py,
portal/office_roles.py); the audit of every change lives in portal/role_audit.py.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from portal.roles import OFFICE_LEAD_PERMISSION, OFFICE_ROLES, is_office_lead

OFFICE_ROLE_NAMES = frozenset(str(role) for role in OFFICE_ROLES)
_LEAD_APP, _LEAD_CODENAME = OFFICE_LEAD_PERMISSION.split(".")


def office_groups():
    return Group.objects.filter(name__in=OFFICE_ROLE_NAMES)


def is_office_group(group) -> bool:
    return group is not None and group.name in OFFICE_ROLE_NAMES


def is_office_role_name(name: str) -> bool:
    """Also a name that differs only in case or spaces: a look-alike group would confuse people."""
    folded = " ".join((name or "").split()).casefold()
    return any(folded == role.casefold() for role in OFFICE_ROLE_NAMES)


def sensitive_permissions():
    """Permissions no administrator may put in a group: everything about reports, their messages,
    attachments, notes and audit log, advisor registrations and conversations, and the lead's own."""
    return Permission.objects.filter(
        Q(content_type__app_label="forms")
        & (
            Q(codename__contains="integrityreport")
            | Q(codename__contains="advisor")
            | Q(codename__contains="auditlogentry")
            | Q(codename__contains="message")
            | Q(codename__contains="attachment")
            | Q(codename__contains="internalnote")
        )
        | Q(content_type__app_label=_LEAD_APP, codename=_LEAD_CODENAME)
    )


def lead_permission():
    return Permission.objects.get(content_type__app_label=_LEAD_APP, codename=_LEAD_CODENAME)


def protected_users():
    """Accounts only the office lead may change: members of an office role and office leads."""
    User = get_user_model()
    lead = Q(content_type__app_label=_LEAD_APP, codename=_LEAD_CODENAME)
    lead_ids = Permission.objects.filter(lead).values("pk")
    return User.objects.filter(
        Q(groups__name__in=OFFICE_ROLE_NAMES)
        | Q(user_permissions__in=lead_ids)
        | Q(groups__permissions__in=lead_ids)
    ).distinct()


def is_protected_user(user) -> bool:
    return user is not None and user.pk is not None and protected_users().filter(pk=user.pk).exists()


def may_change_account(actor, target) -> bool:
    """May `actor` edit, set the password of, (de)activate or delete `target`?

    Protected accounts: only the office lead (or the person themselves in their own account screen,
    which Wagtail limits to name, e-mail and password; their roles stay locked there too).
    """
    if not is_protected_user(target):
        return True
    return is_office_lead(actor) or (actor.pk == target.pk)


def may_grant_office_roles(actor) -> bool:
    return is_office_lead(actor)
