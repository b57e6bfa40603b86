"""The statutory deadlines of a report (Wet bescherming klokkenluiders; EU Directive 2019/1937 art. 9).

- Acknowledge within 7 days of receipt.
- Give feedback within three calendar months of the acknowledgement or, when none was sent, of the
  end of those 7 days. Calendar months with `dateutil.relativedelta`: 30 November + 3 months is
  28 February (29 in a leap year), never "92 days".

A deadline day itself is still in time; the day after it is overdue. The list filter turns the same
rule into a date bound, so the filter and the case screen always agree.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Q

ACKNOWLEDGE_WITHIN = datetime.timedelta(days=7)
FEEDBACK_WITHIN = relativedelta(months=3)


def acknowledge_by(received_on: datetime.date) -> datetime.date:
    return received_on + ACKNOWLEDGE_WITHIN


def feedback_by(received_on: datetime.date, acknowledged_on: datetime.date | None) -> datetime.date:
    start = acknowledged_on if acknowledged_on is not None else acknowledge_by(received_on)
    return start + FEEDBACK_WITHIN


def _earliest_start_in_time(today: datetime.date) -> datetime.date:
    """The first start date whose feedback deadline is today or later (start + 3 months >= today).

    `start + 3 months` never decreases as start grows, so everything before this bound is overdue.
    """
    start = today - FEEDBACK_WITHIN - datetime.timedelta(days=4)
    while start + FEEDBACK_WITHIN >= today:  # never taken (at most 3 days collapse at a month end)
        start -= datetime.timedelta(days=1)
    while start + FEEDBACK_WITHIN < today:
        start += datetime.timedelta(days=1)
    return start


def open_cases() -> Q:
    from forms.case_flow import CLOSED_STATES

    return Q(closed_on__isnull=True) & ~Q(status__in=CLOSED_STATES)


def acknowledgement_overdue(today: datetime.date) -> Q:
    return open_cases() & Q(acknowledged_on__isnull=True, received_on__lt=today - ACKNOWLEDGE_WITHIN)


def feedback_overdue(today: datetime.date) -> Q:
    bound = _earliest_start_in_time(today)
    late = Q(acknowledged_on__isnull=False, acknowledged_on__lt=bound) | Q(
        acknowledged_on__isnull=True, received_on__lt=bound - ACKNOWLEDGE_WITHIN
    )
    return open_cases() & Q(feedback_on__isnull=True) & late


def overdue(today: datetime.date) -> Q:
    return acknowledgement_overdue(today) | feedback_overdue(today)
