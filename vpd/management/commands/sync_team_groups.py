from django.core.management.base import BaseCommand

from vpd.services import sync_all


class Command(BaseCommand):
    help = (
        "Create or update one group per VPD team with page permissions on the team's instruction page, "
        "the coordinator's permissions on the VPD section, and the approval workflow (idempotent)."
    )

    def handle(self, *args, **options):
        count = sync_all()
        self.stdout.write(self.style.SUCCESS(f"{count} team groups in sync."))
