"""Production settings: refuse a weak SECRET_KEY and pass `check --deploy` without warnings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "PORTAL_ENCRYPTION_KEYS",
            "PORTAL_AUDIT_KEY",
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_key():
    result = run_manage("check", SECRET_KEY="dev-only-insecure-key-not-for-production")
    assert result.returncode != 0


def test_production_settings_pass_check_deploy_with_zero_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        PORTAL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        PORTAL_AUDIT_KEY=secrets.token_urlsafe(32),
        ALLOWED_HOSTS="integriteit.example.nl",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_demo_loader_refuses_with_production_settings():
    result = run_manage(
        "load_demo_content",
        SECRET_KEY=secrets.token_urlsafe(64),
        PORTAL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        PORTAL_AUDIT_KEY=secrets.token_urlsafe(32),
        ALLOWED_HOSTS="integriteit.example.nl",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode != 0
    assert "not allowed" in result.stderr


def test_production_refuses_to_start_without_an_encryption_key():
    result = run_manage(
        "check",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="integriteit.example.nl",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode != 0
    assert "PORTAL_ENCRYPTION_KEYS" in result.stderr
