"""Daily reminder to the integrity office: cases whose acknowledgement (7 days) or feedback (3 months)
deadline, or a deadline of the investigation protocol (forms/protocol_timers.py), has passed or falls
within the next days. Names references and dates only, never content.
Run it once a day (cron or a scheduler): `manage.py send_integrity_reminders`.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from forms.reminders import claim_for_today, due_cases, due_protocol_deadlines
from portal.mail import send_mail_later
from portal.roles import Role
from portal.scheduled import ScheduledCommand


class Command(ScheduledCommand):
    scheduled_options = ("days_ahead",)
    help = "E-mail the integrity office about overdue and nearly due case deadlines."

    def add_arguments(self, parser):
        parser.add_argument("--days-ahead", type=int, default=2)

    def run(self, days_ahead: int, **options):
        today = timezone.localdate()
        lines = due_cases(today, days_ahead)
        # The protocol's deadlines, each listed once a day however often this runs.
        lines += claim_for_today(due_protocol_deadlines(today, days_ahead), today)
        if not lines:
            self.stdout.write("No deadlines due; no reminder sent.")
            return
        recipients = list(
            get_user_model()
            .objects.filter(is_active=True, groups__name=str(Role.INTEGRITY_OFFICE))
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        with override("nl"):
            subject = _("Integriteitsmeldingen: %(count)s termijnen vragen aandacht") % {"count": len(lines)}
            body = (
                "\n".join(lines)
                + "\n\n"
                + _("Open de zaken in het beheer: %(url)s")
                % {"url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/integriteitsmeldingen/"}
            )
        send_mail_later(subject, body, recipients, confidential=True)  # names case references
        self.stdout.write(f"Reminder with {len(lines)} deadlines sent to {len(recipients)} people.")
