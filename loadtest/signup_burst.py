#!/usr/bin/env python3
"""Fifty colleagues sign up for one session at the same moment (`make loadtest-signups`).

Serves the portal the way `make serve` does (granian with the production settings, Redis for the
cache and sessions, the task worker sending the confirmations) on a throwaway database: on
PostgreSQL when DATABASE_URL points at a PostgreSQL server (a database of its own is created on
it and dropped afterwards), else on SQLite. It makes a session with `--capacity` places and
`--people` accounts, signs every account in beforehand, then lets all of them post the sign-up
form at once (threads released together by a barrier). Prints the sign-ups' latencies and checks
the outcome the portal promises: exactly `--capacity` confirmed, the rest on the waitlist, nobody
twice, every answer the redirect to "My registrations".

Options: --people (default 50), --capacity (default 20), --rounds (default 3: a new session each).
"""

# ruff: noqa: S603 - runs fixed commands (manage.py, the app server, redis-server)

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_pages import (
    PYTHON,
    ROOT,
    check_settings,
    ensure_tools,
    manage,
    production_env,
    start,
    start_app_server,
    start_redis,
    wait_for,
)

PASSWORD = "demo-portaal-2026"  # noqa: S105 - a throwaway database's accounts
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DEPARTMENT = re.compile(r'<option value="(\d+)"')

ACCOUNTS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from tests.awareness.factories import department
User = get_user_model()
names = [f"burst-{n}" for n in range(%(people)d)]
hashed = make_password(%(password)r)
people = [User(username=name, password=hashed, email=f"{name}@portaal.invalid") for name in names]
User.objects.bulk_create(people, ignore_conflicts=True)
Group.objects.get(name="Medewerker").user_set.add(*User.objects.filter(username__in=names))
department()
"""

SESSION = """
from awareness.models import ProgrammeItemPage
from tests.awareness.factories import SessionFactory, calendar_page, in_days
item = ProgrammeItemPage(
    title="Sign-up burst %(round)d", slug="sign-up-burst-%(round)d", description="<p>Over integriteit.</p>"
)
calendar_page().add_child(instance=item)
item.save_revision().publish()
print("SESSION", SessionFactory(item=item, capacity=%(capacity)d, start=in_days(5)).pk)
"""

OUTCOME = """
from collections import Counter
from awareness.models import Registration
rows = Registration.objects.filter(session_id=%(session)d)
statuses = Counter(rows.values_list("status", flat=True))
people = rows.values("email").distinct().count()
print("OUTCOME", statuses.get("confirmed", 0), statuses.get("waitlisted", 0), rows.count(), people)
"""


class Colleague:
    """One signed-in person with their own cookies (kept by hand: the cookies are Secure)."""

    def __init__(self, port: int, username: str):
        self.port = port
        self.username = username
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{key}={value}" for key, value in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        location = response.getheader("Location") or ""
        connection.close()
        return response.status, location, text

    def sign_in(self) -> None:
        _status, _location, page = self.request("GET", "/nl/account/login/")
        token = TOKEN.search(page)
        status, location, _text = self.request(
            "POST",
            "/nl/account/login/",
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": self.username,
                "password": PASSWORD,
            },
        )
        if status != 302 or "login" in location:
            raise SystemExit(f"{self.username} could not sign in ({status} {location})")

    def open_form(self, session_id: int) -> dict:
        path = f"/nl/bewustwording/aanmelden/{session_id}/"
        status, _location, page = self.request("GET", path)
        if status != 200:
            raise SystemExit(f"{self.username}: the sign-up form answered {status}")
        token = TOKEN.search(page)
        departments = DEPARTMENT.findall(page)
        return {
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "name": f"Collega {self.username}",
            "department": departments[0] if departments else "",
        }


def shell_line(env: dict, script: str, marker: str) -> list[str]:
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py shell failed:\n{done.stderr}")
    output = done.stdout
    # `manage.py shell` may print its own lines first (the objects it imported): take ours.
    line = next(row for row in output.splitlines() if row.startswith(marker + " "))
    return line.split()[1:]


def burst(port: int, colleagues: list[Colleague], session_id: int) -> list[tuple[float, int, str]]:
    """Everyone posts the form at the same moment; (seconds, status, location) per person."""
    forms = [person.open_form(session_id) for person in colleagues]
    barrier = threading.Barrier(len(colleagues))
    results: list[tuple[float, int, str]] = [(0.0, 0, "")] * len(colleagues)

    def post(index: int) -> None:
        barrier.wait()
        began = time.perf_counter()
        status, location, _text = colleagues[index].request(
            "POST", f"/nl/bewustwording/aanmelden/{session_id}/", forms[index]
        )
        results[index] = (time.perf_counter() - began, status, location)

    threads = [threading.Thread(target=post, args=(index,)) for index in range(len(colleagues))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def postgres_database(url: str) -> tuple[str, str] | None:
    """(a throwaway database's URL, its name) on the server of a PostgreSQL DATABASE_URL."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return None
    name = f"portal_burst_{secrets.token_hex(4)}"
    return urlunsplit(parts._replace(path=f"/{name}")), name


def create_database(postgres: tuple[str, str] | None, tmp: Path, filename: str) -> str:
    """A new, empty database's URL: `postgres_database()`'s on that server, else a SQLite file."""
    if postgres:
        database, name = postgres
        run_sql(database, f'CREATE DATABASE "{name}"')
    else:
        database = f"sqlite:///{tmp / filename}"
    print(f"Database: {'PostgreSQL' if postgres else 'SQLite'} (throwaway)", flush=True)
    return database


def run_sql(url: str, statement: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(statement)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--capacity", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    base_env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    prod_env = {
        **production_env(base_env),
        "TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    }
    check_settings(prod_env)
    ensure_tools({"redis-server": "redis-server"})

    tmp = Path(tempfile.mkdtemp(prefix="portal-burst-"))
    servers = []
    postgres = postgres_database(os.environ.get("DATABASE_URL", ""))
    try:
        database = create_database(postgres, tmp, "burst.sqlite3")
        dev_env = {**base_env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DATABASE_URL": database}
        prod_env.update(
            DATABASE_URL=database,
            STATIC_ROOT=str(tmp / "static"),
            MEDIA_ROOT=str(tmp / "media"),
            EMAIL_FILE_PATH=str(tmp / "mail"),
        )
        manage(dev_env, "migrate", "--noinput", "-v0")
        manage(prod_env, "collectstatic", "--noinput", "-v0")
        manage(dev_env, "shell", "-c", ACCOUNTS % {"people": args.people, "password": PASSWORD})
        servers.append(start_redis(tmp, prod_env))
        app_server, port = start_app_server(tmp, prod_env)
        servers.append(app_server)
        servers.append(
            start(
                "worker",
                [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "1"],
                tmp / "worker.log",
                cwd=ROOT,
                env=prod_env,
            )
        )
        wait_for(port, "/healthz")

        print(f"Signing in {args.people} colleagues ...", flush=True)
        colleagues = [Colleague(port, f"burst-{n}") for n in range(args.people)]
        for person in colleagues:
            person.sign_in()

        failed = False
        latencies: list[float] = []
        for round_number in range(1, args.rounds + 1):
            (session_id,) = shell_line(
                dev_env, SESSION % {"round": round_number, "capacity": args.capacity}, "SESSION"
            )
            results = burst(port, colleagues, int(session_id))
            seconds = [elapsed for elapsed, _status, _location in results]
            latencies += seconds
            wrong = [(status, location) for _elapsed, status, location in results if status != 302]
            confirmed, waitlisted, rows, people = map(
                int, shell_line(dev_env, OUTCOME % {"session": int(session_id)}, "OUTCOME")
            )
            exact = (confirmed, waitlisted, rows, people) == (
                args.capacity,
                args.people - args.capacity,
                args.people,
                args.people,
            )
            failed |= bool(wrong) or not exact
            print(
                f"  round {round_number}: p50 {statistics.median(seconds) * 1000:.0f} ms, "
                f"p99 {percentile(seconds, 0.99) * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms; "
                f"{confirmed} confirmed, {waitlisted} on the waitlist, {rows} registrations of {people} "
                f"people; {'exact' if exact else 'NOT EXACT'}; answers other than 302: {wrong or 'none'}",
                flush=True,
            )
        print(
            f"All {len(latencies)} sign-ups: p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
            f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, "
            f"max {max(latencies) * 1000:.0f} ms"
        )
        return 1 if failed else 0
    finally:
        for server in reversed(servers):
            server.stop()
        if postgres:
            run_sql(postgres[0], f'DROP DATABASE IF EXISTS "{postgres[1]}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
