"""Production refuses the public development and test keys (encryption and audit log), as it
refuses a weak SECRET_KEY: they are in the repository, so anyone could read or re-sign with them."""

import secrets

import pytest
from cryptography.fernet import Fernet

from portal.settings import insecure_keys
from tests.portal.test_settings import run_manage


def production(**overrides):
    env = {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "PORTAL_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "PORTAL_AUDIT_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "integriteit.example.nl",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    env.update(overrides)
    return run_manage("check", **env)


def test_control_production_starts_with_keys_of_its_own():
    result = production()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("key", [insecure_keys.DEV_ENCRYPTION_KEY, insecure_keys.TEST_ENCRYPTION_KEY])
def test_production_refuses_the_development_and_test_encryption_keys(key):
    for keys in (key, f"{Fernet.generate_key().decode()},{key}"):  # also as an old key after a new one
        result = production(PORTAL_ENCRYPTION_KEYS=keys)
        assert result.returncode != 0
        assert "PORTAL_ENCRYPTION_KEYS holds the public development or test key" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        insecure_keys.DEV_AUDIT_KEY,
        insecure_keys.TEST_AUDIT_KEY,
        pytest.param("test-" + secrets.token_urlsafe(32), id="test-prefix"),
        pytest.param(secrets.token_urlsafe(16), id="too-short"),
    ],
)
def test_production_refuses_a_missing_weak_or_public_audit_key(key):
    overrides = {"PORTAL_AUDIT_KEY": key} if key is not None else {}
    result = (
        production(**overrides)
        if key is not None
        else run_manage(
            "check",
            SECRET_KEY=secrets.token_urlsafe(64),
            PORTAL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
            ALLOWED_HOSTS="integriteit.example.nl",
            DATABASE_URL="sqlite:///:memory:",
        )
    )
    assert result.returncode != 0
    assert "PORTAL_AUDIT_KEY must be set" in result.stderr


def test_production_refuses_the_audit_key_being_the_secret_key():
    shared = secrets.token_urlsafe(64)
    result = production(SECRET_KEY=shared, PORTAL_AUDIT_KEY=shared)
    assert result.returncode != 0
    assert "PORTAL_AUDIT_KEY must be set" in result.stderr


@pytest.mark.parametrize("module", ["dev", "test"])
def test_the_development_and_test_settings_use_the_keys_production_refuses(module):
    """The refusal is only worth something if it names the keys dev.py and test.py really set."""
    import os
    import subprocess
    import sys

    from tests.portal.test_settings import ROOT

    env = {k: v for k, v in os.environ.items() if k not in {"PORTAL_ENCRYPTION_KEYS", "PORTAL_AUDIT_KEY"}}
    env["DJANGO_SETTINGS_MODULE"] = f"portal.settings.{module}"
    script = (
        "from django.conf import settings; "
        "print(settings.PORTAL_ENCRYPTION_KEYS[0], settings.PORTAL_AUDIT_KEY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    encryption_key, audit_key = result.stdout.split()
    assert encryption_key in insecure_keys.ENCRYPTION_KEYS
    assert audit_key in insecure_keys.AUDIT_KEYS
