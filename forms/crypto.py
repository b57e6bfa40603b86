"""Encryption at rest for what reporters and the integrity office write.

Keys come from the environment: `PORTAL_ENCRYPTION_KEYS` holds one or more Fernet keys separated by
commas. The first key encrypts; every key decrypts. To rotate: put a new key first, keep the old
ones after it, deploy, run `manage.py rotate_encryption_keys`, then drop the old keys.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

__all__ = ["EncryptedTextField", "InvalidToken", "decrypt", "decrypt_bytes", "encrypt", "encrypt_bytes"]


def keys_from_setting(value: str | list | tuple) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    return [key.strip() for key in value if key and key.strip()]


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("PORTAL_ENCRYPTION_KEYS must hold at least one Fernet key.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(f"PORTAL_ENCRYPTION_KEYS holds an invalid Fernet key: {error}") from None


def fernet() -> MultiFernet:
    return _fernet(tuple(keys_from_setting(getattr(settings, "PORTAL_ENCRYPTION_KEYS", ""))))


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes, ttl: int | None = None) -> bytes:
    return fernet().decrypt(bytes(token), ttl=ttl)


def encrypt(text: str) -> str:
    return encrypt_bytes(text.encode()).decode("ascii")


def decrypt(token: str, ttl: int | None = None) -> str:
    return decrypt_bytes(token.encode("ascii"), ttl=ttl).decode()


def rotate(token: str) -> str:
    """The token re-encrypted with the first (newest) key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; Python code and forms see the plain text.

    Empty text is stored empty (so "no contact details" is visible to the statistics, not the text).
    Encrypted fields cannot be searched or filtered in the database, on purpose.
    """

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt(value)
