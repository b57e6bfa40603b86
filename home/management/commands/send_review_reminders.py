"""Remind page owners of content pages overdue for review. A scheduler runs this daily.

Idempotent: one reminder per page and review date (recorded in `ReviewReminder`), so running it
twice a day, or every day, sends each owner one email per overdue review.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import translation

from home.models import ReviewReminder
from home.services import overdue_pages
from portal.mail import send_mail_later
from portal.scheduled import ScheduledCommand


def owner_addresses(page) -> list[str]:
    users = []
    if page.owner_user_id and page.owner_user.is_active:
        users.append(page.owner_user)
    if page.owner_group_id:
        users.extend(get_user_model().objects.filter(groups=page.owner_group_id, is_active=True))
    return sorted({user.email for user in users if user.email})


class Command(ScheduledCommand):
    help = "Email the owners of content pages whose review date has passed (once per review date)."

    def run(self, **options):
        already = set(ReviewReminder.objects.values_list("page_id", "review_date"))
        sent = 0
        with translation.override(settings.LANGUAGE_CODE):
            for page in overdue_pages():
                if (page.pk, page.next_review_date) in already:
                    continue
                recipients = owner_addresses(page)
                if not recipients:
                    continue
                subject = translation.gettext("Pagina toe aan herziening: %(title)s") % {"title": page.title}
                body = translation.gettext(
                    "De pagina '%(title)s' had uiterlijk %(date)s herzien moeten worden. "
                    "Wil je de inhoud controleren en een nieuwe herzieningsdatum instellen?\n\n%(url)s"
                ) % {
                    "title": page.title,
                    "date": page.next_review_date.strftime("%d-%m-%Y"),
                    "url": page.full_url or "",
                }
                try:
                    # The reminder's record and its queued mail commit together (or neither does).
                    with transaction.atomic():
                        ReviewReminder.objects.create(
                            page=page, review_date=page.next_review_date, recipients=", ".join(recipients)
                        )
                        send_mail_later(subject, body, recipients)
                except IntegrityError:  # another run got there first
                    continue
                sent += 1
        self.stdout.write(f"{sent} reminder(s) sent")
