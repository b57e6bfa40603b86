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


Due = list[tuple[IntegrityReport, str, str]]


def due_protocol_deadlines(
    today: datetime.date, days_ahead: int = 2
) -> list[tuple[IntegrityReport, str, str]]:
    """(case, timer key, line) per protocol deadline (`forms.protocol_timers`) of an open case that has
    passed or falls within `days_ahead` days and has not been met. References and dates only."""
    from forms import protocol_timers

    horizon = today + datetime.timedelta(days=days_ahead)
    cases = protocol_timers.with_dates(IntegrityReport.objects.filter(timers.open_cases()))
    due = []
    for report in cases.order_by("received_on", "pk"):
        for state in protocol_timers.states(report, today):
            if state.due_on is None or state.ended_on is not None or state.due_on > horizon:
                continue
            line = _("%(ref)s: %(deadline)s vóór %(day)s (%(state)s, protocol: %(rule)s)") % {
                "ref": report.reference,
                "deadline": str(state.label).lower(),
                "day": state.due_on.isoformat(),
                "state": _("verlopen") if state.overdue else _("bijna verlopen"),
                "rule": state.timer.rule,
            }
            due.append((report, state.timer.key, line))
    return due


def claim_for_today(due: Due, today: datetime.date) -> list[str]:
    """The lines of `due` not yet listed in a reminder today. The unique key on (case, timer, day)
    decides across workers and repeated runs; claims of earlier days are removed."""
    from django.db import IntegrityError, transaction

    from forms.case_events import ProtocolReminderClaim

    ProtocolReminderClaim.objects.filter(on__lt=today).delete()
    lines = []
    for report, key, line in due:
        try:
            with transaction.atomic():
                ProtocolReminderClaim.objects.create(report=report, timer=key, on=today)
        except IntegrityError:
            continue  # listed today already
        lines.append(line)
    return lines
