"""Mail about declarations. Only the opaque reference and a link: never what was declared."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.mail import send_mail_later
from portal.roles import Role


def _link(declaration) -> str:
    with translation.override("nl"):
        path = reverse("safework:declaration_detail", args=[declaration.reference])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def office_addresses() -> list[str]:
    users = get_user_model().objects.filter(groups__name=str(Role.INTEGRITY_OFFICE), is_active=True)
    return list(users.values_list("email", flat=True))


def _send(subject: str, lines: list[str], recipients) -> int:
    return send_mail_later(subject, "\n\n".join(lines) + "\n", recipients)


def declaration_submitted(declaration) -> int:
    """The manager (or, without one, the office) is asked to decide before the due date."""
    recipients = [declaration.manager.email] if declaration.manager_id else office_addresses()
    with translation.override("nl"):
        subject = _("Melding %(reference)s wacht op je besluit") % {"reference": declaration.reference}
        lines = [
            _("Een medewerker heeft melding %(reference)s gedaan. Neem uiterlijk %(due)s een besluit.")
            % {"reference": declaration.reference, "due": declaration.decision_due.strftime("%d-%m-%Y")},
            _link(declaration),
        ]
    return _send(subject, lines, recipients)


def second_opinion_needed(declaration) -> int:
    with translation.override("nl"):
        subject = _("Tweede oordeel gevraagd over melding %(reference)s") % {
            "reference": declaration.reference
        }
        lines = [
            _(
                "De leidinggevende heeft besloten over melding %(reference)s. Bij deze functie is het "
                "tweede oordeel van het integriteitsbureau nodig."
            )
            % {"reference": declaration.reference},
            _link(declaration),
        ]
    return _send(subject, lines, office_addresses())


def decision_made(declaration) -> int:
    if not (declaration.employee_id and declaration.employee.email):
        return 0
    with translation.override("nl"):
        subject = _("Besluit over je melding %(reference)s") % {"reference": declaration.reference}
        lines = [
            _("Er is besloten over je melding %(reference)s. Lees het besluit in het portaal:")
            % {"reference": declaration.reference},
            _link(declaration),
        ]
    return _send(subject, lines, [declaration.employee.email])
