"""Per-team manager groups and page permissions, and the coordinator's approval workflow.

`Team.managers` is the source of truth for who manages which team. `sync_team_group(team)` makes
the team's group ("VPD-team <slug>") hold exactly those users and page permissions on exactly the
team's instruction page: edit always, publish only when the department does not require approval
by the VPD coordinator (then the department page carries the approval workflow).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from portal.roles import Role
from vpd.models import Team, TeamInstructionPage, VpdDepartmentPage, VpdSectionPage

FOLLOW_UP_HINT = gettext_noop(
    "Meld het incident in het GIR. Dadergerichte aanpak: aangifte, waarschuwingsbrief, incidentgesprek."
)
WORKFLOW_NAME = "Goedkeuring VPD-coördinator"
MANAGER_PAGE_PERMISSIONS = ("change_page",)
PUBLISH_PERMISSION = "publish_page"
COORDINATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def department_page_of(team: Team) -> VpdDepartmentPage | None:
    return VpdDepartmentPage.objects.filter(department_id=team.department_id).order_by("path").first()


@transaction.atomic
def sync_team_group(team: Team) -> Group:
    """Create or update the team's group: its members and its page permissions (idempotent)."""
    group = team.group
    if group is None:
        group, _created = Group.objects.get_or_create(name=team.group_name)
        team.group = group
        Team.objects.filter(pk=team.pk).update(group=group)
    elif group.name != team.group_name:
        group.name = team.group_name
        group.save(update_fields=["name"])
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    # Only people who hold the manager role get the page rights, even if listed on the team.
    group.user_set.set(team.managers.filter(groups__name=str(Role.MANAGER)))

    page = team.instruction_page()
    wanted = set()
    if page is not None:
        department_page = page.get_parent().specific
        codenames = list(MANAGER_PAGE_PERMISSIONS)
        if not getattr(department_page, "requires_coordinator_approval", False):
            codenames.append(PUBLISH_PERMISSION)
        for codename in codenames:
            permission = page_permission(codename)
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
            wanted.add((page.pk, permission.pk))
    for stale in GroupPagePermission.objects.filter(group=group):
        if (stale.page_id, stale.permission_id) not in wanted:
            stale.delete()
    return group


def approval_workflow() -> Workflow:
    """The workflow in which the VPD coordinator approves team instructions (created once)."""
    coordinators = Group.objects.get(name=str(Role.VPD_COORDINATOR))
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=_("Goedkeuring teaminstructie")).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=_("Goedkeuring teaminstructie"))
    task.groups.set([coordinators])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


@transaction.atomic
def sync_department_workflows() -> None:
    """Departments that require approval carry the coordinator's workflow; others none of it."""
    workflow = approval_workflow()
    for department_page in VpdDepartmentPage.objects.all():
        if department_page.requires_coordinator_approval:
            WorkflowPage.objects.update_or_create(page=department_page, defaults={"workflow": workflow})
        else:
            WorkflowPage.objects.filter(page=department_page, workflow=workflow).delete()


@transaction.atomic
def sync_coordinator_permissions() -> None:
    """The VPD coordinator maintains the VPD section (department pages) and can open every instruction."""
    coordinators = Group.objects.get(name=str(Role.VPD_COORDINATOR))
    for section in VpdSectionPage.objects.all():
        for codename in COORDINATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=coordinators, page=section, permission=page_permission(codename)
            )


def sync_all() -> int:
    """Everything `manage.py sync_team_groups` does; returns the number of teams synced."""
    sync_coordinator_permissions()
    sync_department_workflows()
    teams = Team.objects.select_related("group")
    for team in teams:
        sync_team_group(team)
    return len(teams)


def starter_content(team: Team) -> dict:
    """The skeleton of a new instruction: the required sections with what to fill in."""
    return {
        "slug": team.slug,
        "alarm": "<p>" + _("Hoe alarmeer je collega's? Beschrijf de alarmknop en het codewoord.") + "</p>",
        "phone_numbers": [("phone", {"label": _("Politie bij direct gevaar"), "number": "112", "note": ""})],
        "during_incident": "<p>" + _("Wat doe je tijdens een incident?") + "</p>",
        "escalation": "<p>" + _("Wanneer en hoe schaal je op?") + "</p>",
        "aftercare": "<p>" + _("Nazorg: gesprek met de leidinggevende en het bedrijfsopvangteam.") + "</p>",
        "follow_up": "<p>" + _(FOLLOW_UP_HINT) + "</p>",
        "last_reviewed": timezone.localdate(),
    }


@transaction.atomic
def create_instruction_draft(team: Team, user, **fields) -> TeamInstructionPage:
    """A first, unpublished instruction for a team that has none, owned by the manager."""
    department_page = department_page_of(team)
    if department_page is None:
        raise ValueError("The team's department has no page in the VPD section.")
    page = TeamInstructionPage(team=team, owner=user, live=False, **{**starter_content(team), **fields})
    department_page.add_child(instance=page)
    page.save_revision(user=user)
    sync_team_group(team)
    return page


__all__ = [
    "TeamInstructionPage",
    "approval_workflow",
    "create_instruction_draft",
    "sync_all",
    "sync_team_group",
]
