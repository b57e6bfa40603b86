"""Tell the team's manager that a colleague asked for aftercare after an incident.

The message carries only the opaque reference, that aftercare is requested, and a link: no
description, location, type or name. The manager reads the rest in the portal's team list.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.mail import send_mail_later
from vpd.team_incidents import managers_of


def notify_team_managers(incident) -> int:
    recipients = list(managers_of(incident).exclude(pk=incident.reporter_id).values_list("email", flat=True))
    if not recipients:
        return 0
    with translation.override("nl"):
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "vpd:team_incident_detail", args=[incident.reference]
        )
        subject = _("Nazorg gevraagd na incident %(reference)s") % {"reference": incident.reference}
        body = (
            _(
                "In je team is incident %(reference)s geregistreerd. De collega heeft om nazorg "
                "gevraagd. Bespreek de nazorg en de dadergerichte aanpak; lees het incident in het portaal:"
            )
            % {"reference": incident.reference}
            + "\n\n"
            + link
            + "\n"
        )
    return send_mail_later(subject, body, recipients)
