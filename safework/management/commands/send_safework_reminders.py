from portal.scheduled import ScheduledCommand
from safework.action_reminders import send_action_reminders
from safework.reminders import send_decision_reminders


class Command(ScheduledCommand):
    help = (
        "Daily: remind managers of overdue declaration decisions and owners of overdue improvement "
        "actions (each person at most once a day per kind)."
    )

    def run(self, **options):
        sent = send_decision_reminders()
        self.stdout.write(f"{sent} reminder(s) about overdue decisions")
        sent = send_action_reminders()
        self.stdout.write(f"{sent} reminder(s) about overdue improvement actions")
