"""What the safe-workplace registers hold about a person (portal/subject_data.py): their placement,
their declarations of gifts and outside work, the declarations they decided, reminders sent."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.subject_data import Holding
from safework.models import Declaration, ImprovementAction, ManagerTraining, Placement, ReminderSent, VpdScan


def _placement(user) -> list[dict]:
    return [
        {
            "position": str(placement.position) if placement.position_id else "",
            "manager": placement.manager.get_username() if placement.manager_id else "",
            "source": placement.get_source_display(),
            "updated_on": placement.updated_on,
            "last_screened_on": placement.last_screened_on,
        }
        for placement in Placement.objects.filter(user=user).select_related("position__department", "manager")
    ]


def _erase_placement(user) -> int:
    deleted, _by_model = Placement.objects.filter(user=user).delete()
    return deleted


def _manager_of(user) -> list[dict]:
    return (
        [{"employees": Placement.objects.filter(manager=user).count()}]
        if Placement.objects.filter(manager=user).exists()
        else []
    )


def _erase_manager_of(user) -> int:
    return Placement.objects.filter(manager=user).update(manager=None)


DECLARATION_FIELDS = (
    "reference",
    "kind",
    "submitted_on",
    "giver",
    "value_estimate",
    "received_on",
    "context",
    "organisation",
    "hours_per_month",
    "paid",
    "possible_conflict",
    "status",
    "decision",
    "manager_decision",
    "manager_reasons",
    "conditions",
    "manager_decided_on",
    "office_decision",
    "office_decided_on",
)


def _declarations(user) -> list[dict]:
    return list(Declaration.objects.filter(employee=user).order_by("pk").values(*DECLARATION_FIELDS))


def _decided(user) -> list[dict]:
    """Declarations of others this person decided on or was asked to: the reference and their part only."""
    mine = Q(manager=user) | Q(manager_decided_by=user) | Q(office_decided_by=user)
    return [
        {
            "reference": declaration.reference,
            "as_manager": declaration.manager_id == user.pk,
            "decided_as_manager": declaration.manager_decided_by_id == user.pk,
            "decided_as_office": declaration.office_decided_by_id == user.pk,
        }
        for declaration in Declaration.objects.filter(mine).order_by("pk")
    ]


def _reminders(user) -> list[dict]:
    return list(ReminderSent.objects.filter(recipient=user).order_by("pk").values("kind", "sent_on"))


def _erase_reminders(user) -> int:
    deleted, _by_model = ReminderSent.objects.filter(recipient=user).delete()
    return deleted


def _actions(user) -> list[dict]:
    return [
        {
            "department": str(action.scan.department),
            "theme": action.get_theme_display(),
            "description": action.description,
            "due_on": action.due_on,
            "status": action.get_status_display(),
            "completed_on": action.completed_on,
        }
        for action in ImprovementAction.objects.filter(owner=user)
        .select_related("scan__department")
        .order_by("pk")
    ]


def _erase_actions(user) -> int:
    return ImprovementAction.objects.filter(owner=user).update(owner=None)


def _training(user) -> list[dict]:
    return [
        {"programme": training.get_programme_display(), "completed_on": training.completed_on}
        for training in ManagerTraining.objects.filter(manager=user).order_by("pk")
    ]


def _erase_training(user) -> int:
    deleted, _by_model = ManagerTraining.objects.filter(manager=user).delete()
    return deleted


def _recorded(user) -> list[dict]:
    """Records this person entered for others: how many, not whose (the records are about others)."""
    counts = {
        "vpd_scans": VpdScan.objects.filter(recorded_by=user).count(),
        "manager_trainings": ManagerTraining.objects.filter(recorded_by=user).count(),
    }
    return [counts] if any(counts.values()) else []


def _erase_recorded(user) -> int:
    return VpdScan.objects.filter(recorded_by=user).update(recorded_by=None) + ManagerTraining.objects.filter(
        recorded_by=user
    ).update(recorded_by=None)


_REGISTER = _(
    "Wettelijke plicht (Ambtenarenwet art. 8, AVG art. 17 lid 3 sub b): het register van geschenken en "
    "nevenwerk blijft 5 jaar na het besluit bewaard en wordt dan geanonimiseerd (safework.declarations)."
)

HOLDINGS = [
    Holding(
        name="safework.placement",
        label=_("Functie en plaatsing"),
        covers=("safework.Placement.user",),
        collect=_placement,
        erase=_erase_placement,
    ),
    Holding(
        name="safework.manager_of",
        label=_("Leidinggevende van medewerkers"),
        covers=("safework.Placement.manager",),
        collect=_manager_of,
        erase=_erase_manager_of,
    ),
    Holding(
        name="safework.declarations",
        label=_("Meldingen van geschenken en nevenwerk"),
        covers=("safework.Declaration.employee",),
        collect=_declarations,
        erase=None,
        kept_because=_REGISTER,
    ),
    Holding(
        name="safework.decisions",
        label=_("Besluiten over meldingen van anderen"),
        covers=(
            "safework.Declaration.manager",
            "safework.Declaration.manager_decided_by",
            "safework.Declaration.office_decided_by",
        ),
        collect=_decided,
        erase=None,
        kept_because=_REGISTER,
    ),
    Holding(
        name="safework.reminders",
        label=_("Verstuurde herinneringen"),
        covers=("safework.ReminderSent.recipient",),
        collect=_reminders,
        erase=_erase_reminders,
    ),
    Holding(
        name="safework.improvement_actions",
        label=_("Verbeteracties uit VPD-scans"),
        covers=("safework.ImprovementAction.owner",),
        collect=_actions,
        erase=_erase_actions,
        kept_because=_(
            "De actie zelf blijft zonder eigenaar: ze hoort bij de risico-inventarisatie van de werkgever "
            "(Arbowet art. 5) en vervalt met de scan (safework.vpd_scans)."
        ),
    ),
    Holding(
        name="safework.manager_training",
        label=_("Integriteitstraining als leidinggevende"),
        covers=("safework.ManagerTraining.manager",),
        collect=_training,
        erase=_erase_training,
    ),
    Holding(
        name="safework.recorded_by",
        label=_("Door deze persoon vastgelegde scans en trainingen"),
        covers=("safework.VpdScan.recorded_by", "safework.ManagerTraining.recorded_by"),
        collect=_recorded,
        erase=_erase_recorded,
    ),
]
