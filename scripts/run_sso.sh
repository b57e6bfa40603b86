#!/usr/bin/env bash
# Try single sign-on locally: the test identity provider (tests/oidc_provider, django-oauth-toolkit)
# on 127.0.0.1:$IDP_PORT with three demo people, and the portal's development server pointed at it.
# Both stop with Ctrl-C. See README (Single sign-on) and docs/authentication.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
IDP_PORT="${IDP_PORT:-8001}"
PY=.venv/bin/python
PORTAL="http://127.0.0.1:${PORT}"
IDP="http://127.0.0.1:${IDP_PORT}"

"$PY" -m tests.oidc_provider.serve --port "$IDP_PORT" \
    --redirect-uri "${PORTAL}/oidc/callback/" \
    --post-logout-redirect-uri "${PORTAL}/nl/account/login/" \
    --post-logout-redirect-uri "${PORTAL}/en/account/login/" \
    --person "sso-medewerker:idp-demo-2026::W&I:pwd" \
    --person "sso-redacteur:idp-demo-2026:idp-editors:Stadsbedrijven:pwd,mfa" \
    --person "sso-leidinggevende:idp-demo-2026:idp-managers,idp-editors:SB:pwd,mfa" &
IDP_PID=$!
trap 'kill "$IDP_PID" 2>/dev/null || true' EXIT

export DJANGO_SETTINGS_MODULE=portal.settings.dev
export OIDC_PROVIDER_NAME="Test-IdP"
export OIDC_DISCOVERY_URL="${IDP}/o/.well-known/openid-configuration"
export OIDC_RP_CLIENT_ID=portal OIDC_RP_CLIENT_SECRET=portal-secret
export OIDC_GROUP_ROLES="idp-editors=Redacteur;idp-managers=Leidinggevende"
export OIDC_DEPARTMENTS="SB=stadsbedrijven"
export OIDC_RECHECK_SECONDS="${OIDC_RECHECK_SECONDS:-60}"
echo "Portal on ${PORTAL} (sign in with sso-medewerker, sso-redacteur or sso-leidinggevende, password idp-demo-2026)"
"$PY" manage.py runserver "127.0.0.1:${PORT}"
