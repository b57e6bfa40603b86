"""What the safe-workplace registers hold about a person (portal/subject_data.py): their placement,
their declarations of gifts and outside work, the declarations they decided, reminders sent."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.subject_data import Holding
from safework.models import Declaration, Placement, ReminderSent


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
]
