"""Send the daily digest of what changed in the pages and themes people follow. A scheduler runs
this once a day (early morning); it covers the day before.

Idempotent: one digest per person per day (`home.Digest`, unique on person and day), also when it
runs twice or on two hosts at once.
"""

from home.digest import send_digests
from portal.scheduled import ScheduledCommand


class Command(ScheduledCommand):
    help = "E-mail each follower yesterday's published or changed pages in what they follow (once a day)."

    def run(self, **options):
        self.stdout.write(f"{send_digests()} digest(s) sent")
