"""Proof of work before sending a report or looking up a receipt code: ALTCHA, or waiting without JS.

With JavaScript the ALTCHA widget (served from our own static files, `static/vendor/altcha/`)
solves a challenge embedded in the page while the reporter types. Without JavaScript the form
carries a signed token that becomes valid some seconds after it was issued; the page says how long.
Nothing waits on the server. Either proof is accepted once: its id is claimed in the shared cache
until it expires, so a replay is refused by every process. When everyone together goes far above
normal use (`forms.limits.pressure`), challenges get harder and the wait longer, never endless.
"""

import hashlib
import hmac
import math
import secrets
import time
from dataclasses import dataclass

import altcha
from django.conf import settings
from django.core import signing
from django.core.cache import cache

from forms import limits

ALGORITHM = "SHA-256"
CHALLENGE_TTL = 30 * 60  # seconds a challenge embedded in a page stays solvable
WAIT_TOKEN_TTL = 2 * 60 * 60  # seconds a no-JavaScript token stays usable (like the report draft)
_SIGNER_SALT = "forms.pow.wait"


def _secret(purpose: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"forms.pow.{purpose}".encode(), hashlib.sha256).hexdigest()


def enabled() -> bool:
    return settings.PORTAL_POW_ENABLED


def max_number(level: int) -> int:
    """Expected hashing work of a challenge: doubles with each pressure level."""
    return settings.PORTAL_POW_MAX_NUMBER * 2**level


def wait_seconds(kind: str, level: int) -> int:
    base = (
        settings.PORTAL_POW_REPORT_WAIT_SECONDS
        if kind == limits.REPORT
        else settings.PORTAL_POW_FOLLOW_UP_WAIT_SECONDS
    )
    return min(base * 2**level, settings.PORTAL_POW_MAX_WAIT_SECONDS)


def new_challenge(kind: str, level: int) -> dict:
    top = max_number(level)
    challenge = altcha.create_challenge(
        ALGORITHM,
        cost=1,
        counter=secrets.randbelow(top // 2 + 1) + top // 2,
        expires_at=int(time.time()) + CHALLENGE_TTL,
        data={"kind": kind, "level": level},
        hmac_secret=_secret("challenge"),
        hmac_key_secret=_secret("key"),
    )
    return challenge.to_dict()


def new_wait_token(kind: str, issued: float | None = None) -> str:
    issued = time.time() if issued is None else issued
    payload = {"k": kind, "t": int(issued), "id": secrets.token_urlsafe(12)}
    return signing.dumps(payload, salt=_SIGNER_SALT)


@dataclass(frozen=True)
class Check:
    """Outcome of checking a submission's proof: passed, or wait `wait` seconds, or no usable proof."""

    passed: bool
    wait: int = 0
    replayed: bool = False


def _claim(proof_id: str, ttl: int, owner: str = "") -> bool:
    """True the first time any process sees this proof, or again for the same `owner`.

    The owner is the report form's nonce: the same final step sent twice must reach the database
    claim (which answers "already sent"), while the proof cannot be reused for another form.
    """
    key = f"forms:pow:used:{proof_id}"
    owner = owner or secrets.token_hex(8)
    return cache.add(key, owner, ttl) or cache.get(key) == owner


def _check_altcha(kind: str, payload: str, level: int, owner: str) -> Check | None:
    if not payload:
        return None
    try:
        result = altcha.verify_solution(
            payload, _secret("challenge"), hmac_key_secret=_secret("key"), hmac_algorithm="SHA-256"
        )
        parsed = altcha.Payload.from_base64(payload) if result.verified else None
    except (ValueError, TypeError, KeyError, UnicodeError):
        return None
    if parsed is None:
        return None
    data = parsed.challenge.parameters.data or {}
    # A challenge fetched before the pressure rose still counts, one level down at most.
    if data.get("kind") != kind or int(data.get("level", 0)) < level - 1:
        return None
    if not _claim(f"altcha:{parsed.challenge.signature}", CHALLENGE_TTL + 60, owner):
        return Check(passed=False, replayed=True)
    return Check(passed=True)


def issued_at(token: str) -> float | None:
    try:
        payload = signing.loads(token or "", salt=_SIGNER_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("t"), int):
        return None
    return payload["t"]


def _check_wait(kind: str, token: str, level: int, *, single_use: bool) -> Check | None:
    try:
        payload = signing.loads(token or "", salt=_SIGNER_SALT, max_age=WAIT_TOKEN_TTL)
    except signing.BadSignature:  # also expired
        return None
    if not isinstance(payload, dict) or payload.get("k") != kind or not isinstance(payload.get("t"), int):
        return None
    remaining = math.ceil(payload["t"] + wait_seconds(kind, level) - time.time())
    if remaining > 0:
        return Check(passed=False, wait=remaining)
    if single_use and not _claim(f"wait:{payload.get('id')}", WAIT_TOKEN_TTL + 60):
        return Check(passed=False, replayed=True)
    return Check(passed=True)


def check(kind: str, data, *, owner: str = "", single_use_wait: bool = True) -> Check:
    """Check a submitted form (`altcha` payload or `wait_token`) for the current pressure.

    `single_use_wait=False` when the caller makes the wait token single-use itself (the report form:
    its token travels in the draft whose nonce is claimed in the database); `owner` is that nonce.
    """
    if not enabled():
        return Check(passed=True)
    level = limits.pressure(kind)
    solved = _check_altcha(kind, data.get("altcha", ""), level, owner)
    if solved is not None and (solved.passed or solved.replayed):
        return solved
    waited = _check_wait(kind, data.get("wait_token", ""), level, single_use=single_use_wait)
    if waited is not None:
        return waited
    return Check(passed=False, wait=wait_seconds(kind, level))


def context(kind: str, wait_token: str | None = None) -> dict:
    """Template context for a form: the challenge for the widget and the no-JavaScript token."""
    if not enabled():
        return {"pow_enabled": False}
    level = limits.pressure(kind)
    return {
        "pow_enabled": True,
        "pow_challenge": new_challenge(kind, level),
        "pow_wait_token": wait_token or new_wait_token(kind),
        "pow_wait_seconds": wait_seconds(kind, level),
    }
