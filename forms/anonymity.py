"""What keeps an anonymous reporter anonymous: the URLs concerned and what is scrubbed from requests."""

import re
from contextvars import ContextVar

from portal.client_ip import client_ip_from_meta

# The report form and the follow-up page, in every language.
ANONYMOUS_PATH = re.compile(r"^/[a-z]{2}(-[a-z]+)?/melding(/|$)")

# Request headers that could identify the reporter or their device.
IDENTIFYING_META = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CLIENT_IP",
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_SEC_CH_UA_MOBILE",
)
SCRUBBED_ADDRESS = "0.0.0.0"  # noqa: S104 (a placeholder address, not a bind address)


def is_anonymous_path(path: str) -> bool:
    return bool(ANONYMOUS_PATH.match(path or ""))


# Set while a report page's request is handled (forms/middleware.py), so code without the request
# at hand (the security log, portal/security_log.py) can leave it alone.
_ANONYMOUS_REQUEST: ContextVar[bool] = ContextVar("anonymous_report_request", default=False)


def in_anonymous_request() -> bool:
    return _ANONYMOUS_REQUEST.get()


def client_key(meta) -> str:
    """The client for the abuse limits: a hash of its address keyed with a per-window random key.

    Only `forms.limits` can make sense of it, and only while the window lasts (see there).
    """
    from forms import limits

    # X-Forwarded-For counts only when a trusted proxy sent it (portal/client_ip.py): a forged
    # header must not give an attacker a fresh limit.
    return limits.client_key(client_ip_from_meta(meta))


def scrub(request) -> None:
    """Remove the client's address and device from the request, keeping a rate-limit key."""
    if not hasattr(request, "anonymous_client_key"):
        request.anonymous_client_key = client_key(request.META)
    for name in IDENTIFYING_META:
        if name in request.META:
            request.META[name] = SCRUBBED_ADDRESS if name == "REMOTE_ADDR" else ""
