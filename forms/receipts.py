"""Receipt codes: the reporter's only key to their report.

A code is 20 random characters from a 31-symbol alphabet (99 bits), shown once and stored only as a
slow PBKDF2 hash plus a 4-character lookup prefix. Verification is constant-time, spends the same
work on malformed and unknown codes. Look-ups are limited per client and slowed down for everyone
under attack by `forms.limits` and `forms.pow` (see `forms.views.follow_up`).
"""

import secrets
from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to copy by hand
CODE_LENGTH = 20
PREFIX_LENGTH = 4
GROUP = 4


class ReceiptHasher(PBKDF2PasswordHasher):
    """Django's PBKDF2 hasher; the work factor can be lowered for the test suite only."""

    @property
    def iterations(self) -> int:  # type: ignore[override]
        return getattr(settings, "PORTAL_RECEIPT_HASH_ITERATIONS", PBKDF2PasswordHasher.iterations)


HASHER = ReceiptHasher()


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def display(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalize(raw: str) -> str | None:
    """The code without spaces and dashes, upper case; None when it cannot be a code at all."""
    code = "".join(ch for ch in (raw or "").upper() if ch not in " -\t\n")
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def hash_code(code: str) -> tuple[str, str]:
    """(lookup prefix, slow hash) to store for a new code."""
    return code[:PREFIX_LENGTH], HASHER.encode(code, HASHER.salt())


@cache
def _dummy_hash() -> str:
    return HASHER.encode(new_code(), HASHER.salt())


def find_report(raw: str):
    """The report this code opens, or None. Same work whether the code is malformed, unknown or right."""
    from forms.models import IntegrityReport

    code = normalize(raw)
    candidates = (
        list(IntegrityReport.objects.filter(receipt_prefix=code[:PREFIX_LENGTH]).exclude(receipt_hash=""))
        if code
        else []
    )
    found = None
    for report in candidates:
        if HASHER.verify(code, report.receipt_hash) and found is None:
            found = report
    if not candidates:
        HASHER.verify(code or "-" * CODE_LENGTH, _dummy_hash())
    return found
