"""Helpers for the retention tests of every app: run one rule through the daily command, read figures."""

import datetime
from io import StringIO

from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

THIS_YEAR = timezone.localdate().year
OLD_YEAR = THIS_YEAR - 4  # well outside a 365-day period, whatever today's date


def purge(rule: str, settings, days: int = 365) -> str:
    """Run the daily command for `rule` alone with a period of `days`; returns what it printed."""
    from portal.retention import rules

    (found,) = [r for r in rules() if r.name == rule]
    setattr(settings, found.setting, days)
    out = StringIO()
    call_command("purge_expired", "--rule", rule, stdout=out, stderr=StringIO())
    return out.getvalue()


def figures(year: int) -> dict | None:
    """The JSON export of `year` (exact, as `STATISTICS.md`), recomputed from the records."""
    from forms.statistics import service

    for cache in caches.all(initialized_only=True):
        cache.clear()
    data = service.export(year, exact=True)
    if data is not None:
        data.pop("generated_at")
    return data


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)
