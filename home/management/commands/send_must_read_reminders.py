"""Remind employees once of a must-read version of the code of conduct they have not confirmed,
`PORTAL_MUST_READ_REMINDER_DAYS` after it asked for confirmation (or after they joined). Daily.

Idempotent: one reminder per person and version (`home.MustReadReminder`, unique), also when it
runs twice or on two hosts at once.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from home.models import MustReadReminder
from home.must_read import must_read_items, people_to_remind
from portal.mail import send_mail_later
from portal.scheduled import ScheduledCommand


class Command(ScheduledCommand):
    help = "E-mail one reminder to who has not confirmed the code of conduct after the configured days."

    def run(self, **options):
        sent = 0
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        with translation.override(settings.LANGUAGE_CODE):
            for item in must_read_items():
                subject = translation.gettext("Herinnering: bevestig dat je de gedragscode hebt gelezen")
                body = translation.gettext(
                    "Versie %(version)s van de gedragscode vraagt iedereen om te bevestigen dat je hem hebt "
                    "gelezen. Dat heb je nog niet gedaan. Lees hem en bevestig onderaan de pagina:\n\n%(url)s"
                ) % {"version": item.version, "url": base + reverse("home:must_read", args=[item.page_id])}
                for user in people_to_remind(item):
                    try:
                        # The record and the queued mail commit together (or neither does).
                        with transaction.atomic():
                            MustReadReminder.objects.create(
                                user=user, page_id=item.page_id, version=item.version
                            )
                            send_mail_later(subject, body, [user.email])
                    except IntegrityError:  # another run reminded this person first
                        continue
                    sent += 1
        self.stdout.write(f"{sent} reminder(s) sent")
