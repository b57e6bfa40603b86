"""Demo content of the awareness room, drawn from the 2021 annual report (chapter 2).

The 2021 Week van de Weerbaarheid: 15 programme items (the six the report names and nine more),
22 sessions, 298 registrations by 227 distinct colleagues; 13 introduction meetings (11 online)
with 497 new colleagues who took the integrity declaration; and activities from December 2026
into 2027 so the calendar is alive. Colleagues are registrations carrying a name and e-mail
address (no accounts). Idempotent: rows are keyed on stable values and only missing ones are made.
"""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from awareness import demo_english
from awareness.models import (
    CalendarPage,
    Declaration,
    EditionPage,
    Evaluation,
    Format,
    IntroductionAttendance,
    IntroductionMeeting,
    ProgrammeItemPage,
    Registration,
    Session,
    TeamSession,
    TeamSessionMethod,
)
from home.demo import ensure_child
from home.models import ContentPage, Department, Theme
from home.translation import translate_page

FIRST_NAMES = [
    "Anouk",
    "Bas",
    "Chantal",
    "Daan",
    "Esra",
    "Femke",
    "Gijs",
    "Hanna",
    "Ilse",
    "Joris",
    "Karim",
    "Lotte",
    "Mohamed",
    "Noor",
    "Olaf",
    "Priya",
    "Quinten",
    "Rachida",
    "Sven",
    "Tamara",
    "Umut",
    "Vera",
    "Wouter",
]
LAST_NAMES = [
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "El Amrani",
    "Visser",
    "Smit",
    "Meijer",
    "Yilmaz",
    "de Boer",
    "Mulder",
]

# title, kind, theme slugs, audience, number of sessions, capacity, format, description
EDITION_ITEMS = [
    (
        "Expeditie Ondermijning in de stad",
        "excursion",
        ["ondermijning"],
        "everyone",
        2,
        25,
        "on_site",
        "Een tocht door de stad langs plekken waar ondermijnende criminaliteit zichtbaar wordt, en wat je als ambtenaar kunt signaleren.",
    ),
    (
        "Masterclass over agressie en geweld",
        "masterclass",
        ["agressie-en-geweld"],
        "front_office",
        2,
        25,
        "online",
        "Wat doe je als een inwoner dreigt of scheldt? Over de-escaleren, grenzen stellen en melden.",
    ),
    (
        "Masterclass over gegevensbescherming",
        "masterclass",
        ["gegevensbescherming"],
        "everyone",
        2,
        25,
        "online",
        "Hoe ga je zorgvuldig om met persoonsgegevens van inwoners en collega's, en wat doe je bij een datalek?",
    ),
    (
        "Gesprek over omgaan met druk in een ambtelijke setting",
        "talk",
        ["integriteit"],
        "everyone",
        1,
        25,
        "online",
        "Een open gesprek over druk van buitenaf of van binnenuit, en hoe je integer blijft handelen.",
    ),
    (
        "Presentatie over de Omgevingswet in relatie tot de aanpak Ondermijning",
        "talk",
        ["ondermijning"],
        "everyone",
        1,
        25,
        "online",
        "Welke kansen en risico's biedt de Omgevingswet voor de aanpak van ondermijning?",
    ),
    (
        "Bezoek aan een hennepcontainer",
        "visit",
        ["ondermijning"],
        "everyone",
        3,
        15,
        "on_site",
        "Zie met eigen ogen hoe een in beslag genomen hennepkwekerij in een container eruitziet.",
    ),
    (
        "Online bedreigd: wat nu?",
        "masterclass",
        ["agressie-en-geweld", "gegevensbescherming"],
        "everyone",
        1,
        25,
        "online",
        "Je vertelde in een filmpje over een project en wordt nu online bedreigd. Wat kun je doen, en wie helpt je?",
    ),
    (
        "Phishing herkennen: is dat linkje veilig?",
        "workshop",
        ["gegevensbescherming"],
        "everyone",
        1,
        25,
        "online",
        "Oefen met echte voorbeelden van phishingmails en leer waar je op let.",
    ),
    (
        "Dilemmaspel integriteit",
        "workshop",
        ["integriteit"],
        "everyone",
        2,
        25,
        "online",
        "Aan de hand van stellingen in gesprek over integriteitsdilemma's uit de praktijk.",
    ),
    (
        "Weerbaar aan de balie",
        "workshop",
        ["agressie-en-geweld"],
        "front_office",
        2,
        25,
        "on_site",
        "Een training voor collega's met klantcontact: omgaan met agressie aan de balie en aan de telefoon.",
    ),
    (
        "Lezing: ondermijning en de rol van de gemeente",
        "talk",
        ["ondermijning"],
        "everyone",
        1,
        25,
        "online",
        "Hoe raakt ondermijnende criminaliteit het werk van de gemeente, en wat kan ieder van ons doen?",
    ),
    (
        "Moreel beraad in de praktijk",
        "workshop",
        ["integriteit"],
        "managers",
        1,
        25,
        "online",
        "Maak kennis met moreel beraad als werkvorm om met je team lastige afwegingen te bespreken.",
    ),
    (
        "In gesprek met de vertrouwenspersonen",
        "talk",
        ["integriteit"],
        "everyone",
        1,
        25,
        "online",
        "De vertrouwenspersonen vertellen wat ze doen en wanneer je bij hen terechtkunt.",
    ),
    (
        "Veilig thuiswerken",
        "talk",
        ["gegevensbescherming"],
        "everyone",
        1,
        25,
        "online",
        "Informatiebeveiliging aan de keukentafel: wat regel je thuis, en wat beter niet?",
    ),
    (
        "Weerbaar op sociale media",
        "masterclass",
        ["integriteit", "agressie-en-geweld"],
        "everyone",
        1,
        25,
        "online",
        "Over de ambtenaar op sociale media: wat deel je wel, wat niet, en wat doe je bij online intimidatie?",
    ),
]
EDITION_DAYS = [datetime.date(2021, 10, 11) + datetime.timedelta(days=n) for n in range(5)]
SESSION_HOURS = [(10, 12), (14, 16)]
REGISTRATIONS_2021 = 298
PARTICIPANTS_2021 = 227

# (year, month, day), online (the report: 13 meetings in 2021, 11 of them online, 497 attendees)
INTRODUCTIONS_2021 = [
    ((2021, 1, 14), True),
    ((2021, 2, 11), True),
    ((2021, 3, 11), True),
    ((2021, 4, 8), True),
    ((2021, 5, 12), True),
    ((2021, 6, 10), True),
    ((2021, 7, 8), True),
    ((2021, 8, 26), True),
    ((2021, 9, 9), True),
    ((2021, 9, 30), False),
    ((2021, 10, 14), False),
    ((2021, 11, 11), True),
    ((2021, 12, 9), True),
]
INTRODUCTION_ATTENDEES_2021 = 497

# title, kind, themes, audience, [(start, hours, capacity, format, confirmed, waitlisted)], description
UPCOMING_ITEMS = [
    (
        "Masterclass integriteit en sociale media",
        "masterclass",
        ["integriteit"],
        "everyone",
        [((2026, 12, 8, 14), 2, 25, "on_site", 6, 0)],
        "Wat deel je als ambtenaar op sociale media, en waar liggen de grenzen?",
    ),
    (
        "Phishing herkennen",
        "workshop",
        ["gegevensbescherming"],
        "everyone",
        [((2026, 12, 15, 10), 1, None, "online", 3, 0)],
        "Een korte online workshop over het herkennen van phishing, met echte voorbeelden.",
    ),
    (
        "Expeditie Ondermijning in de stad",
        "excursion",
        ["ondermijning"],
        "everyone",
        [((2027, 1, 19, 13), 3, 15, "on_site", 9, 0), ((2027, 1, 26, 13), 3, 15, "on_site", 2, 0)],
        "Een tocht door de stad langs plekken waar ondermijnende criminaliteit zichtbaar wordt.",
    ),
    (
        "Masterclass over agressie en geweld",
        "masterclass",
        ["agressie-en-geweld"],
        "front_office",
        [((2027, 2, 9, 14), 2, 20, "on_site", 18, 0)],
        "Wat doe je als een inwoner dreigt of scheldt? Over de-escaleren, grenzen stellen en melden.",
    ),
    (
        "Dilemmaspel integriteit",
        "workshop",
        ["integriteit"],
        "everyone",
        [((2027, 3, 4, 15), 2, 30, "online", 4, 0)],
        "Aan de hand van stellingen in gesprek over integriteitsdilemma's uit de praktijk.",
    ),
    (
        "Gesprek over omgaan met druk",
        "talk",
        ["integriteit", "ondermijning"],
        "managers",
        [((2027, 4, 13, 10), 2, 30, "on_site", 0, 0)],
        "Een gesprek voor leidinggevenden over druk van buitenaf op hun teams.",
    ),
    (
        "Bezoek aan een hennepcontainer",
        "visit",
        ["ondermijning"],
        "everyone",
        [((2027, 5, 20, 10), 2, 12, "on_site", 12, 2)],
        "Zie met eigen ogen hoe een in beslag genomen hennepkwekerij in een container eruitziet.",
    ),
]

# date, department slug, theme slug, participants, method
TEAM_SESSIONS = [
    ((2026, 3, 12), "wi", "integriteit", 14, TeamSessionMethod.MORAL_JUDGEMENT),
    ((2026, 4, 2), "vth", "ondermijning", 9, TeamSessionMethod.CASE_DISCUSSION),
    ((2026, 5, 21), "publiekszaken", "agressie-en-geweld", 18, TeamSessionMethod.PRESENTATION),
    ((2026, 6, 11), "stadsbedrijven", "integriteit", 22, TeamSessionMethod.DILEMMA_GAME),
    ((2026, 9, 24), "oov", "ondermijning", 11, TeamSessionMethod.MORAL_JUDGEMENT),
    ((2026, 10, 8), "volksgezondheid", "gegevensbescherming", 16, TeamSessionMethod.PRESENTATION),
]

RATINGS = [5, 4, 4, 3, 5, 4, 5, 5, 3, 4, 4]
ONLINE_LINK = "https://teams.microsoft.com/l/meetup-join/demo"
LOCATION = "Stadskantoor, zaal 3.12"


def aware(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def person(n: int) -> tuple[str, str]:
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    last = LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{first} {last}", f"collega.{n:03d}@portaal.invalid"


def load(log) -> None:
    from django.utils.text import slugify

    section = ContentPage.objects.get(slug="bewustwording", locale__language_code="nl")
    calendar = ensure_child(
        section,
        CalendarPage,
        "kalender",
        title="Kalender",
        intro="Activiteiten over integriteit, agressie en geweld, gegevensbescherming en ondermijning, het hele jaar door.",
        show_in_menus=True,
    )
    english = Locale.objects.get(language_code="en")
    translate_to_english(calendar, english)
    themes = {t.slug: t for t in Theme.objects.filter(locale__language_code="nl")}
    departments = list(Department.objects.order_by("pk"))

    edition = ensure_child(
        calendar,
        EditionPage,
        "week-van-de-weerbaarheid-2021",
        title="Week van de Weerbaarheid 2021",
        year=2021,
        start_date=EDITION_DAYS[0],
        end_date=EDITION_DAYS[-1],
        intro="<p>Een week rond de thema's integriteit, agressie en geweld, gegevensbescherming en ondermijning.</p>",
    )
    translate_to_english(edition, english)
    sessions: list[Session] = []
    slot = 0
    for title, kind, theme_slugs, audience, count, capacity, format_, description in EDITION_ITEMS:
        item = ensure_item(edition, title, kind, theme_slugs, audience, description, themes)
        translate_to_english(item, english)
        for _n in range(count):
            day = EDITION_DAYS[slot % len(EDITION_DAYS)]
            start_hour, end_hour = SESSION_HOURS[(slot // len(EDITION_DAYS)) % len(SESSION_HOURS)]
            slot += 1
            sessions.append(
                ensure_session(
                    item,
                    aware(day.year, day.month, day.day, start_hour),
                    end_hour - start_hour,
                    capacity,
                    format_,
                )
            )
    # 227 colleagues register once, round robin over the sessions; 71 of them register a second time.
    wanted = []
    for n in range(PARTICIPANTS_2021):
        wanted.append((sessions[n % len(sessions)], n))
    for n in range(REGISTRATIONS_2021 - PARTICIPANTS_2021):
        wanted.append((sessions[(n + len(sessions) // 2) % len(sessions)], n))
    created = ensure_registrations(wanted, departments, attended=True)
    ensure_evaluations(sessions)
    log.write(
        f"  Week van de Weerbaarheid 2021: {len(EDITION_ITEMS)} items, {len(sessions)} sessions, "
        f"{len(wanted)} registrations ({created} new)"
    )

    upcoming = 0
    for title, kind, theme_slugs, audience, session_specs, description in UPCOMING_ITEMS:
        item = ensure_item(calendar, title, kind, theme_slugs, audience, description, themes)
        translate_to_english(item, english)
        wanted = []
        for (y, m, d, h), hours, capacity, format_, confirmed, waitlisted in session_specs:
            session = ensure_session(item, aware(y, m, d, h), hours, capacity, format_)
            upcoming += 1
            base = 500 + sum(ord(c) for c in slugify(title)) % 100 * 10
            wanted += [(session, base + n) for n in range(confirmed + waitlisted)]
        ensure_registrations(wanted, departments, attended=None)
    log.write(f"  {len(UPCOMING_ITEMS)} upcoming programme items with {upcoming} sessions (Dec 2026 to 2027)")

    load_introductions()
    log.write(
        f"  {len(INTRODUCTIONS_2021)} introduction meetings in 2021 with {INTRODUCTION_ATTENDEES_2021} declarations"
    )
    by_slug = {department.slug: department for department in departments}
    for (y, m, d), department, theme, participants, method in TEAM_SESSIONS:
        if department not in by_slug:
            continue
        TeamSession.objects.update_or_create(
            date=datetime.date(y, m, d),
            department=by_slug[department],
            defaults={"theme": themes.get(theme), "participants": participants, "method": method},
        )
    log.write(f"  {len(TEAM_SESSIONS)} team sessions")


def translate_to_english(page, english: Locale) -> None:
    """Translate a calendar page with wagtail-localize from the texts in `demo_english`: the Dutch page
    with its title and texts replaced is the parallel page whose segments are the translations."""
    from django.utils.text import slugify

    title = demo_english.TITLES.get(page.title)
    if title is None:
        return
    parallel = page.specific_class.objects.get(pk=page.pk)
    parallel.title, parallel.slug = title, slugify(title)[:80]
    for field in ("intro", "description", "speaker"):
        text = getattr(parallel, field, None)
        for dutch, translated in demo_english.TEXTS.items():
            if text and dutch in text:
                text = text.replace(dutch, translated)
        if text is not None:
            setattr(parallel, field, text)
    translate_page(page, english, parallel)


def ensure_item(parent, title, kind, theme_slugs, audience, description, themes) -> ProgrammeItemPage:
    from django.utils.text import slugify

    item = ensure_child(
        parent,
        ProgrammeItemPage,
        slugify(title)[:80],
        title=title,
        kind=kind,
        audience=audience,
        description=f"<p>{description}</p>",
        speaker="Programma Integriteit en ongewenst gedrag",
    )
    wanted = [themes[slug] for slug in theme_slugs if slug in themes]
    if set(item.themes.all()) != set(wanted):
        item.themes.set(wanted)
        item.save_revision().publish()
    return item


def ensure_session(item, start, hours, capacity, format_) -> Session:
    session, _ = Session.objects.update_or_create(
        item=item,
        start=start,
        defaults={
            "end": start + datetime.timedelta(hours=hours),
            "capacity": capacity,
            "format": format_,
            "location": LOCATION if format_ == Format.ON_SITE else "",
            "online_link": ONLINE_LINK if format_ == Format.ONLINE else "",
        },
    )
    return session


def ensure_registrations(wanted, departments, attended) -> int:
    """Create the (session, colleague number) registrations that are missing, in order."""
    existing = set(
        Registration.objects.filter(session__in={s.pk for s, _ in wanted}).values_list("session_id", "email")
    )
    new = []
    per_session: dict[int, int] = {}
    for session, n in wanted:
        name, email = person(n)
        position = per_session.get(session.pk, 0)
        per_session[session.pk] = position + 1
        if (session.pk, email) in existing:
            continue
        full = session.capacity is not None and position >= session.capacity
        new.append(
            Registration(
                session=session,
                name=name,
                email=email,
                department=departments[n % len(departments)] if departments else None,
                status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
                created_at=session.start - datetime.timedelta(days=14, minutes=-position),
                attended=attended,
            )
        )
    Registration.objects.bulk_create(new)
    return len(new)


def ensure_evaluations(sessions) -> None:
    """Six evaluations on the first session of each item, so the edition page shows ratings."""
    first_sessions = {}
    for session in sessions:
        first_sessions.setdefault(session.item_id, session)
    registrations = Registration.objects.filter(session__in=first_sessions.values(), evaluation__isnull=True)
    done = set(
        Evaluation.objects.filter(registration__session__in=first_sessions.values()).values_list(
            "registration__session_id", flat=True
        )
    )
    comments = [
        "Het zet je aan tot nadenken",
        "Goed initiatief en veel en divers aanbod",
        "Leuke sessies",
        "Ik heb echt iets geleerd",
        "",
        "",
    ]
    new = []
    taken: dict[int, int] = {}
    for registration in registrations.order_by("session_id", "pk"):
        if registration.session_id in done or taken.get(registration.session_id, 0) >= 6:
            continue
        index = taken.get(registration.session_id, 0)
        taken[registration.session_id] = index + 1
        new.append(
            Evaluation(
                registration=registration,
                rating=RATINGS[(index + registration.session_id * 3) % len(RATINGS)],
                comment=comments[index],
                created_at=registration.session.end,
            )
        )
    Evaluation.objects.bulk_create(new)


def load_introductions() -> None:
    per_meeting = INTRODUCTION_ATTENDEES_2021 // len(INTRODUCTIONS_2021)
    extra = INTRODUCTION_ATTENDEES_2021 - per_meeting * len(INTRODUCTIONS_2021)
    departments = list(Department.objects.order_by("pk"))
    number = 0
    new = []
    for index, ((y, m, d), online) in enumerate(INTRODUCTIONS_2021):
        meeting, _ = IntroductionMeeting.objects.update_or_create(
            start=aware(y, m, d, 9),
            defaults={
                "end": aware(y, m, d, 13),
                "format": Format.ONLINE if online else Format.ON_SITE,
                "location": "" if online else LOCATION,
                "title": "Introductiebijeenkomst nieuwe medewerkers",
            },
        )
        existing = set(meeting.attendances.values_list("email", flat=True))
        count = per_meeting + (extra if index == len(INTRODUCTIONS_2021) - 1 else 0)
        for _n in range(count):
            number += 1
            name, _email = person(1000 + number)
            email = f"nieuw.{number:03d}@portaal.invalid"
            if email in existing:
                continue
            new.append(
                IntroductionAttendance(
                    meeting=meeting,
                    name=name,
                    email=email,
                    department=departments[number % len(departments)] if departments else None,
                    declaration=Declaration.OATH if number % 3 == 0 else Declaration.AFFIRMATION,
                    declaration_date=datetime.date(y, m, d),
                    administered_by="Lid van de directieraad",
                )
            )
    IntroductionAttendance.objects.bulk_create(new)
