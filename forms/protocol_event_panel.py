"""What the case screen shows of the dated protocol events and the protocol's deadlines."""

import datetime

from django.db.models import prefetch_related_objects

from forms import protocol_events, protocol_timers
from forms.case_events import EventKind
from forms.models import IntegrityReport


def context(report: IntegrityReport, today: datetime.date) -> dict:
    prefetch_related_objects([report], "transitions", protocol_timers.events_without_content())
    recorded = {event.kind: event for event in report.protocol_events.all()}
    rows = [
        {"kind": kind, "label": EventKind(kind).label, "event": recorded.get(kind)}
        for kind in protocol_events.order(report)
    ]
    return {
        "protocol_events": rows,
        "protocol_timers": protocol_timers.states(report, today),
    }
