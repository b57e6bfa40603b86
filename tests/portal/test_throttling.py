"""Sign-in throttling (portal/throttle.py, django-axes): ten wrong passwords for one account from
one address lock that combination on every sign-in path, and nothing else."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

from portal import throttle
from portal.roles import Role
from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN_PATHS = ["/nl/account/login/", "/admin/login/"]
OFFICE = "198.51.100.10"
ELSEWHERE = "203.0.113.77"


def sign_in(client, path, username, password, address=OFFICE, **extra):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def fail(client, path, username, times=10, address=OFFICE, **extra):
    return [sign_in(client, path, username, "verkeerd-wachtwoord", address, **extra) for _ in range(times)]


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


@pytest.fixture
def victim(make_user):
    return make_user(Role.EDITOR, username="redacteur-anna")


@pytest.fixture
def colleague(make_user):
    return make_user(Role.EDITOR, username="redacteur-bert")


@pytest.mark.parametrize("path", SIGN_IN_PATHS)
def test_ten_wrong_passwords_lock_that_account_at_that_address_only(client, victim, colleague, path):
    answers = fail(client, path, victim.username)
    assert [answer.status_code for answer in answers[:9]] == [200] * 9  # the normal form, with its message
    assert answers[9].status_code == 429

    # The right password is refused there meanwhile.
    refused = sign_in(client, path, victim.username, PASSWORD)
    assert refused.status_code == 429 and not signed_in(client)
    assert "Inloggen tijdelijk geblokkeerd" in refused.content.decode()

    # A colleague behind the same address signs in.
    other = Client()
    assert sign_in(other, path, colleague.username, PASSWORD).status_code == 302 and signed_in(other)
    # The same account from another address signs in.
    elsewhere = Client()
    assert sign_in(elsewhere, path, victim.username, PASSWORD, ELSEWHERE).status_code == 302
    assert signed_in(elsewhere)


def test_nine_wrong_passwords_still_let_the_right_one_in(client, victim):
    """Control: the limit is ten, not fewer."""
    fail(client, SIGN_IN_PATHS[0], victim.username, times=9)
    assert sign_in(client, SIGN_IN_PATHS[0], victim.username, PASSWORD).status_code == 302


def test_failures_on_both_paths_add_up(client, victim):
    fail(client, "/nl/account/login/", victim.username, times=5)
    fail(client, "/admin/login/", victim.username, times=5)
    assert sign_in(client, "/nl/account/login/", victim.username, PASSWORD).status_code == 429


def test_the_lockout_page_explains_in_english_on_english_pages(client, victim):
    fail(client, "/en/account/login/", victim.username)
    answer = sign_in(client, "/en/account/login/", victim.username, PASSWORD)
    body = answer.content.decode()
    assert answer.status_code == 429
    assert '<html lang="en"' in body
    assert "Signing in temporarily blocked" in body
    assert "reset" in body.lower()  # what to do: a new password, or ask the service desk


def test_the_lockout_page_says_until_when(client, victim, settings):
    settings.SIGN_IN_LOCKOUT_MINUTES = 15
    fail(client, SIGN_IN_PATHS[0], victim.username)
    until = timezone.localtime(throttle.locked_until(victim.username, OFFICE))
    body = sign_in(client, SIGN_IN_PATHS[0], victim.username, PASSWORD).content.decode()
    assert f"{until:%H:%M}" in body


def end_lockout_as_if_time_passed(username):
    AccessAttemptExpiration.objects.filter(access_attempt__username=username).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )


def lockout_minutes(username, address=OFFICE) -> float:
    return (throttle.locked_until(username, address) - timezone.now()).total_seconds() / 60


def test_the_lockout_grows_with_repeats(client, victim, settings):
    settings.SIGN_IN_LOCKOUT_MINUTES = 15
    fail(client, SIGN_IN_PATHS[0], victim.username)
    assert 14 < lockout_minutes(victim.username) <= 15

    end_lockout_as_if_time_passed(victim.username)
    assert sign_in(Client(), SIGN_IN_PATHS[0], victim.username, "verkeerd-wachtwoord").status_code == 200
    fail(client, SIGN_IN_PATHS[0], victim.username, times=9)
    assert 29 < lockout_minutes(victim.username) <= 30

    end_lockout_as_if_time_passed(victim.username)
    fail(client, SIGN_IN_PATHS[0], victim.username)
    assert 59 < lockout_minutes(victim.username) <= 60
    # ... and once over, the person can sign in again.
    end_lockout_as_if_time_passed(victim.username)
    assert sign_in(client, SIGN_IN_PATHS[0], victim.username, PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_gives_no_fresh_attempts(client, victim):
    """No trusted proxy: X-Forwarded-For is ignored, so a new made-up address per try is no help."""
    for number in range(10):
        sign_in(client, SIGN_IN_PATHS[0], victim.username, "fout", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert sign_in(client, SIGN_IN_PATHS[0], victim.username, PASSWORD).status_code == 429


def test_behind_a_trusted_proxy_each_client_address_counts_on_its_own(client, victim, settings):
    """Control: with the proxy trusted, the address it vouches for is the client."""
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    path, name = SIGN_IN_PATHS[0], victim.username
    fail(client, path, name, address="10.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)
    locked = sign_in(client, path, name, PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)
    assert locked.status_code == 429
    other = sign_in(Client(), path, name, PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert other.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}


# -- administrators see and lift lockouts ---------------------------------------------------------


def test_an_administrator_sees_and_lifts_a_lockout(client, victim, make_user):
    fail(Client(), SIGN_IN_PATHS[0], victim.username)
    admin = make_user(Role.ADMINISTRATOR, username="beheer-carla")
    client.force_login(admin)
    listing = client.get("/admin/inlogblokkades/")
    assert listing.status_code == 200
    assert victim.username in listing.content.decode() and OFFICE in listing.content.decode()

    lifted = client.post("/admin/inlogblokkades/", {"username": victim.username, "ip_address": OFFICE})
    assert lifted.status_code == 302
    assert throttle.locked_until(victim.username, OFFICE) is None
    assert sign_in(Client(), SIGN_IN_PATHS[0], victim.username, PASSWORD).status_code == 302

    from forms.models import AuditLogEntry

    entry = AuditLogEntry.objects.get(action="sign_in_lockout_lifted")
    assert entry.user == admin and entry.detail["username"] == victim.username


@pytest.mark.parametrize("role", [Role.EDITOR, Role.INTEGRITY_OFFICE, Role.MANAGER])
def test_other_roles_can_neither_see_nor_lift_lockouts(client, victim, make_user, role):
    fail(Client(), SIGN_IN_PATHS[0], victim.username)
    client.force_login(make_user(role, username=f"iemand-{role.name.lower()}"))
    assert_refused(client.get("/admin/inlogblokkades/"))
    assert_refused(client.post("/admin/inlogblokkades/", {"username": victim.username, "ip_address": OFFICE}))
    assert throttle.locked_until(victim.username, OFFICE) is not None


def assert_refused(answer):
    """Wagtail answers a refused admin view with a redirect to the dashboard and a message."""
    assert answer.status_code == 302 and answer["Location"] == "/admin/"


def test_a_superuser_without_the_administrator_role_cannot_lift_lockouts(client, make_user):
    client.force_login(make_user(Role.EDITOR, username="super", is_superuser=True))
    assert_refused(client.get("/admin/inlogblokkades/"))


# -- password reset -------------------------------------------------------------------------------

RESET = "/nl/account/password-reset/"


def ask_reset(client, email, address=OFFICE):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_password_reset_requests_are_limited_per_account(client, victim, mailoutbox):
    answers = [ask_reset(client, victim.email, f"192.0.2.{n}") for n in range(4)]
    assert [answer.status_code for answer in answers] == [302, 302, 302, 429]
    assert len(mailoutbox) == 3
    assert "Te veel aanvragen" in answers[3].content.decode()
    # Another account from the same addresses is unaffected.
    assert ask_reset(client, "iemand-anders@portaal.invalid", "192.0.2.1").status_code == 302


def test_password_reset_requests_are_limited_per_address(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 10
    answers = [ask_reset(client, f"persoon{n}@portaal.invalid") for n in range(11)]
    assert [answer.status_code for answer in answers] == [302] * 10 + [429]
    assert ask_reset(client, "persoon0@portaal.invalid", ELSEWHERE).status_code == 302


def test_the_reset_limit_says_nothing_about_which_addresses_have_an_account(client, victim):
    known = [ask_reset(client, victim.email, f"192.0.2.{n}") for n in range(4)]
    unknown = [ask_reset(client, "niemand@portaal.invalid", f"192.0.2.{n}") for n in range(4)]
    assert [a.status_code for a in known] == [a.status_code for a in unknown]
    assert known[3].content.decode().replace(victim.email, "") == unknown[3].content.decode().replace(
        "niemand@portaal.invalid", ""
    )


# -- password length ------------------------------------------------------------------------------


def test_passwords_need_twelve_characters(victim):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("Kort-wacht1", victim)  # 11
    validate_password("Lang-genoeg-12", victim)  # 14: accepted (control)
