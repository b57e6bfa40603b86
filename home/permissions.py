"""Who may do what in the content room."""

from portal.roles import Role, has_role

CONFIRMATION_RATE_ROLES = (Role.MANAGER, Role.ADMINISTRATOR, Role.INTEGRITY_OFFICE)


def can_confirm_reading(user) -> bool:
    """Every signed-in employee confirms the code of conduct for themselves."""
    return bool(user.is_authenticated and user.is_active)


def can_view_confirmation_rates(user) -> bool:
    """Managers, administrators (who act for HR) and the integrity office see counts per department."""
    return any(has_role(user, role) for role in CONFIRMATION_RATE_ROLES)


def can_view_review_report(user) -> bool:
    """Editors and administrators see which pages are overdue for review."""
    return has_role(user, Role.EDITOR) or has_role(user, Role.ADMINISTRATOR)


def can_follow(user) -> bool:
    """Every signed-in employee follows pages and themes for themselves."""
    return bool(user.is_authenticated and user.is_active)
