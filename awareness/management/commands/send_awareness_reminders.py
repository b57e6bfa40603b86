"""Daily job: remind registered colleagues the day before a session, and ask attendees of
yesterday's sessions for an evaluation. Idempotent: each registration is claimed with a
conditional update before its e-mail goes out, so runs (even overlapping ones) never mail twice."""

import datetime

from django.db import transaction
from django.utils import timezone

from awareness import services
from awareness.models import Registration
from portal.scheduled import ScheduledCommand


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


class Command(ScheduledCommand):
    help = "Send tomorrow's session reminders and yesterday's evaluation requests (run once a day)."

    def run(self, **options):
        today = timezone.localdate()
        confirmed = Registration.objects.filter(
            status=Registration.Status.CONFIRMED, session__cancelled=False
        ).select_related("session__item")

        start, end = day_bounds(today + datetime.timedelta(days=1))
        reminders = 0
        for registration in confirmed.filter(
            session__start__gte=start, session__start__lt=end, reminder_sent_at=None
        ):
            # The mark and the queued mail commit together (portal/mail.py), or neither does.
            with transaction.atomic():
                if Registration.objects.filter(pk=registration.pk, reminder_sent_at=None).update(
                    reminder_sent_at=timezone.now()
                ):
                    services.send_reminder_email(registration)
                    reminders += 1

        start, end = day_bounds(today - datetime.timedelta(days=1))
        requests = 0
        for registration in confirmed.filter(
            session__end__gte=start, session__end__lt=end, evaluation_requested_at=None
        ).exclude(attended=False):
            with transaction.atomic():
                if Registration.objects.filter(pk=registration.pk, evaluation_requested_at=None).update(
                    evaluation_requested_at=timezone.now()
                ):
                    services.send_evaluation_request(registration)
                    requests += 1
        self.stdout.write(f"{reminders} reminders, {requests} evaluation requests sent")
