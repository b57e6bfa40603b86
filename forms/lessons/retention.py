"""Retention of the lessons-learned register: the owner is the one personal datum it keeps.

A finished measure (done or cancelled) forgets its owner once the period has passed since it was
finished. Text, status, dates, department and the case link stay: the statistics count the
measures and the annual report lists them (forms/lessons/figures.py), so published figures never
change. The measure's text names no person (the form refuses case references; the office writes it
for the annual report).
"""

import datetime

from django.utils import timezone

from forms.lessons.models import FINISHED, LessonMeasure
from portal.retention import RetentionRule


def purge_lesson_owners(cutoff: datetime.datetime) -> int:
    """Measures finished before the cutoff's day lose their owner."""
    return LessonMeasure.objects.filter(
        status__in=FINISHED, finished_on__lt=cutoff.date(), owner__isnull=False
    ).update(owner=None, owner_purged_on=timezone.localdate())


RULES = [
    RetentionRule(
        name="forms.lessons",
        description="Lessons learned (organisational measures from cases): the owner is removed once the "
        "measure has been finished for the period; text, status, dates, department and case link stay.",
        setting="PORTAL_RETENTION_LESSONS_DAYS",
        default_days=5 * 365,
        purge=purge_lesson_owners,
    ),
]
