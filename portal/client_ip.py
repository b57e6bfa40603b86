"""The client's address, read the way an attacker cannot forge it.

`X-Forwarded-For` is believed only when the direct peer (`REMOTE_ADDR`) is one of the proxies in
`TRUSTED_PROXIES` (addresses or networks, e.g. `127.0.0.1,10.0.0.0/8`). Walking the header from the
right, each hop added by a trusted proxy is skipped; the first address that is not a trusted proxy
is the client. With no trusted proxies (the default) the socket address is the client, whatever the
headers say. Used by every limit that counts per client: report submission, receipt look-ups and
sign-in throttling.
"""

import ipaddress
from functools import cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip_from_meta(meta) -> str:
    """The client address for a request's META (a string; empty when there is none)."""
    remote = _parse(meta.get("REMOTE_ADDR", ""))
    networks = trusted_networks()
    if not _is_trusted(remote, networks):
        return str(remote) if remote is not None else ""
    hops = [hop for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # garbage in the header: stop at the last address a trusted proxy vouched for
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client) if client is not None else ""


def client_ip(request) -> str:
    """The client address of a request (django-axes' AXES_CLIENT_IP_CALLABLE signature)."""
    return client_ip_from_meta(request.META)
