"""Who may do what in safe public service. Views, admin viewsets and tests call these checks.

Incidents are confidential to their reporter and the VPD coordinator; superusers hold no role
implicitly, so they do not read incidents either.
"""

from portal.roles import Role, has_role


def can_register_incident(user) -> bool:
    """Every signed-in employee may register an incident of public aggression."""
    return user.is_authenticated


def can_view_incident(user, incident) -> bool:
    return user.is_authenticated and (incident.reporter_id == user.pk or has_role(user, Role.VPD_COORDINATOR))


def can_view_all_incidents(user) -> bool:
    return has_role(user, Role.VPD_COORDINATOR)


def can_register_peer_support(user) -> bool:
    return has_role(user, Role.PEER_SUPPORT)


def can_view_peer_support(user) -> bool:
    return has_role(user, Role.PEER_SUPPORT) or has_role(user, Role.VPD_COORDINATOR)


def can_view_team_overview(user) -> bool:
    return has_role(user, Role.VPD_COORDINATOR)


def can_manage_team(user, team) -> bool:
    """A manager listed on the team may create and edit the team's instruction."""
    if not user.is_authenticated or not has_role(user, Role.MANAGER):
        return False
    return team.managers.filter(pk=user.pk).exists()


def can_publish_team_instruction(user, team, department_page=None) -> bool:
    """Managers publish their own team's instruction, unless the department requires approval."""
    if not can_manage_team(user, team):
        return False
    return department_page is None or not department_page.requires_coordinator_approval
