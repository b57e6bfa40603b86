"""Demo content of safe public service, after the 2021 annual report (sections 3.2, 5.4, 5.5).

The VPD section under "Veilige werkomgeving", pages for VTH, Werk & Inkomen and Publiekszaken with
team instructions (some overdue for review, one team without one, one still a draft), the demo
manager `leidinggevende` managing Publiekszaken's "Balie Stadskantoor", and the 2021 registrations
that reproduce the report: 121 incidents (49 personal threats, 18 physical aggression) and 78
peer-support conversations (64 first, 13 second, 1 third; 5 referrals). No 2020 records: those
figures are historical and entered in the statistics app.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from wagtail.models import Locale

from home.demo import ensure_child
from home.models import ContentPage, Department
from vpd import perpetrator_demo
from vpd.models import (
    ConversationSequence,
    EventKind,
    Incident,
    IncidentType,
    PeerSupportConversation,
    Team,
    TeamInstructionPage,
    VpdDepartmentPage,
    VpdSectionPage,
)
from vpd.services import sync_all

SECTION_SLUG = "veilige-publieke-dienstverlening"
DEMO_MANAGER = ("leidinggevende", "balie-stadskantoor")

# department slug, page title, requires coordinator approval, teams:
# (team slug, team name, instruction: None (missing) or (last reviewed, published))
STRUCTURE = [
    (
        "vth",
        "Vergunningen, Toezicht & Handhaving",
        True,
        [
            ("toezicht-openbare-ruimte", "Toezicht Openbare Ruimte", (datetime.date(2026, 4, 14), True)),
            ("bouw-en-woningtoezicht", "Bouw- en Woningtoezicht", (datetime.date(2024, 9, 16), True)),
            ("balie-vergunningen", "Balie Vergunningen", (datetime.date(2026, 10, 1), False)),
        ],
    ),
    (
        "wi",
        "Werk & Inkomen",
        False,
        [
            ("klantcontact-inkomen", "Klantcontact Inkomen", (datetime.date(2026, 2, 3), True)),
            ("schuldhulpverlening", "Schuldhulpverlening", (datetime.date(2025, 3, 20), True)),
            ("werkgeversservicepunt", "Werkgeversservicepunt", None),
        ],
    ),
    (
        "publiekszaken",
        "Publiekszaken",
        False,
        [
            ("balie-stadskantoor", "Balie Stadskantoor", (datetime.date(2026, 6, 8), True)),
            ("burgerzaken-wijkbureaus", "Burgerzaken Wijkbureaus", (datetime.date(2025, 1, 27), True)),
            ("klantcontactcentrum", "Klantcontactcentrum", (datetime.date(2026, 9, 2), True)),
        ],
    ),
]

# 2021 incidents by type (section 5.4: 121 in total, 49 personal threats, 18 physical aggression).
INCIDENTS_2021_BY_TYPE = {
    IncidentType.VERBAL: 24,
    IncidentType.INTIMIDATION: 17,
    IncidentType.PERSONAL_THREAT: 49,
    IncidentType.PHYSICAL: 18,
    IncidentType.DISCRIMINATION: 5,
    IncidentType.DAMAGE: 4,
    IncidentType.OTHER: 4,
}
# 2021 incidents by department slug: mostly the executive departments (section 5.4).
INCIDENTS_2021_BY_DEPARTMENT = {
    "vth": 44,
    "wi": 31,
    "publiekszaken": 24,
    "stadsbedrijven": 13,
    "wijken": 5,
    "oov": 4,
}
# 2021 peer-support conversations (section 5.5): (sequence, event, referred, count), 78 in total.
CONVERSATIONS_2021 = [
    (ConversationSequence.FIRST, EventKind.AGGRESSION, False, 44),
    (ConversationSequence.FIRST, EventKind.ACCIDENT, False, 8),
    (ConversationSequence.FIRST, EventKind.RESUSCITATION, False, 6),
    (ConversationSequence.FIRST, EventKind.OTHER, False, 5),
    (ConversationSequence.FIRST, EventKind.ACCIDENT, True, 1),
    (ConversationSequence.SECOND, EventKind.AGGRESSION, False, 4),
    (ConversationSequence.SECOND, EventKind.ACCIDENT, False, 3),
    (ConversationSequence.SECOND, EventKind.RESUSCITATION, False, 3),
    (ConversationSequence.SECOND, EventKind.ACCIDENT, True, 2),
    (ConversationSequence.SECOND, EventKind.RESUSCITATION, True, 1),
    (ConversationSequence.THIRD, EventKind.ACCIDENT, True, 1),
]
CONVERSATIONS_2021_BY_DEPARTMENT = {"vth": 52, "stadsbedrijven": 10, "wi": 7, "publiekszaken": 5, "wijken": 4}
LOCATIONS = {
    "vth": [
        "Binnenstad, handhavingsronde",
        "Stadskantoor, balie 2",
        "Overvecht, bouwlocatie",
        "Jaarbeursplein",
    ],
    "wi": [
        "Stadskantoor, spreekkamer 4",
        "Stadskantoor, balie Inkomen",
        "Telefonisch contact",
        "Huisbezoek Kanaleneiland",
    ],
    "publiekszaken": [
        "Stadskantoor, balie 7",
        "Wijkbureau Overvecht",
        "Stadskantoor, wachtruimte",
        "Wijkbureau Zuid",
    ],
    "stadsbedrijven": ["Afvalinzameling Lunetten", "Parkeergarage Vredenburg", "Milieustraat Cartesiusweg"],
    "wijken": ["Buurtcentrum Zuilen", "Wijkbureau Noordwest"],
    "oov": ["Stadhuis, publiekshal", "Evenemententerrein Maliebaan"],
}
DESCRIPTION = "Demoregistratie uit het jaarverslag 2021 (geen echte gebeurtenis)."
# A few recent registrations of the demo employee, so that "Mijn meldingen" shows something.
RECENT_INCIDENTS = [
    (
        "GIR-2026-0001",
        datetime.date(2026, 3, 12),
        "publiekszaken",
        "balie-stadskantoor",
        IncidentType.VERBAL,
        True,
    ),
    (
        "GIR-2026-0002",
        datetime.date(2026, 9, 24),
        "publiekszaken",
        "balie-stadskantoor",
        IncidentType.PERSONAL_THREAT,
        False,
    ),
]


def load(log) -> None:
    dutch = Locale.objects.get(language_code="nl")
    departments = {department.slug: department for department in Department.objects.all()}
    parent = ContentPage.objects.filter(locale=dutch, slug="veilige-werkomgeving").first()
    if parent is None:
        log.write("  no section 'veilige-werkomgeving': VPD pages skipped")
        return
    section = ensure_child(
        parent,
        VpdSectionPage,
        SECTION_SLUG,
        title="Veilige publieke dienstverlening",
        intro=(
            "<p>Iedere collega moet veilig zijn werk kunnen doen. Het protocol Veilige Publieke "
            "Dienstverlening (VPD) is het gemeentebrede kader; elk team vertaalt het in een eigen "
            "teaminstructie. Meld elk incident van publieksagressie en geweld, en maak gebruik van "
            "opvang door het bedrijfsopvangteam.</p>"
        ),
        show_in_menus=True,
    )

    teams = instructions = 0
    for department_slug, title, requires_approval, team_rows in STRUCTURE:
        department = departments[department_slug]
        department_page = ensure_child(
            section,
            VpdDepartmentPage,
            department_slug,
            title=title,
            department=department,
            requires_coordinator_approval=requires_approval,
            intro=f"<p>De teaminstructies VPD van {department.name}.</p>",
        )
        for team_slug, team_name, instruction in team_rows:
            team, _created = Team.objects.update_or_create(
                slug=team_slug, defaults={"name": team_name, "department": department}
            )
            teams += 1
            if instruction is not None:
                ensure_instruction(department_page, team, *instruction)
                instructions += 1

    User = get_user_model()
    username, team_slug = DEMO_MANAGER
    manager = User.objects.filter(username=username).first()
    if manager is not None:
        Team.objects.get(slug=team_slug).managers.set([manager])
    synced = sync_all()
    log.write(f"  VPD section, {len(STRUCTURE)} departments, {teams} teams, {instructions} team instructions")
    log.write(f"  {synced} team groups; '{username}' manages '{team_slug}'")

    created = load_incidents(departments, User.objects.filter(username="medewerker").first())
    created_conversations = load_conversations(departments, User.objects.filter(username="bot").first())
    log.write(
        f"  incidents (GIR) and peer-support conversations (BOT): {created} and {created_conversations} new"
    )
    perpetrator_demo.load(log)


def ensure_instruction(department_page, team: Team, last_reviewed: datetime.date, published: bool):
    fields = instruction_fields(team, last_reviewed)
    page = TeamInstructionPage.objects.filter(team=team).first()
    if page is None:
        page = TeamInstructionPage(slug=team.slug, team=team, live=published, **fields)
        department_page.add_child(instance=page)
        revision = page.save_revision()
        if published:
            revision.publish()
        return page
    if published:
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
    return page


def instruction_fields(team: Team, last_reviewed: datetime.date) -> dict:
    department = team.department.name
    return {
        "title": f"Teaminstructie VPD {team.name}",
        "last_reviewed": last_reviewed,
        "alarm": (
            "<p>Voel je je bedreigd? Druk op de <b>alarmknop</b> onder het werkblad of gebruik de "
            "alarmknop in de app op je telefoon. Collega's van de achtervang komen direct. "
            "Het codewoord voor hulp aan de telefoon is <b>'dossier rood'</b>.</p>"
        ),
        "phone_numbers": [
            (
                "phone",
                {"label": "Beveiliging Stadskantoor", "number": "030 286 00 00", "note": "dag en nacht"},
            ),
            ("phone", {"label": "Politie bij direct gevaar", "number": "112", "note": ""}),
            (
                "phone",
                {"label": f"Leidinggevende van dienst {team.name}", "number": "030 286 10 10", "note": ""},
            ),
        ],
        "during_incident": (
            "<ul><li>Blijf rustig en houd afstand; ga niet in discussie.</li>"
            "<li>Benoem het gedrag en de grens: 'Als u blijft schelden, stop ik het gesprek.'</li>"
            "<li>Stop het gesprek als de grens wordt overschreden en verlaat zo nodig de ruimte.</li>"
            "<li>Collega's van de achtervang blijven in de buurt en spreken de persoon aan.</li></ul>"
        ),
        "escalation": (
            "<p>Schakel de beveiliging in als de persoon niet wil vertrekken. Bel 112 bij fysiek geweld of "
            "een directe bedreiging. De leidinggevende van dienst beslist over een toegangsverbod.</p>"
        ),
        "aftercare": (
            "<p>Na een incident vraagt je leidinggevende dezelfde dag hoe het met je gaat. Het "
            "bedrijfsopvangteam (BOT) biedt collegiale opvang; vraag erom bij je melding of via je "
            "leidinggevende. Bedrijfsmaatschappelijk werk is beschikbaar als dat nodig is.</p>"
        ),
        "follow_up": (
            "<ul><li>Meld het incident binnen 24 uur in het gemeentelijk incidentenregister (GIR).</li>"
            "<li>Doe aangifte bij strafbare feiten; de gemeente doet aangifte op werkadres.</li>"
            f"<li>{department} stuurt de dader een waarschuwingsbrief of nodigt hem uit voor een "
            "incidentgesprek.</li></ul>"
        ),
        "contacts": [
            (
                "contact",
                {
                    "role": "VPD-coördinator",
                    "name": "Victor Coördinator",
                    "phone": "030 286 12 34",
                    "email": "vpd@portaal.invalid",
                },
            ),
            (
                "contact",
                {
                    "role": "Bedrijfsopvangteam",
                    "name": "",
                    "phone": "030 286 56 78",
                    "email": "bot@portaal.invalid",
                },
            ),
        ],
    }


def load_incidents(departments: dict, employee) -> int:
    rng = random.Random(2021)
    types = [code for code, count in INCIDENTS_2021_BY_TYPE.items() for _ in range(count)]
    department_slugs = [slug for slug, count in INCIDENTS_2021_BY_DEPARTMENT.items() for _ in range(count)]
    rng.shuffle(types)
    rng.shuffle(department_slugs)
    teams_by_department: dict[int, list[Team]] = {}
    for team in Team.objects.all():
        teams_by_department.setdefault(team.department_id, []).append(team)
    existing = set(Incident.objects.filter(reference__startswith="GIR-").values_list("reference", flat=True))
    rows = []
    for number, (incident_type, slug) in enumerate(zip(types, department_slugs, strict=True), start=1):
        department = departments[slug]
        date = datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        hour, minute = rng.randrange(8, 17), rng.choice([0, 10, 15, 25, 30, 40, 45, 50])
        team_choices = teams_by_department.get(department.pk, [])
        team = rng.choice(team_choices) if team_choices else None
        police = incident_type in (IncidentType.PHYSICAL, IncidentType.PERSONAL_THREAT) and rng.random() < 0.5
        reference = f"GIR-2021-{number:04d}"
        if reference in existing:
            continue
        rows.append(
            Incident(
                reference=reference,
                date=date,
                start_time=datetime.time(hour, minute),
                department=department,
                team=team,
                location=rng.choice(LOCATIONS[slug]),
                incident_type=incident_type,
                description=DESCRIPTION,
                police_called=police,
                police_report=police and rng.random() < 0.7,
                warning_letter=rng.random() < 0.3,
                incident_conversation=rng.random() < 0.2,
                aftercare_wanted=rng.random() < 0.25,
                created_at=datetime.datetime.combine(date, datetime.time(hour, minute), datetime.UTC),
            )
        )
    for reference, date, slug, team_slug, incident_type, aftercare in RECENT_INCIDENTS:
        if reference in existing:
            continue
        rows.append(
            Incident(
                reference=reference,
                reporter=employee,
                date=date,
                start_time=datetime.time(10, 30),
                department=departments[slug],
                team=Team.objects.get(slug=team_slug),
                location="Stadskantoor, balie 7",
                incident_type=incident_type,
                description="Een klant werd boos over de wachttijd en begon te schelden. (Demo.)",
                warning_letter=True,
                aftercare_wanted=aftercare,
                created_at=datetime.datetime.combine(date, datetime.time(11, 0), datetime.UTC),
            )
        )
    Incident.objects.bulk_create(rows)
    return len(rows)


def load_conversations(departments: dict, peer_supporter) -> int:
    rng = random.Random(2022)
    kinds = [
        (sequence, event, referred)
        for sequence, event, referred, count in CONVERSATIONS_2021
        for _ in range(count)
    ]
    department_slugs = [
        slug for slug, count in CONVERSATIONS_2021_BY_DEPARTMENT.items() for _ in range(count)
    ]
    rng.shuffle(department_slugs)
    existing = set(
        PeerSupportConversation.objects.filter(reference__startswith="BOT-").values_list(
            "reference", flat=True
        )
    )
    rows = []
    for number, ((sequence, event, referred), slug) in enumerate(
        zip(kinds, department_slugs, strict=True), start=1
    ):
        reference = f"BOT-2021-{number:04d}"
        date = datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        if reference in existing:
            continue
        rows.append(
            PeerSupportConversation(
                reference=reference,
                registered_by=peer_supporter,
                date=date,
                department=departments[slug],
                sequence=sequence,
                event=event,
                referred=referred,
                created_at=datetime.datetime.combine(date, datetime.time(16, 0), datetime.UTC),
            )
        )
    PeerSupportConversation.objects.bulk_create(rows)
    return len(rows)
