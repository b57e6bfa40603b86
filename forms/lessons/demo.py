"""Demo lessons learned: the three organisational measures of seed section 5.1 ("Leren van
meldingen"), each linked to the 2021 case it came from (forms/demo.py). Idempotent: a measure is
found by its text."""

import datetime

from django.contrib.auth import get_user_model

from forms.lessons.models import LessonMeasure, LessonStatus
from forms.models import IntegrityReport
from home.models import Department

D = datetime.date

# measure, (subject, received) of the case, department slug or None (municipality-wide),
# owner's demo username, agreed, due, status
LESSONS_2021 = [
    (
        "Voorrang geven aan het brede gesprek over gewenste omgangsvormen op de werkvloer.",
        ("Omgaan met elkaar (agressie op de werkvloer)", D(2021, 9, 6)),
        None,
        "leidinggevende",
        D(2021, 12, 13),
        D(2022, 6, 30),
        LessonStatus.IN_PROGRESS,
    ),
    (
        "Stoppen met het verstrekken van faciliteiten aan medewerkers door medewerkers van de "
        "ondersteunende bedrijfsvoeringsdienst zonder toestemming van hun leidinggevende.",
        ("Omgaan met spullen van de gemeente (misbruik OV-pas)", D(2021, 2, 22)),
        "wi",
        "integriteitsbureau",
        D(2021, 12, 6),
        D(2022, 1, 31),
        LessonStatus.DONE,
    ),
    (
        "Meer controle op het vergoeden van (reis)faciliteiten, zoals OV-passen.",
        ("Omgaan met spullen van de gemeente (misbruik OV-pas)", D(2021, 2, 22)),
        "wi",
        "integriteitsbureau",
        D(2021, 12, 6),
        D(2022, 3, 31),
        LessonStatus.IN_PROGRESS,
    ),
]


def load(log) -> None:
    usernames = [owner for _measure, _case, _slug, owner, *_rest in LESSONS_2021]
    users = {user.username: user for user in get_user_model().objects.filter(username__in=usernames)}
    departments = {department.slug: department for department in Department.objects.all()}
    for measure, (subject, received), slug, owner, agreed, due, status in LESSONS_2021:
        case = IntegrityReport.objects.filter(subject=subject, received_on=received).first()
        LessonMeasure.objects.update_or_create(
            measure=measure,
            defaults={
                "case": case,
                "department": departments.get(slug) if slug else None,
                "owner": users.get(owner),
                "agreed_on": agreed,
                "due_on": due,
                "status": status,
                "finished_on": due if status == LessonStatus.DONE else None,
            },
        )
    log.write(f"  {len(LESSONS_2021)} lessons learned of 2021 (seed section 5.1)")
