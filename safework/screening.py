"""Periodic screening: which employees are due, by their position's profile and its screening rule."""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from safework.models import Placement, ScreeningRule


def due_for_rescreening(today: datetime.date | None = None) -> list[tuple[Placement, datetime.date | None]]:
    """(placement, due date) for everyone whose profile rescreens periodically and whose last
    screening is that long ago (or never recorded: due date None), earliest first."""
    today = today or timezone.localdate()
    intervals = dict(
        ScreeningRule.objects.filter(rescreen_months__isnull=False).values_list("profile", "rescreen_months")
    )
    placements = Placement.objects.filter(position__screening_profile__in=list(intervals)).select_related(
        "user", "position__department"
    )
    due = []
    for placement in placements:
        months = intervals[placement.position.screening_profile]
        if placement.last_screened_on is None:
            due.append((placement, None))
            continue
        due_on = placement.last_screened_on + relativedelta(months=months)
        if due_on <= today:
            due.append((placement, due_on))
    return sorted(due, key=lambda item: (item[1] or datetime.date.min, item[0].user.username))
