"""The overview per department of managers who have and have not followed the integrity training.

Who manages a department mirrors `safework.permissions.managed_department_ids`: a person with the
manager role manages the departments of the VPD teams they are listed on and of their own position.
HR and the integrity office see every department; a manager sees their own departments only.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from home.models import Department
from portal.roles import Role, has_role
from safework.permissions import is_office, managed_department_ids
from safework.training import ManagerTraining, TrainingProgramme


def can_view_all_training(user) -> bool:
    """HR and the integrity office: every department's overview, the CSV and the records in the admin."""
    return user.is_active and (has_role(user, Role.HR) or is_office(user))


def can_record_training(user) -> bool:
    return user.is_active and has_role(user, Role.HR)


def can_view_training_overview(user) -> bool:
    return can_view_all_training(user) or bool(managed_department_ids(user))


def visible_department_ids(user) -> set[int] | None:
    """None: every department; otherwise the departments the manager manages."""
    if can_view_all_training(user):
        return None
    return managed_department_ids(user)


@dataclass
class ManagerRow:
    manager: object
    completed: dict[str, object]  # programme → date followed

    def followed(self, programme) -> bool:
        return programme in self.completed

    @property
    def cells(self):
        return [(programme, self.completed.get(programme.value)) for programme in TrainingProgramme]


@dataclass
class DepartmentOverview:
    department: Department
    rows: list[ManagerRow] = field(default_factory=list)

    @property
    def counts(self):
        """(programme, followed, total) per programme."""
        return [
            (programme, sum(row.followed(programme.value) for row in self.rows), len(self.rows))
            for programme in TrainingProgramme
        ]


def managers_by_department() -> dict[int, set[int]]:
    """Department id → ids of the active managers of that department (two queries)."""
    from safework.models import Placement
    from vpd.models import Team

    managers = get_user_model().objects.filter(is_active=True, groups__name=str(Role.MANAGER))
    result: dict[int, set[int]] = {}
    through = Team.managers.through.objects.filter(user__in=managers)
    pairs = through.values_list("team__department_id", "user_id")
    pairs = list(pairs) + list(
        Placement.objects.filter(user__in=managers, position__isnull=False).values_list(
            "position__department_id", "user_id"
        )
    )
    for department_id, user_id in pairs:
        result.setdefault(department_id, set()).add(user_id)
    return result


def overview(user, department_id: int | None = None) -> list[DepartmentOverview]:
    """The departments the user may see (optionally one), each with its managers and their trainings."""
    allowed = visible_department_ids(user)
    by_department = managers_by_department()
    departments = Department.objects.order_by("name")
    if allowed is not None:
        departments = departments.filter(pk__in=allowed)
    if department_id is not None:
        departments = departments.filter(pk=department_id)
    departments = list(departments)
    wanted = {uid for department in departments for uid in by_department.get(department.pk, ())}
    people = {
        person.pk: person for person in get_user_model().objects.filter(pk__in=wanted).order_by("last_name")
    }
    completed: dict[int, dict[str, object]] = {}
    for record in ManagerTraining.objects.filter(manager_id__in=wanted):
        completed.setdefault(record.manager_id, {})[record.programme] = record.completed_on
    result = []
    for department in departments:
        ids = by_department.get(department.pk, set())
        rows = [ManagerRow(people[uid], completed.get(uid, {})) for uid in ids if uid in people]
        rows.sort(key=lambda row: (row.manager.get_full_name() or row.manager.username).lower())
        result.append(DepartmentOverview(department, rows))
    return result
