"""Recording and correcting the dated protocol events of a case (`forms.case_events`).

The guards follow the investigation protocol: nothing before the receipt is acknowledged; the
director's decision only once the preliminary inquiry was put to them; the events of a fact-finding
investigation only when the director decided on one; each event after the one the protocol puts
before it (and, when corrected, not after the one that follows). The case row is locked, so two
officers recording at once cannot both pass the checks; the event, its document and the audit entry
are saved together or not at all.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms import audit
from forms.attachments import CleanFile
from forms.case_events import CaseEvent, EventKind
from forms.crypto import encrypt_bytes
from forms.models import IntegrityReport, Investigation, Status

# The events of a fact-finding investigation; a case without one skips them.
FACT_FINDING_KINDS = (
    EventKind.INVESTIGATORS,
    EventKind.DRAFT_REPORT,
    EventKind.HEARING,
    EventKind.FINAL_REPORT,
)
# States in which the inquiry has not yet gone to the director.
BEFORE_DECISION = (Status.RECEIVED, Status.ACKNOWLEDGED, Status.INQUIRY)
NO_FACT_FINDING = _(
    "In deze zaak loopt geen feitenonderzoek: zet eerst de stap “Directeur besluit tot feitenonderzoek”."
)


class EventRefused(Exception):
    """An event that breaks a guard; `field` names the form field it concerns (None: the whole form)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def has_fact_finding(report: IntegrityReport) -> bool:
    return report.investigation == Investigation.FEITENONDERZOEK


def order(report: IntegrityReport) -> list[str]:
    """The kinds of event that apply to this case, in the protocol's order."""
    kinds = list(EventKind)
    if not has_fact_finding(report):
        kinds = [kind for kind in kinds if kind not in FACT_FINDING_KINDS]
    return kinds


def _label(kind: str) -> str:
    return EventKind(kind).label


def check(report: IntegrityReport, kind: str, on: datetime.date, recorded: dict[str, datetime.date]) -> None:
    """Raise EventRefused when `kind` on day `on` breaks the protocol; `recorded` maps the case's other
    recorded kinds to their dates."""
    if report.acknowledged_on is None:
        raise EventRefused(_("Bevestig eerst de ontvangst van de melding."))
    if kind == EventKind.DECISION and report.status in BEFORE_DECISION:
        raise EventRefused(_("Leg het vooronderzoek eerst voor aan de directeur."))
    if kind in FACT_FINDING_KINDS and not has_fact_finding(report):
        raise EventRefused(NO_FACT_FINDING)
    if on > timezone.localdate():
        raise EventRefused(_("Een datum in de toekomst kan niet."), "on")
    if on < report.received_on:
        raise EventRefused(_("Deze datum ligt vóór de ontvangst van de melding."), "on")
    kinds = order(report)
    position = kinds.index(kind)
    if position > 0:
        before = kinds[position - 1]
        if before not in recorded:
            raise EventRefused(_("Leg eerst vast: %(event)s.") % {"event": _label(before)})
        if on < recorded[before]:
            raise EventRefused(
                _("Deze datum ligt vóór %(event)s (%(day)s).")
                % {"event": _label(before).lower(), "day": recorded[before].isoformat()},
                "on",
            )
    for after in kinds[position + 1 :]:
        if after in recorded and on > recorded[after]:
            raise EventRefused(
                _("Deze datum ligt na %(event)s (%(day)s).")
                % {"event": _label(after).lower(), "day": recorded[after].isoformat()},
                "on",
            )


def save_event(
    report: IntegrityReport,
    kind: str,
    *,
    user,
    on: datetime.date,
    note: str = "",
    document: CleanFile | None = None,
) -> CaseEvent:
    """Record the event, or correct it when the case has one of this kind already. All or nothing."""
    if kind not in EventKind.values:
        raise EventRefused(_("Deze gebeurtenis bestaat niet."))
    with transaction.atomic():
        locked = IntegrityReport.objects.select_for_update().get(pk=report.pk)
        events = {event.kind: event for event in CaseEvent.objects.filter(report=locked)}
        existing = events.pop(kind, None)
        check(locked, kind, on, {other: event.on for other, event in events.items()})
        today = timezone.localdate()
        event = existing or CaseEvent(report=locked, kind=kind, recorded_by=user, recorded_on=today)
        before = {"datum": existing.on.isoformat()} if existing else None
        event.on, event.note = on, note
        if document is not None:
            event.document_name = document.name
            event.document_type = document.content_type
            event.document_size = document.size
            event.document_pages = document.pages
            event.document_data = encrypt_bytes(document.data)
        event.save()
        detail = {"gebeurtenis": kind, "datum": on.isoformat(), "document": event.has_document}
        if existing is None:
            audit.record("protocolgebeurtenis vastgelegd", user=user, report=locked, detail=detail)
        else:
            detail.update(van=before["datum"], nieuw_document=document is not None)
            audit.record("protocolgebeurtenis gewijzigd", user=user, report=locked, detail=detail)
    return event
