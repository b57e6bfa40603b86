"""A password alone never opens a report, an advisor registration, the user administration or a
report attachment, for each role that must prove a second factor; the same requests succeed once
the session proved one (the control that shows the refusal comes from the second factor)."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from portal.mfa import SESSION_KEY
from portal.mfa.demo import current_code, give_demo_totp
from portal.roles import Role
from tests.forms.factories import AdvisorRegistrationFactory, IntegrityReportFactory
from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db

SECRET = "Vertrouwelijke beschrijving"


@pytest.fixture
def sensitive(make_user):
    """Per role: a user who must prove a second factor, and who has the demo authenticator."""
    lead = make_user(username="lead")
    lead.user_permissions.add(Permission.objects.get(codename="lead_integrity_office"))
    people = {
        "office": make_user(Role.INTEGRITY_OFFICE, username="office"),
        "advisor": make_user(Role.CONFIDENTIAL_ADVISOR, username="advisor"),
        "administrator": make_user(Role.ADMINISTRATOR, username="administrator"),
        "lead": lead,
        "lead-in-office": make_user(Role.INTEGRITY_OFFICE, username="lead-in-office"),
    }
    people["lead-in-office"].user_permissions.add(Permission.objects.get(codename="lead_integrity_office"))
    for user in people.values():
        give_demo_totp(user)
    return people


@pytest.fixture
def urls(sensitive):
    from forms.attachments import CleanFile
    from forms.services import _attach

    report = IntegrityReportFactory(description=SECRET)
    _attach(report, [CleanFile("bewijs.pdf", "application/pdf", b"%PDF-1.4 x")], timezone.localdate())
    registration = AdvisorRegistrationFactory(advisor=sensitive["advisor"], pseudonym="kenmerk-geheim")
    return {
        "report": f"/admin/integriteitsmeldingen/edit/{report.pk}/",
        "attachment": f"/admin/integriteitsmeldingen/{report.pk}/bijlage/{report.attachments.get().pk}/",
        "advisor registration": f"/admin/vertrouwenspersonen/edit/{registration.pk}/",
        "user administration": "/admin/users/",
        "report export": "/admin/integriteitsmeldingen/?export=csv",
    }


#: What each role opens once it proved a second factor (the control).
ALLOWED = {
    "office": {"report", "attachment", "report export"},
    "lead-in-office": {"report", "attachment", "report export"},
    "advisor": {"advisor registration"},
    "administrator": {"user administration"},
    "lead": set(),
}


def sign_in_with_password(client, username):
    response = client.post("/nl/account/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password is right"
    return response


@pytest.mark.parametrize("who", list(ALLOWED))
def test_a_password_alone_opens_nothing_sensitive(client, sensitive, urls, who):
    sign_in_with_password(client, who)
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 303, (who, name, response.status_code)
        assert response["Location"].startswith("/nl/account/tweede-factor/?next="), (who, name)
        assert SECRET.encode() not in response.content
        assert b"kenmerk-geheim" not in response.content


@pytest.mark.parametrize("who", list(ALLOWED))
def test_the_same_requests_open_after_the_second_factor(client, sensitive, urls, who):
    sign_in_with_password(client, who)
    response = client.post("/nl/account/tweede-factor/", {"code": current_code(), "next": "/nl/"})
    assert response.status_code == 302 and response["Location"] == "/nl/"
    assert client.session[SESSION_KEY] == "totp"
    for name in ALLOWED[who]:
        response = client.get(urls[name])
        assert response.status_code == 200, (who, name, response.status_code)
    if "report" in ALLOWED[who]:
        assert SECRET in client.get(urls["report"]).content.decode()


def test_a_role_without_a_second_factor_is_not_held(client, make_user):
    make_user(Role.EDITOR, username="editor")
    sign_in_with_password(client, "editor")
    assert client.get("/admin/").status_code == 200
