"""The annual report in the page cache: one shell per visibility profile (portal/cache.py).

The office sees live figures of a year nobody else may see yet; everyone else sees the published
version. The attacker here is an employee who opens the report right after someone of the office
did: the shell the office's render left in the cache must never reach them, neither through
Django's middleware nor through the fast path (portal/fastpath.py).
"""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.cache import caches
from django.middleware.csrf import CSRF_SECRET_LENGTH
from django.test import Client, TestCase
from django.utils import translation
from django.utils.crypto import get_random_string

from portal import cache as page_cache
from portal.fastpath import FastPageApp
from portal.roles import Role
from tests.portal.test_fast_path import Browser, Counting
from tests.statistics.factories import (
    EmployeeSurveyFactory,
    annual_report_page,
    incidents,
    publish,
)

pytestmark = pytest.mark.django_db
LIVE = 'data-testid="live-figures"'
PUBLISHED = 'data-testid="publication"'


@pytest.fixture
def report(test_providers, settings):
    settings.DEBUG = True  # the X-Page-Cache header says how the cache answered
    caches["pages"].clear()
    EmployeeSurveyFactory(year=2021, respondents=3265, experienced=228)
    incidents(2021, 121, kind="verbale-agressie")
    return annual_report_page(2021)


@pytest.fixture
def office_member(make_user):
    return make_user(Role.INTEGRITY_OFFICE, username="iris")


@pytest.fixture
def employee(make_user):
    return make_user(username="anna")


def signed_in(user) -> Client:
    """Signed in, with a CSRF cookie as after any earlier page: the fast path may answer at once."""
    client = Client()
    client.force_login(user)
    client.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(CSRF_SECRET_LENGTH)
    return client


@contextmanager
def one_profile_for_everyone(monkeypatch):
    """The control: a cache that keyed the report on the address alone."""
    with monkeypatch.context() as patch:
        patch.setattr(page_cache, "profile_string", lambda is_superuser, group_ids: "groups:")
        yield


def test_an_employee_never_gets_the_live_figures_the_office_left_in_the_cache(
    report, office_member, employee
):
    office, anna = signed_in(office_member), signed_in(employee)
    first = office.get(report.url)
    assert first.status_code == 200 and LIVE in first.content.decode()
    assert first["X-Page-Cache"] == "miss"
    assert office.get(report.url)["X-Page-Cache"] == "hit"  # stored: the office's own shell

    assert anna.get(report.url).status_code == 404  # an unpublished year, as without a cache

    publish(2021)
    for expected in ("miss", "hit"):
        answer = anna.get(report.url)
        html = answer.content.decode()
        assert (answer.status_code, answer["X-Page-Cache"]) == (200, expected)
        assert PUBLISHED in html and LIVE not in html
    assert office.get(report.url)["X-Page-Cache"] == "miss"  # the office's shell is its own


def test_control_one_shell_for_everyone_would_leak_the_live_figures(
    report, office_member, employee, monkeypatch
):
    with one_profile_for_everyone(monkeypatch):
        office, anna = signed_in(office_member), signed_in(employee)
        office.get(report.url)
        leaked = anna.get(report.url)
    assert leaked.status_code == 200 and LIVE in leaked.content.decode()


def test_the_fast_path_serves_each_profile_its_own_shell(
    report, office_member, employee, settings, keep_test_connection
):
    settings.PAGE_CACHE_FAST_PATH = "true"
    caches["default"].clear()
    django = Counting()
    app = FastPageApp(django)
    office = Browser(app, signed_in(office_member))
    assert [office.get(report.url).cache_state for _ in range(3)] == ["miss", "hit", "fast_path"]
    assert LIVE in office.get(report.url).text

    anna = Browser(app, signed_in(employee))
    calls = django.calls
    answer = anna.get(report.url)
    assert django.calls == calls + 1 and answer.status.startswith("404")

    # Out of the office, Iris no longer gets the shell she left: Django answers (a role taken away
    # ends her sessions, so she is asked to sign in again).
    office_member.groups.remove(office_member.groups.get(name=str(Role.INTEGRITY_OFFICE)))
    calls = django.calls
    answer = office.get(report.url)
    assert django.calls == calls + 1 and LIVE not in answer.text
    assert answer.status.startswith("302") and "/account/login/" in answer.header("Location")


def test_a_session_that_opened_protected_content_is_not_given_a_shared_shell(report, office_member):
    office = signed_in(office_member)
    session = office.session
    session["passed_page_view_restrictions"] = [report.pk]
    session.save()
    assert [office.get(report.url)["X-Page-Cache"] for _ in range(2)] == ["personal", "personal"]


def test_control_a_fast_path_keyed_on_the_address_alone_would_leak(
    report, office_member, employee, settings, monkeypatch, keep_test_connection
):
    from portal import fastpath

    settings.PAGE_CACHE_FAST_PATH = "true"
    caches["default"].clear()
    with one_profile_for_everyone(monkeypatch):
        monkeypatch.setattr(fastpath, "profile_string", lambda superuser, groups: "groups:")
        app = FastPageApp(Counting())
        office = Browser(app, signed_in(office_member))
        for _ in range(3):
            office.get(report.url)
        leaked = Browser(app, signed_in(employee)).get(report.url)
    assert leaked.cache_state == "fast_path" and LIVE in leaked.text


def test_a_role_taken_away_during_the_offices_render_never_files_its_page_under_the_employees_key(
    report, office_member, employee, monkeypatch
):
    """The shell's key and the roles the page saw come from one read of the groups, before the
    render: an administrator's change committed in between cannot mislabel the page."""
    from forms.statistics import publication

    real_report = publication.service.report

    def report_then_an_administrator_takes_the_role(year):
        figures = real_report(year)  # the live figures, computed for the office
        memberships = type(office_member).groups.through.objects
        memberships.filter(user_id=office_member.pk, group__name=str(Role.INTEGRITY_OFFICE)).delete()
        return figures

    monkeypatch.setattr(publication.service, "report", report_then_an_administrator_takes_the_role)
    rendered = signed_in(office_member).get(report.url)
    assert LIVE in rendered.content.decode()  # the race happened: built for the office ...
    assert not office_member.groups.filter(name=str(Role.INTEGRITY_OFFICE)).exists()  # ... role gone
    monkeypatch.setattr(publication.service, "report", real_report)

    assert signed_in(employee).get(report.url).status_code == 404  # not the office's live figures
    office_again = make_office_key_reader(report, employee)
    assert office_again == "office"  # control: the page went under the office's key


def make_office_key_reader(report, person) -> str:
    """Under whose key the page cache filed the report: the office's profile or this person's."""
    from django.contrib.auth.models import Group
    from django.test import RequestFactory

    from portal.cache import PageCacheMiddleware, profile_string

    office = Group.objects.get(name=str(Role.INTEGRITY_OFFICE))
    employees = list(person.groups.values_list("pk", flat=True))
    request = RequestFactory().get(report.url, HTTP_HOST="testserver")
    cache = PageCacheMiddleware(lambda request: None)
    with translation.override("nl"):
        keys = {
            "office": cache.key(request, profile=profile_string(False, sorted([*employees, office.pk]))),
            "employee": cache.key(request, profile=profile_string(False, employees)),
        }
    stored = [who for who, key in keys.items() if caches["pages"].get(key) is not None]
    return stored[0] if len(stored) == 1 else ",".join(stored)


def test_a_renamed_group_renders_the_report_again(report, office_member):
    """Roles go by group name: the office group renamed, its members are no longer the office."""
    from django.contrib.auth.models import Group

    publish_nothing_yet = signed_in(office_member)
    assert [publish_nothing_yet.get(report.url)["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]
    group = Group.objects.get(name=str(Role.INTEGRITY_OFFICE))
    with TestCase.captureOnCommitCallbacks(execute=True):
        group.name = "Voormalig integriteitsbureau"
        group.save()
    assert signed_in(office_member).get(report.url).status_code == 404
