"""Which manager is told about, and sees, which incident.

The team's managers (`Team.managers`, holding the manager role) are the incident's managers; an
incident registered without a team belongs to the manager of the reporter's placement (HR's register,
`safework.Placement`). `managers_of` (who is told) and `incidents_for` (what a manager sees) apply
the same rule, so a manager sees exactly the incidents they can be told about.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from portal.roles import Role, has_role
from vpd.models import Incident


def managers_of(incident):
    """Active users with the manager role who manage the incident's team (or the reporter's manager)."""
    users = get_user_model().objects.filter(is_active=True, groups__name=str(Role.MANAGER))
    if incident.team_id:
        return users.filter(managed_vpd_teams=incident.team_id).distinct()
    if incident.reporter_id:
        return users.filter(safework_reports__user=incident.reporter_id).distinct()
    return users.none()


def is_coordinator(user) -> bool:
    return user.is_active and has_role(user, Role.VPD_COORDINATOR)


def incidents_for(user):
    """The incidents in a person's team list: all for the VPD coordinator, their teams' for a manager."""
    if not (user.is_authenticated and user.is_active):
        return Incident.objects.none()
    if is_coordinator(user):
        return Incident.objects.all()
    if not has_role(user, Role.MANAGER):
        return Incident.objects.none()
    return Incident.objects.filter(
        Q(team__managers=user) | Q(team__isnull=True, reporter__safework_placement__manager=user)
    ).distinct()


def can_view_team_incidents(user) -> bool:
    return user.is_authenticated and user.is_active and (is_coordinator(user) or has_role(user, Role.MANAGER))


def can_follow_up(user, incident) -> bool:
    """See the incident in the team list and plan its perpetrator-focused follow-up."""
    return incidents_for(user).filter(pk=incident.pk).exists()


def possible_owners(incident):
    """Who may own a follow-up task: the incident's managers and the VPD coordinators."""
    users = get_user_model().objects.filter(is_active=True)
    managers = managers_of(incident).values("pk")
    return (
        users.filter(Q(pk__in=managers) | Q(groups__name=str(Role.VPD_COORDINATOR)))
        .distinct()
        .order_by("last_name", "username")
    )
