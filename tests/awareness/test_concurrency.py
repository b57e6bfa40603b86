"""Capacity under concurrency: real parallel HTTP requests against a live server process.

The server is `manage.py runserver` (threaded, one database connection per request thread) in a
separate process, so it shares nothing with the test but the database:
- on SQLite a *file* database: the migrated in-memory test database, with this test's users and
  sessions, is copied to a temporary file with SQLite's backup API (the in-memory database of the
  test run cannot be shared with another process, and its shared-cache mode locks differently);
  the server opens it with the project's settings (WAL, BEGIN IMMEDIATE, 20 s busy timeout);
- on PostgreSQL (CI's second pass, DATABASE_URL=postgres://…) the test database itself, to which
  the test committed its rows (transactional test).

Each of 50 colleagues first loads the sign-up form (session cookie, CSRF token), then all post at
once behind a barrier. A test-only delay between counting and writing widens the race window; the
control run switches the locking off with the test-only setting and must then overbook.
"""

import contextlib
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from tests.awareness.factories import RegistrationFactory, SessionFactory, programme_item
from tests.server_processes import database_url, free_port

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("live_db"),
]

BASE_DIR = Path(settings.BASE_DIR)
PARALLEL = 50
CAPACITY = 20


@contextlib.contextmanager
def live_server_process(db_url: str, locking: bool, delay: float):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.awareness.server_settings",
        "DATABASE_URL": db_url,
        "AWARENESS_REGISTRATION_LOCKING": "1" if locking else "0",
        "AWARENESS_TEST_RACE_DELAY": str(delay),
    }
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally clause)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=10).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass  # not listening yet, or still starting up (slow on a busy machine)
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail("server did not start:\n" + log.read().decode()[-3000:])
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def make_colleagues(count: int, prefix: str) -> list[str]:
    """Users with a signed-in session each; returns their session cookies."""
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(username=f"{prefix}{n}", email=f"{prefix}{n}@portaal.invalid", first_name=f"C{n}")
            for n in range(count)
        ]
    )
    cookies = []
    for user in users:
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies


def prepared(base: str, session_cookie: str, form_path: str) -> tuple[requests.Session, str]:
    browser = requests.Session()
    browser.cookies.set(settings.SESSION_COOKIE_NAME, session_cookie)
    page = browser.get(base + form_path, timeout=30)
    assert page.status_code == 200, page.status_code
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return browser, token


def storm(base: str, actions) -> list[int]:
    """Run (browser, token, path, data) posts in parallel threads, released together by a barrier."""
    barrier = threading.Barrier(len(actions))

    def go(action):
        browser, token, path, data = action
        barrier.wait()
        response = browser.post(
            base + path,
            data={"csrfmiddlewaretoken": token, **data},
            timeout=120,
            allow_redirects=False,
            headers={"Referer": base + path},
        )
        return response.status_code

    with ThreadPoolExecutor(max_workers=len(actions)) as pool:
        return list(pool.map(go, actions))


def server_counts(db_url: str, session_id: int) -> dict[str, int]:
    """Registrations of the session by status, as the server's database holds them."""
    query = "SELECT status, COUNT(*) FROM awareness_registration WHERE session_id = %s GROUP BY status"
    if db_url.startswith("sqlite:///"):
        with contextlib.closing(sqlite3.connect(db_url.removeprefix("sqlite:///"))) as db:
            rows = db.execute(query.replace("%s", "?"), [session_id]).fetchall()
    else:
        with connection.cursor() as cursor:
            cursor.execute(query, [session_id])
            rows = cursor.fetchall()
    return dict(rows)


def server_duplicates(db_url: str, session_id: int) -> int:
    query = "SELECT COUNT(*) - COUNT(DISTINCT email) FROM awareness_registration WHERE session_id = %s"
    if db_url.startswith("sqlite:///"):
        with contextlib.closing(sqlite3.connect(db_url.removeprefix("sqlite:///"))) as db:
            return db.execute(query.replace("%s", "?"), [session_id]).fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute(query, [session_id])
        return cursor.fetchone()[0]


def sign_up_storm(base: str, cookies: list[str], session_id: int) -> list[int]:
    path = f"/nl/bewustwording/aanmelden/{session_id}/"
    actions = []
    for n, cookie in enumerate(cookies):
        browser, token = prepared(base, cookie, path)
        actions.append(
            (
                browser,
                token,
                path,
                {"name": f"Collega {n}", "email": f"storm{session_id}-{n}@portaal.invalid"},
            )
        )
    return storm(base, actions)


def database_matches(vendor: str):
    return pytest.mark.skipif(
        (os.environ.get("DATABASE_URL", "").startswith("postgres")) != (vendor == "postgresql"),
        reason=f"runs when the suite runs on {vendor}",
    )


def run_capacity_scenario(tmp_path, *, locking: bool, rounds: int, delay: float) -> list[dict]:
    item = programme_item(title="Masterclass agressie en geweld")
    sessions = [SessionFactory(item=item, capacity=CAPACITY) for _ in range(rounds)]
    cookies = make_colleagues(PARALLEL, prefix="storm")
    db_url = database_url(tmp_path)
    results = []
    with live_server_process(db_url, locking=locking, delay=delay) as base:
        for session in sessions:
            statuses = sign_up_storm(base, cookies, session.pk)
            results.append(
                {
                    "statuses": statuses,
                    "counts": server_counts(db_url, session.pk),
                    "duplicates": server_duplicates(db_url, session.pk),
                }
            )
    return results


def assert_exact(results):
    for result in results:
        assert result["statuses"] == [302] * PARALLEL  # everyone got an answer: registered or waitlisted
        assert result["counts"] == {"confirmed": CAPACITY, "waitlisted": PARALLEL - CAPACITY}
        assert result["duplicates"] == 0


@database_matches("sqlite")
def test_fifty_parallel_sign_ups_for_twenty_places_on_file_sqlite(tmp_path):
    assert_exact(run_capacity_scenario(tmp_path, locking=True, rounds=3, delay=0.02))


@pytest.mark.postgres
@database_matches("postgresql")
def test_fifty_parallel_sign_ups_for_twenty_places_on_postgresql(tmp_path):
    assert_exact(run_capacity_scenario(tmp_path, locking=True, rounds=3, delay=0.02))


def test_control_without_locking_the_same_storm_overbooks(tmp_path):
    """Proves the test can see a race: with the locking switched off, more than 20 get a place."""
    [result] = run_capacity_scenario(tmp_path, locking=False, rounds=1, delay=0.1)
    assert sum(result["counts"].values()) == PARALLEL
    assert result["counts"].get("confirmed", 0) > CAPACITY, result["counts"]
    print("control run without locking:", result["counts"])


def test_cancellations_racing_sign_ups_never_overbook(tmp_path):
    session = SessionFactory(capacity=CAPACITY)
    cookies = make_colleagues(PARALLEL, prefix="race")
    owners = get_user_model().objects.filter(username__startswith="race").order_by("pk")[:10]
    cancelling = [RegistrationFactory(session=session, user=user, email=user.email) for user in owners]
    for n in range(CAPACITY - len(cancelling)):
        RegistrationFactory(session=session, email=f"vast{n}@portaal.invalid")
    for n in range(5):
        RegistrationFactory(session=session, email=f"wacht{n}@portaal.invalid", status="waitlisted")
    db_url = database_url(tmp_path)
    with live_server_process(db_url, locking=True, delay=0.02) as base:
        register_path = f"/nl/bewustwording/aanmelden/{session.pk}/"
        actions = []
        for registration, cookie in zip(cancelling, cookies[:10], strict=True):
            browser, token = prepared(base, cookie, "/nl/bewustwording/mijn-aanmeldingen/")
            actions.append((browser, token, f"/nl/bewustwording/afmelden/{registration.pk}/", {}))
        for n, cookie in enumerate(cookies[10:40]):
            browser, token = prepared(base, cookie, register_path)
            actions.append(
                (browser, token, register_path, {"name": f"Nieuw {n}", "email": f"nieuw{n}@portaal.invalid"})
            )
        statuses = storm(base, actions)
        counts = server_counts(db_url, session.pk)
    assert statuses == [302] * 40
    # 10 places freed and at most 20 confirmed; the waitlist (5 + 30 new) fills every freed place.
    assert counts == {"confirmed": CAPACITY, "cancelled": 10, "waitlisted": 5 + 30 - 10}
