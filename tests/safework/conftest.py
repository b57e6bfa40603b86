from dataclasses import dataclass

import pytest

from portal.roles import Role
from safework.models import ScreeningProfile
from tests.safework.factories import PlacementFactory, PositionFactory
from tests.vpd.factories import DepartmentFactory


@dataclass
class People:
    """One person per role of the role matrix, around `declarant` in `department`."""

    department: object
    other_department: object
    declarant: object  # an employee of `department` whose manager is `manager`
    employee: object  # a colleague of the same department (no special role)
    manager: object  # the declarant's manager (of the department)
    other_manager: object  # a manager of another department
    office: object
    security: object
    hr: object
    administrator: object
    position: object
    raised_position: object

    def matrix(self):
        return {
            "employee": self.employee,
            "manager": self.manager,
            "other_manager": self.other_manager,
            "office": self.office,
            "security": self.security,
            "hr": self.hr,
            "administrator": self.administrator,
        }


@pytest.fixture
def people(db, make_user):
    department = DepartmentFactory(name="Openbare Orde & Veiligheid", slug="oov")
    other_department = DepartmentFactory(name="Werk & Inkomen", slug="werk-en-inkomen")
    position = PositionFactory(department=department, title="Beleidsadviseur", code="beleidsadviseur")
    raised_position = PositionFactory(
        department=department,
        title="Handhaver",
        code="handhaver",
        screening_profile=ScreeningProfile.RAISED,
    )
    manager = make_user(Role.MANAGER, username="leiding-oov", email="leiding-oov@portaal.invalid")
    other_manager = make_user(Role.MANAGER, username="leiding-wi", email="leiding-wi@portaal.invalid")
    declarant = make_user(username="melder-oov", email="melder-oov@portaal.invalid")
    employee = make_user(username="collega-oov")
    PlacementFactory(user=declarant, position=position, manager=manager)
    PlacementFactory(user=employee, position=position, manager=manager)
    PlacementFactory(user=other_manager, position=PositionFactory(department=other_department), manager=None)
    return People(
        department=department,
        other_department=other_department,
        declarant=declarant,
        employee=employee,
        manager=manager,
        other_manager=other_manager,
        office=make_user(Role.INTEGRITY_OFFICE, username="ib", email="ib@portaal.invalid"),
        security=make_user(Role.SECURITY_COORDINATOR, username="beveiliging"),
        hr=make_user(Role.HR, username="hr"),
        administrator=make_user(Role.ADMINISTRATOR, username="beheer"),
        position=position,
        raised_position=raised_position,
    )
