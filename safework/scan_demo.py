"""Demo VPD scans and building DRAs (seed 4.2), loaded by `safework.demo.load`.

Scans at the implementing departments (uitvoeringsorganisaties) of the VPD demo: Publiekszaken
(reviewed, one action overdue so the daily reminder has something to send to `leidinggevende`),
Werk & Inkomen (reviewed, actions running) and Vergunningen, Toezicht & Handhaving (reviewed, all
done). DRAs: the stadhuis of March 2021 and the stadskantoor later that year. Idempotent: scans are
keyed on department and date, actions on scan and description, DRAs on building and date.
"""

import datetime

from django.contrib.auth import get_user_model

from home.models import Department
from safework.dra import AssessmentMeasure, AssessmentRisk, ThreatAssessment
from safework.scans import ActionStatus, ImprovementAction, ProtocolTheme, ThemeScore, VpdScan
from vpd.models import TeamInstructionPage

G, W = ThemeScore.GOOD, ThemeScore.NEEDS_WORK
# department slug, date, (employees, managers, experts), scores in ProtocolTheme order, findings,
# management review (date, response), actions: (theme, description, owner, due, status, instruction slug)
SCANS = [
    (
        "publiekszaken",
        datetime.date(2021, 9, 14),
        (9, 2, 2),
        (G, W, W, G, W, G),
        "De balies zijn goed ingericht en de huisregels hangen zichtbaar. Niet iedereen weet hoe de "
        "alarmknop werkt en wie er dan komt; incidenten worden vaak niet in het GIR gemeld.",
        (datetime.date(2021, 10, 5), "Het MT neemt alle verbeterpunten over; de teamleiders zijn eigenaar."),
        [
            (
                ProtocolTheme.ALARM,
                "Alarmknop en opvolging per balie in de teaminstructie beschrijven en oefenen.",
                "leidinggevende",
                datetime.date(2021, 12, 31),
                ActionStatus.DONE,
                "balie-stadskantoor",
            ),
            (
                ProtocolTheme.REGISTRATION,
                "Elk werkoverleg: incidenten van de afgelopen maand nalopen en in het GIR melden.",
                "leidinggevende",
                datetime.date(2026, 9, 30),
                ActionStatus.IN_PROGRESS,
                "balie-stadskantoor",
            ),
            (
                ProtocolTheme.TRAINING,
                "Alle baliemedewerkers volgen de training omgaan met agressie.",
                "leidinggevende",
                datetime.date(2027, 3, 31),
                ActionStatus.OPEN,
                None,
            ),
        ],
    ),
    (
        "wi",
        datetime.date(2021, 11, 2),
        (7, 1, 1),
        (G, G, W, W, G, W),
        "Alarmeren is goed geregeld. Nazorg na een incident hangt af van de leidinggevende die dienst "
        "heeft; de dadergerichte aanpak (waarschuwingsbrief, aangifte) wordt zelden ingezet.",
        (datetime.date(2021, 12, 1), "Nazorg en dadergerichte aanpak komen in de teaminstructies."),
        [
            (
                ProtocolTheme.AFTERCARE,
                "Vaste afspraak nazorg: de leidinggevende belt dezelfde dag, het BOT binnen twee dagen.",
                "vpd-coordinator",
                datetime.date(2027, 2, 1),
                ActionStatus.IN_PROGRESS,
                "klantcontact-inkomen",
            ),
            (
                ProtocolTheme.PERPETRATOR,
                "Sjabloon waarschuwingsbrief en afspraken over aangifte namens de werkgever invoeren.",
                "vpd-coordinator",
                datetime.date(2027, 4, 1),
                ActionStatus.OPEN,
                None,
            ),
        ],
    ),
    (
        "vth",
        datetime.date(2021, 12, 7),
        (12, 3, 2),
        (G, G, G, W, G, G),
        "Handhavers werken in tweetallen met portofoon; opvang na een incident is niet vastgelegd.",
        (datetime.date(2022, 1, 18), "Nazorg komt in de teaminstructie Toezicht Openbare Ruimte."),
        [
            (
                ProtocolTheme.AFTERCARE,
                "Nazorg na een incident opnemen in de teaminstructie Toezicht Openbare Ruimte.",
                "vpd-coordinator",
                datetime.date(2022, 4, 1),
                ActionStatus.DONE,
                "toezicht-openbare-ruimte",
            ),
        ],
    ),
]

# building, assessed on, re-assess on, scope, risks (threat, likelihood, impact),
# measures (description, owner, due, status)
ASSESSMENTS = [
    (
        "Stadhuis",
        datetime.date(2021, 3, 23),
        datetime.date(2024, 3, 23),
        "Fysieke en informatiebeveiliging van het stadhuis: publieksingang, personeelsingang, "
        "raadzaal en publieke tribune, werkplekken van bestuurders (naar aanleiding van het "
        "Rekenkameronderzoek 'Zo sterk als de zwakste schakel').",
        [
            ("Toegang door onbevoegden via de publieksingang naar werkplekken", 4, 4),
            ("Bedreiging of agressie tegen bestuurders tijdens openbare vergaderingen", 3, 5),
            ("Technische kwetsbaarheden in netwerk en vergadersystemen", 3, 4),
        ],
        [
            ("Toegangspoortjes met pascontrole tussen hal en werkplekken", "Safety & Security (M&O)",
             datetime.date(2021, 12, 31), ActionStatus.DONE),
            ("Beveiliger bij de publieksingang tijdens openingstijden", "Facilitair beheer",
             datetime.date(2021, 6, 30), ActionStatus.DONE),
            ("Draaiboek openbare vergaderingen met politie en bode", "Bestuursondersteuning",
             datetime.date(2022, 9, 1), ActionStatus.IN_PROGRESS),
        ],
    ),
    (
        "Stadskantoor",
        datetime.date(2021, 11, 16),
        datetime.date(2025, 11, 16),
        "Fysieke en informatiebeveiliging van het stadskantoor, met een tiental organisatieonderdelen "
        "en huurders; het vorige dreigingsbeeld dateert van 2013.",
        [
            ("Meelopen met medewerkers door de personeelsingang", 4, 3),
            ("Agressie aan de publieksbalies op de begane grond", 4, 3),
        ],
        [
            ("Bewustwording 'deur dicht achter je' bij alle organisatieonderdelen", "Safety & Security (M&O)",
             datetime.date(2022, 6, 30), ActionStatus.DONE),
            ("Camerabeelden publieksbalies koppelen aan de meldkamer", "Facilitair beheer",
             datetime.date(2023, 3, 31), ActionStatus.OPEN),
        ],
    ),
]  # fmt: skip


def load(log) -> None:
    users = {user.username: user for user in get_user_model().objects.all()}
    departments = {department.slug: department for department in Department.objects.all()}
    actions = 0
    for slug, scanned_on, participants, scores, findings, review, action_rows in SCANS:
        scan, _ = VpdScan.objects.update_or_create(
            department=departments[slug],
            scanned_on=scanned_on,
            defaults={
                "participants_employees": participants[0],
                "participants_managers": participants[1],
                "participants_experts": participants[2],
                "findings": findings,
                "reviewed_on": review[0],
                "management_response": review[1],
                "recorded_by": users.get("vpd-coordinator"),
                **{f"score_{theme.value}": score for theme, score in zip(ProtocolTheme, scores, strict=True)},
            },
        )
        for theme, description, owner, due_on, status, instruction in action_rows:
            action, _ = ImprovementAction.objects.update_or_create(
                scan=scan,
                description=description,
                defaults={"theme": theme, "owner": users.get(owner), "due_on": due_on, "status": status},
            )
            if status == ActionStatus.DONE:
                ImprovementAction.objects.filter(pk=action.pk).update(completed_on=due_on)
            pages = TeamInstructionPage.objects.filter(team__slug=instruction).order_by("path")[:1]
            action.team_instructions.set(list(pages) if instruction else [])
            actions += 1
    for building, assessed_on, reassess_on, scope, risks, measures in ASSESSMENTS:
        assessment, _ = ThreatAssessment.objects.update_or_create(
            building=building, assessed_on=assessed_on, defaults={"reassess_on": reassess_on, "scope": scope}
        )
        AssessmentRisk.objects.filter(assessment=assessment).delete()
        AssessmentMeasure.objects.filter(assessment=assessment).delete()
        for order, (threat, likelihood, impact) in enumerate(risks):
            AssessmentRisk.objects.create(
                assessment=assessment, sort_order=order, threat=threat, likelihood=likelihood, impact=impact
            )
        for order, (description, owner, due_on, status) in enumerate(measures):
            AssessmentMeasure.objects.create(
                assessment=assessment,
                sort_order=order,
                description=description,
                owner=owner,
                due_on=due_on,
                status=status,
            )
    log.write(f"  {len(SCANS)} VPD scans, {actions} improvement actions, {len(ASSESSMENTS)} building DRAs")
