from portal.scheduled import ScheduledCommand
from safework.action_reminders import send_action_reminders
from safework.reminders import send_decision_reminders
from vpd.follow_up_reminders import send_follow_up_reminders


class Command(ScheduledCommand):
    help = (
        "Daily: remind managers of overdue declaration decisions, owners of overdue improvement "
        "actions and owners of overdue follow-up tasks after incidents (each person at most once a "
        "day per kind)."
    )

    def run(self, **options):
        sent = send_decision_reminders()
        self.stdout.write(f"{sent} reminder(s) about overdue decisions")
        sent = send_action_reminders()
        self.stdout.write(f"{sent} reminder(s) about overdue improvement actions")
        sent = send_follow_up_reminders()
        self.stdout.write(f"{sent} reminder(s) about overdue follow-up tasks after incidents")
