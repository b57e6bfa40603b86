#!/usr/bin/env python3
"""Run the morning-of-the-week load test (`make loadtest`; loadtest/locustfile.py).

Serves the portal the way `make serve` does (granian with the production settings, Redis for the
cache and sessions) on a throwaway SQLite database with the demo content, all on 127.0.0.1 in a
temporary folder; runs Locust headless at a fixed arrival rate; meanwhile an editor publishes a
page from a separate process every `--publish-every` seconds. Prints Locust's latencies and
failures per request type, Locust's own CPU share, and the page cache's hit rate from the
server-side counters the app server's workers log as they exit (portal/page_cache_stats.py).

Options: --seconds (default 60), --rate (requests/s, default 100), --users (default 20),
--publish-every (default 20 s), --cache redis|locmem, --shared-shells (page shells in
Redis too), --warm-up (default 3 s after everyone signed in,
printed on its own), --trace FILE (each request and publish).
"""

# ruff: noqa: S603 - runs fixed commands (manage.py, the app server, redis-server, locust)

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_pages import (
    PYTHON,
    ROOT,
    Server,
    check_settings,
    ensure_tools,
    manage,
    page_cache_counts,
    print_page_cache_counts,
    production_env,
    start_app_server,
    start_redis,
    wait_for,
)

DISCOVER = """
from awareness.models import CalendarPage, Session
from django.utils import timezone
from home.models import CodeOfConductPage
code = CodeOfConductPage.objects.live().filter(locale__language_code="nl").first()
calendar = CalendarPage.objects.live().filter(locale__language_code="nl").first()
now = timezone.now()
upcoming = Session.objects.filter(start__gte=now, item__live=True, cancelled=False).order_by("start")
sessions = [session.pk for session in upcoming if session.is_open][:20]
print("LOADTEST", code.url, code.pk, calendar.url, ",".join(map(str, sessions)))
"""

# One account per simulated employee (loadtest-0 …): a person signs up for a session once, so one
# shared account would turn every second sign-up into "already registered".
ACCOUNTS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from portal.demo import DEMO_PASSWORD
User = get_user_model()
names = [f"loadtest-{n}" for n in range(%d)]
hashed = make_password(DEMO_PASSWORD)
people = [
    User(username=name, password=hashed, email=f"{name}@portaal.invalid", last_name=name)
    for name in names
]
User.objects.bulk_create(people, ignore_conflicts=True)
Group.objects.get(name="Medewerker").user_set.add(*User.objects.filter(username__in=names))
"""

# The editor: one process, started before the load, that publishes a page each time it reads a
# line. An editor works in the admin of a server of their own; starting Django for every publish
# (2-3 s of CPU on these two cores) would put that start-up, not the publish, in the readers' tail.
PUBLISHER = """
import sys
from home.models import ContentPage
print("READY", flush=True)
for _ in sys.stdin:
    page = ContentPage.objects.live().filter(locale__language_code="nl").exclude(depth__lte=2).first()
    page.title = page.title.rstrip(" .") + ("." if not page.title.endswith(".") else "")
    page.save_revision().publish()
    print("PUBLISHED", flush=True)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--publish-every", type=float, default=20.0)
    parser.add_argument("--cache", choices=["redis", "locmem"], default="redis")
    parser.add_argument(
        "--shared-shells", action="store_true", help="page shells in Redis, shared by the workers"
    )
    parser.add_argument("--warm-up", type=float, default=3.0, help="seconds before the figures start")
    parser.add_argument("--trace", help="write each request's time and latency, and each publish, here")
    args = parser.parse_args(argv)

    base_env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    prod_env = production_env(base_env)
    check_settings(prod_env)
    ensure_tools({"redis-server": "redis-server"} if args.cache == "redis" else {})

    tmp = Path(tempfile.mkdtemp(prefix="portal-loadtest-"))
    servers = []
    stop_publishing = threading.Event()
    try:
        database = f"sqlite:///{tmp / 'loadtest.sqlite3'}"
        dev_env = {**base_env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DATABASE_URL": database}
        prod_env.update(DATABASE_URL=database, STATIC_ROOT=str(tmp / "static"), MEDIA_ROOT=str(tmp / "media"))
        print("Building a throwaway database with the demo content ...", flush=True)
        for command in (["migrate", "--noinput", "-v0"], ["load_demo_content"]):
            manage(dev_env, *command)
        manage(prod_env, "collectstatic", "--noinput", "-v0")
        found = manage(dev_env, "shell", "-c", DISCOVER, text=True).stdout
        manage(dev_env, "shell", "-c", ACCOUNTS % args.users)
        # `manage.py shell` may print its own lines first (the objects it imported): take ours.
        line = next((row for row in found.splitlines() if row.startswith("LOADTEST ")), "LOADTEST")
        code_url, code_id, calendar_url, session_ids = ([*line.split()[1:], "", "", "", ""])[:4]
        if args.cache == "redis":
            servers.append(start_redis(tmp, prod_env))
            if args.shared_shells:  # the page cache in Redis too (database 1): one set of shells
                location = prod_env["CACHE_LOCATION"].rsplit("/", 1)[0] + "/1"
                prod_env.update(PAGE_CACHE_BACKEND=prod_env["CACHE_BACKEND"], PAGE_CACHE_LOCATION=location)
        app_server, port = start_app_server(tmp, prod_env)
        servers.append(app_server)
        wait_for(port, "/healthz")

        editor = subprocess.Popen(
            [PYTHON, "manage.py", "shell", "-c", PUBLISHER],
            cwd=ROOT,
            env=prod_env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        servers.append(Server("editor", editor))
        # `manage.py shell` may print its own lines first (the objects it imported).
        if not any(line.startswith("READY") for line in editor.stdout):
            raise SystemExit("The editor process did not start")

        def publish() -> None:  # an editor, from a process of its own (as the admin on another server)
            while not stop_publishing.wait(args.publish_every):
                published = time.time()
                editor.stdin.write("publish\n")
                editor.stdin.flush()
                if not any(line.startswith("PUBLISHED") for line in editor.stdout):
                    print("  (the editor process stopped)", flush=True)
                    return
                print("  (an editor published a page)", flush=True)
                if args.trace:
                    with open(args.trace, "a") as trace:
                        trace.write(f"{published:.3f}\tpublish\t{(time.time() - published) * 1000:.1f}\n")

        publisher = threading.Thread(target=publish, daemon=True)
        publisher.start()
        locust_env = {
            **base_env,
            "LOADTEST_USERS": str(args.users),
            "LOADTEST_RATE": str(args.rate),
            "LOADTEST_CODE_URL": code_url,
            "LOADTEST_CODE_ID": code_id,
            "LOADTEST_CALENDAR_URL": calendar_url,
            "LOADTEST_SESSION_IDS": session_ids,
            "LOADTEST_WARM_UP": str(args.warm_up),
            **({"LOADTEST_TRACE": str(Path(args.trace).resolve())} if args.trace else {}),
        }
        locust = Path(PYTHON).with_name("locust")
        result = subprocess.run(
            [
                str(locust),
                "-f",
                str(ROOT / "loadtest" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.users),
                "--run-time",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--stop-timeout",
                "5",
            ],
            cwd=ROOT,
            env=locust_env,
            check=False,
        )
        stop_publishing.set()
        app_server.stop()  # each worker logs its page cache counters as it exits
        servers.remove(app_server)
        print_page_cache_counts(page_cache_counts(tmp / "app-server.log"))
        return result.returncode
    finally:
        stop_publishing.set()
        for server in reversed(servers):
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
