"""Who may see and change VPD scans, their improvement actions, and building DRAs.

- Scans: the VPD coordinator (the experts) records and edits them; the managers of the department
  read them and record the management review. Nobody else, superusers included.
- Improvement actions: the coordinator all; the department's managers those of their departments
  (add, edit); an owner their own (status only).
- Building threat and risk assessments: the security coordinator only.
"""

from portal.roles import Role, has_role
from safework.permissions import managed_department_ids


def is_vpd_coordinator(user) -> bool:
    return user.is_active and has_role(user, Role.VPD_COORDINATOR)


def is_security_coordinator(user) -> bool:
    return user.is_active and has_role(user, Role.SECURITY_COORDINATOR)


def scan_department_ids(user) -> set[int] | None:
    """Departments whose scans the user reads: None means all (the coordinator)."""
    if is_vpd_coordinator(user):
        return None
    return managed_department_ids(user) if user.is_active else set()


def can_view_scans(user) -> bool:
    return is_vpd_coordinator(user) or bool(scan_department_ids(user))


def can_view_scan(user, scan) -> bool:
    departments = scan_department_ids(user)
    return departments is None or scan.department_id in departments


def can_review_scan(user, scan) -> bool:
    """The department's management records that it discussed the scan and its response."""
    return user.is_active and scan.department_id in managed_department_ids(user)


def can_change_scan(user, scan) -> bool:
    return is_vpd_coordinator(user) or can_review_scan(user, scan)


def can_view_actions(user) -> bool:
    from safework.scans import ImprovementAction

    return can_view_scans(user) or (
        user.is_active and ImprovementAction.objects.filter(owner_id=user.pk).exists()
    )


def visible_actions(user, queryset):
    from django.db.models import Q

    departments = scan_department_ids(user)
    if departments is None:
        return queryset
    return queryset.filter(Q(scan__department_id__in=departments) | Q(owner_id=user.pk))


def can_edit_action_fully(user, action) -> bool:
    """Everything of an action: the coordinator, and the managers of the scan's department."""
    return is_vpd_coordinator(user) or (
        user.is_active and action.scan.department_id in managed_department_ids(user)
    )


def can_change_action(user, action) -> bool:
    return can_edit_action_fully(user, action) or (user.is_active and action.owner_id == user.pk)


def can_view_assessments(user) -> bool:
    return is_security_coordinator(user)
