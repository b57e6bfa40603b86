"""Configuration from the environment: mappings are checked before the portal starts."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from portal.roles import Role
from sso import conf

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("role", [Role.INTEGRITY_OFFICE, Role.CONFIDENTIAL_ADVISOR])
def test_a_mapping_to_an_office_role_is_refused(settings, role):
    settings.OIDC_GROUP_ROLES = f"idp-editors=Redacteur;idp-office={role}"
    with pytest.raises(ImproperlyConfigured, match="only by the office lead"):
        conf.group_roles()


def test_unknown_roles_and_malformed_entries_are_refused(settings):
    settings.OIDC_GROUP_ROLES = "idp-x=Superheld"
    with pytest.raises(ImproperlyConfigured, match="not a portal role"):
        conf.group_roles()
    settings.OIDC_GROUP_ROLES = "idp-editors"
    with pytest.raises(ImproperlyConfigured, match="value=target"):
        conf.group_roles()


def test_a_valid_mapping_is_read(settings):
    settings.OIDC_GROUP_ROLES = " idp-editors = Redacteur ; idp-managers=Leidinggevende; "
    assert conf.group_roles() == {"idp-editors": "Redacteur", "idp-managers": "Leidinggevende"}


def _manage_check(**env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **env}
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_the_portal_does_not_start_with_an_office_role_mapping():
    refused = _manage_check(OIDC_GROUP_ROLES="idp-office=Integriteitsbureau")
    assert refused.returncode != 0
    assert "granted only by the office lead" in refused.stderr
    started = _manage_check(OIDC_GROUP_ROLES="idp-editors=Redacteur")  # control
    assert started.returncode == 0, started.stderr


def test_sso_is_off_without_a_client_id_or_provider(settings):
    settings.OIDC_RP_CLIENT_ID = ""
    settings.OIDC_DISCOVERY_URL = "https://idp.invalid/.well-known/openid-configuration"
    assert not conf.enabled()
    settings.OIDC_RP_CLIENT_ID = "portal"
    assert conf.enabled()


def _production_setting(name, **env):
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("OIDC_", "PORTAL_LOCAL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="k" * 30 + "production-like-secret-key-for-this-test",
        # Keys of its own: production refuses the public development and test keys.
        PORTAL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        PORTAL_AUDIT_KEY=secrets.token_urlsafe(32),
        **env,
    )
    code = f"from django.conf import settings; print(settings.{name})"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_turns_the_password_sign_in_off_once_sso_is_configured():
    sso = {"OIDC_RP_CLIENT_ID": "portal", "OIDC_DISCOVERY_URL": "https://idp.invalid/.well-known/x"}
    assert _production_setting("PORTAL_LOCAL_LOGIN", **sso) == "False"
    assert _production_setting("PORTAL_LOCAL_LOGIN") == "True"  # no SSO: passwords are the way in
    assert _production_setting("PORTAL_LOCAL_LOGIN", PORTAL_LOCAL_LOGIN="true", **sso) == "True"
    # The provider's origin may receive the sign-out form (RP-initiated logout).
    assert "https://idp.invalid" in _production_setting("CONTENT_SECURITY_POLICY", **sso)
