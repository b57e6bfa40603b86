"""Only the integrity office keeps the lessons-learned register: it names the cases measures came from."""

from forms.permissions import RolePermissionPolicy, is_integrity_office
from portal.roles import Role


def can_keep_lessons(user) -> bool:
    """Members of the integrity office group (never an administrator or superuser by that alone)."""
    return is_integrity_office(user)


def permission_policy():
    from forms.lessons.models import LessonMeasure

    return RolePermissionPolicy(LessonMeasure, Role.INTEGRITY_OFFICE, {"add", "change", "delete", "view"})
