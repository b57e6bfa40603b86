#!/usr/bin/env python3
"""One sign-up POST at a time, in-process with the production settings: its queries and its CPU.

What `make loadtest-signups` cannot show: the statements one sign-up sends (in order, with their
times) and the CPU time of the Python process per sign-up (the burst's latency is that CPU, the
database's and the wait for the session lock, on shared cores). Builds a throwaway database as
`signup_burst.py` does (PostgreSQL when DATABASE_URL names one, else SQLite), then, in a process
with the production settings (database task backend, Redis for cache and sessions when
`--redis-url` is given, CSRF enforced), signs `--people` accounts in, opens the form for each and
posts it: the first POST's statements are printed, then the median CPU and wall time of the others.
`--profile FILE` writes a cProfile (CPU time) of those POSTs.

    DATABASE_URL=postgres://postgres@127.0.0.1:54330/postgres \\
        .venv/bin/python loadtest/profile_signup.py --redis-url redis://127.0.0.1:63791/8
"""

# ruff: noqa: S603 - runs fixed commands (manage.py, itself)

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_pages import PYTHON, ROOT, manage, production_env
from signup_burst import (
    ACCOUNTS,
    PASSWORD,
    SESSION,
    TOKEN,
    create_database,
    postgres_database,
    run_sql,
    shell_line,
)


def measure(args) -> None:
    """The part that runs with the production settings (a process of its own)."""
    import cProfile
    import re

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    path = f"/nl/bewustwording/aanmelden/{args.session}/"
    people = get_user_model().objects.filter(username__startswith="burst-").order_by("pk")
    posts = []
    for user in people[: args.people]:
        client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
        client.force_login(user)
        page = client.get(path).content.decode()
        department = re.search(r'<option value="(\d+)"', page)
        data = {
            "csrfmiddlewaretoken": TOKEN.search(page).group(1),
            "name": f"Collega {user.username}",
            "department": department.group(1) if department else "",
        }
        posts.append((client, data))

    def post(client, data) -> None:
        response = client.post(path, data, HTTP_REFERER=f"http://127.0.0.1{path}")
        if response.status_code != 302:
            raise SystemExit(f"the sign-up answered {response.status_code}, not the redirect")

    first, rest = posts[0], posts[1:]
    started = time.process_time()
    with CaptureQueriesContext(connection) as queries:
        post(*first)
    print(f"First sign-up (this process's first POST): {(time.process_time() - started) * 1000:.1f} ms CPU")
    print(f"{len(queries.captured_queries)} statements:")
    for query in queries.captured_queries:
        print(f"  {float(query['time']) * 1000:5.1f} ms  {query['sql'][:140]}")
    cpu, wall = [], []
    profile = cProfile.Profile(time.process_time) if args.profile else None
    for client, data in rest:
        began, began_cpu = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        post(client, data)
        if profile:
            profile.disable()
        cpu.append(time.process_time() - began_cpu)
        wall.append(time.perf_counter() - began)
    print(
        f"The other {len(rest)} sign-ups, one at a time: CPU median {statistics.median(cpu) * 1000:.1f} ms, "
        f"wall median {statistics.median(wall) * 1000:.1f} ms"
        + (" (profiled: times include the profiler)" if profile else "")
    )
    if profile:
        profile.dump_stats(args.profile)
        print(f"cProfile (CPU time) written to {args.profile}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=41)
    parser.add_argument("--capacity", type=int, default=20)
    parser.add_argument("--redis-url", help="Redis for the cache and sessions, as in production")
    parser.add_argument("--profile", help="write a cProfile of the sign-ups (after the first) here")
    parser.add_argument("--session", type=int, help=argparse.SUPPRESS)  # the measuring process
    args = parser.parse_args(argv)
    if args.session:
        measure(args)
        return 0

    base_env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    tmp = Path(tempfile.mkdtemp(prefix="portal-signup-profile-"))
    postgres = postgres_database(os.environ.get("DATABASE_URL", ""))
    try:
        database = create_database(postgres, tmp, "profile.sqlite3")
        dev_env = {**base_env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DATABASE_URL": database}
        manage(dev_env, "migrate", "--noinput", "-v0")
        manage(dev_env, "shell", "-c", ACCOUNTS % {"people": args.people, "password": PASSWORD})
        (session,) = shell_line(dev_env, SESSION % {"round": 1, "capacity": args.capacity}, "SESSION")
        prod_env = {
            **production_env(base_env),
            "DATABASE_URL": database,
            "ALLOWED_HOSTS": "127.0.0.1",
            "TASKS_BACKEND": "database",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "STATIC_ROOT": str(tmp / "static"),
            "MEDIA_ROOT": str(tmp / "media"),
        }
        if args.redis_url:
            prod_env.update(CACHE_BACKEND="django_redis.cache.RedisCache", CACHE_LOCATION=args.redis_url)
        manage(prod_env, "collectstatic", "--noinput", "-v0")
        command = [PYTHON, __file__, "--session", session, "--people", str(args.people)]
        if args.profile:
            command += ["--profile", str(Path(args.profile).resolve())]
        done = subprocess.run(command, cwd=ROOT, env=prod_env, capture_output=True, text=True)
        print(done.stdout, end="")
        if done.returncode:
            print(done.stderr[-3000:], file=sys.stderr)
        return done.returncode
    finally:
        if postgres:
            run_sql(postgres[0], f'DROP DATABASE IF EXISTS "{postgres[1]}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
