"""Every change of anyone's roles is in the audit log with before and after, whatever path made it;
changes to the office roles and the lead are mailed to the office (portal/role_audit.py), and the
first lead is appointed on the server with an audited command."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from forms.models import AuditLogEntry
from portal.roles import Role, is_office_lead
from portal.separation import lead_permission

pytestmark = pytest.mark.django_db


def group(role: Role) -> Group:
    return Group.objects.get(name=str(role))


def role_entries(user):
    return list(AuditLogEntry.objects.filter(detail__account_id=user.pk).order_by("pk"))


@pytest.fixture
def office(make_user):
    return make_user(Role.INTEGRITY_OFFICE, username="bureau-test", email="bureau@portaal.invalid")


@pytest.fixture
def colleague(make_user):
    return make_user(username="collega-test")


@pytest.mark.parametrize(
    "change",
    [
        lambda user: user.groups.add(group(Role.EDITOR)),
        lambda user: group(Role.EDITOR).user_set.add(user),  # Wagtail's bulk "assign role"
        lambda user: user.groups.set([group(Role.EDITOR)]),
    ],
    ids=["user.groups.add", "group.user_set.add", "user.groups.set"],
)
def test_adding_a_role_from_any_direction_is_audited_with_before_and_after(colleague, change):
    before = len(role_entries(colleague))
    change(colleague)
    entries = role_entries(colleague)[before:]
    assert entries, "no audit entry"
    assert entries[-1].action == "rollen gewijzigd"
    assert str(Role.EDITOR) in entries[-1].detail["after"]
    assert entries[-1].detail["via"].startswith("zonder verzoek")  # the shell or a script
    assert entries[0].detail["before"] == [str(Role.EMPLOYEE)]


def test_removing_clearing_and_deleting_are_audited(colleague, make_user):
    colleague.groups.add(group(Role.EDITOR))
    colleague.groups.remove(group(Role.EDITOR))
    assert role_entries(colleague)[-1].detail["removed"] == [str(Role.EDITOR)]
    colleague.groups.clear()
    assert role_entries(colleague)[-1].detail["after"] == []
    other = make_user(Role.PEER_SUPPORT, username="bot-test")
    group(Role.PEER_SUPPORT).user_set.clear()
    assert role_entries(other)[-1].detail["removed"] == [str(Role.PEER_SUPPORT)]
    other_pk = other.pk
    other.delete()
    gone = AuditLogEntry.objects.filter(detail__account_id=other_pk).latest("pk")
    assert gone.detail["before"] == [str(Role.EMPLOYEE)] and gone.detail["after"] == []


def test_no_entry_when_nothing_changes(colleague):
    before = len(role_entries(colleague))
    colleague.groups.add(group(Role.EMPLOYEE))  # already a member
    assert len(role_entries(colleague)) == before


def test_changes_through_the_user_editor_name_who_made_them(client, make_user, colleague):
    administrator = make_user(Role.ADMINISTRATOR, username="beheerder-test")
    client.force_login(administrator)
    client.post(
        f"/admin/users/edit/{colleague.pk}/",
        {
            "username": colleague.username,
            "email": colleague.email,
            "first_name": "C",
            "last_name": "T",
            "is_active": "on",
            "groups": [group(Role.EMPLOYEE).pk, group(Role.EDITOR).pk],
        },
    )
    entry = role_entries(colleague)[-1]
    assert entry.user == administrator and entry.detail["by"] == administrator.username
    assert entry.detail["added"] == [str(Role.EDITOR)] and entry.detail["via"].startswith("/admin/users/")


def test_office_role_changes_are_mailed_to_the_office_after_commit(
    office, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        colleague.groups.add(group(Role.CONFIDENTIAL_ADVISOR))  # e.g. from a shell on the server
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [office.email]
    entry = role_entries(colleague)[-1]
    assert str(entry.pk) in mail.body
    assert colleague.username not in mail.body and str(Role.CONFIDENTIAL_ADVISOR) not in mail.subject


def test_other_role_changes_are_not_mailed(office, colleague, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        colleague.groups.add(group(Role.EDITOR))
    assert mailoutbox == []


def test_no_mail_when_the_transaction_rolls_back(
    office, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        colleague.groups.add(group(Role.INTEGRITY_OFFICE))
        raise RuntimeError
    assert mailoutbox == []
    assert str(Role.INTEGRITY_OFFICE) not in set(colleague.groups.values_list("name", flat=True))


def test_group_permission_changes_are_audited():
    editors = group(Role.EDITOR)
    editors.permissions.add(lead_permission())
    entry = AuditLogEntry.objects.filter(action="groepsrechten gewijzigd").latest("pk")
    assert entry.detail == {
        "group": str(Role.EDITOR),
        "change": "add",
        "permissions": ["portal.lead_integrity_office"],
        "via": entry.detail["via"],
    }


# -- appointing the first lead --------------------------------------------------------------------


def test_appoint_office_lead_is_audited_and_mailed(office, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("appoint_office_lead", office.username, stdout=StringIO())
    assert is_office_lead(office)
    entry = AuditLogEntry.objects.filter(action="rechten gewijzigd").latest("pk")
    assert entry.detail["account"] == office.username
    assert entry.detail["added"] == ["portal.lead_integrity_office"]
    assert entry.detail["via"].startswith("manage.py appoint_office_lead")
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("appoint_office_lead", office.username, "--dismiss", stdout=StringIO())
    office = type(office).objects.get(pk=office.pk)
    assert not is_office_lead(office)
    assert AuditLogEntry.objects.filter(action="rechten gewijzigd").latest("pk").detail["removed"] == [
        "portal.lead_integrity_office"
    ]


@pytest.mark.parametrize("fields", [{"is_superuser": True}, {"is_active": False}])
def test_appoint_office_lead_refuses_superusers_and_deactivated_accounts(make_user, fields):
    user = make_user(username="kandidaat", **fields)
    with pytest.raises(CommandError):
        call_command("appoint_office_lead", user.username, stdout=StringIO())
    assert not user.user_permissions.exists()


def test_appoint_office_lead_refuses_administrators_and_unknown_names(make_user):
    administrator = make_user(Role.ADMINISTRATOR, username="beheerder-test")
    with pytest.raises(CommandError):
        call_command("appoint_office_lead", administrator.username, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("appoint_office_lead", "bestaat-niet", stdout=StringIO())
