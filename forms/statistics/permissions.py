"""Who may see which statistics."""

from portal.roles import Role, has_role


def can_view_statistics(user) -> bool:
    """Every signed-in employee may read the annual figures and download their export."""
    return has_role(user, Role.EMPLOYEE)


def can_see_exact_figures(user) -> bool:
    """The integrity office exports exact figures; others get small counts suppressed."""
    return has_role(user, Role.INTEGRITY_OFFICE)


def can_edit_figures(user) -> bool:
    """Editors (and administrators) enter historical figures and the employee survey."""
    return user.has_perm("statistics.change_historicalfigure")


def can_publish_statistics(user) -> bool:
    """The integrity office publishes a year's figures, corrects them and shares drafts."""
    return has_role(user, Role.INTEGRITY_OFFICE)
