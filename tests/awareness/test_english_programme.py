"""The English calendar: programme items are synced translations (wagtail-localize) that show the Dutch
item's sessions; an item nobody translated yet is listed under its Dutch title, marked `lang="nl"`."""

import re

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation

from awareness.models import CalendarPage, ProgrammeItemPage, Session
from tests.awareness.factories import SessionFactory, in_days, programme_item

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
