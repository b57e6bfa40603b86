"""The coordinator's overview of teams and their instructions: status, review date, filter, CSV."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.roles import Role
from tests.vpd.conftest import add_instruction
from tests.vpd.factories import TeamFactory

pytestmark = pytest.mark.django_db
URL = "/admin/vpd/teams/"


def csv_of(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


@pytest.fixture
def coordinator_client(client, make_user):
    client.force_login(make_user(Role.VPD_COORDINATOR, username="coordinator"))
    return client


def test_overview_shows_status_review_and_overdue(coordinator_client, tree):
    tree.own_page.last_reviewed = datetime.date(2020, 1, 1)
    tree.own_page.save_revision().publish()
    export = csv_of(coordinator_client.get(URL, {"export": "csv"}))
    lines = {line.split(",")[0]: line for line in export.strip().splitlines()[1:]}
    assert export.splitlines()[0].startswith("Team,Organisatieonderdeel,Teaminstructie,Laatst beoordeeld")
    assert "gepubliceerd" in lines["Balie Stadskantoor"] and "2020-01-01" in lines["Balie Stadskantoor"]
    # The fifth column is "review overdue" (the department's VPD-scan status follows it).
    assert lines["Balie Stadskantoor"].split(",")[4] == "True"
    assert "concept" in lines["Wijkbureaus"] and lines["Wijkbureaus"].split(",")[4] == "False"
    assert "ontbreekt" in lines["Klantcontactcentrum"]
    assert "gepubliceerd" in lines["Toezicht"]
    html = coordinator_client.get(URL).content.decode()
    for text in ("Gepubliceerd", "Concept", "Ontbreekt", "Balie Stadskantoor", "Klantcontactcentrum"):
        assert text in html


def test_overview_filters(coordinator_client, tree):
    html = coordinator_client.get(URL, {"department": tree.approval_team.department_id}).content.decode()
    assert "Toezicht" in html and "Balie Stadskantoor" not in html
    export = csv_of(coordinator_client.get(URL, {"export": "csv", "instruction_status": "ontbreekt"}))
    assert "Klantcontactcentrum" in export and "Balie Stadskantoor" not in export
    tree.own_page.last_reviewed = datetime.date(2020, 1, 1)
    tree.own_page.save_revision().publish()
    export = csv_of(coordinator_client.get(URL, {"export": "csv", "review_overdue": "true"}))
    assert export.strip().splitlines()[1:] and all(
        "Balie Stadskantoor" in line for line in export.strip().splitlines()[1:]
    )


def test_overview_query_count_does_not_grow_with_teams(coordinator_client, tree):
    coordinator_client.get(URL)
    with CaptureQueriesContext(connection) as few:
        assert coordinator_client.get(URL).status_code == 200
    for number in range(12):
        team = TeamFactory(
            department=tree.open_department.department, name=f"Extra {number}", slug=f"extra-{number}"
        )
        if number % 2:
            add_instruction(tree.open_department, team)
    with CaptureQueriesContext(connection) as many:
        coordinator_client.get(URL)
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.EMPLOYEE, False),
        (Role.MANAGER, False),
        (Role.EDITOR, False),
        (Role.INTEGRITY_OFFICE, False),
        (Role.CONFIDENTIAL_ADVISOR, False),
        (Role.PEER_SUPPORT, False),
        (Role.VPD_COORDINATOR, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_overview_access_by_role(client, make_user, tree, role, allowed):
    client.force_login(make_user(role, username=f"user-{role.name.lower()}"))
    response = client.get(URL)
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code in (302, 403)
        assert client.get(URL, {"export": "csv"}).status_code in (302, 403)


def test_coordinator_adds_a_team_with_a_manager(coordinator_client, tree):
    response = coordinator_client.post(
        URL + "new/",
        {
            "department": tree.open_department.department_id,
            "name": "Nieuwe balie",
            "slug": "nieuwe-balie",
            "managers": [tree.other_manager.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert response["Location"] == URL, response["Location"]
    from vpd.models import Team

    team = Team.objects.get(slug="nieuwe-balie")
    assert list(team.group.user_set.all()) == [tree.other_manager]
