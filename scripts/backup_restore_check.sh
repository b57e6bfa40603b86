#!/usr/bin/env bash
# make backup-restore-check: take a backup of the PostgreSQL database in DATABASE_URL (pg_dump) with
# the media folder and a key manifest, restore it into a throwaway database, and check that reports,
# messages, notes and attachments decrypt, the audit chain verifies and every year's statistics
# export matches the source (manage.py restore_summary on both, compared). Drops the throwaway
# database and backup afterwards. Needs pg_dump/pg_restore/psql of the server's major version.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL=postgres://user@host:port/name}"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "backup-restore-check needs PostgreSQL" >&2; exit 2 ;; esac
PY=${PYTHON:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-portal.settings.dev}
# Each side computes its own figures: no shared cache may answer for the other.
export CACHE_BACKEND=django.core.cache.backends.locmem.LocMemCache CACHE_LOCATION=restore-check

BASE=${DATABASE_URL%/*}
SOURCE_DB=${DATABASE_URL##*/}
RESTORED_DB="${SOURCE_DB}_restore_check_$$"
WORK=$(mktemp -d /tmp/portal-backup.XXXXXX)
cleanup() {
    psql -q "$BASE/postgres" -c "DROP DATABASE IF EXISTS \"$RESTORED_DB\"" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "== backup: database, media, key manifest"
pg_dump --format=custom --no-owner --file "$WORK/database.dump" "$DATABASE_URL"
MEDIA_ROOT_DIR=$("$PY" manage.py shell --no-imports -c "from django.conf import settings; print(settings.MEDIA_ROOT)")
mkdir -p "$WORK/media"
[ -d "$MEDIA_ROOT_DIR" ] && cp -a "$MEDIA_ROOT_DIR/." "$WORK/media/"
# Which keys the backup needs (hash prefixes, never the keys: those come from escrow).
"$PY" manage.py shell --no-imports -c "
import json, hashlib
from django.conf import settings
from forms import audit
ids = lambda keys: [hashlib.sha256(k.encode()).hexdigest()[:12] for k in keys]
print(json.dumps({'encryption_keys': ids(settings.PORTAL_ENCRYPTION_KEYS), 'audit_keys': [audit.key_id(k) for k in audit.keys()]}))
" > "$WORK/keys.json"
echo "   $(du -sh "$WORK/database.dump" | cut -f1) database, $(find "$WORK/media" -type f | wc -l) media files, keys: $(cat "$WORK/keys.json")"

echo "== restore into $RESTORED_DB"
psql -q "$BASE/postgres" -c "CREATE DATABASE \"$RESTORED_DB\""
pg_restore --no-owner --exit-on-error --dbname "$BASE/$RESTORED_DB" "$WORK/database.dump"

echo "== compare"
"$PY" manage.py restore_summary > "$WORK/source.json"
DATABASE_URL="$BASE/$RESTORED_DB" MEDIA_ROOT="$WORK/media" "$PY" manage.py restore_summary > "$WORK/restored.json"
"$PY" - "$WORK/source.json" "$WORK/restored.json" <<'PYEOF'
import json, sys
source, restored = (json.load(open(path)) for path in sys.argv[1:3])
print("   restored:", json.dumps(restored["decrypted"]), "audit entries", restored["audit_entries"],
      "statistics years", sorted(restored["statistics"]))
problems = []
if not restored["audit_intact"]:
    problems.append(f"audit chain does not verify: {restored['audit_problem']}")
for key in ("decrypted", "content_sha256", "audit_entries", "statistics"):
    if source[key] != restored[key]:
        problems.append(f"{key} differs from the source")
if problems:
    print("backup-restore-check FAILED:\n  " + "\n  ".join(problems))
    sys.exit(1)
print("backup-restore-check passed: reports decrypt, attachments open, the audit chain verifies, the statistics match")
PYEOF
