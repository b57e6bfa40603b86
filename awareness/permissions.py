"""Who may do what in the awareness room."""

from portal.roles import Role, has_role


def can_manage_item(user, item) -> bool:
    """Editors manage every programme item; an organiser manages their own items."""
    if not user.is_authenticated:
        return False
    return has_role(user, Role.EDITOR) or (item.organiser_id is not None and item.organiser_id == user.pk)


def can_manage_introductions(user) -> bool:
    """HR (the administrator role) sees and exports the integrity declarations."""
    return has_role(user, Role.ADMINISTRATOR)


def can_record_team_sessions(user) -> bool:
    return has_role(user, Role.MANAGER) or has_role(user, Role.EDITOR)


def owns_registration(user, registration) -> bool:
    return user.is_authenticated and registration.user_id == user.pk
