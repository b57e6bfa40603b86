#!/usr/bin/env bash
# The distributed shape on one machine: two granian app servers (production settings) on two
# loopback ports behind nginx (round robin), one task worker, all sharing PostgreSQL and Redis.
# Runs the given command with the addresses in the environment, then stops everything it started:
#
#   DATABASE_URL=postgres://… CACHE_LOCATION=redis://127.0.0.1:6379/14 scripts/cluster.sh CMD…
#
# CMD sees PORTAL_CLUSTER_URL (nginx) and PORTAL_CLUSTER_SERVERS (the two app servers, comma
# separated); `.ci/run` runs the cross-server suite (tests/distributed/) this way. The database
# must be PostgreSQL and is migrated first; use a throwaway one (the suite adds users and pages).
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?DATABASE_URL must name a PostgreSQL database}"
: "${CACHE_LOCATION:?CACHE_LOCATION must name a Redis database (redis://host:port/n)}"
PYTHON=${PYTHON:-.venv/bin/python}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
RUN_DIR=$(mktemp -d /tmp/portal-cluster.XXXXXX)
chmod 755 "$RUN_DIR"  # nginx's workers (another user when started as root) write temp files here
pids=()
stop() {
    [ -s "$RUN_DIR/nginx.pid" ] && kill "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "${CLUSTER_KEEP_LOGS:-}" ]; then echo "Logs kept in $RUN_DIR"; else rm -rf "$RUN_DIR"; fi
}
trap stop EXIT

free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

export DJANGO_SETTINGS_MODULE=portal.settings.production
export SECRET_KEY=${SECRET_KEY:-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(64))')}
export PORTAL_ENCRYPTION_KEYS=${PORTAL_ENCRYPTION_KEYS:-$("$PYTHON" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')}
export PORTAL_AUDIT_KEY=${PORTAL_AUDIT_KEY:-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(32))')}
export CACHE_BACKEND=django_redis.cache.RedisCache CACHE_LOCATION
export TASKS_BACKEND=database SECURE_SSL_REDIRECT=false TRUSTED_PROXIES=127.0.0.1 ALLOWED_HOSTS='*'
export STATIC_ROOT="$RUN_DIR/static" EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
export EMAIL_FILE_PATH="$RUN_DIR/mail"  # what the worker sent, one file per message
# The report form without JavaScript answers at once here (the cross-server suite is a script).
export PORTAL_POW_REPORT_WAIT_SECONDS=0 PORTAL_POW_FOLLOW_UP_WAIT_SECONDS=0 PORTAL_POW_MAX_NUMBER=200
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-1} APP_SERVER_THREADS=${APP_SERVER_THREADS:-4} APP_SERVER_ACCESS_LOG=-

started=$(date +%s)
"$PYTHON" manage.py collectstatic --noinput -v0 &
collecting=$!
"$PYTHON" manage.py migrate --noinput -v0
wait "$collecting"
echo "Migrated and collected in $(( $(date +%s) - started )) s"

servers=()
for name in a b; do
    port=$(free_port)
    PORT=$port "$PYTHON" -m portal.serve >"$RUN_DIR/app-$name.log" 2>&1 &
    pids+=($!)
    servers+=("127.0.0.1:$port")
done
"$PYTHON" manage.py db_worker --no-reload --interval 0.2 >"$RUN_DIR/worker.log" 2>&1 &
pids+=($!)

NGINX_PORT=$(free_port)
cat >"$RUN_DIR/nginx.conf" <<CONF
worker_processes 1;
pid $RUN_DIR/nginx.pid;
error_log $RUN_DIR/nginx-error.log warn;
events { worker_connections 256; }
http {
    access_log off;  # the portal's proxies log no client addresses (docs/deployment.md)
    client_body_temp_path $RUN_DIR/nginx-body;
    proxy_temp_path $RUN_DIR/nginx-proxy;
    fastcgi_temp_path $RUN_DIR/nginx-fastcgi;
    uwsgi_temp_path $RUN_DIR/nginx-uwsgi;
    scgi_temp_path $RUN_DIR/nginx-scgi;
    upstream portal {
        server ${servers[0]};
        server ${servers[1]};
        keepalive 16;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://portal;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            add_header X-Upstream \$upstream_addr always;  # which server answered (tests only)
        }
    }
}
CONF
"$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e "$RUN_DIR/nginx-error.log"

export PORTAL_CLUSTER_URL="http://127.0.0.1:$NGINX_PORT"
export PORTAL_CLUSTER_SERVERS="http://${servers[0]},http://${servers[1]}"
export PORTAL_CLUSTER_MAIL_DIR="$EMAIL_FILE_PATH"
for url in "${PORTAL_CLUSTER_SERVERS//,/ }" "$PORTAL_CLUSTER_URL"; do
    for server in $url; do
        for _ in $(seq 300); do
            curl -fsS -o /dev/null "$server/healthz" 2>/dev/null && break
            sleep 0.2
        done
        curl -fsS -o /dev/null "$server/healthz" || { tail -n 50 "$RUN_DIR"/*.log; exit 1; }
    done
done
echo "Cluster up in $(( $(date +%s) - started )) s: nginx $PORTAL_CLUSTER_URL -> $PORTAL_CLUSTER_SERVERS, worker"
# The suite shares the servers' database, Redis and keys (reports and the audit chain stay readable).
unset DJANGO_SETTINGS_MODULE SECURE_SSL_REDIRECT STATIC_ROOT
unset EMAIL_BACKEND EMAIL_FILE_PATH TASKS_BACKEND
"$@"
