"""Encryption for what reporters and the integrity office write, and for the report form's draft.

Two kinds, named for what they are for:

- **Stored** values (`encrypt_text`/`decrypt_text`, `encrypt_bytes`/`decrypt_bytes`,
  `EncryptedTextField`): AES-256-GCM with a random 96-bit nonce and no timestamp, because a report
  keeps only the day it arrived (a Fernet token would carry the second of encryption in clear).
  Format, version 1: ``b"pe1:" + key id (4 bytes) + nonce (12 bytes) + ciphertext and tag``; text
  fields store ``"pe1:" + base64url`` of everything after the prefix. The prefix and key id are
  authenticated as associated data. Old Fernet tokens still decrypt; `manage.py
  rotate_encryption_keys` (and the migration that introduced this format) rewrite them.
- **Expiring** tokens (`encrypt_expiring`/`decrypt_expiring`): Fernet, whose timestamp lets the
  report form's multi-step draft expire. These are handed to the browser and never stored.

Keys come from `PORTAL_ENCRYPTION_KEYS`: one or more Fernet keys, comma-separated, newest first. The
first key encrypts; every key decrypts. The AES key of each is derived with HKDF-SHA256, so
operators keep configuring Fernet keys. To rotate: put a new key first, keep the old ones after it,
deploy, run `manage.py rotate_encryption_keys`, then drop the old keys.
"""

import base64
import binascii
import os
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

__all__ = [
    "EncryptedTextField",
    "InvalidToken",
    "decrypt_bytes",
    "decrypt_expiring",
    "decrypt_text",
    "encrypt_bytes",
    "encrypt_expiring",
    "encrypt_text",
    "is_current",
    "reencrypt_bytes",
    "reencrypt_text",
]

PREFIX = b"pe1:"  # portal encryption, format version 1
TEXT_PREFIX = PREFIX.decode("ascii")
KEY_ID_BYTES = 4
NONCE_BYTES = 12
_AES_INFO = b"integriteitsportaal forms.crypto aes-256-gcm v1"
_KEY_ID_INFO = b"integriteitsportaal forms.crypto key id v1"


@dataclass(frozen=True)
class _StorageKey:
    key_id: bytes
    aead: AESGCM


def keys_from_setting(value: str | list | tuple) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    return [key.strip() for key in value if key and key.strip()]


def _configured_keys() -> tuple[str, ...]:
    return tuple(keys_from_setting(getattr(settings, "PORTAL_ENCRYPTION_KEYS", "")))


def _hkdf(secret: bytes, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(secret)


@cache
def _keys(keys: tuple[str, ...]) -> tuple[MultiFernet, tuple[_StorageKey, ...]]:
    if not keys:
        raise ImproperlyConfigured("PORTAL_ENCRYPTION_KEYS must hold at least one Fernet key.")
    try:
        fernets = [Fernet(key) for key in keys]
        secrets = [base64.urlsafe_b64decode(key) for key in keys]
    except (ValueError, binascii.Error) as error:
        raise ImproperlyConfigured(f"PORTAL_ENCRYPTION_KEYS holds an invalid Fernet key: {error}") from None
    storage = tuple(
        _StorageKey(
            key_id=_hkdf(secret, _KEY_ID_INFO, KEY_ID_BYTES), aead=AESGCM(_hkdf(secret, _AES_INFO, 32))
        )
        for secret in secrets
    )
    return MultiFernet(fernets), storage


def _storage_keys() -> tuple[_StorageKey, ...]:
    return _keys(_configured_keys())[1]


def fernet() -> MultiFernet:
    """The Fernet keys, for expiring tokens and for reading values stored before format version 1."""
    return _keys(_configured_keys())[0]


def current_key_id() -> bytes:
    return _storage_keys()[0].key_id


# --- stored values: AES-256-GCM, no timestamp


def encrypt_bytes(data: bytes) -> bytes:
    """Encrypt for storage with the newest key: no time, a random nonce."""
    key = _storage_keys()[0]
    header = PREFIX + key.key_id
    nonce = os.urandom(NONCE_BYTES)
    return header + nonce + key.aead.encrypt(nonce, bytes(data), header)


def decrypt_bytes(token: bytes) -> bytes:
    """Decrypt a stored value made by any configured key (format version 1 or an old Fernet token)."""
    token = bytes(token)
    if not token.startswith(PREFIX):
        return fernet().decrypt(token)
    header_end = len(PREFIX) + KEY_ID_BYTES
    key_id, nonce = token[len(PREFIX) : header_end], token[header_end : header_end + NONCE_BYTES]
    if len(nonce) != NONCE_BYTES:
        raise InvalidToken
    for key in _storage_keys():
        if key.key_id == key_id:
            try:
                return key.aead.decrypt(nonce, token[header_end + NONCE_BYTES :], token[:header_end])
            except InvalidTag:
                continue
    raise InvalidToken


def encrypt_text(text: str) -> str:
    sealed = encrypt_bytes(text.encode())
    return TEXT_PREFIX + base64.urlsafe_b64encode(sealed[len(PREFIX) :]).decode("ascii").rstrip("=")


def decrypt_text(token: str) -> str:
    if not token.startswith(TEXT_PREFIX):
        return fernet().decrypt(token.encode("ascii")).decode()
    body = token[len(TEXT_PREFIX) :]
    try:
        sealed = PREFIX + base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (ValueError, binascii.Error):
        raise InvalidToken from None
    return decrypt_bytes(sealed).decode()


def is_current(token: bytes | str) -> bool:
    """Whether a stored value is already in the current format under the newest key."""
    if isinstance(token, str):
        if not token.startswith(TEXT_PREFIX):
            return False
        body = token[len(TEXT_PREFIX) : len(TEXT_PREFIX) + 8]
        key_id = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))[:KEY_ID_BYTES]
    else:
        token = bytes(token)
        if not token.startswith(PREFIX):
            return False
        key_id = token[len(PREFIX) : len(PREFIX) + KEY_ID_BYTES]
    return key_id == current_key_id()


def reencrypt_bytes(token: bytes) -> bytes:
    """A stored value re-encrypted with the newest key in the current format (old Fernet time dropped)."""
    return encrypt_bytes(decrypt_bytes(token))


def reencrypt_text(token: str) -> str:
    return encrypt_text(decrypt_text(token))


# --- expiring tokens: Fernet, never stored


def encrypt_expiring(text: str) -> str:
    """A token for the browser that `decrypt_expiring` accepts for `max_age` seconds. Carries the
    second it was made (Fernet): never store it."""
    return fernet().encrypt(text.encode()).decode("ascii")


def decrypt_expiring(token: str, max_age: int) -> str:
    return fernet().decrypt(token.encode("ascii"), ttl=max_age).decode()


class EncryptedTextField(models.TextField):
    """Text stored encrypted (AES-256-GCM, no timestamp); Python code and forms see the plain text.

    Empty text is stored empty (so "no contact details" is visible to the statistics, not the text).
    Encrypted fields cannot be searched or filtered in the database, on purpose.
    """

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt_text(value)
