#!/usr/bin/env bash
# Serve the portal the production way on http://127.0.0.1:$PORT: granian (portal/serve.py)
# with portal.settings.production, static files collected for WhiteNoise (compressed, hashed names).
#
# Locally, without a SECRET_KEY in the environment, a random key is generated once and kept in
# .secret_key (untracked, mode 600), likewise a report encryption key in .encryption_key and an audit log key in .audit_key, and
# SECURE_SSL_REDIRECT defaults to false because there is no TLS-terminating proxy in front. In
# production set SECRET_KEY, PORTAL_ENCRYPTION_KEYS, PORTAL_AUDIT_KEY (and everything else) in the environment
# instead; see docs/deployment.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=portal.settings.production
export PORT=${PORT:-8000}

if [ -z "${SECRET_KEY:-}" ]; then
    if [ ! -s .secret_key ]; then
        (umask 077 && "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(64))' > .secret_key)
        echo "Generated a local SECRET_KEY in .secret_key (untracked)."
    fi
    SECRET_KEY=$(cat .secret_key)
    export SECRET_KEY
    export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-false}
    # Reports are encrypted at rest; lose .encryption_key and the local reports cannot be read.
    if [ -z "${PORTAL_ENCRYPTION_KEYS:-}" ]; then
        if [ ! -s .encryption_key ]; then
            (umask 077 && "$PYTHON" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' > .encryption_key)
            echo "Generated a local PORTAL_ENCRYPTION_KEYS in .encryption_key (untracked)."
        fi
        PORTAL_ENCRYPTION_KEYS=$(cat .encryption_key)
        export PORTAL_ENCRYPTION_KEYS
    fi
    # The audit log's HMAC key; lose .audit_key and the local audit log no longer verifies.
    if [ -z "${PORTAL_AUDIT_KEY:-}" ]; then
        if [ ! -s .audit_key ]; then
            (umask 077 && "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(32))' > .audit_key)
            echo "Generated a local PORTAL_AUDIT_KEY in .audit_key (untracked)."
        fi
        PORTAL_AUDIT_KEY=$(cat .audit_key)
        export PORTAL_AUDIT_KEY
    fi
fi

"$PYTHON" manage.py migrate --noinput -v0
"$PYTHON" manage.py collectstatic --noinput -v0
# The task worker (e-mail, Wagtail's search and reference index; docs/deployment.md) runs beside
# the app server and stops with it. In production it is a process (service) of its own.
# SERVE_WORKER=false leaves it out (when a worker runs elsewhere), as does TASKS_BACKEND=immediate.
if [ "${SERVE_WORKER:-true}" != false ] && [ "${TASKS_BACKEND:-database}" = database ]; then
    "$PYTHON" manage.py db_worker --no-reload --interval "${TASK_WORKER_INTERVAL:-1}" &
    worker=$!
    trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT
    echo "Task worker (manage.py db_worker) started"
fi
echo "Serving (granian, production settings) on http://127.0.0.1:$PORT"
"$PYTHON" -m portal.serve
