from django.core.management.base import BaseCommand

from safework.reminders import send_decision_reminders


class Command(BaseCommand):
    help = "Daily: remind managers of overdue declaration decisions (each person at most once a day)."

    def handle(self, *args, **options):
        sent = send_decision_reminders()
        self.stdout.write(f"{sent} reminder(s) about overdue decisions")
