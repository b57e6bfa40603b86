"""Who may do what in the safe-workplace registers. Views, admin viewsets and tests call these.

Superusers hold no role implicitly: every check is on the group (`portal.roles.has_role`).
"""

from portal.roles import Role, has_role
from safework.models import Declaration, DeclarationStatus


def is_office(user) -> bool:
    return has_role(user, Role.INTEGRITY_OFFICE)


def can_view_register(user) -> bool:
    """The whole declarations register (list, filters, export): the integrity office and HR."""
    return user.is_active and (is_office(user) or has_role(user, Role.HR))


def can_declare(user) -> bool:
    return user.is_authenticated and user.is_active


def can_view_declaration(user, declaration: Declaration) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if declaration.employee_id == user.pk or can_view_register(user):
        return True
    return declaration.manager_id == user.pk and has_role(user, Role.MANAGER)


def can_decide(user, declaration: Declaration) -> bool:
    """The employee's manager decides; without a known manager, the office does. Never one's own."""
    if not (user.is_authenticated and user.is_active) or declaration.employee_id == user.pk:
        return False
    if declaration.status != DeclarationStatus.AWAITING_MANAGER:
        return False
    if declaration.manager_id is None:
        return is_office(user)
    return declaration.manager_id == user.pk and has_role(user, Role.MANAGER)


def can_give_second_opinion(user, declaration: Declaration) -> bool:
    return (
        declaration.status == DeclarationStatus.AWAITING_OFFICE
        and declaration.employee_id != user.pk
        and is_office(user)
    )


def can_keep_placements(user) -> bool:
    """HR keeps the register of positions and placements (who sits where, under whom)."""
    return user.is_active and has_role(user, Role.HR)


def can_view_placements(user) -> bool:
    return user.is_active and (has_role(user, Role.HR) or is_office(user))


# ---------------------------------------------------------------- vulnerable positions (seed 4.1)
def managed_department_ids(user) -> set[int]:
    """The departments a manager is responsible for: of the VPD teams they manage and their own position."""
    if not (user.is_authenticated and has_role(user, Role.MANAGER)):
        return set()
    from safework.models import Placement
    from vpd.models import Team

    ids = set(Team.objects.filter(managers=user).values_list("department_id", flat=True))
    ids |= set(
        Placement.objects.filter(user=user, position__isnull=False).values_list(
            "position__department_id", flat=True
        )
    )
    return ids


def can_view_inventory(user) -> bool:
    """Any part of the inventory: the office and HR all of it, a manager their own departments'."""
    return user.is_active and (
        is_office(user) or has_role(user, Role.HR) or bool(managed_department_ids(user))
    )


def can_edit_position(user, position) -> bool:
    if not user.is_active:
        return False
    if is_office(user) or has_role(user, Role.HR):
        return True
    return position.department_id in managed_department_ids(user)


def can_approve_positions(user) -> bool:
    return user.is_active and is_office(user)


def can_view_rescreening(user) -> bool:
    """HR's list of employees due for periodic screening (the office may read it too)."""
    return user.is_active and (has_role(user, Role.HR) or is_office(user))
