"""The VPD section and department pages are cached; what differs per person stays theirs.

The section shows the coordinator and the peer-support team links others do not get (one shell per
visibility profile); a department page shows a team's managers the way to start or edit its
instruction (a hole). An employee opening either page right after them gets neither.
"""

from contextlib import contextmanager

import pytest
from django.test import Client

from portal import cache as page_cache
from portal.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_header")]
OVERVIEW = "Overzicht teaminstructies (VPD-coördinator)"
PEER_SUPPORT = "Opvanggesprek registreren"


def view(user, page) -> tuple[str, str]:
    client = Client()
    client.force_login(user)
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode(), response["X-Page-Cache"]


@contextmanager
def one_profile_for_everyone(monkeypatch):
    """The control: a cache that keyed the section on its address alone."""
    with monkeypatch.context() as patch:
        patch.setattr(page_cache, "profile_string", lambda is_superuser, group_ids: "groups:")
        yield


def section_of(tree):
    return tree.own_page.get_parent().get_parent().specific


def test_the_section_gives_each_role_its_own_links(tree, make_user):
    section = section_of(tree)
    coordinator = make_user(Role.VPD_COORDINATOR, username="coordinator")
    supporter = make_user(Role.PEER_SUPPORT, username="opvang")
    employees = [make_user(username=name) for name in ("anna", "bert")]

    html, state = view(coordinator, section)
    assert (state, OVERVIEW in html, PEER_SUPPORT in html) == ("miss", True, False)
    html, state = view(supporter, section)
    assert (state, OVERVIEW in html, PEER_SUPPORT in html) == ("miss", False, True)
    for employee, expected in zip(employees, ("miss", "hit"), strict=True):
        html, state = view(employee, section)
        assert (state, OVERVIEW in html, PEER_SUPPORT in html) == (expected, False, False)


def test_control_one_section_shell_for_everyone_would_show_the_coordinators_link(
    tree, make_user, monkeypatch
):
    with one_profile_for_everyone(monkeypatch):
        view(make_user(Role.VPD_COORDINATOR, username="coordinator"), section_of(tree))
        html, state = view(make_user(username="anna"), section_of(tree))
    assert state == "hit" and OVERVIEW in html


def test_a_department_page_shows_only_a_teams_managers_their_links(tree, make_user):
    department = tree.own_page.get_parent().specific
    start = f"/vpd/teams/{tree.missing_team.slug}/teaminstructie-starten/"
    edit = f"/admin/pages/{tree.other_page.pk}/edit/"

    html, state = view(make_user(username="anna"), department)  # stores the shell
    assert state == "miss" and "teaminstructie starten" not in html and "concept bewerken" not in html
    html, state = view(tree.manager, department)  # manages the team without an instruction
    assert state == "hit" and start in html and "teaminstructie starten" in html and edit not in html
    html, state = view(tree.other_manager, department)  # manages the team with a draft
    assert state == "hit" and edit in html and "concept bewerken" in html and start not in html
    html, state = view(make_user(username="bert"), department)
    assert state == "hit" and start not in html and edit not in html
