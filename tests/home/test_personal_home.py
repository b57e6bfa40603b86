"""The personal home page: one cached shell for everyone, personal blocks filled in per person.

Every personal block is a hole of the page cache (home/personal_home.py): the tests read the second
answer, served from the cache ("hit"), and check that it still shows what changed for the person
since (a confirmation, a registration), and never another person's blocks.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from awareness.models import Registration
from home.models import EmployeeProfile, ReadConfirmation
from portal.roles import Role
from tests.awareness.factories import RegistrationFactory, SessionFactory, calendar_page, programme_item
from tests.home.factories import code_of_conduct, content_page, dutch_home
from tests.vpd.conftest import add_instruction
from tests.vpd.factories import DepartmentFactory, TeamFactory
from vpd.models import VpdDepartmentPage, VpdSectionPage

pytestmark = pytest.mark.django_db

HOME = "/nl/"


@pytest.fixture(autouse=True)
def page_cache_header(settings):
    settings.DEBUG = True  # X-Page-Cache says how the cache answered (only sent with DEBUG)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def block(html: str, heading_id: str) -> str:
    """The HTML of one block of the home page (from its heading to the end of its section)."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def register(user, session, status=Registration.Status.CONFIRMED, **fields):
    return RegistrationFactory(session=session, user=user, email=user.email, status=status, **fields)


# -- signed out ---------------------------------------------------------------------------------


def test_signed_out_visitors_land_on_the_public_version_without_intranet_content(client):
    """Signed out, the home page sends people to sign in (as every intranet page does); that page
    is the portal's public version: report, also anonymously, and follow a report up."""
    content_page(slug="geheime-notitie", title="Interne notitie over reorganisatie")
    response = client.get(HOME, follow=True)
    assert response.redirect_chain[-1][0].startswith("/nl/account/login/?next=/nl/")
    html = response.content.decode()
    public = html[html.index('id="public-home-heading"') :]
    assert (
        'href="/nl/melding/">Iets melden' in public
        and 'href="/nl/melding/opvolging/">Je melding volgen' in public
    )
    assert "Interne notitie" not in html and 'aria-label="Hoofdmenu"' not in html
    assert "Nog te lezen en bevestigen" not in html


def test_the_public_version_speaks_english_on_en(client):
    html = client.get("/en/", follow=True).content.decode()
    assert "Without signing in" in html and 'href="/en/melding/">Report something' in html


# -- the personal blocks --------------------------------------------------------------------------


def test_must_read_items_show_until_confirmed_also_from_the_cache(make_user):
    code = code_of_conduct(version="2.0")
    anna, bert = make_user(username="anna"), make_user(username="bert")
    ReadConfirmation.objects.create(user=bert, page=code, version="2.0")

    first = signed_in(anna).get(HOME)
    assert first["X-Page-Cache"] == "miss"
    assert 'href="/nl/heldere-afspraken/gedragscode/#bevestigen"' in block(
        first.content.decode(), "must-read-heading"
    )
    bert_page = signed_in(bert).get(HOME)
    assert bert_page["X-Page-Cache"] == "hit"
    assert "gedragscode/#bevestigen" not in block(bert_page.content.decode(), "must-read-heading")

    ReadConfirmation.objects.create(user=anna, page=code, version="2.0")  # bumps nothing in the cache
    again = signed_in(anna).get(HOME)
    assert again["X-Page-Cache"] == "hit"
    assert "gedragscode/#bevestigen" not in block(again.content.decode(), "must-read-heading")
    assert "Je hebt alles gelezen" in again.content.decode()


def test_next_sessions_and_waitlist_places_are_the_persons_own(make_user):
    anna, bert, carla = (make_user(username=name) for name in ("anna", "bert", "carla"))
    calendar_page()
    soon = SessionFactory(item=programme_item(title="Masterclass dilemma's"), capacity=1)
    full = SessionFactory(item=programme_item(title="Excursie stadhuis"), capacity=1)
    past = SessionFactory(
        item=programme_item(title="Oude sessie"),
        start=timezone.now() - datetime.timedelta(days=3),
        end=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    register(anna, soon)
    register(bert, full)
    register(carla, full, status=Registration.Status.WAITLISTED)
    register(anna, full, status=Registration.Status.WAITLISTED)
    register(anna, past)

    html = block(signed_in(anna).get(HOME).content.decode(), "my-sessions-heading")
    assert "Masterclass dilemma" in html and "Aangemeld" in html
    assert "Excursie stadhuis" in html and "Op de wachtlijst, plaats 2" in html  # carla is first
    assert "Oude sessie" not in html
    assert 'href="/nl/bewustwording/mijn-aanmeldingen/"' in html

    bert_response = signed_in(bert).get(HOME)
    assert bert_response["X-Page-Cache"] == "hit"
    bert_html = block(bert_response.content.decode(), "my-sessions-heading")
    assert "Excursie stadhuis" in bert_html
    assert "Masterclass dilemma" not in bert_html and "Op de wachtlijst" not in bert_html


def test_cancelled_registrations_and_sessions_are_not_shown(make_user):
    anna = make_user(username="anna")
    calendar_page()
    register(
        anna, SessionFactory(item=programme_item(title="Afgemeld")), status=Registration.Status.CANCELLED
    )
    register(anna, SessionFactory(item=programme_item(title="Gaat niet door"), cancelled=True))
    html = block(signed_in(anna).get(HOME).content.decode(), "my-sessions-heading")
    assert "Afgemeld" not in html and "Gaat niet door" not in html
    assert "nog niet aangemeld" in html


@pytest.fixture
def teams():
    home = dutch_home()
    section = VpdSectionPage(title="Veilige publieke dienstverlening", slug="vpd")
    home.add_child(instance=section)
    balie_department = DepartmentFactory(name="Publiekszaken", slug="publiekszaken")
    other_department = DepartmentFactory(name="Handhaving", slug="handhaving")
    pages = {}
    for department in (balie_department, other_department):
        department_page = VpdDepartmentPage(
            title=department.name, slug=department.slug, department=department
        )
        section.add_child(instance=department_page)
        team = TeamFactory(
            name=f"Team {department.name}", slug=f"team-{department.slug}", department=department
        )
        pages[department.slug] = (team, add_instruction(department_page, team))
    return balie_department, pages


def test_my_team_instruction_comes_from_my_department_or_the_team_i_manage(make_user, teams):
    department, pages = teams
    employee = make_user(username="baliemedewerker")
    EmployeeProfile.objects.create(user=employee, department=department)
    manager = make_user(Role.MANAGER, username="handhaving-manager")
    pages["handhaving"][0].managers.add(manager)
    outsider = make_user(username="zonder-afdeling")

    employee_html = block(signed_in(employee).get(HOME).content.decode(), "my-team-heading")
    assert "Teaminstructie Team Publiekszaken" in employee_html
    assert "Team Handhaving" not in employee_html
    manager_html = block(signed_in(manager).get(HOME).content.decode(), "my-team-heading")
    assert "Teaminstructie Team Handhaving" in manager_html and "Publiekszaken" not in manager_html
    outsider_html = block(signed_in(outsider).get(HOME).content.decode(), "my-team-heading")
    assert "Er is geen teaminstructie voor jouw team" in outsider_html


def test_quick_actions_are_buttons_to_report_advisors_and_calendar(make_user):
    advisors = content_page(slug="vertrouwenspersonen", title="Vertrouwenspersonen")
    calendar_page()
    home = dutch_home().specific
    home.advisors_page = advisors
    home.save_revision().publish()
    html = signed_in(make_user()).get(HOME).content.decode()
    quick = html[
        html.index('id="quick-actions-heading"') : html.index("</nav>", html.index("quick-actions-heading"))
    ]
    assert 'utrecht-button-link--primary-action" href="/nl/melding/">Iets melden' in quick
    assert 'href="/nl/heldere-afspraken/vertrouwenspersonen/">Vertrouwenspersoon spreken' in quick
    assert 'href="/nl/kalender/">Agenda' in quick


def test_recent_changes_list_published_pages_but_not_restricted_ones(make_user):
    content_page(slug="nieuw", title="Nieuwe regels voor geschenken")
    hidden = content_page(slug="verborgen", title="Alleen voor het bureau")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    hidden.save_revision().publish()  # most recently published of all, still never listed
    html = block(signed_in(make_user()).get(HOME).content.decode(), "recent-heading")
    assert "Nieuwe regels voor geschenken" in html
    assert "Alleen voor het bureau" not in html


def test_personal_blocks_speak_english_on_en(make_user, teams):
    home = dutch_home()
    english = home.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    html = signed_in(make_user()).get("/en/").content.decode()
    assert "To read and confirm" in html and "You have not signed up for a session yet" in html


# -- fast: a cached home page costs one query per personal block ------------------------------------


def test_a_cached_home_page_costs_a_fixed_number_of_queries(make_user, teams):
    department, _pages = teams
    anna = make_user(username="anna")
    EmployeeProfile.objects.create(user=anna, department=department)
    code_of_conduct()
    calendar_page()
    client = signed_in(anna)
    assert client.get(HOME)["X-Page-Cache"] == "miss"

    def hit_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(HOME)
        assert response["X-Page-Cache"] == "hit"
        last_queries[:] = queries.captured_queries
        return len(queries.captured_queries)

    last_queries = []
    before = hit_queries()
    # Much more of everything the personal blocks show: the count must not move.
    for number in range(6):
        register(anna, SessionFactory(item=programme_item(title=f"Sessie {number}"), capacity=1))
        register(
            anna, SessionFactory(item=programme_item(), capacity=0), status=Registration.Status.WAITLISTED
        )
    TeamFactory.create_batch(3, department=department)
    client.get(HOME)  # new pages (programme items) were published: one miss renders the shell again
    after = hit_queries()
    assert after == before
    # Session and user (2), the generations (1), one per personal block (3), and no more.
    assert before <= 6, (before, [q["sql"][:200] for q in last_queries])
