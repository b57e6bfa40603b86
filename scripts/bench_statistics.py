"""Benchmark of the annual statistics (`make bench-stats`): a full year's figures over 1,000,000 records.

Builds a throwaway database (a temporary SQLite file, or `test_<name>` on the PostgreSQL server that
DATABASE_URL points to), generates records of the real sources spread over the years 2015-2026,
sources, categories and departments with `bulk_create` in one transaction, and reports the median time
to compute a full year:

- cold: the statistics service with an empty cache (about one query per source);
- warm: the same call served from the cache;
- naive: a plain Python loop over the same rows (the year's, or all of them) computing every figure the
  service computes, as the reference; the script stops if they disagree on any figure.

Each source contributes a *generator*: a function `(rows, years, departments) -> int` that
bulk-creates that many records of its own models, registered in `GENERATORS` under its provider's
dotted path with its share of the records. A provider in the registry without a generator is
reported as not covered. Integrity reports are generated with empty encrypted fields (stored empty,
so no encryption happens): encryption is a cost of writing a report, not of counting them.

Usage: python scripts/bench_statistics.py [--records 1000000] [--runs 5]
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from forms.statistics import registry, service  # noqa: E402

YEARS = list(range(2015, 2027))
BATCH = 5_000
#: Colleagues who may register for a session or attend an introduction (distinct e-mail addresses).
EMPLOYEES = 6_000


def rng_for(name: str) -> random.Random:
    return random.Random(f"bench-{name}")  # noqa: S311 (reproducible test data, not security)


def random_date(rng: random.Random, year: int) -> datetime.date:
    return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))


def random_moment(rng: random.Random, year: int) -> datetime.datetime:
    day = random_date(rng, year)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 9 + rng.randrange(8)))


def save_in_batches(model, objects) -> int:
    """bulk_create an iterable in batches of BATCH, never holding more than one batch in memory."""
    count, batch = 0, []
    for obj in objects:
        batch.append(obj)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    model.objects.bulk_create(batch)
    return count + len(batch)


def spread(rows: int, years: list[int]) -> list[tuple[int, int]]:
    """(year, number of rows) pairs: the rows divided over the years, the remainder to the first ones."""
    share, rest = divmod(rows, len(years))
    return [(year, share + (1 if n < rest else 0)) for n, year in enumerate(years)]


# --- generators: one per source, keyed by provider path -------------------------------------------


def generate_incidents(rows: int, years: list[int], department_ids: list[int]) -> int:
    from vpd.models import Incident, IncidentType

    rng, types = rng_for("incidents"), IncidentType.values
    return save_in_batches(
        Incident,
        (
            Incident(
                reference=f"GIR-B{n:07d}",
                date=random_date(rng, rng.choice(years)),
                start_time=datetime.time(9 + n % 8, 0),
                department_id=rng.choice(department_ids),
                location="Balie",
                incident_type=rng.choice(types),
                description="",
            )
            for n in range(rows)
        ),
    )


def generate_peer_support(rows: int, years: list[int], department_ids: list[int]) -> int:
    from vpd.models import ConversationSequence, EventKind, PeerSupportConversation

    rng = rng_for("peer-support")
    sequences, events = ConversationSequence.values, EventKind.values
    return save_in_batches(
        PeerSupportConversation,
        (
            PeerSupportConversation(
                reference=f"BOT-B{n:07d}",
                date=random_date(rng, rng.choice(years)),
                department_id=rng.choice(department_ids),
                sequence=rng.choice(sequences),
                referred=rng.random() < 0.1,
                event=rng.choice(events),
            )
            for n in range(rows)
        ),
    )


def generate_integrity_reports(rows: int, years: list[int], department_ids: list[int]) -> int:
    from forms.models import Category, Conclusion, Consequence, IntegrityReport, Investigation, Source

    rng = rng_for("integrity")
    choices = [Category.values, Source.values, Investigation.values, Conclusion.values, Consequence.values]

    def report(n: int) -> IntegrityReport:
        received_on = random_date(rng, rng.choice(years))
        category, source, investigation, conclusion, consequence = (rng.choice(c) for c in choices)
        closed = rng.random() < 0.8
        return IntegrityReport(
            category=category,
            source=source,
            department_id=rng.choice(department_ids),
            received_on=received_on,
            subject=f"Melding {n}" if n % 3 else "",
            investigation=investigation,
            conclusion=conclusion if closed else "",
            consequence=consequence if closed else "",
            closed_on=received_on + datetime.timedelta(days=rng.randrange(10, 200)) if closed else None,
        )

    return save_in_batches(IntegrityReport, (report(n) for n in range(rows)))


def generate_advisor_conversations(rows: int, years: list[int], department_ids: list[int]) -> int:
    """Conversations (the rows) of colleagues registered by 13 advisors; one to five per colleague."""
    from django.contrib.auth import get_user_model

    from forms.models import AdvisorConversation, AdvisorRegistration, AdvisorSubtopic, AdvisorTopic

    rng = rng_for("advisors")
    advisors = get_user_model().objects.bulk_create(
        get_user_model()(username=f"advisor-{n}", email=f"advisor-{n}@bench.invalid") for n in range(13)
    )
    topics, subtopics = AdvisorTopic.values, AdvisorSubtopic.values + [""]
    plan = []  # (year, conversations) per colleague
    left = rows
    while left > 0:
        count = min(left, rng.randint(1, 5))
        plan.append((rng.choice(years), count))
        left -= count
    start_pk = (AdvisorRegistration.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    save_in_batches(
        AdvisorRegistration,
        (
            AdvisorRegistration(
                pk=start_pk + n,
                advisor=advisors[n % len(advisors)],
                pseudonym=f"C{n}",
                department_id=rng.choice(department_ids),
                topic=rng.choice(topics),
                subtopic=rng.choice(subtopics),
            )
            for n in range(len(plan))
        ),
    )
    return save_in_batches(
        AdvisorConversation,
        (
            AdvisorConversation(registration_id=start_pk + n, held_on=random_date(rng, year))
            for n, (year, count) in enumerate(plan)
            for _ in range(count)
        ),
    )


def generate_introductions(rows: int, years: list[int], department_ids: list[int]) -> int:
    """Attendances (the rows) of 24 introduction meetings a year, a quarter of them online."""
    from awareness.models import Declaration, IntroductionAttendance, IntroductionMeeting

    rng = rng_for("introductions")
    meetings = []
    for year in years:
        for n in range(24):
            start = timezone.make_aware(datetime.datetime(year, 1 + n // 2, 1 + 14 * (n % 2), 9))
            meetings.append(
                IntroductionMeeting(
                    start=start,
                    end=start + datetime.timedelta(hours=3),
                    format="online" if n % 4 == 0 else "on_site",
                )
            )
    meetings = IntroductionMeeting.objects.bulk_create(meetings)
    if connection.vendor != "postgresql" and meetings[0].pk is None:  # pragma: no cover
        meetings = list(IntroductionMeeting.objects.order_by("pk"))
    per_meeting = spread(rows, list(range(len(meetings))))
    declarations = Declaration.values

    def attendances():
        for index, count in per_meeting:
            meeting = meetings[index]
            for person in rng.sample(range(EMPLOYEES), min(count, EMPLOYEES)):
                declared = rng.random() < 0.9
                yield IntroductionAttendance(
                    meeting=meeting,
                    name=f"Collega {person}",
                    email=f"c{person}@bench.invalid",
                    department_id=rng.choice(department_ids),
                    declaration=rng.choice(declarations) if declared else "",
                    declaration_date=meeting.start.date() if declared else None,
                )

    return save_in_batches(IntroductionAttendance, attendances())


def generate_resilience_week(rows: int, years: list[int], department_ids: list[int]) -> int:
    """Registrations (the rows) on sessions of programme items, six items with three sessions a year.

    The edition and item pages are created through Wagtail's tree API (as an editor would);
    sessions and registrations are bulk-created.
    """
    from wagtail.models import Locale, Page

    from awareness.models import EditionPage, ProgrammeItemPage, Registration, Session

    rng = rng_for("resilience-week")
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    sessions = []
    for year in years:
        first_day = datetime.date(year, 10, 6)
        edition = root.add_child(
            instance=EditionPage(
                title=f"Week van de Weerbaarheid {year}",
                slug=f"week-{year}",
                year=year,
                start_date=first_day,
                end_date=first_day + datetime.timedelta(days=4),
            )
        )
        for n in range(6):
            item = edition.add_child(
                instance=ProgrammeItemPage(
                    title=f"Onderdeel {n}", slug=f"onderdeel-{n}", description="<p>.</p>"
                )
            )
            for s in range(3):
                start = timezone.make_aware(datetime.datetime(year, 10, 6 + s, 10 + n))
                sessions.append(Session(item=item, start=start, end=start + datetime.timedelta(hours=1)))
    sessions = Session.objects.bulk_create(sessions)
    if sessions[0].pk is None:  # pragma: no cover (backends that return no primary keys)
        sessions = list(Session.objects.order_by("pk"))
    statuses = ["confirmed"] * 17 + ["waitlisted"] * 2 + ["cancelled"]

    def registrations():
        for index, count in spread(rows, list(range(len(sessions)))):
            for person in rng.sample(range(EMPLOYEES), min(count, EMPLOYEES)):
                yield Registration(
                    session=sessions[index],
                    name=f"Collega {person}",
                    email=f"c{person}@bench.invalid",
                    department_id=rng.choice(department_ids),
                    status=rng.choice(statuses),
                )

    return save_in_batches(Registration, registrations())


def generate_year_round(rows: int, years: list[int], department_ids: list[int]) -> int:
    """Registrations (the rows) on year-round calendar activities outside the week: ten items placed
    in a calendar page, four sessions of each a year (one in twelve cancelled), attendance recorded
    at check-in for about two thirds of the places."""
    from wagtail.models import Locale, Page

    from awareness.models import CalendarPage, ProgrammeItemPage, Registration, Session

    rng = rng_for("year-round")
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    calendar = root.add_child(instance=CalendarPage(title="Kalender", slug="kalender"))
    items = [
        calendar.add_child(
            instance=ProgrammeItemPage(
                title=f"Activiteit {n}", slug=f"activiteit-{n}", description="<p>.</p>"
            )
        )
        for n in range(10)
    ]
    sessions = []
    for year in years:
        for n, item in enumerate(items):
            for quarter in range(4):
                start = timezone.make_aware(datetime.datetime(year, 1 + quarter * 3, 10 + n, 14))
                cancelled = (n + quarter) % 12 == 0
                sessions.append(
                    Session(
                        item=item, start=start, end=start + datetime.timedelta(hours=1), cancelled=cancelled
                    )
                )
    sessions = Session.objects.bulk_create(sessions)
    if sessions[0].pk is None:  # pragma: no cover (backends that return no primary keys)
        sessions = list(Session.objects.filter(item__in=items).order_by("pk"))
    statuses = ["confirmed"] * 17 + ["waitlisted"] * 2 + ["cancelled"]

    def registrations():
        for index, count in spread(rows, list(range(len(sessions)))):
            for person in rng.sample(range(EMPLOYEES), min(count, EMPLOYEES)):
                yield Registration(
                    session=sessions[index],
                    name=f"Collega {person}",
                    email=f"c{person}@bench.invalid",
                    department_id=rng.choice(department_ids),
                    status=rng.choice(statuses),
                    attended=rng.choice([True, True, False, None]),
                )

    return save_in_batches(Registration, registrations())


def generate_team_sessions(rows: int, years: list[int], department_ids: list[int]) -> int:
    from awareness.models import TeamSession, TeamSessionMethod

    rng = rng_for("team-sessions")
    return save_in_batches(
        TeamSession,
        (
            TeamSession(
                date=random_date(rng, rng.choice(years)),
                department_id=rng.choice(department_ids),
                participants=rng.randint(4, 30),
                method=rng.choice(TeamSessionMethod.values),
            )
            for _ in range(rows)
        ),
    )


def generate_survey(rows: int, years: list[int], department_ids: list[int]) -> int:
    from forms.statistics.models import EmployeeSurvey

    EmployeeSurvey.objects.bulk_create(
        EmployeeSurvey(year=year, respondents=3000 + year, experienced=200 + year % 50) for year in years
    )
    return len(years)


#: provider path -> (share of the records, generator); the shares sum to 1.
GENERATORS: dict[str, tuple[float, Callable[[int, list[int], list[int]], int]]] = {
    "vpd.figures.PublicAggressionProvider": (0.295, generate_incidents),
    "vpd.figures.PeerSupportProvider": (0.08, generate_peer_support),
    "forms.figures.IntegrityReportsProvider": (0.02, generate_integrity_reports),
    "forms.figures.ConfidentialAdvisorsProvider": (0.25, generate_advisor_conversations),
    "awareness.figures.IntroductionProvider": (0.05, generate_introductions),
    "awareness.figures.ResilienceWeekProvider": (0.25, generate_resilience_week),
    "awareness.figures.TeamSessionsProvider": (0.005, generate_team_sessions),
    "awareness.figures.YearRoundProvider": (0.05, generate_year_round),
    "forms.statistics.figures.EmployeeSurveyProvider": (0.0, generate_survey),
}


def naive_year(year: int, all_rows: bool = False) -> dict:
    """The reference: every figure the service computes for `year`, counted in a plain Python loop.

    Each source's rows come from `values_list(...).iterator()` (the year's rows, or every row when
    `all_rows`; the loop then skips the other years) and are counted with Counters and sets into the
    same shape as the service's sections (`year_figures(year)["sections"]`): every total, every
    breakdown with its zero rows in page order, the cases of the appendix, the survey. A section
    without records is None.
    """
    from awareness.models import IntroductionAttendance, IntroductionMeeting, ProgrammeItemPage, Registration
    from forms.models import (
        AdvisorConversation,
        AdvisorSubtopic,
        AdvisorTopic,
        Category,
        Conclusion,
        Consequence,
        IntegrityReport,
        Investigation,
        Source,
    )
    from forms.statistics.models import EmployeeSurvey
    from home.models import Department
    from vpd.models import ConversationSequence, EventKind, Incident, IncidentType, PeerSupportConversation

    def rows(model, year_lookup: str, *fields: str):
        records = model.objects.all() if all_rows else model.objects.filter(**{year_lookup: year})
        return records.order_by().values_list(*fields).iterator(chunk_size=20_000)

    departments = list(Department.objects.order_by("name").values_list("pk", "slug", "name"))

    def table(counter: Counter, choices) -> list[dict]:
        return [
            {"code": str(value), "label": str(label), "count": counter[value]} for value, label in choices
        ]

    def by_department(counter: Counter) -> list[dict]:
        return [{"code": slug, "label": name, "count": counter[pk]} for pk, slug, name in departments]

    sections: dict = {}

    # Introduction meetings: the year's meetings (also those without attendees), then their attendances.
    meetings, online = set(), set()
    for start, meeting, meeting_format in rows(IntroductionMeeting, "start__year", "start", "pk", "format"):
        if timezone.localtime(start).year == year:
            meetings.add(meeting)
            if meeting_format == "online":
                online.add(meeting)
    attendees = declared = 0
    fields = ("meeting_id", "declaration_date")
    for meeting, declaration_date in rows(IntroductionAttendance, "meeting__start__year", *fields):
        if meeting in meetings:
            attendees += 1
            declared += declaration_date is not None
    sections["awareness.introduction"] = (
        {
            "sessions": len(meetings),
            "sessions_online": len(online),
            "attendees": attendees,
            "declarations_taken": declared,
        }
        if meetings
        else None
    )

    # Resilience week: the year's programme items (also those without sessions), confirmed places, people.
    items = {
        item
        for edition_year, item in rows(ProgrammeItemPage, "edition__year", "edition__year", "pk")
        if edition_year == year
    }
    registrations, participants = 0, set()
    fields = ("session__item__edition__year", "status", "email")
    for edition_year, status, email in rows(Registration, "session__item__edition__year", *fields):
        if edition_year == year and status == "confirmed":
            registrations += 1
            participants.add(email)
    sections["awareness.resilience_week"] = (
        {"programme_items": len(items), "registrations": registrations, "participants": len(participants)}
        if items
        else None
    )

    # Team sessions: sessions, participants (a sum), departments.
    from awareness.models import Session, TeamSession

    sessions_held, people, held_by = 0, 0, set()
    for date, participants, department in rows(
        TeamSession, "date__year", "date", "participants", "department_id"
    ):
        if date.year == year:
            sessions_held += 1
            people += participants
            held_by.add(department)
    sections["awareness.team_sessions"] = (
        {"sessions": sessions_held, "participants": people, "departments": len(held_by)}
        if sessions_held
        else None
    )

    # Year-round calendar: items outside an edition with a session in the year that goes ahead; confirmed
    # places on those sessions, distinct people, distinct people marked present (None: none recorded).
    def local_year(moment) -> int:
        return timezone.localtime(moment).year

    activities = {
        item
        for item, start, cancelled, edition in rows(
            Session, "start__year", "item_id", "start", "cancelled", "item__edition_id"
        )
        if edition is None and not cancelled and local_year(start) == year
    }
    places, people_seen, present, recorded = 0, set(), set(), False
    fields = (
        "session__start",
        "session__cancelled",
        "session__item__edition_id",
        "status",
        "email",
        "attended",
    )
    for start, cancelled, edition, status, email, attended in rows(
        Registration, "session__start__year", *fields
    ):
        if edition is None and not cancelled and status == "confirmed" and local_year(start) == year:
            places += 1
            people_seen.add(email)
            recorded = recorded or attended is not None
            if attended:
                present.add(email)
    sections["awareness.year_round"] = (
        {
            "activities": len(activities),
            "registrations": places,
            "participants": len(people_seen),
            "attended": len(present) if recorded else None,
        }
        if activities
        else None
    )

    # Integrity reports: every breakdown, open at the end of the year, and the cases in date order.
    dimensions = {
        "category": Category.choices,
        "source": Source.choices,
        "investigation": Investigation.choices,
        "conclusion": Conclusion.choices,
        "consequence": Consequence.choices,
    }
    total = open_at_end = 0
    counters, departments_count, cases = defaultdict(Counter), Counter(), []
    year_end = datetime.date(year, 12, 31)
    fields = ("received_on", "pk", "department_id", "closed_on", "subject", *dimensions)
    for received_on, pk, department, closed_on, subject, *values in rows(
        IntegrityReport, "received_on__year", *fields
    ):
        if received_on.year == year:
            total += 1
            open_at_end += closed_on is None or closed_on > year_end
            departments_count[department] += 1
            for field, value in zip(dimensions, values, strict=True):
                counters[field][value] += 1
            cases.append((received_on, pk, subject, values))
    labels = {field: {value: str(label) for value, label in choices} for field, choices in dimensions.items()}
    sections["integrity_reports"] = (
        {
            "total": total,
            "by_category": table(counters["category"], Category.choices),
            "by_source": table(counters["source"], Source.choices),
            "by_department": by_department(departments_count),
            "by_investigation": table(counters["investigation"], Investigation.choices),
            "by_conclusion": table(counters["conclusion"], Conclusion.choices),
            "by_consequence": table(counters["consequence"], Consequence.choices),
            "open_at_year_end": open_at_end,
            "cases": [
                {
                    "subject": subject or labels["category"].get(values[0], ""),
                    **{
                        field: labels[field].get(value, "")
                        for field, value in zip(dimensions, values, strict=True)
                    },
                }
                for _received_on, _pk, subject, values in sorted(cases, key=lambda case: case[:2])
            ],
        }
        if total
        else None
    )

    # Confidential advisors: each colleague once however many conversations, with their advisor and topics.
    conversations, colleagues, advisors = 0, set(), set()
    topics, subtopics, departments_count = Counter(), Counter(), Counter()
    fields = (
        "held_on",
        "registration_id",
        "registration__advisor_id",
        "registration__topic",
        "registration__subtopic",
        "registration__department_id",
    )
    for held_on, colleague, advisor, topic, subtopic, department in rows(
        AdvisorConversation, "held_on__year", *fields
    ):
        if held_on.year == year:
            conversations += 1
            if colleague not in colleagues:
                colleagues.add(colleague)
                advisors.add(advisor)
                topics[topic] += 1
                subtopics[subtopic] += 1
                departments_count[department] += 1
    sections["confidential_advisors"] = (
        {
            "advisors": len(advisors),
            "colleagues": len(colleagues),
            "conversations": conversations,
            "by_topic": table(topics, AdvisorTopic.choices),
            "by_subtopic": table(subtopics, AdvisorSubtopic.choices),
            "by_department": by_department(departments_count),
        }
        if conversations
        else None
    )

    # The employee survey: the year's entry, the share of yes to one decimal (half away from zero).
    sections["employee_survey"] = None
    for survey_year, respondents, experienced, percentage in rows(
        EmployeeSurvey, "year", "year", "respondents", "experienced", "percentage"
    ):
        if survey_year == year:
            if percentage is None and experienced is not None and respondents:
                share = Decimal(experienced) * 100 / Decimal(respondents)
                percentage = share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            sections["employee_survey"] = {
                "respondents": respondents,
                "experienced": experienced,
                "percentage": float(percentage) if percentage is not None else None,
            }

    # Public aggression: total, by type, by department.
    total, types, departments_count = 0, Counter(), Counter()
    for date, kind, department in rows(Incident, "date__year", "date", "incident_type", "department_id"):
        if date.year == year:
            total += 1
            types[kind] += 1
            departments_count[department] += 1
    sections["public_aggression"] = (
        {
            "total": total,
            "by_type": table(types, IncidentType.choices),
            "by_department": by_department(departments_count),
        }
        if total
        else None
    )

    # Peer support: by sequence, referrals, by event, by department.
    total, referrals, sequences, events, departments_count = 0, 0, Counter(), Counter(), Counter()
    fields = ("date", "sequence", "referred", "event", "department_id")
    for date, sequence, referred, event, department in rows(PeerSupportConversation, "date__year", *fields):
        if date.year == year:
            total += 1
            referrals += referred
            sequences[sequence] += 1
            events[event] += 1
            departments_count[department] += 1
    sections["peer_support"] = (
        {
            "conversations": total,
            "by_sequence": table(sequences, ConversationSequence.choices),
            "referrals": referrals,
            "by_event": table(events, EventKind.choices),
            "by_department": by_department(departments_count),
        }
        if total
        else None
    )
    return sections


def disagreements(service_sections: dict, naive: dict) -> list[str]:
    """The figures (section.key) on which the service and a naive loop differ; every section the
    registry has is compared, every key of each."""
    found = []
    for section in sorted(set(service_sections) | set(naive)):
        ours, theirs = service_sections.get(section), naive.get(section, "(not computed)")
        if ours == theirs:
            continue
        if not isinstance(ours, dict) or not isinstance(theirs, dict):
            found.append(f"{section}: service {ours!r}, naive {theirs!r}")
            continue
        for key in sorted(set(ours) | set(theirs)):
            mine, reference = ours.get(key, "(missing)"), theirs.get(key, "(missing)")
            if mine != reference:
                found.append(f"{section}.{key}: service {mine!r}, naive {reference!r}")
    return found


def timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", "--rows", dest="records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument(
        "--queries", action="store_true", help="list each query of one cold run with its time"
    )
    options = parser.parse_args()

    database = settings.DATABASES["default"]
    tmpdir = None
    if connection.vendor == "sqlite":
        tmpdir = tempfile.TemporaryDirectory(prefix="bench-stats-")
        database.setdefault("TEST", {})["NAME"] = str(Path(tmpdir.name) / "bench.sqlite3")
    database.setdefault("TEST", {})["MIGRATE"] = False  # create tables directly: throwaway database
    settings.CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "bench",
    }
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(options)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if tmpdir:
            tmpdir.cleanup()


def run(options) -> None:
    from home.demo import DEPARTMENTS
    from home.models import Department

    Department.objects.bulk_create(
        Department(name=name, slug=f"dept-{n}", abbreviation=abbreviation)
        for n, (name, abbreviation) in enumerate(DEPARTMENTS)
    )
    department_ids = list(Department.objects.values_list("pk", flat=True))
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    uncovered = [path for path in registry.provider_paths() if path not in GENERATORS]
    if uncovered:
        print("Providers without a generator (not measured):", ", ".join(uncovered))

    start = time.perf_counter()
    counts = {}
    with transaction.atomic():
        for path in registry.provider_paths():
            if path in GENERATORS:
                share, generate = GENERATORS[path]
                counts[path] = generate(round(options.records * share), YEARS, department_ids)
    generated = sum(counts.values())
    print(f"Generated {generated:,} records over {len(YEARS)} years in {time.perf_counter() - start:.1f} s:")
    for path, count in counts.items():
        print(f"  {count:9,}  {path}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def cold():
        cache.clear()
        return service.report(options.year)

    if options.queries:
        log = []

        def record(execute, sql, params, many, context):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                log.append((time.perf_counter() - start, sql))

        with connection.execute_wrapper(record):
            cold()
        for seconds, sql in sorted(log, reverse=True):
            print(f"  {seconds * 1000:7.1f} ms  {sql[:200]}")

    def cold_year():
        cache.clear()
        return service.year_figures(options.year)

    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        cold_year()

    cold_year_time, figures = timed(cold_year, options.runs)
    cold_time, _report = timed(cold, options.runs)
    warm_time, _ = timed(lambda: service.report(options.year), options.runs * 4)
    naive_time, naive = timed(lambda: naive_year(options.year), options.runs)
    naive_all_time, naive_all = timed(
        lambda: naive_year(options.year, all_rows=True), max(1, options.runs // 2)
    )
    sections = figures["sections"]
    for name, reference in (("the year's rows", naive), ("all rows", naive_all)):
        found = disagreements(sections, reference)
        if found:
            raise SystemExit(
                f"The service and the naive loop over {name} disagree on {len(found)} figures:\n  "
                + "\n  ".join(found)
            )
    totals = rows = cases = 0
    for data in sections.values():
        for name, value in (data or {}).items():
            if name == "cases":
                cases += len(value)
            elif isinstance(value, list):
                rows += len(value)
            else:
                totals += 1

    in_year = (
        naive["public_aggression"]["total"]
        + naive["peer_support"]["conversations"]
        + naive["integrity_reports"]["total"]
        + naive["confidential_advisors"]["conversations"]
        + naive["awareness.introduction"]["attendees"]
        + naive["awareness.resilience_week"]["registrations"]
        + naive["awareness.year_round"]["registrations"]
        + naive["awareness.team_sessions"]["sessions"]
    )
    print(f"Full year {options.year}: {in_year:,} records (confirmed registrations) of {generated:,}")
    print(
        f"  the service and both naive loops agree on every figure of the {len(sections)} sections: "
        f"{totals} totals, {rows} breakdown rows, {cases:,} cases"
    )
    print(f"  a cold year runs {len(queries)} queries")
    print(f"  median of {options.runs} runs unless stated")
    print(f"  cold, the year's figures (no cache):          {cold_year_time * 1000:9.1f} ms")
    print(f"  cold, the report (the year and the year before): {cold_time * 1000:6.1f} ms")
    print(f"  warm (cached, median of {options.runs * 4}):              {warm_time * 1000:9.3f} ms")
    print(f"  naive Python loop over the year's records:    {naive_time * 1000:9.1f} ms")
    print(f"  naive Python loop over all records:           {naive_all_time * 1000:9.1f} ms")
    print(
        f"  cold year vs naive loop: {naive_time / cold_year_time:.1f}x (year's records), "
        f"{naive_all_time / cold_year_time:.1f}x (all records)"
    )
    publish_times(options)


def publish_times(options) -> None:
    """Publishing the year over the same records: cold (the live report computed first, as when the
    office publishes after a change) and with the report cached (as after the office's review screen).
    Each run is a new published version (a correction with a reason), as in production."""
    from forms.statistics import publication, trend

    counter = iter(range(1, 1_000))

    def publish():
        return publication.publish(options.year, None, reason=f"bench {next(counter)}")

    def publish_cold():
        cache.clear()
        return publish()

    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        publish_cold()
    cold_time, _snapshot = timed(publish_cold, options.runs)
    service.report(options.year)
    warm_time, _ = timed(publish, options.runs)
    trend_time, _ = timed(lambda: trend.trend(options.year), options.runs)
    versions = publication.published_versions(options.year)
    if len(versions) != 1 + 2 * options.runs:
        raise SystemExit(f"expected {1 + 2 * options.runs} published versions, found {len(versions)}")
    live = json.loads(json.dumps(service.report(options.year)["sections"]))
    if versions[-1].report["sections"] != live:  # the frozen figures are the checked live ones
        raise SystemExit("the published snapshot differs from the live figures")
    print(
        f"Publishing {options.year}: {len(versions)} versions written, "
        f"a cold publish runs {len(queries)} queries"
    )
    print(f"  publish, cold (live report computed):       {cold_time * 1000:9.1f} ms")
    print(f"  publish, report cached (after review):      {warm_time * 1000:9.1f} ms")
    print(f"  trend over the published years:             {trend_time * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
