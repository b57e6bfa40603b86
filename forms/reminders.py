"""Which case deadlines need attention on a given day (for the daily reminder)."""

import datetime

from django.utils.translation import gettext as _

from forms import timers
from forms.models import IntegrityReport


def due_cases(today: datetime.date, days_ahead: int = 2) -> list[str]:
    """One line per deadline that has passed or falls within `days_ahead` days, and per unacknowledged
    report: reference and date only. The deadlines are the statutory ones of `forms.timers`."""
    horizon = today + datetime.timedelta(days=days_ahead)
    lines = []
    for report in IntegrityReport.objects.filter(timers.open_cases()).order_by("received_on", "pk"):
        # Every unacknowledged report is listed (a new one should not wait until its deadline nears).
        if report.acknowledged_on is None:
            state = (
                _("verlopen")
                if report.acknowledge_by < today
                else _("bijna verlopen")
                if report.acknowledge_by <= horizon
                else _("nieuw")
            )
            lines.append(
                _("%(ref)s: ontvangst bevestigen vóór %(day)s (%(state)s)")
                % {"ref": report.reference, "day": report.acknowledge_by.isoformat(), "state": state}
            )
        if report.feedback_on is None and report.feedback_by <= horizon:
            state = _("verlopen") if report.feedback_by < today else _("bijna verlopen")
            lines.append(
                _("%(ref)s: terugkoppeling geven vóór %(day)s (%(state)s)")
                % {"ref": report.reference, "day": report.feedback_by.isoformat(), "state": state}
            )
    return lines
