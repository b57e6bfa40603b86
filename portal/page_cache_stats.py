"""How the page cache answered, counted per process instead of told to the person who asked.

An `X-Page-Cache: hit` header on search results told a colleague that someone else had just searched
for the same term, so the header is only sent with `DEBUG`. Load tests read these counters instead:
each process logs them when it exits (portal/process_exit.py), and `scripts/bench_pages.py` adds up
the lines of all workers. A log line rather than an endpoint: nothing reachable over HTTP, not even
on loopback, and the sum covers every worker (an endpoint answers from whichever worker the request
happens to reach).
"""

import logging
import os
import threading
from collections import Counter

from django.conf import settings

from portal import process_exit

logger = logging.getLogger(__name__)

#: hit (from the cache, Django or the fast path), miss (rendered and stored), personal (rendered,
#: not storable); fast_path counts the hits answered before Django (a part of "hit").
STATES = ("hit", "miss", "personal", "fast_path")
LOG_PREFIX = "page cache counters"

_lock = threading.Lock()
_counts: Counter = Counter()


def count(state: str) -> None:
    with _lock:
        _counts[state] += 1


def snapshot() -> dict[str, int]:
    with _lock:
        return {state: _counts[state] for state in STATES}


def mark(response, state: str) -> None:
    """Count how a response was answered; tell the client only in development."""
    response.page_cache_state = state  # read by the fast path to learn the headers (portal/fastpath.py)
    count(state)
    if settings.DEBUG:
        response["X-Page-Cache"] = state


def log_counts() -> None:
    counts = snapshot()
    if any(counts.values()):
        logger.info(
            "%s pid=%d %s", LOG_PREFIX, os.getpid(), " ".join(f"{state}={counts[state]}" for state in STATES)
        )


process_exit.at_exit(log_counts)
