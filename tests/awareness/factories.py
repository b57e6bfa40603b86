"""Factories of the awareness room: a calendar page with programme items, sessions, registrations."""

import datetime

import factory
from django.utils import timezone
from wagtail.models import Locale, Page

from awareness.models import (
    CalendarPage,
    EditionPage,
    IntroductionAttendance,
    IntroductionMeeting,
    ProgrammeItemPage,
    Registration,
    Session,
    TeamSession,
)
from home.models import Department, Theme


def home_page() -> Page:
    return Page.objects.get(depth=2, locale=Locale.get_default())


def calendar_page(slug: str = "kalender") -> CalendarPage:
    existing = CalendarPage.objects.filter(slug=slug).first()
    if existing:
        return existing
    page = CalendarPage(title="Kalender", slug=slug)
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def edition_page(year: int = 2021, parent=None) -> EditionPage:
    page = EditionPage(
        title=f"Week van de Weerbaarheid {year}",
        slug=f"week-{year}",
        year=year,
        start_date=datetime.date(year, 10, 11),
        end_date=datetime.date(year, 10, 15),
    )
    (parent or calendar_page()).add_child(instance=page)
    page.save_revision().publish()
    return page


def theme(slug: str = "integriteit", name: str = "Integriteit") -> Theme:
    found, _ = Theme.objects.get_or_create(slug=slug, locale=Locale.get_default(), defaults={"name": name})
    return found


def department(name: str = "Werk & Inkomen") -> Department:
    found, _ = Department.objects.get_or_create(
        name=name, defaults={"slug": name.lower().replace(" ", "-")[:60]}
    )
    return found


_counter = iter(range(1, 1_000_000))


def programme_item(parent=None, title: str | None = None, themes=(), **fields) -> ProgrammeItemPage:
    number = next(_counter)
    title = title or f"Masterclass {number}"
    page = ProgrammeItemPage(
        title=title, slug=f"item-{number}", description="<p>Over integriteit in de praktijk.</p>", **fields
    )
    (parent or calendar_page()).add_child(instance=page)
    if themes:
        page.themes.set(themes)
    page.save_revision().publish()
    return page


def in_days(days: float, hour: int = 14) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    item = factory.LazyFunction(programme_item)
    start = factory.LazyFunction(lambda: in_days(10))
    end = factory.LazyAttribute(lambda session: session.start + datetime.timedelta(hours=2))
    format = "on_site"
    location = "Stadskantoor"
    capacity = 20


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    name = factory.Sequence(lambda n: f"Collega {n}")
    email = factory.Sequence(lambda n: f"collega{n}@portaal.invalid")
    status = Registration.Status.CONFIRMED


class IntroductionMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntroductionMeeting

    start = factory.LazyFunction(lambda: in_days(-30, hour=9))
    end = factory.LazyAttribute(lambda meeting: meeting.start + datetime.timedelta(hours=4))
    format = "online"


class IntroductionAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntroductionAttendance

    meeting = factory.SubFactory(IntroductionMeetingFactory)
    name = factory.Sequence(lambda n: f"Nieuwe collega {n}")
    email = factory.Sequence(lambda n: f"nieuw{n}@portaal.invalid")
    declaration = "oath"
    declaration_date = factory.LazyAttribute(lambda attendance: attendance.meeting.start.date())
    administered_by = "Lid van de directieraad"


class TeamSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamSession

    date = datetime.date(2026, 3, 1)
    department = factory.LazyFunction(department)
    participants = 12
    method = "moral_judgement"
