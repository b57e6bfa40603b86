"""The deadlines of the investigation protocol, beside the statutory ones of `forms.timers`.

Taken from the protocol's content (home/demo_texts.py, PROTOCOL_STEPS, "Termijn"): the report is
recorded and acknowledged within 5 working days; the preliminary inquiry takes 4 weeks; the director
decides within 2 weeks after it; a fact-finding investigation takes in principle 12 weeks (until the
draft report); the person concerned reacts to the draft within 2 weeks; the director concludes within
4 weeks after the report. A timer starts on the day of a step (`forms.case_flow`) or an event
(`forms.case_events`) and stops with the one that ends it.

As with the statutory timers, the deadline day is still in time and the day after it is overdue; the
list filter turns the same rule into a date bound (`overdue`), so the filter, the case screen, the
dashboard and the reminder always agree. Only open cases run late.
"""

import datetime
import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from forms import timers
from forms.case_events import CaseEvent, EventKind
from forms.models import CaseTransition, IntegrityReport, Investigation
from forms.working_days import add_working_days

RECEIVED, STEP, EVENT, ACKNOWLEDGED = "received", "step", "event", "acknowledged"


@dataclass(frozen=True)
class ProtocolTimer:
    key: str
    label: str
    rule: str  # the protocol's words, shown beside the date
    start: tuple[str, str]  # (RECEIVED | STEP | EVENT, step name or event kind)
    end: tuple[str, str]  # (ACKNOWLEDGED | STEP | EVENT, step name or event kind)
    weeks: int = 0
    working_days: int = 0
    fact_finding_only: bool = False

    def due(self, start: datetime.date) -> datetime.date:
        if self.working_days:
            return add_working_days(start, self.working_days)
        return start + datetime.timedelta(weeks=self.weeks)

    def earliest_start_in_time(self, today: datetime.date) -> datetime.date:
        """The first start day whose deadline is today or later; every earlier start is overdue.

        `due` never decreases as the start grows, so a walk from a bound below finds it.
        """
        if not self.working_days:
            return today - datetime.timedelta(weeks=self.weeks)
        start = today - datetime.timedelta(days=self.working_days * 3 + 14)  # below any holiday run
        while self.due(start) < today:
            start += datetime.timedelta(days=1)
        return start


TIMERS: tuple[ProtocolTimer, ...] = (
    ProtocolTimer(
        "vastleggen",
        _("Melding vastleggen en ontvangst bevestigen"),
        _("binnen 5 werkdagen na ontvangst"),
        (RECEIVED, ""),
        (ACKNOWLEDGED, ""),
        working_days=5,
    ),
    ProtocolTimer(
        "vooronderzoek",
        _("Vooronderzoek afronden"),
        _("binnen 4 weken na de start van het vooronderzoek"),
        (STEP, "vooronderzoek"),
        (STEP, "voorleggen"),
        weeks=4,
    ),
    ProtocolTimer(
        "besluit",
        _("Besluit van de directeur over feitenonderzoek"),
        _("binnen 2 weken na het vooronderzoek"),
        (STEP, "voorleggen"),
        (EVENT, EventKind.DECISION),
        weeks=2,
    ),
    ProtocolTimer(
        "feitenonderzoek",
        _("Feitenonderzoek tot het conceptrapport"),
        _("in principe binnen 12 weken na het besluit"),
        (EVENT, EventKind.DECISION),
        (EVENT, EventKind.DRAFT_REPORT),
        weeks=12,
        fact_finding_only=True,
    ),
    ProtocolTimer(
        "hoor-en-wederhoor",
        _("Hoor en wederhoor op het conceptrapport"),
        _("binnen 2 weken na het conceptrapport"),
        (EVENT, EventKind.DRAFT_REPORT),
        (EVENT, EventKind.HEARING),
        weeks=2,
        fact_finding_only=True,
    ),
    ProtocolTimer(
        "conclusie",
        _("Conclusie van de directeur"),
        _("binnen 4 weken na het rapport"),
        (EVENT, EventKind.FINAL_REPORT),
        (EVENT, EventKind.CONCLUSION),
        weeks=4,
        fact_finding_only=True,
    ),
)
BY_KEY = {timer.key: timer for timer in TIMERS}


@dataclass(frozen=True)
class TimerState:
    timer: ProtocolTimer
    started_on: datetime.date | None
    due_on: datetime.date | None
    ended_on: datetime.date | None
    overdue: bool

    @property
    def label(self):
        return self.timer.label

    @property
    def ended_late(self) -> bool:
        return bool(self.ended_on and self.due_on and self.ended_on > self.due_on)


def _dates(report: IntegrityReport) -> dict[tuple[str, str], datetime.date]:
    """The days the timers hang on, from the case, its steps and its events (prefetched or not)."""
    dates: dict[tuple[str, str], datetime.date] = {(RECEIVED, ""): report.received_on}
    if report.acknowledged_on:
        dates[(ACKNOWLEDGED, "")] = report.acknowledged_on
    for transition in report.transitions.all():
        dates.setdefault((STEP, transition.name), transition.on)
    for event in report.protocol_events.all():
        dates[(EVENT, event.kind)] = event.on
    return dates


def applies(timer: ProtocolTimer, report: IntegrityReport) -> bool:
    return not timer.fact_finding_only or report.investigation == Investigation.FEITENONDERZOEK


def states(report: IntegrityReport, today: datetime.date) -> list[TimerState]:
    """Every timer that applies to the case, started or not, in the protocol's order."""
    dates = _dates(report)
    running = not report.is_closed
    result = []
    for timer in TIMERS:
        if not applies(timer, report):
            continue
        started, ended = dates.get(timer.start), dates.get(timer.end)
        due = timer.due(started) if started else None
        late = bool(running and due and ended is None and today > due)
        result.append(TimerState(timer, started, due, ended, late))
    return result


def _exists(kind: str, name: str, **lookups) -> Q:
    if kind == STEP:
        return Q(Exists(CaseTransition.objects.filter(report=OuterRef("pk"), name=name, **lookups)))
    return Q(Exists(CaseEvent.objects.filter(report=OuterRef("pk"), kind=name, **lookups)))


def _started_before(timer: ProtocolTimer, bound: datetime.date) -> Q:
    kind, name = timer.start
    if kind == RECEIVED:
        return Q(received_on__lt=bound)
    return _exists(kind, name, on__lt=bound)


def _ended(timer: ProtocolTimer) -> Q:
    kind, name = timer.end
    if kind == ACKNOWLEDGED:
        return Q(acknowledged_on__isnull=False)
    return _exists(kind, name)


def timer_overdue(timer: ProtocolTimer, today: datetime.date) -> Q:
    late = _started_before(timer, timer.earliest_start_in_time(today)) & ~_ended(timer)
    if timer.fact_finding_only:
        late &= Q(investigation=Investigation.FEITENONDERZOEK)
    return timers.open_cases() & late


def overdue(today: datetime.date) -> Q:
    """Open cases with at least one protocol deadline passed (one query, as a filter)."""
    return reduce(operator.or_, (timer_overdue(timer, today) for timer in TIMERS))


def events_without_content():
    """A case's events with what the timers and the case screen need: never the documents' bytes."""
    return Prefetch("protocol_events", queryset=CaseEvent.objects.defer("document_data"))


def with_dates(queryset):
    """The queryset with what `states` reads, in three queries whatever its length."""
    return queryset.prefetch_related("transitions", events_without_content())
