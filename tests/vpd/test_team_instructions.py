"""Team instructions: managers edit and publish their own team's page only; approval workflow; rendering."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from portal.roles import Role
from vpd.models import TeamInstructionPage

pytestmark = pytest.mark.django_db


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def post_edit(client, page, action, **changes):
    """Submit the admin edit form as the browser would, with `changes` and an action button."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()
    # Rich text and StreamFields are drawn by the admin's JavaScript: send them as it would.
    page = page.specific
    fields = {
        name: rich_text(getattr(page, name))
        for name in ("alarm", "during_incident", "escalation", "aftercare", "follow_up")
    }
    fields["phone_numbers"] = streamfield(
        [(block.block_type, dict(block.value)) for block in page.phone_numbers]
    )
    fields["contacts"] = streamfield([(block.block_type, dict(block.value)) for block in page.contacts])
    for name, value in nested_form_data(fields).items():
        data[name] = value
    for name, value in changes.items():
        data[name] = value
    data[action] = action
    return client.post(edit_url(page), data)


# ---------------------------------------------------------------- the matrix: managers x own/other team


@pytest.mark.parametrize("target", ["own_page", "other_page", "approval_page"])
@pytest.mark.parametrize("who", ["manager", "other_manager", "approval_manager"])
def test_manager_edits_only_own_team(client, tree, who, target):
    user, page = getattr(tree, who), getattr(tree, target)
    own = page.team.managers.filter(pk=user.pk).exists()
    client.force_login(user)
    assert client.get(edit_url(page)).status_code == (200 if own else 403)
    assert client.get(f"/admin/pages/{page.pk}/view_draft/").status_code == (200 if own else 403)
    permissions = page.permissions_for_user(user)
    assert permissions.can_edit() is own
    # Publish only in departments without approval; submit for moderation instead in the others.
    assert permissions.can_publish() is (own and target != "approval_page")
    assert permissions.can_add_subpage() is False
    if not own:
        assert permissions.can_delete() is False


def test_manager_cannot_see_other_teams_in_the_explorer(client, tree):
    client.force_login(tree.manager)
    assert client.get(f"/admin/pages/{tree.open_department.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{tree.other_page.pk}/history/").status_code in (302, 403)


def test_manager_publishes_own_instruction(client, tree):
    client.force_login(tree.manager)
    response = post_edit(client, tree.own_page, "action-publish", title="Teaminstructie Balie (nieuw)")
    assert response.status_code == 302
    tree.own_page.refresh_from_db()
    assert tree.own_page.title == "Teaminstructie Balie (nieuw)"
    assert tree.own_page.live and not tree.own_page.has_unpublished_changes
    client.force_login(tree.other_manager)
    # Posting to another team's edit URL is refused as well.
    assert (
        client.post(edit_url(tree.own_page), {"title": "gekaapt", "action-publish": "1"}).status_code == 403
    )
    tree.own_page.refresh_from_db()
    assert tree.own_page.title == "Teaminstructie Balie (nieuw)"


def test_publish_with_bad_input_keeps_the_page(client, tree):
    client.force_login(tree.manager)
    response = post_edit(client, tree.own_page, "action-publish", last_reviewed="2999-01-01")
    assert response.status_code == 200
    assert "Deze datum ligt in de toekomst." in response.content.decode()
    tree.own_page.refresh_from_db()
    assert tree.own_page.last_reviewed == datetime.date(2026, 1, 10)


def test_approval_department_submit_and_coordinator_approves(client, tree, make_user):
    coordinator = make_user(Role.VPD_COORDINATOR, username="coordinator")
    client.force_login(tree.approval_manager)
    # A publish attempt does not publish: the manager lacks the permission.
    post_edit(client, tree.approval_page, "action-publish", title="Poging tot publiceren")
    tree.approval_page.refresh_from_db()
    assert tree.approval_page.title != "Poging tot publiceren"

    response = post_edit(client, tree.approval_page, "action-submit", title="Teaminstructie Toezicht v2")
    assert response.status_code == 302
    page = TeamInstructionPage.objects.get(pk=tree.approval_page.pk)
    state = page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.title != "Teaminstructie Toezicht v2"  # not live yet
    task_state = state.current_task_state
    task = task_state.task.specific
    assert "approve" in [name for name, *_ in task.get_actions(page, coordinator)]
    assert task.get_actions(page, tree.approval_manager) == []

    client.force_login(coordinator)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302), response.content[:500]
    page.refresh_from_db()
    assert page.title == "Teaminstructie Toezicht v2" and page.live


def test_open_department_has_no_workflow(tree):
    assert (
        tree.own_page.get_workflow() is None
        or tree.own_page.get_workflow().name != "Goedkeuring VPD-coördinator"
    )
    assert tree.approval_page.get_workflow().name == "Goedkeuring VPD-coördinator"


@pytest.mark.parametrize(
    ("role", "can_edit"),
    [
        (Role.EMPLOYEE, False),
        (Role.MANAGER, False),  # a manager of no team
        (Role.INTEGRITY_OFFICE, False),
        (Role.CONFIDENTIAL_ADVISOR, False),
        (Role.PEER_SUPPORT, False),
        (Role.ADMINISTRATOR, False),
        (Role.VPD_COORDINATOR, True),
        (Role.EDITOR, True),  # editors keep the site-wide page rights of the foundation
    ],
)
def test_other_roles_and_team_instructions(client, tree, make_user, role, can_edit):
    user = make_user(role, username=f"user-{role.name.lower()}")
    client.force_login(user)
    status = client.get(edit_url(tree.own_page)).status_code
    if can_edit:
        assert status == 200
    else:
        assert status in (302, 403)
    # Everyone reads the published instruction on the site.
    assert client.get(tree.own_page.url).status_code == 200


# ---------------------------------------------------------------- groups


def group_permissions():
    return sorted(GroupPagePermission.objects.values_list("group__name", "page_id", "permission__codename"))


def test_sync_team_groups_is_idempotent_and_follows_changes(tree):
    before = group_permissions()
    call_command("sync_team_groups", stdout=StringIO())
    call_command("sync_team_groups", stdout=StringIO())
    assert group_permissions() == before
    assert ("VPD-team balie-stadskantoor", tree.own_page.pk, "publish_page") in before
    assert ("VPD-team toezicht", tree.approval_page.pk, "change_page") in before
    assert ("VPD-team toezicht", tree.approval_page.pk, "publish_page") not in before

    # The department starts requiring approval: its managers lose publish on the next sync.
    tree.open_department.requires_coordinator_approval = True
    tree.open_department.save()
    call_command("sync_team_groups", stdout=StringIO())
    assert ("VPD-team balie-stadskantoor", tree.own_page.pk, "publish_page") not in group_permissions()
    assert tree.own_page.get_workflow().name == "Goedkeuring VPD-coördinator"

    # A manager removed from the team loses access at once.
    tree.own_team.managers.remove(tree.manager)
    assert not tree.own_page.permissions_for_user(tree.manager).can_edit()


def test_manager_starts_the_missing_instruction(client, tree):
    url = f"/nl/vpd/teams/{tree.missing_team.slug}/teaminstructie-starten/"
    client.force_login(tree.other_manager)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(tree.manager)
    assert client.get(url).status_code == 200
    response = client.post(url)
    page = TeamInstructionPage.objects.get(team=tree.missing_team)
    assert response["Location"] == edit_url(page)
    assert not page.live and page.get_parent().pk == tree.open_department.pk
    assert page.permissions_for_user(tree.manager).can_edit()
    assert not page.permissions_for_user(tree.other_manager).can_edit()
    assert client.get(url)["Location"] == edit_url(page)  # a second start goes to the existing draft


# ---------------------------------------------------------------- the site


def test_instruction_page_and_print_view(employee_client, tree):
    html = employee_client.get(tree.own_page.url).content.decode()
    expected = [
        "1. Alarmeren", "Druk op de alarmknop", "030 286 00 00", "2. Tijdens het incident", "3. Opschalen",
        "4. Na het incident", "Het bedrijfsopvangteam belt je", "Meld het in het GIR", "Contactpersonen",
        "Laatst beoordeeld op 10 januari 2026",
    ]  # fmt: skip
    for text in expected:
        assert text in html
    printed = employee_client.get(tree.own_page.url + "print/")
    assert printed.status_code == 200
    assert "Druk op de alarmknop" in printed.content.decode()
    assert 'class="portal-header' not in printed.content.decode()


def test_drafts_are_not_on_the_site(employee_client, tree):
    assert (
        employee_client.get(
            tree.other_page.url or "/nl/veilige-werkomgeving/vpd/publiekszaken/wijkbureaus/"
        ).status_code
        == 404
    )


def test_department_page_lists_teams_and_offers_start_to_its_manager(client, tree):
    client.force_login(tree.manager)
    html = client.get(tree.open_department.url).content.decode()
    assert "Balie Stadskantoor" in html and "Klantcontactcentrum: nog geen teaminstructie" in html
    assert f"/nl/vpd/teams/{tree.missing_team.slug}/teaminstructie-starten/" in html
    client.force_login(tree.other_manager)
    html = client.get(tree.open_department.url).content.decode()
    assert "teaminstructie-starten" not in html
    assert "Wijkbureaus: teaminstructie in voorbereiding" in html
    assert f'href="/admin/pages/{tree.other_page.pk}/edit/"' in html


def test_overdue_notice(employee_client, tree):
    tree.own_page.last_reviewed = datetime.date(2024, 1, 1)
    tree.own_page.save_revision().publish()
    assert "meer dan een jaar niet beoordeeld" in employee_client.get(tree.own_page.url).content.decode()


def test_page_validation(tree):
    page = tree.own_page
    page.last_reviewed = datetime.date(2999, 1, 1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "last_reviewed" in error.value.message_dict
    page.last_reviewed = datetime.date(2026, 1, 1)
    page.team = tree.approval_team  # another department's team
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "team" in error.value.message_dict


def test_admin_search_does_not_reveal_other_teams_drafts(client, tree):
    client.force_login(tree.manager)
    html = client.get("/admin/pages/search/", {"q": "Wijkbureaus"}).content.decode()
    assert "Teaminstructie Wijkbureaus" not in html
    html = client.get("/admin/pages/search/", {"q": "Balie"}).content.decode()
    assert "Teaminstructie Balie Stadskantoor" in html


def test_section_page_links_by_role(client, tree, make_user):
    client.force_login(make_user(username="gewoon"))
    html = client.get(tree.section.url).content.decode()
    assert "/nl/vpd/incidenten/melden/" in html
    assert "/nl/vpd/opvanggesprekken/registreren/" not in html and "/admin/vpd/teams/" not in html
    assert "Publiekszaken" in html
    client.force_login(make_user(Role.PEER_SUPPORT, username="opvang"))
    assert "/nl/vpd/opvanggesprekken/registreren/" in client.get(tree.section.url).content.decode()
    client.force_login(make_user(Role.VPD_COORDINATOR, username="coordinator"))
    assert "/admin/vpd/teams/" in client.get(tree.section.url).content.decode()


def test_only_managers_get_page_rights(tree, make_user):
    employee = make_user(username="geen-leidinggevende")
    tree.own_team.managers.add(employee)
    assert not tree.own_page.permissions_for_user(employee).can_edit()
