import pytest
from django.contrib.auth.models import Group

from portal.roles import ADMIN_ROLES, ALL_ROLES, Role, has_role

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) == {str(role) for role in ALL_ROLES}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_admin_access_follows_the_role(client, make_user, role):
    client.force_login(make_user(role))
    response = client.get("/admin/")
    if role in ADMIN_ROLES:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"].startswith("/nl/account/login/")


def test_editors_may_edit_pages_and_employees_may_not(make_user):
    from wagtail.models import Page

    home = Page.objects.get(depth=2, locale__language_code="nl")
    editor = make_user(Role.EDITOR)
    employee = make_user()
    assert home.permissions_for_user(editor).can_edit()
    assert home.permissions_for_user(editor).can_publish()
    assert not home.permissions_for_user(employee).can_edit()


def test_has_role(make_user):
    advisor = make_user(Role.CONFIDENTIAL_ADVISOR)
    assert has_role(advisor, Role.CONFIDENTIAL_ADVISOR)
    assert has_role(advisor, Role.EMPLOYEE)
    assert not has_role(advisor, Role.INTEGRITY_OFFICE)


def test_superuser_holds_no_role_implicitly(make_user):
    admin = make_user(is_superuser=True)
    assert not has_role(admin, Role.INTEGRITY_OFFICE)


def test_no_page_offers_wagtails_example_workflow():
    from wagtail.models import Page, Workflow

    home = Page.objects.get(depth=2, locale__language_code="nl")
    assert home.get_workflow() is None
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
