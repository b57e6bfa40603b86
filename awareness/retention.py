"""Retention rules of the awareness room: session registrations (with evaluations) and introduction
attendance (with the integrity declaration).

The figures count registrations per status, attendance and distinct participants by e-mail address
per year (awareness/figures.py). A purge therefore replaces each e-mail address by a random token,
the same token for the same address within one run, and purges a statistics year only as a whole,
so "distinct participants" of every year stays the same while nothing ties a token to a person.
"""

import datetime
import uuid

from django.db.models import Q
from django.db.models.functions import Coalesce, ExtractYear

from awareness.models import Evaluation, IntroductionAttendance, Registration
from portal.retention import RetentionRule

# The domain of an address that replaced a person's (RFC 2606: never deliverable).
PURGED_DOMAIN = "verwijderd.invalid"


def _token() -> str:
    return f"{uuid.uuid4().hex}@{PURGED_DOMAIN}"


def purge_registrations(cutoff: datetime.datetime) -> int:
    """Registrations of statistics years that ended before the cutoff (the edition's year, or the
    session's year for items outside an edition) lose name, e-mail address and account link; their
    evaluations lose the written answers (the rating stays)."""
    due = (
        Registration.objects.annotate(
            statistics_year=Coalesce("session__item__edition__year", ExtractYear("session__start"))
        )
        .filter(statistics_year__lt=cutoff.year)
        .exclude(email__endswith=f"@{PURGED_DOMAIN}")
    )
    tokens: dict[str, str] = {}
    purged = 0
    for pk, email in due.values_list("pk", "email").order_by("pk"):
        token = tokens.setdefault(email, _token())
        purged += Registration.objects.filter(pk=pk).update(name="", email=token, user=None)
    Evaluation.objects.filter(registration__email__endswith=f"@{PURGED_DOMAIN}").filter(
        ~Q(useful="") | ~Q(comment="")
    ).update(useful="", comment="")
    return purged


def purge_introduction_attendance(cutoff: datetime.datetime) -> int:
    """Attendance at introduction meetings held before the cutoff loses name, e-mail address, account
    link and who administered the declaration; that a declaration was taken, and when, stays."""
    due = IntroductionAttendance.objects.filter(meeting__start__lt=cutoff).exclude(
        email__endswith=f"@{PURGED_DOMAIN}"
    )
    purged = 0
    for pk in due.values_list("pk", flat=True).order_by("pk"):
        purged += IntroductionAttendance.objects.filter(pk=pk).update(
            name="", email=_token(), user=None, administered_by=""
        )
    return purged


RULES = [
    RetentionRule(
        name="awareness.registrations",
        description="Session registrations and evaluations: name, e-mail address, account and written "
        "answers are removed per whole year; status, attendance, department and rating stay.",
        setting="PORTAL_RETENTION_REGISTRATIONS_DAYS",
        default_days=2 * 365,
        purge=purge_registrations,
    ),
    RetentionRule(
        name="awareness.introduction_attendance",
        description="Introduction attendance: name, e-mail address, account and administrator are removed; "
        "the meeting, department, kind and date of the declaration stay.",
        setting="PORTAL_RETENTION_INTRODUCTION_DAYS",
        default_days=7 * 365,
        purge=purge_introduction_attendance,
    ),
]
