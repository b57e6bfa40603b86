"""The second factor (portal/mfa/): who needs one, enrolment, verification, recovery codes, passkey
endpoints, and that a held session opens nothing else."""

import time
from base64 import b32encode

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from forms.models import AuditLogEntry
from portal.mfa import SENSITIVE_ROLES, SESSION_KEY, needs_second_factor
from portal.mfa.demo import current_code, give_demo_totp
from portal.roles import Role
from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db

VERIFY = "/nl/account/tweede-factor/"
ENROL = "/nl/account/tweede-factor/instellen/"
CODES = "/nl/account/tweede-factor/herstelcodes/"


@pytest.fixture
def no_delay(settings):
    """No waiting after a wrong code (tested on its own below), so a test can go on at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def sign_in(client, user):
    response = client.post("/nl/account/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def code_of(device, offset: float = 0) -> str:
    generator = TOTP(device.bin_key)
    generator.time = time.time() + offset
    return f"{generator.token():06d}"


# -- who needs one ---------------------------------------------------------------------------------


def test_the_sensitive_roles_by_default():
    assert set(SENSITIVE_ROLES) == {
        Role.INTEGRITY_OFFICE,
        Role.CONFIDENTIAL_ADVISOR,
        Role.ADMINISTRATOR,
        Role.HR,  # declarations, placements, screening due dates (safework)
        Role.SECURITY_COORDINATOR,  # building threat-and-risk assessments (safework)
    }
    assert [str(role) for role in SENSITIVE_ROLES] == settings.PORTAL_MFA_ROLES


@pytest.mark.parametrize("role", list(Role))
def test_who_needs_a_second_factor(make_user, role):
    assert needs_second_factor(make_user(role)) == (role in SENSITIVE_ROLES)


def test_office_leads_and_superusers_need_one(make_user):
    lead = make_user()
    assert not needs_second_factor(lead)
    lead = type(lead).objects.get(pk=lead.pk)
    lead.user_permissions.add(Permission.objects.get(codename="lead_integrity_office"))
    assert needs_second_factor(type(lead).objects.get(pk=lead.pk))
    # Through a group too.
    via_group = make_user(Role.EDITOR)
    Group.objects.get(name=str(Role.EDITOR)).permissions.add(
        Permission.objects.get(codename="lead_integrity_office")
    )
    assert needs_second_factor(type(via_group).objects.get(pk=via_group.pk))
    assert needs_second_factor(make_user(is_superuser=True))


def test_the_roles_are_configurable(make_user, settings):
    settings.PORTAL_MFA_ROLES = [str(Role.EDITOR)]
    assert needs_second_factor(make_user(Role.EDITOR))
    assert not needs_second_factor(make_user(Role.ADMINISTRATOR))


# -- enrolment on first sign-in ---------------------------------------------------------------------


def test_first_sign_in_enrols_an_authenticator_and_shows_recovery_codes(client, make_user, no_delay):
    officer = make_user(Role.INTEGRITY_OFFICE)
    sign_in(client, officer)
    response = client.get("/admin/")
    assert response.status_code == 303 and response["Location"] == ENROL + "?next=%2Fadmin%2F"
    assert client.get(VERIFY + "?next=%2Fadmin%2F")["Location"] == ENROL + "?next=%2Fadmin%2F"
    page = client.get(response["Location"]).content.decode()
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert '<svg role="img"' in page  # the QR code, drawn here
    secret = b32encode(device.bin_key).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page

    # A wrong code: a message beside the field, the typed value kept, nothing confirmed.
    page = client.post(ENROL, {"code": "000000", "next": "/admin/"}).content.decode()
    assert "Deze code klopt niet" in page and 'value="000000"' in page
    assert client.get("/admin/").status_code == 303
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()

    response = client.post(ENROL, {"code": code_of(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == CODES + "?next=%2Fadmin%2F"
    assert client.session[SESSION_KEY] == "totp"
    page = client.get(response["Location"]).content.decode()
    codes = list(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert len(codes) == 10 and all(code in page for code in codes)
    assert codes[0] not in client.get(CODES).content.decode()  # shown once
    assert client.get("/admin/").status_code == 200
    actions = list(AuditLogEntry.objects.filter(user=officer).values_list("action", flat=True))
    assert {"mfa.enrolled", "mfa.recovery_codes_issued", "mfa.verified"} <= set(actions)


def test_a_password_alone_cannot_enrol_another_factor(client, make_user):
    """Once a person has an authenticator, an attacker with only the password cannot add their own:
    the enrolment page sends them to verify, and the passkey endpoints refuse."""
    officer = make_user(Role.INTEGRITY_OFFICE)
    give_demo_totp(officer)
    sign_in(client, officer)
    response = client.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.post(ENROL, {"code": current_code()}).status_code == 302
    assert TOTPDevice.objects.filter(user=officer).count() == 1
    response = client.post("/account/passkey/registration/begin/", content_type="application/json")
    assert response.status_code == 403
    assert SESSION_KEY not in client.session


def test_passkey_registration_may_begin_when_enrolling(client, make_user):
    sign_in(client, make_user(Role.CONFIDENTIAL_ADVISOR))
    response = client.post("/account/passkey/registration/begin/", content_type="application/json")
    assert response.status_code == 200
    assert response.json()["rp"]["id"] == "testserver"


def test_passwordless_passkey_sign_in_is_off(client):
    response = client.post("/account/passkey/authentication/begin/", content_type="application/json")
    assert response.status_code in (302, 403)
    assert "_auth_user_id" not in client.session


# -- verifying at sign-in -------------------------------------------------------------------------


def test_sign_in_with_an_authenticator_code(client, make_user, no_delay):
    officer = make_user(Role.INTEGRITY_OFFICE)
    give_demo_totp(officer)
    sign_in(client, officer)
    page = client.post(VERIFY, {"code": "123", "next": "/admin/"}).content.decode()
    assert "Deze code klopt niet" in page
    assert SESSION_KEY not in client.session
    before = client.session.session_key
    response = client.post(VERIFY, {"code": current_code(), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.session[SESSION_KEY] == "totp"
    assert client.session.session_key != before  # a new session key once the factor is proven
    assert client.get("/admin/").status_code == 200
    assert AuditLogEntry.objects.filter(user=officer, action="mfa.verified", detail__method="totp").exists()


def test_a_code_works_once(client, make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    give_demo_totp(officer)
    code = current_code()
    sign_in(client, officer)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post("/nl/account/logout/")
    sign_in(client, officer)
    assert "Deze code klopt niet" in client.post(VERIFY, {"code": code}).content.decode()
    assert SESSION_KEY not in client.session


def test_wrong_codes_make_the_next_attempt_wait(client, make_user):
    """django-otp's throttling: after a wrong code even the right one is refused for a while
    (1 s, 2 s, 4 s, ... kept in the database, so across workers), with a message that says so."""
    officer = make_user(Role.INTEGRITY_OFFICE)
    give_demo_totp(officer)
    sign_in(client, officer)
    client.post(VERIFY, {"code": "111111"})
    page = client.post(VERIFY, {"code": current_code()}).content.decode()
    assert "Te vaak een verkeerde code. Wacht" in page
    assert SESSION_KEY not in client.session
    assert TOTPDevice.objects.get(user=officer).throttling_failure_count == 1


def test_a_recovery_code_works_once(client, make_user):
    from portal.mfa.devices import new_recovery_codes

    advisor = make_user(Role.CONFIDENTIAL_ADVISOR)
    give_demo_totp(advisor)
    code = new_recovery_codes(advisor)[0]
    sign_in(client, advisor)
    response = client.post(VERIFY, {"code": code.upper(), "next": "/admin/"})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == "recovery"
    client.post("/nl/account/logout/")
    sign_in(client, advisor)
    assert "Deze code klopt niet" in client.post(VERIFY, {"code": code}).content.decode()
    assert StaticToken.objects.filter(device__user=advisor).count() == 9


def test_an_open_external_next_is_not_followed(client, make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    give_demo_totp(officer)
    sign_in(client, officer)
    response = client.post(VERIFY, {"code": current_code(), "next": "https://elders.example/"})
    assert response["Location"] == "/"


def test_english_pages(client, make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    give_demo_totp(officer)
    sign_in(client, officer)
    page = client.post("/en/account/tweede-factor/", {"code": "1"}).content.decode()
    assert "This code is wrong or was already used" in page


# -- a held session ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/nl/", "/admin/", "/admin/users/", "/nl/zoeken/?q=integriteit", "/documents/1/x.pdf", "/admin/login/"],
)
def test_a_held_session_is_sent_to_the_second_factor_everywhere(client, make_user, path):
    officer = make_user(Role.INTEGRITY_OFFICE)
    give_demo_totp(officer)
    sign_in(client, officer)
    response = client.get(path)
    assert response.status_code == 303 and response["Location"].startswith(VERIFY + "?next=")


def test_a_held_session_cannot_post_anything_else(client, make_user):
    officer = make_user(Role.ADMINISTRATOR)
    give_demo_totp(officer)
    sign_in(client, officer)
    response = client.post("/admin/users/add/", {"username": "nieuw"})
    assert response.status_code == 303 and response["Location"] == VERIFY
    assert not type(officer).objects.filter(username="nieuw").exists()
    assert client.get(CODES).status_code == 302  # recovery codes only after verifying
    assert client.post(CODES).status_code == 302
    assert not StaticToken.objects.exists()


def test_a_held_session_may_sign_out(client, make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    sign_in(client, officer)
    client.post("/nl/account/logout/")
    assert "_auth_user_id" not in client.session


@pytest.mark.password_only
def test_an_identity_provider_assertion_counts(client, make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    client.force_login(officer)
    assert client.get("/admin/").status_code == 303
    session = client.session
    session[SESSION_KEY] = "idp"
    session.save()
    assert client.get("/admin/").status_code == 200
    session[SESSION_KEY] = "password"  # anything else is no second factor
    session.save()
    assert client.get("/admin/").status_code == 303


def test_a_role_granted_during_a_session_holds_it_at_once(client, make_user):
    editor = make_user(Role.EDITOR)
    sign_in(client, editor)
    assert client.get("/admin/").status_code == 200
    editor.groups.add(Group.objects.get(name=str(Role.INTEGRITY_OFFICE)))
    assert client.get("/admin/").status_code == 303


def test_the_middleware_runs_before_the_page_cache_and_after_authentication():
    order = settings.MIDDLEWARE
    mfa = order.index("portal.mfa.middleware.SecondFactorMiddleware")
    assert order.index("django.contrib.auth.middleware.AuthenticationMiddleware") < mfa
    assert mfa < order.index("portal.cache.PageCacheMiddleware")
    assert mfa < order.index("wagtail.contrib.redirects.middleware.RedirectMiddleware")


# -- demo secret ----------------------------------------------------------------------------------


def test_the_demo_secret_is_refused_outside_development(make_user, settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(ImproperlyConfigured):
        give_demo_totp(make_user(Role.INTEGRITY_OFFICE))
    assert not TOTPDevice.objects.exists()


def test_the_demo_accounts_sign_in_with_the_documented_secret(client, no_delay, demo_content):
    """The README's secret and one-liner give the code the demo accounts of these roles accept."""
    import re
    import subprocess
    import sys
    from base64 import b32decode
    from pathlib import Path

    from portal.mfa.demo import DEMO_TOTP_SECRET

    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    secret = re.search(r"authenticator secret is\s+\*\*`([A-Z2-7]+)`\*\*", readme).group(1)
    assert b32decode(secret) == DEMO_TOTP_SECRET
    one_liner = re.search(r'`\.venv/bin/python -c "(from django_otp\.oath [^"]+)"`', readme).group(1)

    for username in ["integriteitsbureau", "vertrouwenspersoon", "beheerder", "vp-anouk"]:
        client.post("/nl/account/login/", {"username": username, "password": "demo-portaal-2026"})
        assert client.get("/admin/").status_code == 303, username
        code = subprocess.run(
            [sys.executable, "-c", one_liner], capture_output=True, text=True, check=True
        ).stdout.strip()
        response = client.post(VERIFY, {"code": code, "next": "/admin/"})
        if response.status_code == 200:  # the time step turned between the two: the next code
            response = client.post(VERIFY, {"code": current_code(), "next": "/admin/"})
        assert response.status_code == 302, username
        assert client.get("/admin/").status_code == 200, username
        client.post("/nl/account/logout/")
    client.post("/nl/account/login/", {"username": "medewerker", "password": "demo-portaal-2026"})
    assert client.get("/nl/").status_code == 200
