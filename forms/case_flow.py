"""The investigation protocol as a state machine: one table of steps, the guards, and `apply`.

A case moves only through `TRANSITIONS`; nothing else writes `IntegrityReport.status`. Each step may
set the statistics fields (investigation, conclusion, consequence) so that every state maps to the
categories of the annual figures explicitly (`STATISTICS_OF`; docs/integrity-reports.md, "Zaak-
behandeling"). Every step is stored as a `CaseTransition` (who, when, note) and written to the audit
log. Migrated cases keep the statistics fields they had: the guards apply to steps, not to history.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from forms import audit, task_checklists
from forms.models import CaseTransition, Conclusion, Consequence, IntegrityReport, Investigation, Status

# The states a case can no longer leave: the protocol's end and its side exits.
CLOSED_STATES = frozenset({Status.CLOSED, Status.REFERRED, Status.NO_FURTHER_ACTION})

# Conclusions that end an investigation (not "still under investigation").
FINAL_CONCLUSIONS = (Conclusion.SCHENDING, Conclusion.GEEN_SCHENDING, Conclusion.NIET_VASTGESTELD)
# Consequences that may follow an established violation; "nog te bepalen" only until closing.
VIOLATION_CONSEQUENCES = (
    Consequence.GEEN,
    Consequence.WAARSCHUWING,
    Consequence.ANDERE_MAATREGEL,
    Consequence.NOG_TE_BEPALEN,
)


class TransitionRefused(Exception):
    """A step that is not allowed now, or whose input breaks a guard. `field` names the form field."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Transition:
    name: str  # stable slug, used in URLs, the transition records and the audit log
    label: str
    sources: tuple[str, ...]
    target: str
    # Statistics fields this step sets (the explicit mapping of states to categories).
    sets: dict = field(default_factory=dict)
    # Extra input the step asks for: "conclusion" and/or "consequence".
    asks: tuple[str, ...] = ()
    # The date the step stores on the case (besides its transition record).
    date_field: str | None = None
    date_label: str = _("Datum")


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "bevestigen",
        _("Ontvangst bevestigen"),
        (Status.RECEIVED,),
        Status.ACKNOWLEDGED,
        date_field="acknowledged_on",
        date_label=_("Ontvangst bevestigd op"),
    ),
    Transition(
        "vooronderzoek",
        _("Vooronderzoek starten"),
        (Status.ACKNOWLEDGED,),
        Status.INQUIRY,
        sets={
            "investigation": Investigation.VOORONDERZOEK,
            "conclusion": Conclusion.IN_ONDERZOEK,
            "consequence": Consequence.NIET_VAN_TOEPASSING,
        },
    ),
    Transition(
        "voorleggen",
        _("Voorleggen aan de directeur (besluit over feitenonderzoek)"),
        (Status.INQUIRY,),
        Status.DECISION,
    ),
    Transition(
        "feitenonderzoek",
        _("Directeur besluit tot feitenonderzoek"),
        (Status.DECISION,),
        Status.FACT_FINDING,
        sets={"investigation": Investigation.FEITENONDERZOEK},
    ),
    Transition(
        "hoor-en-wederhoor",
        _("Hoor en wederhoor"),
        (Status.FACT_FINDING,),
        Status.HEARING,
    ),
    Transition(
        "conclusie",
        _("Conclusie vaststellen"),
        (Status.HEARING,),
        Status.CONCLUDED,
        asks=("conclusion", "consequence"),
    ),
    Transition(
        "conclusie-vooronderzoek",
        _("Geen feitenonderzoek: conclusie uit het vooronderzoek"),
        (Status.DECISION,),
        Status.CONCLUDED,
        asks=("conclusion", "consequence"),
    ),
    Transition(
        "afsluiten",
        _("Zaak afsluiten"),
        (Status.CONCLUDED,),
        Status.CLOSED,
        asks=("consequence",),
        date_field="closed_on",
        date_label=_("Afgesloten op"),
    ),
    Transition(
        "doorverwijzen",
        _("Doorverwijzen (zijuitgang)"),
        (Status.ACKNOWLEDGED, Status.INQUIRY, Status.DECISION),
        Status.REFERRED,
        sets={
            "investigation": Investigation.VOORONDERZOEK,
            "conclusion": Conclusion.NIET_VASTGESTELD,
            "consequence": Consequence.NIET_VAN_TOEPASSING,
        },
        date_field="closed_on",
        date_label=_("Afgesloten op"),
    ),
    Transition(
        "geen-vervolg",
        _("Geen vervolg (zijuitgang)"),
        (Status.INQUIRY, Status.DECISION),
        Status.NO_FURTHER_ACTION,
        sets={
            "investigation": Investigation.VOORONDERZOEK,
            "conclusion": Conclusion.NIET_VASTGESTELD,
            "consequence": Consequence.GEEN,
        },
        date_field="closed_on",
        date_label=_("Afgesloten op"),
    ),
)

BY_NAME = {transition.name: transition for transition in TRANSITIONS}

# What the annual figures count for a case in each state (docs/integrity-reports.md). "—" means the
# field is left empty; "chosen" means the office chooses at that step within the guards.
STATISTICS_OF = {
    Status.RECEIVED: ("—", "—", "—"),
    Status.ACKNOWLEDGED: ("—", "—", "—"),
    Status.INQUIRY: (Investigation.VOORONDERZOEK, Conclusion.IN_ONDERZOEK, Consequence.NIET_VAN_TOEPASSING),
    Status.DECISION: (Investigation.VOORONDERZOEK, Conclusion.IN_ONDERZOEK, Consequence.NIET_VAN_TOEPASSING),
    Status.FACT_FINDING: (
        Investigation.FEITENONDERZOEK,
        Conclusion.IN_ONDERZOEK,
        Consequence.NIET_VAN_TOEPASSING,
    ),
    Status.HEARING: (Investigation.FEITENONDERZOEK, Conclusion.IN_ONDERZOEK, Consequence.NIET_VAN_TOEPASSING),
    Status.CONCLUDED: ("unchanged", "chosen", "chosen"),
    Status.CLOSED: ("unchanged", "unchanged", "chosen"),
    Status.REFERRED: (
        Investigation.VOORONDERZOEK,
        Conclusion.NIET_VASTGESTELD,
        Consequence.NIET_VAN_TOEPASSING,
    ),
    Status.NO_FURTHER_ACTION: (Investigation.VOORONDERZOEK, Conclusion.NIET_VASTGESTELD, Consequence.GEEN),
}

# What the reporter reads on the follow-up page: the steps inside the office are not theirs to see.
_IN_PROGRESS = _("In behandeling")
REPORTER_LABELS = {
    Status.RECEIVED: _("Ontvangen"),
    Status.ACKNOWLEDGED: _("Ontvangst bevestigd"),
    Status.INQUIRY: _IN_PROGRESS,
    Status.DECISION: _IN_PROGRESS,
    Status.FACT_FINDING: _IN_PROGRESS,
    Status.HEARING: _IN_PROGRESS,
    Status.CONCLUDED: _IN_PROGRESS,
    Status.CLOSED: _("Afgesloten"),
    Status.REFERRED: _("Afgesloten (doorverwezen)"),
    Status.NO_FURTHER_ACTION: _("Afgesloten"),
}


def allowed(report: IntegrityReport) -> list[Transition]:
    """The steps open from the case's state now (the buttons the admin shows)."""
    return [transition for transition in TRANSITIONS if report.status in transition.sources]


def is_closed_state(status: str) -> bool:
    return status in CLOSED_STATES


def _check_date(report: IntegrityReport, day: datetime.date, today: datetime.date) -> None:
    if day > today:
        raise TransitionRefused(_("Een datum in de toekomst kan niet."), "on")
    if day < report.received_on:
        raise TransitionRefused(_("Deze datum ligt vóór de ontvangst van de melding."), "on")
    latest = report.transitions.order_by("-on").values_list("on", flat=True).first()
    if latest and day < latest:
        raise TransitionRefused(
            _("Deze datum ligt vóór de vorige stap (%(day)s).") % {"day": latest.isoformat()}, "on"
        )


def _check_open_tasks(report: IntegrityReport, transition: Transition) -> None:
    """No closing (nor a side exit) while a mandatory task of the case's checklist is open."""
    if transition.target not in CLOSED_STATES:
        return
    titles = list(task_checklists.open_mandatory(report).values_list("title", flat=True))
    if titles:
        raise TransitionRefused(
            ngettext(
                "De zaak kan nog niet worden afgesloten: %(count)s verplichte taak staat open (%(titles)s). "
                "Vink die eerst af.",
                "De zaak kan nog niet worden afgesloten: %(count)s verplichte taken staan open (%(titles)s). "
                "Vink die eerst af.",
                len(titles),
            )
            % {"count": len(titles), "titles": "; ".join(titles)}
        )


def _outcome(transition: Transition, report: IntegrityReport, conclusion: str, consequence: str) -> dict:
    """The statistics fields after the step, checked against the protocol's guards."""
    values = dict(transition.sets)
    if "conclusion" in transition.asks:
        if conclusion not in FINAL_CONCLUSIONS:
            raise TransitionRefused(_("Kies de conclusie."), "conclusion")
        values["conclusion"] = conclusion
    final_conclusion = values.get("conclusion", report.conclusion)
    if "consequence" in transition.asks:
        if final_conclusion == Conclusion.SCHENDING:
            consequence = consequence or (
                report.consequence if report.consequence in VIOLATION_CONSEQUENCES else ""
            )
            if consequence not in VIOLATION_CONSEQUENCES:
                raise TransitionRefused(_("Kies het gevolg van de vastgestelde schending."), "consequence")
        elif consequence not in ("", Consequence.GEEN):
            raise TransitionRefused(
                _("Een gevolg is er alleen als een integriteitsschending is vastgesteld."), "consequence"
            )
        else:
            consequence = Consequence.GEEN
        if transition.target in CLOSED_STATES and consequence == Consequence.NOG_TE_BEPALEN:
            raise TransitionRefused(
                _("Het gevolg is nog niet bepaald: leg het vast voordat de zaak wordt afgesloten."),
                "consequence",
            )
        values["consequence"] = consequence
    if transition.target == Status.CLOSED and final_conclusion not in FINAL_CONCLUSIONS:
        raise TransitionRefused(_("Een zaak wordt pas afgesloten na een conclusie."))
    return values


def apply(
    report: IntegrityReport,
    name: str,
    *,
    user,
    on: datetime.date | None = None,
    note: str = "",
    conclusion: str = "",
    consequence: str = "",
) -> CaseTransition:
    """Take step `name` on the case: check it, change the case, record it and audit it, or nothing.

    The case row is locked first, so two officers clicking at once cannot both move it.
    """
    transition = BY_NAME.get(name)
    if transition is None:
        raise TransitionRefused(_("Deze stap bestaat niet."))
    today = timezone.localdate()
    on = on or today
    with transaction.atomic():
        locked = IntegrityReport.objects.select_for_update().get(pk=report.pk)
        if locked.status not in transition.sources:
            raise TransitionRefused(
                _("Deze stap kan niet vanuit de status “%(status)s”.")
                % {"status": locked.get_status_display()}
            )
        if transition.target not in (Status.ACKNOWLEDGED,) and locked.acknowledged_on is None:
            # Also holds for migrated cases: no investigation or outcome without an acknowledgement.
            raise TransitionRefused(_("Bevestig eerst de ontvangst van de melding."))
        _check_date(locked, on, today)
        _check_open_tasks(locked, transition)
        values = _outcome(transition, locked, conclusion, consequence)
        if transition.date_field:
            values[transition.date_field] = on
        previous = locked.status
        values["status"] = transition.target
        for field_name, value in values.items():
            setattr(locked, field_name, value)
        locked.save(update_fields=list(values))
        record = CaseTransition.objects.create(
            report=locked,
            name=transition.name,
            source=previous,
            target=transition.target,
            by=user,
            on=on,
            note=note,
        )
        audit.record(
            "stap gezet",
            user=user,
            report=locked,
            detail={
                "stap": transition.name,
                "van": previous,
                "naar": transition.target,
                "datum": on.isoformat(),
            },
        )
    for field_name, value in values.items():
        setattr(report, field_name, value)
    return record
