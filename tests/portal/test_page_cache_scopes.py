"""Invalidation that follows what a page shows (portal/cache.py, portal/page_scopes.py).

The morning thousands of colleagues sign up, confirm the code of conduct and the integrity office
reads and exports cases, those writes must not empty the cache of pages that do not show them;
a publish must still show everywhere at once. Bumps wait for the writer's commit.

Each scenario runs on the local-memory cache and, when CI provides one, on a real Redis server
(PORTAL_TEST_REDIS_URL), as in production.
"""

import pytest
from django.db import transaction
from django.test import Client

from awareness import services as awareness_services
from awareness.models import CalendarPage
from forms import services as report_services
from forms.models import Category, IntegrityReport, Source
from forms.statistics.models import HistoricalFigure
from home.models import CodeOfConductPage, ContentPage
from portal import cache as page_cache
from portal.models import CacheGeneration
from portal.page_scopes import CONTENT, SESSIONS, statistics
from tests.awareness.factories import SessionFactory, in_days, programme_item

pytestmark = pytest.mark.django_db

HOME = "/nl/"
SECTION = "/nl/heldere-afspraken/"


@pytest.fixture(autouse=True)
def page_cache_header(settings):
    """These tests read how the cache answered from X-Page-Cache, which only DEBUG sends."""
    settings.DEBUG = True


@pytest.fixture
def demo(demo_content):
    """The demo content, loaded once per test session and rolled back after each test."""


def url_of(model) -> str:
    return model.objects.live().filter(locale__language_code="nl").first().url


def reader(make_user, name: str) -> Client:
    client = Client()
    client.force_login(make_user(username=name, first_name=name.title()))
    return client


def answers(client: Client, paths: dict[str, str]) -> dict[str, str]:
    found = {}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, (name, path, response.status_code)
        found[name] = response["X-Page-Cache"]
    return found


def test_writes_no_page_shows_leave_cached_pages_in_place(cache_backend, demo, make_user):
    paths = {
        "home": HOME,
        "section": SECTION,
        "code of conduct": url_of(CodeOfConductPage),
        "calendar": url_of(CalendarPage),
    }
    # A session of its own, so its line on the calendar can be read (made before anything is cached).
    item = programme_item(parent=CalendarPage.objects.get(locale__language_code="nl"), title="Dilemmaspel XL")
    session = SessionFactory(item=item, capacity=3, start=in_days(2), end=in_days(2, hour=16))
    reading = reader(make_user, "lezer")
    assert set(answers(reading, paths).values()) == {"miss"}
    assert set(answers(reading, paths).values()) == {"hit"}
    assert places_on_calendar(reading, paths["calendar"], item.title) == "Nog 3 plaatsen"
    reports = IntegrityReport.objects.count()

    # An anonymous report filed, the office reads and exports it.
    report, _code = report_services.file_report(
        what={"category": Category.values[0], "description": "Er gebeurt iets dat niet klopt."},
        about={"source": Source.values[0]},
        files=[],
    )
    office = make_user(username="bureau")
    report_services.audit(report, office, "bekeken")
    report_services.audit(report, office, "geëxporteerd")
    report_services.add_office_message(report, "Dank voor je melding.", office)
    # A colleague confirms the code of conduct through the page's own form.
    confirming = reader(make_user, "bevestiger")
    code = CodeOfConductPage.objects.live().filter(locale__language_code="nl").first()
    assert confirming.post(f"/nl/gedragscode/{code.pk}/bevestigen/").status_code == 302
    assert set(answers(reading, paths).values()) == {"hit"}

    # A sign-up changes the places left: the cached calendar shows the new number at once, in place
    # (places left are a part filled in on every request, awareness/holes.py).
    awareness_services.register(
        session.pk, awareness_services.Applicant(name="Cas", email="cas@portaal.invalid")
    )
    assert set(answers(reading, paths).values()) == {"hit"}
    assert places_on_calendar(reading, paths["calendar"], item.title) == "Nog 2 plaatsen"
    assert IntegrityReport.objects.count() == reports + 1


def places_on_calendar(client: Client, path: str, title: str) -> str:
    html = client.get(path).content.decode()
    start = html.index('class="awareness-session__places">', html.index(f">{title}</a>"))
    return html[start:].split(">", 1)[1].split("</span>", 1)[0]


def test_a_publish_shows_at_once_on_every_page_that_shows_it(cache_backend, demo, make_user):
    reading = reader(make_user, "lezer")
    paths = {"home": HOME, "section": SECTION, "calendar": url_of(CalendarPage)}
    answers(reading, paths)
    assert set(answers(reading, paths).values()) == {"hit"}
    page = ContentPage.objects.get(slug="heldere-afspraken", locale__language_code="nl")
    page.title = "Afspraken die iedereen kent"
    page.save_revision().publish()
    for name, path in paths.items():
        response = reading.get(path)
        assert response["X-Page-Cache"] == "miss", name
        assert "Afspraken die iedereen kent" in response.content.decode(), name  # menu and page


def test_the_annual_report_follows_the_figures_of_its_year_and_the_year_before(demo):
    generations = page_cache.current_generations
    before = generations()
    HistoricalFigure.objects.create(year=2015, key="integrity_reports.total", value=3)
    after = generations()
    assert after.get(statistics(2015), 0) == before.get(statistics(2015), 0) + 1
    assert after.get(CONTENT) == before.get(CONTENT) and after.get(SESSIONS) == before.get(SESSIONS)
    page = ContentPage.objects.first().specific  # any page: the report page declares its years
    from forms.statistics.models import AnnualReportPage

    report_page = AnnualReportPage(year=2016)
    assert page_cache.page_dependencies(report_page) == {statistics(2016), statistics(2015)}
    assert page_cache.page_dependencies(page) == set()


@pytest.mark.page_cache_on_commit
def test_bumps_wait_for_the_commit_and_come_once_per_transaction(db, django_capture_on_commit_callbacks):
    def value(scope):
        row = CacheGeneration.objects.filter(scope=scope).first()
        return row.value if row else 0

    before = value(SESSIONS)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for _ in range(3):
            page_cache.bump(SESSIONS)
        assert value(SESSIONS) == before  # not inside the writer's transaction
    assert callbacks and value(SESSIONS) == before + 1  # once, after the commit

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                page_cache.bump(CONTENT)
                raise RuntimeError("the write fails")
        except RuntimeError:
            pass
    content = value(CONTENT)
    # Control: Django drops the callbacks of a rolled-back block; the pending scope is written by
    # the next commit at the latest (an extra bump is safe, a lost one would not be).
    with django_capture_on_commit_callbacks(execute=True):
        page_cache.bump(SESSIONS)
    assert value(SESSIONS) == before + 2 and value(CONTENT) >= content


def test_models_declare_what_their_writes_change():
    from awareness.models import Evaluation, Registration, Session
    from forms.models import AuditLogEntry, InternalNote, Message
    from home.models import ReadConfirmation, Theme

    assert page_cache.scopes_of(Session) == page_cache.scopes_of(Evaluation) == (SESSIONS,)
    # Places left are filled in on every request (awareness/holes.py): a sign-up bumps nothing.
    for model in (Registration, IntegrityReport, Message, InternalNote, AuditLogEntry, ReadConfirmation):
        assert page_cache.scopes_of(model) == (), model
    assert page_cache.scopes_of(Theme) == (CONTENT,)  # undeclared: everything, the safe default
    assert page_cache.scopes_of(HistoricalFigure, HistoricalFigure(year=2019)) == (statistics(2019),)
