"""Retention rule of site search: the daily counts of what people searched for.

The counts hold no user, address or session, but a search term can itself name a person.
"""

import datetime

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from portal.retention import RetentionRule
from search.models import ZeroResultDailyHits


def purge_search_counts(cutoff: datetime.datetime) -> int:
    """Daily counts before the cutoff's day are deleted, then every search term left without counts
    and without an editor's promotion."""
    day = cutoff.date()
    deleted, _by_model = QueryDailyHits.objects.filter(date__lt=day).delete()
    zero, _by_model = ZeroResultDailyHits.objects.filter(date__lt=day).delete()
    orphans, _by_model = Query.objects.filter(
        daily_hits__isnull=True, zero_result_daily_hits__isnull=True, editors_picks__isnull=True
    ).delete()
    return deleted + zero + orphans


RULES = [
    RetentionRule(
        name="search.counts",
        description="Search counts (popular and zero-result terms per day) are deleted, and terms "
        "left without counts or promotions.",
        setting="PORTAL_RETENTION_SEARCH_COUNTS_DAYS",
        default_days=90,
        purge=purge_search_counts,
    ),
]
