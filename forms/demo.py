"""Demo content: the 11 integrity reports of 2021 (appendix 2 of the annual report), 9 fictional ones
of 2020, two open cases of this year, and 13 confidential advisors' registrations of 2021 that
reproduce 56 colleagues and 79 conversations with the report's topic and department figures.

All texts are fictional. Idempotent: records are found by stable keys and updated.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from forms import receipts
from forms.lessons import demo as lessons_demo
from forms.models import (
    AdvisorConversation,
    AdvisorRegistration,
    Channel,
    IntegrityReport,
    Investigation,
    Message,
    Status,
)
from home.models import Department
from portal.demo import give_demo_password
from portal.mfa.demo import give_demo_totp
from portal.roles import Role

D = datetime.date

# subject, category, source, investigation, conclusion, consequence, department slug, received, closed
CASES_2021 = [
    (
        "Omgaan met spullen van de gemeente (diefstal materiaal)",
        "omgaan-met-spullen-van-de-gemeente",
        "intern",
        "feitenonderzoek",
        "niet-vastgesteld",
        "geen",
        "stadsbedrijven",
        D(2021, 1, 18),
        D(2021, 5, 7),
    ),
    (
        "Omgaan met spullen van de gemeente (misbruik OV-pas)",
        "omgaan-met-spullen-van-de-gemeente",
        "intern",
        "feitenonderzoek",
        "schending-vastgesteld",
        "nog-te-bepalen",
        "wi",
        D(2021, 2, 22),
        D(2021, 11, 30),
    ),
    (
        "Omgaan met belangen (belangenverstrengeling)",
        "omgaan-met-belangen",
        "extern-inwoner",
        "vooronderzoek",
        "geen-schending",
        "geen",
        "vth",
        D(2021, 3, 15),
        D(2021, 5, 3),
    ),
    (
        "Omgaan met informatie (misbruik handtekening)",
        "omgaan-met-informatie",
        "intern",
        "vooronderzoek",
        "niet-vastgesteld",
        "geen",
        "bsn",
        D(2021, 4, 12),
        D(2021, 6, 21),
    ),
    (
        "Omgaan met belangen (commerciële activiteiten voor samenwerkingspartner)",
        "omgaan-met-belangen",
        "intern",
        "vooronderzoek",
        "geen-schending",
        "geen",
        "ruimte",
        D(2021, 5, 10),
        D(2021, 7, 2),
    ),
    (
        "Omgaan met elkaar (ongepaste uitingen op werkvloer)",
        "omgaan-met-elkaar",
        "intern",
        "feitenonderzoek",
        "in-onderzoek",
        "niet-van-toepassing",
        "wijken",
        D(2021, 6, 7),
        None,
    ),
    (
        "Omgaan met elkaar (agressie richting inwoner)",
        "omgaan-met-elkaar",
        "extern-inwoner",
        "feitenonderzoek",
        "schending-vastgesteld",
        "waarschuwing",
        "volksgezondheid",
        D(2021, 7, 5),
        D(2021, 10, 15),
    ),
    (
        "Omgaan met belangen (medewerker ondersteunt inwoner bij vergunningprocedure)",
        "omgaan-met-belangen",
        "extern-samenwerkingspartij",
        "vooronderzoek",
        "geen-schending",
        "geen",
        "vth",
        D(2021, 8, 16),
        D(2021, 10, 1),
    ),
    (
        "Omgaan met elkaar (agressie op de werkvloer)",
        "omgaan-met-elkaar",
        "intern",
        "feitenonderzoek",
        "schending-vastgesteld",
        "waarschuwing",
        "stadsbedrijven",
        D(2021, 9, 6),
        D(2021, 12, 10),
    ),
    (
        "Omgaan met elkaar (ongepaste uitingen op werkvloer)",
        "omgaan-met-elkaar",
        "intern",
        "vooronderzoek",
        "schending-vastgesteld",
        "waarschuwing",
        "wi",
        D(2021, 10, 4),
        D(2021, 12, 3),
    ),
    (
        "Omgaan met informatie (raadplegen gevoelige informatie)",
        "omgaan-met-informatie",
        "extern-inwoner",
        "vooronderzoek",
        "geen-schending",
        "geen",
        "bsn",
        D(2021, 11, 8),
        D(2021, 12, 20),
    ),
]

CASES_2020 = [
    (
        "Omgaan met elkaar (intimiderend gedrag in team)",
        "omgaan-met-elkaar",
        "intern",
        "feitenonderzoek",
        "schending-vastgesteld",
        "waarschuwing",
        "stadsbedrijven",
        D(2020, 1, 27),
        D(2020, 5, 8),
    ),
    (
        "Omgaan met belangen (nevenfunctie niet gemeld)",
        "omgaan-met-belangen",
        "intern",
        "vooronderzoek",
        "schending-vastgesteld",
        "waarschuwing",
        "ruimte",
        D(2020, 2, 17),
        D(2020, 4, 3),
    ),
    (
        "Omgaan met informatie (gegevens gedeeld met derde)",
        "omgaan-met-informatie",
        "extern-inwoner",
        "feitenonderzoek",
        "niet-vastgesteld",
        "geen",
        "wi",
        D(2020, 3, 30),
        D(2020, 7, 10),
    ),
    (
        "Omgaan met spullen van de gemeente (privégebruik dienstauto)",
        "omgaan-met-spullen-van-de-gemeente",
        "intern",
        "vooronderzoek",
        "geen-schending",
        "geen",
        "stadsbedrijven",
        D(2020, 5, 11),
        D(2020, 6, 26),
    ),
    (
        "Omgaan met belangen (aannemen geschenk leverancier)",
        "omgaan-met-belangen",
        "extern-samenwerkingspartij",
        "vooronderzoek",
        "geen-schending",
        "geen",
        "vth",
        D(2020, 6, 22),
        D(2020, 8, 14),
    ),
    (
        "Omgaan met elkaar (discriminerende opmerking)",
        "omgaan-met-elkaar",
        "extern-inwoner",
        "feitenonderzoek",
        "schending-vastgesteld",
        "andere-maatregel",
        "publiekszaken",
        D(2020, 8, 3),
        D(2020, 11, 20),
    ),
    (
        "Omgaan met informatie (raadplegen dossier zonder reden)",
        "omgaan-met-informatie",
        "intern",
        "feitenonderzoek",
        "schending-vastgesteld",
        "waarschuwing",
        "wi",
        D(2020, 9, 14),
        D(2020, 12, 4),
    ),
    (
        "Overig (onjuiste declaratie)",
        "overig",
        "intern",
        "vooronderzoek",
        "geen-schending",
        "geen",
        "mo",
        D(2020, 10, 19),
        D(2020, 12, 11),
    ),
    (
        "Omgaan met spullen van de gemeente (verdwenen gereedschap)",
        "omgaan-met-spullen-van-de-gemeente",
        "intern",
        "vooronderzoek",
        "niet-vastgesteld",
        "geen",
        "stadsbedrijven",
        D(2020, 11, 16),
        D(2020, 12, 18),
    ),
]

# Open cases of 2026 for the office's work list; one has a documented demo receipt code (README).
DEMO_RECEIPT_CODE = "DEMX-VRAG-PRTA-AZ26-CXDE"
OPEN_CASES = [
    ("Omgaan met belangen (opdracht aan familielid)", "omgaan-met-belangen", "intern", "wi", D(2026, 11, 2)),
    (
        "Omgaan met elkaar (kleinerende opmerkingen)",
        "omgaan-met-elkaar",
        "intern",
        "stadsbedrijven",
        D(2026, 8, 17),
    ),
]

# 13 fictional confidential advisors.
ADVISORS = [
    ("vp-anouk", "Anouk", "Bakker"),
    ("vp-bilal", "Bilal", "El Idrissi"),
    ("vp-carla", "Carla", "de Vries"),
    ("vp-daan", "Daan", "Smit"),
    ("vp-esra", "Esra", "Yilmaz"),
    ("vp-frank", "Frank", "Visser"),
    ("vp-gwen", "Gwen", "Jansen"),
    ("vp-hamid", "Hamid", "Rahimi"),
    ("vp-ineke", "Ineke", "Mulder"),
    ("vp-joost", "Joost", "de Boer"),
    ("vp-karin", "Karin", "Dekker"),
    ("vp-lucas", "Lucas", "Meijer"),
    ("vp-mirjam", "Mirjam", "Bos"),
]

# (topic, subtopic, count) for 56 colleagues in 2021.
TOPICS_2021 = [
    ("ongewenst-gedrag", "intimidatie", 10),
    ("ongewenst-gedrag", "pesten", 10),
    ("ongewenst-gedrag", "discriminatie", 4),
    ("ongewenst-gedrag", "seksuele-intimidatie", 3),
    ("ongewenst-gedrag", "agressie-en-geweld", 3),
    ("integriteitsschending", "misbruik-positie-belangenverstrengeling", 5),
    ("integriteitsschending", "misbruik-manipulatie-informatie", 2),
    ("integriteitsschending", "dubieuze-giften-beloften", 1),
    ("integriteitsschending", "onverenigbare-functies-activiteiten", 1),
    ("integriteitsschending", "wangedrag-vrije-tijd", 1),
    ("overig", "", 16),
]
# department slug, colleagues in 2021 (the four largest as in the report, 12 spread over the others)
DEPARTMENTS_2021 = [
    ("stadsbedrijven", 23),
    ("wi", 9),
    ("ruimte", 6),
    ("vth", 6),
    ("volksgezondheid", 3),
    ("publiekszaken", 3),
    ("mo", 2),
    ("oov", 2),
    ("wijken", 1),
    ("bsn", 1),
]
COLLEAGUES_2021 = 56
CONVERSATIONS_2021 = 79


def _case(
    subject, category, source, investigation, conclusion, consequence, department, received, closed, index
):
    status = (
        Status.CLOSED
        if closed
        else Status.FACT_FINDING
        if investigation == Investigation.FEITENONDERZOEK
        else Status.INQUIRY
    )
    report, _ = IntegrityReport.objects.update_or_create(
        subject=subject,
        received_on=received,
        defaults={
            "category": category,
            "source": source,
            "channel": [Channel.WEB, Channel.PHONE, Channel.MAIL, Channel.WEB][index % 4],
            "investigation": investigation,
            "conclusion": conclusion,
            "consequence": consequence,
            "department": department,
            "status": status,
            "acknowledged_on": received + datetime.timedelta(days=3),
            "feedback_on": min(
                received + datetime.timedelta(days=60), closed or received + datetime.timedelta(days=60)
            ),
            "closed_on": closed,
            "description": f"(Fictieve demotekst) Melding over: {subject}.",
        },
    )
    return report


def load(log) -> None:
    departments = {department.slug: department for department in Department.objects.all()}
    for index, (subject, category, source, inv, concl, cons, slug, received, closed) in enumerate(
        CASES_2021 + CASES_2020
    ):
        _case(subject, category, source, inv, concl, cons, departments.get(slug), received, closed, index)
    log.write(f"  {len(CASES_2021)} integrity reports of 2021 and {len(CASES_2020)} of 2020")
    lessons_demo.load(log)  # the measures of seed section 5.1, linked to these cases

    for number, (subject, category, source, slug, received) in enumerate(OPEN_CASES):
        report, _created = IntegrityReport.objects.update_or_create(
            subject=subject,
            received_on=received,
            defaults={
                "category": category,
                "source": source,
                "department": departments.get(slug),
                "status": Status.RECEIVED if number == 0 else Status.INQUIRY,
                "acknowledged_on": None if number == 0 else received + datetime.timedelta(days=5),
                "description": "(Fictieve demotekst) Een collega zou opdrachten gunnen aan een bedrijf van een familielid."
                if number == 0
                else "(Fictieve demotekst) In het team worden steeds kleinerende opmerkingen gemaakt.",
            },
        )
        if number == 0 and not report.receipt_hash:
            prefix, hashed = receipts.hash_code(receipts.normalize(DEMO_RECEIPT_CODE))
            report.receipt_prefix, report.receipt_hash = prefix, hashed
            report.save(update_fields=["receipt_prefix", "receipt_hash"])
        if number == 0 and not report.messages.exists():
            Message.objects.bulk_create(
                [
                    Message(
                        report=report,
                        author=Message.Author.REPORTER,
                        sent_on=received + datetime.timedelta(days=1),
                        body="(Fictieve demotekst) Ik heb nog een offerte gevonden die ik kan toevoegen.",
                    ),
                    Message(
                        report=report,
                        author=Message.Author.OFFICE,
                        sent_on=received + datetime.timedelta(days=2),
                        body="(Fictieve demotekst) Dank je wel. Wil je aangeven om welke periode het gaat?",
                    ),
                ]
            )
    log.write(f"  {len(OPEN_CASES)} open reports of 2026 (demo receipt code {DEMO_RECEIPT_CODE})")
    from forms import demo_tasks

    demo_tasks.load(log)  # case templates and the open cases' tasks (forms/demo_tasks.py)

    advisors = _advisors()
    _registrations_2021(advisors, departments)
    log.write(
        f"  {len(advisors)} confidential advisors with {COLLEAGUES_2021} registrations and "
        f"{CONVERSATIONS_2021} conversations in 2021"
    )


def _advisors() -> list:
    User = get_user_model()
    group = Group.objects.get(name=str(Role.CONFIDENTIAL_ADVISOR))
    employees = Group.objects.get(name=str(Role.EMPLOYEE))
    advisors = []
    for username, first_name, last_name in ADVISORS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@portaal.invalid",
            },
        )
        if created and give_demo_password(user):
            user.save(update_fields=["password"])
        user.groups.add(group, employees)
        give_demo_totp(user)  # advisors prove a second factor (portal/mfa/; secret in the README)
        advisors.append(user)
    return advisors


def _registrations_2021(advisors, departments) -> None:
    topics = [(topic, subtopic) for topic, subtopic, count in TOPICS_2021 for _ in range(count)]
    department_slugs = [slug for slug, count in DEPARTMENTS_2021 for _ in range(count)]
    if not len(topics) == len(department_slugs) == COLLEAGUES_2021:
        raise ValueError("The 2021 advisor figures do not add up.")
    # Spread departments over topics so that both breakdowns hold (a stride coprime with 56).
    department_slugs = [department_slugs[(index * 15) % COLLEAGUES_2021] for index in range(COLLEAGUES_2021)]
    second_conversations = CONVERSATIONS_2021 - COLLEAGUES_2021
    for index, ((topic, subtopic), slug) in enumerate(zip(topics, department_slugs, strict=True)):
        advisor = advisors[index % len(advisors)]
        registration, _ = AdvisorRegistration.objects.update_or_create(
            advisor=advisor,
            pseudonym=f"2021-{index + 1:02d}",
            defaults={"department": departments.get(slug), "topic": topic, "subtopic": subtopic},
        )
        first = D(2021, 1, 11) + datetime.timedelta(days=(index * 6) % 330)
        dates = [first]
        if index < second_conversations:
            dates.append(first + datetime.timedelta(days=14))
        for held_on in dates:
            AdvisorConversation.objects.get_or_create(registration=registration, held_on=held_on)
