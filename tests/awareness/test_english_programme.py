"""The English calendar: programme items are synced translations (wagtail-localize) that show the Dutch
item's sessions; an item nobody translated yet is listed under its Dutch title, marked `lang="nl"`."""

import re

import pytest
from django.test.testcases import TestCase
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import Translation

from awareness.models import CalendarPage, ProgrammeItemPage, Registration, Session
from portal import cache as page_cache
from tests.awareness.factories import RegistrationFactory, SessionFactory, in_days, programme_item

pytestmark = pytest.mark.django_db


def english_calendar() -> CalendarPage:
    return CalendarPage.objects.get(locale__language_code="en")


def listed(html: str) -> list[tuple[str, str, str]]:
    """(href, lang attribute or "", title) of each activity in the calendar's list."""
    return re.findall(
        r'<a class="utrecht-link awareness-session__title" href="([^"]+)"(?: lang="(\w+)")?>([^<]+)</a>', html
    )


def test_the_demo_programme_and_sections_are_synced_translations(demo_content):
    english = Locale.objects.get(language_code="en")
    pages = [english_calendar(), *ProgrammeItemPage.objects.filter(locale=english)]
    pages += list(english_calendar().get_ancestors().filter(depth=3).specific())
    assert len(pages) > 20
    for page in pages:
        assert Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=english
        ).exists(), page
    dutch_items = ProgrammeItemPage.objects.filter(locale__language_code="nl").count()
    assert ProgrammeItemPage.objects.filter(locale=english).count() == dutch_items


def test_the_english_calendar_links_to_english_items(employee_client, demo_content):
    html = employee_client.get(english_calendar().url, {"wanneer": "voorbij"}).content.decode()
    rows = listed(html)
    assert rows, "no activities listed"
    assert ("masterclass on aggression and violence") in {title.lower() for _href, _lang, title in rows}
    for href, lang, title in rows:
        assert href.startswith("/en/") and lang == "", (href, lang, title)
    assert "Aggression and violence" in html and "Agressie en geweld" not in html  # theme names too
    # Control: the Dutch calendar lists the Dutch items under their Dutch titles.
    dutch = listed(
        employee_client.get("/nl/bewustwording/kalender/", {"wanneer": "voorbij"}).content.decode()
    )
    assert "Masterclass over agressie en geweld" in {title for _href, _lang, title in dutch}
    assert all(href.startswith("/nl/") for href, _lang, _title in dutch)


def test_an_untranslated_item_is_listed_in_dutch_marked_as_dutch(employee_client, demo_content):
    dutch_calendar = CalendarPage.objects.get(locale__language_code="nl")
    item = programme_item(parent=dutch_calendar, title="Nog niet vertaald: dilemmacafé")
    SessionFactory(item=item, start=in_days(3), end=in_days(3, hour=16))
    rows = listed(employee_client.get(english_calendar().url).content.decode())
    (row,) = [row for row in rows if row[2] == item.title]
    assert row == (item.url, "nl", item.title)


def test_an_english_item_shows_the_dutch_items_sessions_and_lets_people_sign_up(
    employee_client, demo_content
):
    english_item = ProgrammeItemPage.objects.get(
        locale__language_code="en", slug="masterclass-on-aggression-and-violence", depth__gt=5
    )
    dutch_item = english_item.get_translation(Locale.objects.get(language_code="nl"))
    sessions = Session.objects.filter(item=dutch_item)
    assert sessions.exists() and not Session.objects.filter(item=english_item).exists()
    html = employee_client.get(english_item.url).content.decode()
    assert english_item.title in html and "Aggression and violence" in html
    assert html.count('<li class="awareness-session">') == sessions.count()
    for session in sessions:
        assert f"/sessie/{session.pk}.ics" in html


def test_the_english_edition_lists_its_items_with_the_dutch_sessions_and_ratings(
    employee_client, demo_content
):
    from awareness.models import EditionPage

    english = EditionPage.objects.get(locale__language_code="en", year=2021)
    html = employee_client.get(english.url).content.decode()
    rows = listed(html)
    assert len(rows) == 15 and all(href.startswith("/en/") and not lang for href, lang, _title in rows)
    assert "Masterclass on aggression and violence" in {title for _href, _lang, title in rows}
    assert not re.search(r"\b0 sessions", html) and "Rated" in html  # the Dutch items' sessions, ratings


def test_the_annual_figures_count_an_activity_once_in_any_number_of_languages(demo_content):
    """The demo's 2021 week had 15 programme items (seed); their English translations add none."""
    from awareness.figures import ResilienceWeekProvider

    assert ProgrammeItemPage.objects.filter(edition__year=2021).count() == 30  # control: both languages
    assert ResilienceWeekProvider().compute(2021)["programme_items"] == 15


def test_signing_up_from_the_english_item_names_the_english_activity(employee_client, demo_content):
    dutch_calendar = CalendarPage.objects.get(locale__language_code="nl")
    item = ProgrammeItemPage.objects.filter(locale__language_code="en").child_of(english_calendar()).first()
    dutch_item = item.get_translation(dutch_calendar.locale)
    session = SessionFactory(item=dutch_item, start=in_days(5), end=in_days(5, hour=16))
    html = employee_client.get(f"/en/bewustwording/aanmelden/{session.pk}/").content.decode()
    assert item.title in html and f'href="{item.url}"' in html


# People who signed up in English: their list, their e-mails and their calendar ------------------------


def english_item_and_session(**session_fields):
    """An English programme item of the demo and a new session of its Dutch source."""
    item = ProgrammeItemPage.objects.filter(locale__language_code="en").child_of(english_calendar()).first()
    dutch_item = item.get_translation(Locale.objects.get(language_code="nl"))
    fields = {"start": in_days(5), "end": in_days(5, hour=16), **session_fields}
    return item, dutch_item, SessionFactory(item=dutch_item, **fields)


def sign_up(client, language: str, session):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            f"/{language}/bewustwording/aanmelden/{session.pk}/",
            {"name": "Mila de Medewerker", "email": "mila@portaal.invalid"},
        )
    assert response.status_code == 302, response.content.decode()[:400]
    return Registration.objects.get(session=session, email="mila@portaal.invalid")


def event_summary(message) -> str:
    from icalendar import Calendar

    [(_name, content, _type)] = message.attachments
    [event] = Calendar.from_ical(content).walk("VEVENT")
    return str(event["summary"])


@pytest.mark.parametrize("language", ["en", "nl"])  # "nl" is the control: Dutch stays Dutch
def test_the_confirmation_speaks_the_language_the_person_signed_up_in(
    client, make_user, demo_content, mailoutbox, language
):
    client.force_login(make_user(username="mila-en", email="mila@portaal.invalid"))
    english_item, dutch_item, session = english_item_and_session()
    registration = sign_up(client, language, session)
    assert registration.language == language
    [message] = mailoutbox
    title = english_item.title if language == "en" else dutch_item.title
    other = dutch_item.title if language == "en" else english_item.title
    expected_subject = "Registration confirmed" if language == "en" else "Aanmelding bevestigd"
    assert message.subject == f"{expected_subject}: {title}"
    assert title in message.body and other not in message.body
    assert f"/{language}/bewustwording/afmelden/link/" in message.body
    assert event_summary(message) == title


def test_a_freed_place_is_announced_in_the_waiting_persons_language(
    client, make_user, demo_content, mailoutbox
):
    from awareness import services

    english_item, dutch_item, session = english_item_and_session(capacity=1)
    dutch_colleague = RegistrationFactory(session=session, language="nl")
    waiting = RegistrationFactory(session=session, status="waitlisted", language="en")
    # The Dutch colleague cancels on a Dutch page.
    with TestCase.captureOnCommitCallbacks(execute=True), translation.override("nl"):
        services.cancel(dutch_colleague.pk)
    [message] = mailoutbox
    assert message.to == [waiting.email]
    assert message.subject == f"A place has become free: {english_item.title}"
    assert dutch_item.title not in message.body and event_summary(message) == english_item.title


def test_the_reminder_job_mails_each_person_in_their_own_language(demo_content, mailoutbox):
    from django.core.management import call_command

    english_item, dutch_item, session = english_item_and_session(start=in_days(1), end=in_days(1, hour=16))
    RegistrationFactory(session=session, email="en@portaal.invalid", language="en")
    RegistrationFactory(session=session, email="nl@portaal.invalid", language="nl")
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_awareness_reminders", verbosity=0)
    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects["en@portaal.invalid"].endswith(english_item.title)
    assert subjects["nl@portaal.invalid"] == f"Herinnering: morgen {dutch_item.title}"


def test_my_registrations_in_english_names_and_links_the_english_activities(
    employee_client, employee, demo_content, django_assert_max_num_queries
):
    english_item, _dutch_item, session = english_item_and_session()
    RegistrationFactory(session=session, user=employee)
    untranslated = programme_item(
        parent=CalendarPage.objects.get(locale__language_code="nl"), title="Nog niet vertaald: intervisie"
    )
    RegistrationFactory(session=SessionFactory(item=untranslated, start=in_days(6)), user=employee)
    html = employee_client.get("/en/bewustwording/mijn-aanmeldingen/").content.decode()
    rows = listed(html)
    assert (english_item.url, "", english_item.title) in rows
    assert (untranslated.url, "nl", untranslated.title) in rows
    # Control: the Dutch list names the Dutch activity.
    dutch = listed(employee_client.get("/nl/bewustwording/mijn-aanmeldingen/").content.decode())
    assert english_item.title not in {title for _href, _lang, title in dutch}
    # A longer list costs no more queries (themes prefetched, translations in one query).
    with django_assert_max_num_queries(30) as few:
        employee_client.get("/en/bewustwording/mijn-aanmeldingen/")
    few_queries = len(few.captured_queries)
    for day in range(7, 12):
        RegistrationFactory(session=SessionFactory(item=session.item, start=in_days(day)), user=employee)
    page_cache.current_generations()  # the writes' bumps, as if committed before the next request
    with django_assert_max_num_queries(few_queries):
        employee_client.get("/en/bewustwording/mijn-aanmeldingen/")


def test_the_english_calendar_feed_names_the_english_activities(employee_client, demo_content):
    from icalendar import Calendar

    english_item, dutch_item, session = english_item_and_session()
    for language, title in [("en", english_item.title), ("nl", dutch_item.title)]:
        feed = employee_client.get(f"/{language}/bewustwording/sessie/{session.pk}.ics")
        [event] = Calendar.from_ical(feed.content).walk("VEVENT")
        assert str(event["summary"]) == title
        assert str(event["url"]).endswith((english_item if language == "en" else dutch_item).url)


def test_english_search_finds_english_activities_with_english_snippets(employee_client, demo_content):
    def results(language: str, word: str) -> str:
        html = employee_client.get(f"/{language}/zoeken/", {"q": word}).content.decode()
        return html[
            html.index('class="portal-search-results"') : html.index(
                "</section>", html.index("portal-search-results")
            )
        ]

    english = results("en", "aggression")
    assert "Masterclass on aggression and violence" in english
    # Nothing Dutch in an English result: not the title, not the text, not the organiser.
    for dutch in ("Masterclass over agressie", "Programma Integriteit en ongewenst gedrag", "Wat doe je"):
        assert dutch not in english, dutch
    # Control: the Dutch search shows the Dutch item with its Dutch organiser.
    dutch = results("nl", "agressie")
    assert "Masterclass over agressie en geweld" in dutch and "Programma Integriteit" in dutch


def test_the_english_home_page_names_my_sessions_in_english(employee_client, employee, demo_content):
    english_item, dutch_item, session = english_item_and_session()
    RegistrationFactory(session=session, user=employee, email="mila@portaal.invalid")

    def my_sessions(language: str) -> str:
        html = employee_client.get(f"/{language}/").content.decode()
        start = html.index('id="my-sessions-heading"')
        return html[start : html.index("</section>", start)]

    english = my_sessions("en")
    assert f'href="{english_item.url}" lang="en">{english_item.title}</a>' in english
    assert dutch_item.title not in english
    # Control: the Dutch home names the Dutch activity.
    assert f'href="{dutch_item.url}" lang="nl">{dutch_item.title}</a>' in my_sessions("nl")
