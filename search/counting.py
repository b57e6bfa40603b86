"""Counting searches for the popular-searches and zero-results reports, in batches.

Counting a search writes two or three rows (Wagtail's `Query` and `QueryDailyHits`, our
`ZeroResultDailyHits`): more work than answering the search from the page cache, and on SQLite a
commit per search. So each process adds up its searches in memory and writes them in one
transaction at most every `SEARCH_COUNT_FLUSH_SECONDS` (10 s; 0 writes at once), on the next
search after that or when the process exits. What is counted: the query text and the day, never
who searched. A process that is killed loses at most the last interval's counts: acceptable for
a report of popular terms, and the price of not writing to the database on every search.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from portal import process_exit

logger = logging.getLogger(__name__)


class SearchCounter:
    def __init__(self):
        self.lock = threading.Lock()
        self.hits: Counter = Counter()
        self.zero_hits: Counter = Counter()
        self.last_write = time.monotonic()

    def add(self, text: str, found: int) -> None:
        day = timezone.localdate()
        with self.lock:
            self.hits[(text, day)] += 1
            if found == 0:
                self.zero_hits[(text, day)] += 1
            due = time.monotonic() - self.last_write >= flush_seconds()
        if due:
            self.flush()

    def flush(self) -> None:
        with self.lock:
            hits, zero_hits = self.hits, self.zero_hits
            self.hits, self.zero_hits = Counter(), Counter()
            self.last_write = time.monotonic()
        if hits:
            try:
                write(hits, zero_hits)
            except DatabaseError:  # the search itself must never fail because of its count
                logger.warning("Could not count %s search queries", sum(hits.values()), exc_info=True)


def write(hits: Counter, zero_hits: Counter) -> None:
    """Add the counts to the database in one transaction (increments, so processes never collide)."""
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    from search.models import ZeroResultDailyHits

    with transaction.atomic():
        for (text, day), number in hits.items():
            query = Query.get(text)
            daily, _ = QueryDailyHits.objects.get_or_create(query=query, date=day)
            QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + number)
            if zero := zero_hits.get((text, day)):
                ZeroResultDailyHits.add_hit(query, day, zero)


def flush_seconds() -> float:
    return float(getattr(settings, "SEARCH_COUNT_FLUSH_SECONDS", 10))


counter = SearchCounter()
process_exit.at_exit(counter.flush)
