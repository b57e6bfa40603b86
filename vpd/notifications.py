"""The aftercare notification to the peer-support team. It never contains the incident's description."""

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from portal.mail import send_mail_later
from portal.roles import Role
from vpd.models import Incident


def peer_support_addresses() -> list[str]:
    users = get_user_model().objects.filter(groups__name=str(Role.PEER_SUPPORT), is_active=True)
    return sorted({email for email in users.values_list("email", flat=True) if email})


def notify_peer_support(incident: Incident) -> int:
    """Tell the peer-support team that a colleague wants aftercare: who, when, where in the organisation."""
    recipients = peer_support_addresses()
    if not recipients:
        return 0
    with override("nl"):
        subject = _("Nazorg gevraagd na incident %(reference)s") % {"reference": incident.reference}
        body = render_to_string("vpd/email/aftercare_notification.txt", {"incident": incident})
    return send_mail_later(subject, body, recipients, confidential=True)  # names a colleague
