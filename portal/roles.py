"""The portal's roles. Each is a Django group, created by `portal/migrations/0001_roles.py`.

Group names are what administrators see in the Wagtail admin, so they are Dutch;
code refers to them through these constants.
"""

from enum import StrEnum


class Role(StrEnum):
    EMPLOYEE = "Medewerker"
    MANAGER = "Leidinggevende"
    EDITOR = "Redacteur"
    INTEGRITY_OFFICE = "Integriteitsbureau"
    CONFIDENTIAL_ADVISOR = "Vertrouwenspersoon"
    VPD_COORDINATOR = "VPD-coördinator"
    PEER_SUPPORT = "Bedrijfsopvangteam"
    ADMINISTRATOR = "Beheerder"


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
