"""Sessions signed in through the identity provider are re-checked there at an interval.

The check uses the refresh token: a provider answers a refresh for a blocked or signed-out person
with an error, and the portal session ends. It runs on the next request after
`OIDC_RECHECK_SECONDS`; one request per session does it (a lock in the shared cache), so parallel
requests do not present the same (rotating) refresh token twice.
"""

from __future__ import annotations

import logging
import time

import requests
from django.conf import settings
from django.core.cache import cache

from sso import conf
from sso.backends import CHECKED_AT, ID_TOKEN, REFRESH_TOKEN

logger = logging.getLogger(__name__)

OK, ENDED, UNREACHABLE = "ok", "ended", "unreachable"


def due(session) -> bool:
    """True when this session came from the provider and its check is due (read by the fast path too)."""
    checked = session.get(CHECKED_AT)
    return checked is not None and time.time() - checked >= settings.OIDC_RECHECK_SECONDS


def recheck(session) -> str:
    """Refresh at the provider; returns OK (tokens renewed), ENDED or UNREACHABLE."""
    refresh_token = session.get(REFRESH_TOKEN)
    if not refresh_token or not conf.enabled():
        return ENDED  # nothing to check with: the person signs in again (silently if the IdP allows)
    try:
        response = requests.post(
            conf.setting("OIDC_OP_TOKEN_ENDPOINT"),
            data={
                "grant_type": "refresh_token",
                "refresh_token": refresh_token,
                "client_id": settings.OIDC_RP_CLIENT_ID,
                "client_secret": settings.OIDC_RP_CLIENT_SECRET,
            },
            timeout=settings.OIDC_TIMEOUT,
        )
    except requests.RequestException:
        logger.warning("The identity provider could not be reached for a session check", exc_info=True)
        return UNREACHABLE
    if response.status_code >= 500:
        return UNREACHABLE
    if response.status_code != 200:
        logger.info("The identity provider refused a session's refresh (%s)", response.status_code)
        return ENDED
    tokens = response.json()
    session[REFRESH_TOKEN] = tokens.get("refresh_token") or refresh_token
    if tokens.get("id_token"):
        session[ID_TOKEN] = tokens["id_token"]
    session[CHECKED_AT] = time.time()
    return OK


def check_with_lock(session) -> str:
    """As `recheck`, but only one request per session at a time; others go on as before."""
    lock = f"sso:recheck:{session.session_key}"
    if not cache.add(lock, 1, timeout=max(settings.OIDC_TIMEOUT * 2, 5)):
        return OK
    try:
        outcome = recheck(session)
        if outcome == UNREACHABLE:
            # Keep the session while the provider is down, but not past twice the interval.
            if time.time() - session[CHECKED_AT] >= 2 * settings.OIDC_RECHECK_SECONDS:
                return ENDED
            return OK
        return outcome
    finally:
        cache.delete(lock)
