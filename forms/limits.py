"""Abuse limits for the anonymous channel: per client a growing delay, for everyone a slowdown.

Nothing here can lock a reporter out. A client that goes over its allowance (e.g. 5 reports or 10
failed receipt look-ups per 15 minutes) may try again after a delay that doubles with every further
attempt in the window; when everyone together goes far above normal use, the proof of work gets
harder and the no-JavaScript wait longer (`pressure`), but a reporter still gets through.

Counts live in Django's default cache, which production shares between all app servers (Redis), so
the limits hold across processes. The client is known only by a keyed hash of its address whose key
is random, kept only in the cache and replaced every window: once a window's entries expire, nobody
(not even someone holding SECRET_KEY) can tell which address they were about.
"""

import hashlib
import hmac
import math
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

REPORT = "report"
RECEIPT = "receipt"


@dataclass(frozen=True)
class Policy:
    per_client: int  # attempts per client per window before the growing delay starts
    slowdown_at: int  # attempts of everyone together per window at which the global slowdown starts


def policy(kind: str) -> Policy:
    if kind == REPORT:
        return Policy(settings.PORTAL_REPORTS_PER_CLIENT, settings.PORTAL_REPORTS_GLOBAL_SLOWDOWN_AT)
    return Policy(settings.PORTAL_RECEIPT_ATTEMPTS_PER_CLIENT, settings.PORTAL_RECEIPT_FAILURES_SLOWDOWN_AT)


def window_seconds() -> int:
    return settings.PORTAL_ABUSE_WINDOW_SECONDS


def current_window(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // window_seconds())


def _ttl(window: int) -> int:
    """Seconds until the window ends, plus one window for the global rate of the previous window."""
    return int((window + 2) * window_seconds() - time.time()) + 1


def _window_secret(window: int) -> str:
    key = f"forms:limits:secret:{window}"
    secret = cache.get(key)
    if secret is None:
        # The first process to get here decides; the others read what it stored.
        cache.add(key, secrets.token_hex(32), _ttl(window))
        secret = cache.get(key) or secrets.token_hex(32)
    return secret


def client_key(address: str) -> str:
    """`<window>.<keyed hash>`: counts the address in this window and means nothing after it."""
    window = current_window()
    digest = hmac.new(_window_secret(window).encode(), address.encode(), hashlib.sha256).hexdigest()
    return f"{window}.{digest[:32]}"


def _split(client: str) -> tuple[int, str]:
    window, _, digest = client.partition(".")
    try:
        return int(window), digest
    except ValueError:  # not made by client_key (e.g. a request that skipped the middleware)
        return current_window(), "unknown"


def _incr(key: str, ttl: int, by: int = 1) -> int:
    cache.add(key, 0, ttl)
    try:
        return cache.incr(key, by)
    except ValueError:  # expired between add and incr
        cache.set(key, max(by, 0), ttl)
        return max(by, 0)


def delay_for(excess: int) -> int:
    """Seconds a client over its allowance waits before its `excess`-th further attempt."""
    if excess <= 0:
        return 0
    return min(settings.PORTAL_LIMIT_DELAY_SECONDS * 2 ** (excess - 1), window_seconds())


@dataclass(frozen=True)
class Attempt:
    """A reserved attempt; `wait` > 0 means refused: try again in that many seconds."""

    kind: str
    client: str
    wait: int = 0

    @property
    def allowed(self) -> bool:
        return self.wait <= 0

    def release(self) -> None:
        """Give the attempt back (it did not count: a right receipt code, a form with errors)."""
        window, digest = _split(self.client)
        for key in (_count_key(self.kind, window, digest), _count_key(self.kind, window, "all")):
            _incr(key, _ttl(window), -1)


def _count_key(kind: str, window: int, digest: str) -> str:
    return f"forms:limits:{kind}:{window}:{digest}"


def reserve(kind: str, client: str) -> Attempt:
    """Count an attempt before doing the work, atomically, so parallel requests cannot all slip in."""
    window, digest = _split(client)
    ttl = _ttl(window)
    key = _count_key(kind, window, digest)
    count = _incr(key, ttl)
    excess = count - policy(kind).per_client
    if excess > 0:
        last = cache.get(f"{key}:last") or 0
        wait = math.ceil(last + delay_for(excess) - time.time())
        if wait > 0:
            _incr(key, ttl, -1)  # a refused attempt does not make the next wait longer
            return Attempt(kind, client, wait)
    cache.set(f"{key}:last", time.time(), ttl)
    _incr(_count_key(kind, window, "all"), ttl)
    return Attempt(kind, client)


def pressure(kind: str) -> int:
    """0 at normal use; +1 each time everyone's attempts double beyond the slowdown threshold."""
    window = current_window()
    counts = cache.get_many([_count_key(kind, window, "all"), _count_key(kind, window - 1, "all")])
    rate = max(counts.values(), default=0)
    threshold = max(policy(kind).slowdown_at, 1)
    if rate < threshold:
        return 0
    return min(1 + int(math.log2(rate / threshold)), settings.PORTAL_POW_MAX_LEVEL)
