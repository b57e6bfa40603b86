"""Separation of duties: administrators and superusers cannot grant, hold or remove the office roles,
nor take over the accounts that hold them, on any path; the office lead can (the controls).

Roles by paths: the user editor (create and edit, own account and others), the group editor, the
bulk actions, the office lead's screen. portal/separation.py, portal/viewsets.py, portal/office_roles.py.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from forms.models import AuditLogEntry
from portal.roles import Role, is_office_lead
from portal.separation import lead_permission
from portal.viewsets import PortalGroupForm
from tests.forms.factories import IntegrityReportFactory
from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db

USERS = "/admin/users/"
GROUPS = "/admin/groups/"
LEAD_SCREEN = "/admin/rollen-integriteit/"
REPORTS = "/admin/integriteitsmeldingen/"
NEW_PASSWORD = "een-heel-ander-wachtwoord-2026"
# Wagtail's admin answers a refused view with a redirect to the dashboard and a message; a plain 403
# elsewhere. Either way, the tests also check that nothing changed.
REFUSED = (302, 403)


def group(role: Role) -> Group:
    return Group.objects.get(name=str(role))


def roles_of(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def user_form(user, groups, **overrides) -> dict:
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name or "Voornaam",
        "last_name": user.last_name or "Achternaam",
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": [group(role).pk for role in groups],
    }
    data.update(overrides)
    return data


@pytest.fixture
def administrator(make_user):
    """As the demo `beheerder`: the Beheerder group (add/change users and groups), not a superuser."""
    return make_user(Role.ADMINISTRATOR, username="beheerder-test")


@pytest.fixture
def superuser(make_user):
    """As `createsuperuser` makes one: no roles, every Django permission."""
    return make_user(username="super-test", is_superuser=True, is_staff=True)


@pytest.fixture
def lead(make_user):
    user = make_user(Role.INTEGRITY_OFFICE, username="leiding-test", email="leiding@portaal.invalid")
    user.user_permissions.add(lead_permission())
    return user


@pytest.fixture
def officer(make_user):
    return make_user(Role.INTEGRITY_OFFICE, username="bureau-test", email="bureau@portaal.invalid")


@pytest.fixture
def advisor(make_user):
    return make_user(Role.CONFIDENTIAL_ADVISOR, username="vp-test")


@pytest.fixture
def colleague(make_user):
    return make_user(username="collega-test")


@pytest.fixture(params=["administrator", "superuser"])
def actor(request):
    """Each refusal is tried as an administrator and as a superuser."""
    return request.getfixturevalue(request.param)


# -- the finding: an administrator makes themselves integrity office -------------------------------


def test_administrator_cannot_tick_the_office_role_on_their_own_account_and_read_reports(
    client, administrator
):
    IntegrityReportFactory(description="Vertrouwelijke beschrijving")
    client.force_login(administrator)
    response = client.post(
        f"{USERS}edit/{administrator.pk}/",
        user_form(administrator, [Role.EMPLOYEE, Role.ADMINISTRATOR, Role.INTEGRITY_OFFICE]),
    )
    assert response.status_code == 200
    assert (
        "Alleen de leiding" in response.content.decode() or "alleen de leiding" in response.content.decode()
    )
    assert str(Role.INTEGRITY_OFFICE) not in roles_of(administrator)
    reports = client.get(REPORTS)
    assert reports.status_code in (302, 403)
    assert b"Vertrouwelijke beschrijving" not in reports.content


@pytest.mark.parametrize("role", [Role.INTEGRITY_OFFICE, Role.CONFIDENTIAL_ADVISOR])
def test_user_editor_refuses_granting_an_office_role_to_self_or_others(client, actor, colleague, role):
    client.force_login(actor)
    own = [Role.EMPLOYEE, Role.ADMINISTRATOR] if not actor.is_superuser else [Role.EMPLOYEE]
    for target, groups in ((actor, [*own, role]), (colleague, [Role.EMPLOYEE, role])):
        response = client.post(f"{USERS}edit/{target.pk}/", user_form(target, groups))
        assert response.status_code == 200, target
        assert response.context["form"].errors.get("groups")
        assert str(role) not in roles_of(target)


def test_user_editor_refuses_a_group_that_carries_the_lead_permission(client, actor):
    """A lead group made on the server (shell) cannot be ticked in the user editor either."""
    leads = Group.objects.create(name="Leiding integriteitsbureau")
    leads.permissions.add(lead_permission())
    client.force_login(actor)
    own = [Role.EMPLOYEE, Role.ADMINISTRATOR] if not actor.is_superuser else [Role.EMPLOYEE]
    data = user_form(actor, own)
    data["groups"].append(leads.pk)
    response = client.post(f"{USERS}edit/{actor.pk}/", data)
    assert response.status_code == 200 and response.context["form"].errors.get("groups")
    actor.refresh_from_db()
    assert not is_office_lead(actor)


def test_user_editor_refuses_creating_an_account_with_an_office_role(client, actor):
    client.force_login(actor)
    data = user_form(
        type(
            "New",
            (),
            {"username": "nieuw", "email": "nieuw@portaal.invalid", "first_name": "N", "last_name": "N"},
        ),
        [Role.EMPLOYEE, Role.CONFIDENTIAL_ADVISOR],
        password1=NEW_PASSWORD,
        password2=NEW_PASSWORD,
    )
    response = client.post(f"{USERS}new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors.get("groups")
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="nieuw").exists()


def test_user_editor_still_creates_an_ordinary_account(client, administrator):
    """Control: the same form without an office role saves."""
    client.force_login(administrator)
    data = user_form(
        type(
            "New",
            (),
            {"username": "nieuw", "email": "nieuw@portaal.invalid", "first_name": "N", "last_name": "N"},
        ),
        [Role.EMPLOYEE, Role.EDITOR],
        password1=NEW_PASSWORD,
        password2=NEW_PASSWORD,
    )
    assert client.post(f"{USERS}new/", data).status_code == 302


@pytest.mark.parametrize("member", ["officer", "advisor", "lead"])
def test_accounts_holding_office_roles_cannot_be_edited_deleted_or_given_a_password(
    client, request, actor, member
):
    target = request.getfixturevalue(member)
    client.force_login(actor)
    assert client.get(f"{USERS}edit/{target.pk}/").status_code in REFUSED
    response = client.post(
        f"{USERS}edit/{target.pk}/",
        user_form(
            target,
            [Role.EMPLOYEE],
            email="overgenomen@portaal.invalid",
            password1=NEW_PASSWORD,
            password2=NEW_PASSWORD,
        ),
    )
    assert response.status_code in REFUSED
    target.refresh_from_db()
    assert target.check_password(PASSWORD) and not target.check_password(NEW_PASSWORD)
    assert target.email != "overgenomen@portaal.invalid" and target.is_active
    assert client.post(f"{USERS}delete/{target.pk}/").status_code in REFUSED
    assert type(target).objects.filter(pk=target.pk).exists()


def test_ordinary_accounts_stay_editable(client, administrator, colleague):
    """Control: the administrator sets an ordinary colleague's password and roles."""
    client.force_login(administrator)
    response = client.post(
        f"{USERS}edit/{colleague.pk}/",
        user_form(colleague, [Role.EMPLOYEE, Role.EDITOR], password1=NEW_PASSWORD, password2=NEW_PASSWORD),
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.check_password(NEW_PASSWORD) and str(Role.EDITOR) in roles_of(colleague)


def test_administrator_cannot_make_anyone_superuser(client, administrator, colleague):
    client.force_login(administrator)
    client.post(f"{USERS}edit/{colleague.pk}/", user_form(colleague, [Role.EMPLOYEE], is_superuser="on"))
    colleague.refresh_from_db()
    assert not colleague.is_superuser


# -- the group editor -----------------------------------------------------------------------------


def group_form(client, name: str, permissions) -> dict:
    """The group editor's data as the browser sends it: the permission formsets' management forms
    included, so a refusal comes from the rules and not from an incomplete form."""
    import re

    page = client.get(f"{GROUPS}new/").content.decode()
    data = dict(re.findall(r'name="(\w+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d*)"', page))
    assert data, "the group editor has permission formsets"
    return {**data, "name": name, "permissions": [permission.pk for permission in permissions]}


SENSITIVE = [
    ("forms", "view_integrityreport"),
    ("forms", "change_integrityreport"),
    ("forms", "add_advisorregistration"),
    ("forms", "view_auditlogentry"),
    ("portal", "lead_integrity_office"),
]


@pytest.mark.parametrize(("app_label", "codename"), SENSITIVE)
def test_group_editor_refuses_report_advisor_audit_and_lead_permissions(client, actor, app_label, codename):
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    client.force_login(actor)
    client.post(f"{GROUPS}new/", group_form(client, "Meelezers", [permission]))
    assert not Group.objects.filter(name="Meelezers").exists()
    assert client.post(f"{GROUPS}new/", group_form(client, "Meelezers", [])).status_code == 302  # control
    administrators = group(Role.ADMINISTRATOR)
    registered = PortalGroupForm().fields["permissions"].queryset
    kept = list(administrators.permissions.filter(pk__in=registered))
    client.post(
        f"{GROUPS}edit/{administrators.pk}/", group_form(client, administrators.name, [*kept, permission])
    )
    assert not administrators.permissions.filter(pk=permission.pk).exists()
    edit = client.post(f"{GROUPS}edit/{administrators.pk}/", group_form(client, administrators.name, kept))
    assert edit.status_code == 302  # control: the same form without it saves


@pytest.mark.parametrize("role", [Role.INTEGRITY_OFFICE, Role.CONFIDENTIAL_ADVISOR])
def test_office_groups_cannot_be_edited_renamed_or_deleted(client, actor, role):
    office = group(role)
    client.force_login(actor)
    assert client.get(f"{GROUPS}edit/{office.pk}/").status_code in REFUSED
    renamed = client.post(f"{GROUPS}edit/{office.pk}/", group_form(client, "Oud bureau", []))
    assert renamed.status_code in REFUSED
    assert client.post(f"{GROUPS}delete/{office.pk}/").status_code in REFUSED
    office.refresh_from_db()
    assert office.name == str(role) and office.permissions.exists()


def test_no_group_takes_an_office_role_name(client, actor):
    client.force_login(actor)
    for name in ("integriteitsbureau", " Vertrouwenspersoon "):
        response = client.post(f"{GROUPS}new/", group_form(client, name, []))
        assert response.status_code == 200 and response.context["form"].errors.get("name"), name
    assert client.post(f"{GROUPS}new/", group_form(client, "Leesclub", [])).status_code == 302  # control


# -- bulk actions ---------------------------------------------------------------------------------


def bulk(action: str, *users) -> str:
    return f"/admin/bulk/auth/user/{action}/?" + "&".join(f"id={user.pk}" for user in users)


@pytest.mark.parametrize("role", [Role.INTEGRITY_OFFICE, Role.CONFIDENTIAL_ADVISOR])
def test_bulk_assign_role_never_grants_an_office_role(client, actor, colleague, role):
    client.force_login(actor)
    page = client.get(bulk("assign_role", colleague, actor))
    assert str(role) not in page.content.decode().split('name="role"', 1)[-1].split("</select>", 1)[0]
    client.post(bulk("assign_role", colleague, actor), {"role": group(role).pk})
    assert str(role) not in roles_of(colleague) and str(role) not in roles_of(actor)


def test_bulk_assign_role_still_works_for_other_roles_and_is_audited(client, administrator, colleague):
    """Control."""
    client.force_login(administrator)
    assert client.post(bulk("assign_role", colleague), {"role": group(Role.EDITOR).pk}).status_code == 302
    assert str(Role.EDITOR) in roles_of(colleague)
    entry = AuditLogEntry.objects.filter(
        action="rollen gewijzigd", detail__account=colleague.username
    ).latest("pk")
    assert entry.user == administrator and entry.detail["added"] == [str(Role.EDITOR)]


def test_bulk_actions_skip_protected_accounts(client, superuser, officer, advisor, colleague):
    client.force_login(superuser)
    client.post(bulk("assign_role", officer), {"role": group(Role.ADMINISTRATOR).pk})
    assert str(Role.ADMINISTRATOR) not in roles_of(officer)
    client.post(bulk("set_active_state", officer, advisor, colleague), {"mark_as_active": "False"})
    officer.refresh_from_db(), advisor.refresh_from_db(), colleague.refresh_from_db()
    assert officer.is_active and advisor.is_active
    assert not colleague.is_active  # control: the ordinary account was deactivated
    client.post(bulk("delete", officer, advisor))
    assert type(officer).objects.filter(pk__in=[officer.pk, advisor.pk]).count() == 2


# -- the office lead's screen ---------------------------------------------------------------------


@pytest.mark.parametrize("who", ["administrator", "superuser", "officer", "advisor", "colleague"])
def test_only_the_lead_opens_the_roles_screen(client, request, who, colleague):
    client.force_login(request.getfixturevalue(who))
    assert client.get(LEAD_SCREEN).status_code in (302, 403)
    client.post(LEAD_SCREEN, {"grant-username": colleague.username, "grant-role": str(Role.INTEGRITY_OFFICE)})
    assert str(Role.INTEGRITY_OFFICE) not in roles_of(colleague)


def test_lead_grants_and_revokes_office_roles_audited_and_mailed(
    client, lead, officer, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    assert client.get(LEAD_SCREEN).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            LEAD_SCREEN, {"grant-username": colleague.username, "grant-role": str(Role.CONFIDENTIAL_ADVISOR)}
        )
    assert response.status_code == 302
    assert str(Role.CONFIDENTIAL_ADVISOR) in roles_of(colleague)
    entry = AuditLogEntry.objects.filter(action="rollen gewijzigd").latest("pk")
    assert entry.user == lead
    assert entry.detail["before"] == [str(Role.EMPLOYEE)]
    assert entry.detail["after"] == sorted([str(Role.EMPLOYEE), str(Role.CONFIDENTIAL_ADVISOR)])
    assert len(mailoutbox) == 1
    assert set(mailoutbox[0].to) == {lead.email, officer.email}
    assert str(entry.pk) in mailoutbox[0].body and colleague.username not in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            LEAD_SCREEN, {"revoke": "1", "user_id": colleague.pk, "role": str(Role.CONFIDENTIAL_ADVISOR)}
        )
    assert str(Role.CONFIDENTIAL_ADVISOR) not in roles_of(colleague)
    assert len(mailoutbox) == 2


def test_lead_cannot_give_an_office_role_to_an_administrator(client, lead, administrator):
    client.force_login(lead)
    response = client.post(
        LEAD_SCREEN, {"grant-username": administrator.username, "grant-role": str(Role.INTEGRITY_OFFICE)}
    )
    assert response.status_code == 400 and "beheerder" in response.content.decode()
    assert str(Role.INTEGRITY_OFFICE) not in roles_of(administrator)
    assert response.context["grant"]["username"].value() == administrator.username  # kept


def test_lead_screen_names_an_unknown_account_beside_the_field(client, lead):
    client.force_login(lead)
    response = client.post(
        LEAD_SCREEN, {"grant-username": "bestaat-niet", "grant-role": str(Role.INTEGRITY_OFFICE)}
    )
    assert response.status_code == 400
    assert response.context["grant"].errors["username"]


def test_superuser_is_not_lead_and_office_lead_needs_no_superuser(superuser, lead):
    assert not is_office_lead(superuser) and is_office_lead(lead) and not lead.is_superuser
