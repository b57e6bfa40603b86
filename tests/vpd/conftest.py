import datetime
from dataclasses import dataclass

import pytest
from wagtail.models import Locale

from home.models import ContentPage, HomePage
from portal.roles import Role
from tests.vpd.factories import DepartmentFactory, TeamFactory
from vpd.models import Team, TeamInstructionPage, VpdDepartmentPage, VpdSectionPage
from vpd.services import sync_all

INSTRUCTION = {
    "alarm": "<p>Druk op de alarmknop onder de balie.</p>",
    "phone_numbers": [("phone", {"label": "Beveiliging", "number": "030 286 00 00", "note": ""})],
    "during_incident": "<p>Blijf rustig.</p>",
    "escalation": "<p>Bel de beveiliging.</p>",
    "aftercare": "<p>Het bedrijfsopvangteam belt je.</p>",
    "follow_up": "<p>Meld het in het GIR.</p>",
    "contacts": [("contact", {"role": "VPD-coördinator", "name": "Sanne", "phone": "", "email": ""})],
}


def add_instruction(
    department_page, team: Team, live=True, last_reviewed=datetime.date(2026, 1, 10), **fields
):
    page = TeamInstructionPage(
        title=f"Teaminstructie {team.name}",
        slug=team.slug,
        team=team,
        live=live,
        last_reviewed=last_reviewed,
        **{**INSTRUCTION, **fields},
    )
    department_page.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


@dataclass
class Tree:
    section: VpdSectionPage
    open_department: VpdDepartmentPage  # managers publish themselves
    approval_department: VpdDepartmentPage  # the coordinator approves
    own_team: Team
    other_team: Team
    approval_team: Team
    missing_team: Team
    own_page: TeamInstructionPage
    other_page: TeamInstructionPage
    approval_page: TeamInstructionPage
    manager: object
    other_manager: object
    approval_manager: object


@pytest.fixture
def tree(db, make_user):
    """Two departments (one requiring approval), four teams (one without instruction), three managers."""
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="nl"), depth=2)
    parent = ContentPage(title="Veilige werkomgeving", slug="veilige-werkomgeving")
    home.add_child(instance=parent)
    section = VpdSectionPage(title="Veilige publieke dienstverlening", slug="vpd")
    parent.add_child(instance=section)
    publiekszaken = DepartmentFactory(name="Publiekszaken", slug="publiekszaken")
    vth = DepartmentFactory(name="Vergunningen, Toezicht & Handhaving", slug="vth")
    open_department = VpdDepartmentPage(title="Publiekszaken", slug="publiekszaken", department=publiekszaken)
    section.add_child(instance=open_department)
    approval_department = VpdDepartmentPage(
        title="VTH", slug="vth", department=vth, requires_coordinator_approval=True
    )
    section.add_child(instance=approval_department)
    own_team = TeamFactory(name="Balie Stadskantoor", slug="balie-stadskantoor", department=publiekszaken)
    other_team = TeamFactory(name="Wijkbureaus", slug="wijkbureaus", department=publiekszaken)
    missing_team = TeamFactory(name="Klantcontactcentrum", slug="kcc", department=publiekszaken)
    approval_team = TeamFactory(name="Toezicht", slug="toezicht", department=vth)
    own_page = add_instruction(open_department, own_team)
    other_page = add_instruction(open_department, other_team, live=False)
    approval_page = add_instruction(approval_department, approval_team)
    manager = make_user(Role.MANAGER, username="manager-balie")
    other_manager = make_user(Role.MANAGER, username="manager-wijk")
    approval_manager = make_user(Role.MANAGER, username="manager-toezicht")
    own_team.managers.add(manager)
    missing_team.managers.add(manager)
    other_team.managers.add(other_manager)
    approval_team.managers.add(approval_manager)
    sync_all()
    return Tree(
        section, open_department, approval_department, own_team, other_team, approval_team, missing_team,
        own_page, other_page, approval_page, manager, other_manager, approval_manager,
    )  # fmt: skip
