"""Forget old search counts: daily hits and zero-result days older than SEARCH_HITS_MAX_AGE_DAYS."""

import datetime

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from search.models import ZeroResultDailyHits


class Command(BaseCommand):
    help = "Delete search counts older than WAGTAILSEARCH_HITS_MAX_AGE days (run daily)."

    def handle(self, *args, **options):
        days = getattr(settings, "WAGTAILSEARCH_HITS_MAX_AGE", 7)
        since = timezone.localdate() - datetime.timedelta(days=days)
        deleted, _ = ZeroResultDailyHits.objects.filter(date__lt=since).delete()
        call_command("searchpromotions_garbage_collect", verbosity=0)
        self.stdout.write(f"Deleted {deleted} old zero-result counts; older query counts cleaned up.")
