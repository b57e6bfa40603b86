"""The portal's roles. Each is a Django group, created by `portal/migrations/0001_roles.py`.

Group names are what administrators see in the Wagtail admin, so they are Dutch;
code refers to them through these constants.
"""

from enum import StrEnum

from django.db import models


class Role(StrEnum):
    EMPLOYEE = "Medewerker"
    MANAGER = "Leidinggevende"
    EDITOR = "Redacteur"
    INTEGRITY_OFFICE = "Integriteitsbureau"
    CONFIDENTIAL_ADVISOR = "Vertrouwenspersoon"
    VPD_COORDINATOR = "VPD-coördinator"
    PEER_SUPPORT = "Bedrijfsopvangteam"
    ADMINISTRATOR = "Beheerder"
    HR = "HR-adviseur"  # created by safework/migrations (declarations register, placements, screening)
    SECURITY_COORDINATOR = "Beveiligingscoördinator"  # created by safework/migrations (building DRAs)


ALL_ROLES = tuple(Role)

# Roles that work in the Wagtail admin (they get `wagtailadmin.access_admin`).
ADMIN_ROLES = (
    Role.MANAGER,
    Role.EDITOR,
    Role.INTEGRITY_OFFICE,
    Role.CONFIDENTIAL_ADVISOR,
    Role.VPD_COORDINATOR,
    Role.PEER_SUPPORT,
    Role.ADMINISTRATOR,
    Role.HR,
    Role.SECURITY_COORDINATOR,
)


def has_role(user, role: Role) -> bool:
    """True when a signed-in user is in the role's group. Superusers hold no roles implicitly."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_portal_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._portal_role_names = cached
    return str(role) in cached


def keep_role_names(user, names) -> None:
    """The group names `has_role` answers from for the rest of this request (read elsewhere
    together with what depends on the same read: portal/cache.py `role_snapshot`)."""
    user._portal_role_names = frozenset(names)


# Roles whose members read reports, advisor registrations or user data: only the office lead grants
# the first two, and all of them prove a second factor at sign-in.
OFFICE_ROLES = (Role.INTEGRITY_OFFICE, Role.CONFIDENTIAL_ADVISOR)
OFFICE_LEAD_PERMISSION = "portal.lead_integrity_office"


def is_office_lead(user) -> bool:
    """True for an active user granted the office-lead permission directly or through a group.

    Deliberately not `user.has_perm`: a superuser has every permission implicitly, and separation
    of duties means an administrator never becomes office lead by being one.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    app_label, codename = OFFICE_LEAD_PERMISSION.split(".")
    from django.contrib.auth.models import Permission

    return (
        Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        .filter(models.Q(user=user) | models.Q(group__user=user))
        .exists()
    )
