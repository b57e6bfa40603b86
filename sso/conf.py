"""Single sign-on configuration, read from settings (which come from `OIDC_*` environment variables).

The endpoints come from the settings or, where those are empty, from the provider's discovery
document (`OIDC_DISCOVERY_URL`), fetched once and kept in the shared cache for an hour.
"""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from portal.roles import ALL_ROLES, OFFICE_ROLES

logger = logging.getLogger(__name__)

#: Setting name → key in the discovery document.
DISCOVERED = {
    "OIDC_OP_ISSUER": "issuer",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
    "OIDC_OP_REVOCATION_ENDPOINT": "revocation_endpoint",
}
DISCOVERY_CACHE_SECONDS = 3600


def enabled() -> bool:
    """SSO is on when a client id and either a discovery URL or an authorization endpoint are set."""
    return bool(
        getattr(settings, "OIDC_RP_CLIENT_ID", "")
        and (
            getattr(settings, "OIDC_DISCOVERY_URL", "")
            or getattr(settings, "OIDC_OP_AUTHORIZATION_ENDPOINT", "")
        )
    )


def local_login_allowed() -> bool:
    return bool(getattr(settings, "PORTAL_LOCAL_LOGIN", True))


def _discovery() -> dict:
    url = settings.OIDC_DISCOVERY_URL
    if not url:
        return {}
    key = f"sso:discovery:{url}"
    document = cache.get(key)
    if document is None:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def setting(name: str, default=None):
    """A setting, falling back to the discovery document for the endpoints and the issuer."""
    value = getattr(settings, name, "")
    if value not in ("", None):
        return value
    if name in DISCOVERED:
        return _discovery().get(DISCOVERED[name]) or default
    return default


def parse_pairs(text: str, setting_name: str) -> dict[str, str]:
    """`"a=b;c=d"` → {"a": "b", "c": "d"}; a malformed entry stops the portal with a clear message."""
    pairs: dict[str, str] = {}
    for entry in (part.strip() for part in text.split(";")):
        if not entry:
            continue
        left, sep, right = entry.partition("=")
        if not sep or not left.strip() or not right.strip():
            raise ImproperlyConfigured(f'{setting_name}: "{entry}" is not of the form "value=target".')
        pairs[left.strip()] = right.strip()
    return pairs


def group_roles() -> dict[str, str]:
    """IdP group → portal role (group name), checked: only known roles, never the office's."""
    mapping = parse_pairs(settings.OIDC_GROUP_ROLES, "OIDC_GROUP_ROLES")
    known = {str(role) for role in ALL_ROLES}
    office = {str(role) for role in OFFICE_ROLES}
    for group, role in mapping.items():
        if role in office:
            raise ImproperlyConfigured(
                f'OIDC_GROUP_ROLES maps "{group}" to "{role}": the integrity office\'s and the '
                "confidential advisors' roles are granted only by the office lead, never by the "
                "identity provider. Remove this mapping."
            )
        if role not in known:
            raise ImproperlyConfigured(
                f'OIDC_GROUP_ROLES maps "{group}" to "{role}", which is not a portal role '
                f"(one of: {', '.join(sorted(known - office))})."
            )
    return mapping


def departments() -> dict[str, str]:
    """Department claim value → department slug."""
    return parse_pairs(settings.OIDC_DEPARTMENTS, "OIDC_DEPARTMENTS")


def check_mappings() -> None:
    group_roles()
    departments()
