from portal.scheduled import ScheduledCommand
from safework.reminders import send_decision_reminders


class Command(ScheduledCommand):
    help = "Daily: remind managers of overdue declaration decisions (each person at most once a day)."

    def run(self, **options):
        sent = send_decision_reminders()
        self.stdout.write(f"{sent} reminder(s) about overdue decisions")
