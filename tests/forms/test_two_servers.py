"""Two server processes: a form is stored once, and limits and proofs hold across processes.

Two `manage.py runserver --noreload` processes on ephemeral ports share only the database (a file
SQLite copy of the test database, or the PostgreSQL test database itself) and the cache of
tests/forms/server_settings.py (a database table, or Redis at PORTAL_TEST_REDIS_URL). The client is
a plain HTML client (requests): the no-JavaScript wait is 0 s in these servers, and the ALTCHA
challenge is solved in Python. The servers trust 127.0.0.1 as a proxy, so each scenario is a client
address of its own (X-Forwarded-For).

The control run gives each process its own memory cache and claims the nonce there, as the portal
did before: then the same final step sent to both servers at once is stored twice, alternating
servers escapes the limits, and a solved challenge can be replayed on the other server.
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
import uuid
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from forms import receipts
from tests.forms.factories import IntegrityReportFactory
from tests.forms.helpers import ABOUT, WHAT
from tests.forms.proof import solve
from tests.server_processes import database_url, free_port

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("live_db"),
]

BASE_DIR = Path(settings.BASE_DIR)
CACHE_TABLE = "forms_test_shared_cache"
ROUNDS = 5


@contextlib.contextmanager
def server(db_url: str, *, shared: bool, prefix: str):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.forms.server_settings",
        "DATABASE_URL": db_url,
        "TRUSTED_PROXIES": "127.0.0.1",
        "FORMS_TEST_SHARED_CACHE": "1" if shared else "0",
        "FORMS_TEST_NONCE_IN_DATABASE": "1" if shared else "0",
        "FORMS_TEST_CACHE_PREFIX": prefix,  # with Redis: this run's keys only
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
            except requests.RequestException:  # not up yet, or busy starting
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail("server did not start:\n" + log.read().decode()[-3000:])
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@contextlib.contextmanager
def two_servers(tmp_path, *, shared: bool):
    if shared:
        call_command("createcachetable", CACHE_TABLE)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {CACHE_TABLE}")  # noqa: S608 (a constant)
    prefix = f"forms-test-{uuid.uuid4().hex}"
    db_url = database_url(tmp_path)
    try:
        with (
            server(db_url, shared=shared, prefix=prefix) as first,
            server(db_url, shared=shared, prefix=prefix) as second,
        ):
            yield db_url, first, second
    finally:
        if os.environ.get("PORTAL_TEST_REDIS_URL"):  # the test's keys live long (a very long window)
            import redis

            client = redis.Redis.from_url(os.environ["PORTAL_TEST_REDIS_URL"])
            for key in client.scan_iter(match=f"{prefix}:*"):
                client.delete(key)


def stored_reports(db_url: str) -> int:
    query = "SELECT COUNT(*) FROM forms_integrityreport"
    if db_url.startswith("sqlite:///"):
        with contextlib.closing(sqlite3.connect(db_url.removeprefix("sqlite:///"))) as db:
            return db.execute(query).fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchone()[0]


class Browser:
    """A plain HTML client behind the trusted proxy, as one client address."""

    def __init__(self, address: str):
        self.session = requests.Session()
        self.headers = {"X-Forwarded-For": address}

    def get(self, url: str) -> str:
        response = self.session.get(url, headers=self.headers, timeout=60)
        assert response.status_code == 200, response.status_code
        return response.text

    def post(self, url: str, page: str, data: dict) -> requests.Response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.session.post(
            url, data={"csrfmiddlewaretoken": token, **data}, headers=self.headers, timeout=120
        )


def draft(page: str) -> str:
    return re.search(r'name="draft" value="([^"]+)"', page).group(1)


def review_page(browser: Browser, base: str) -> str:
    page = browser.get(base + "/nl/melding/")
    page = browser.post(base + "/nl/melding/", page, {"step": "1", "draft": draft(page), **WHAT}).text
    page = browser.post(base + "/nl/melding/", page, {"step": "2", "draft": draft(page), **ABOUT}).text
    assert "Stap 3 van 3" in page
    return page


def send_at_once(browser: Browser, page: str, urls: list[str]) -> list[str]:
    """The same final step posted to each URL in parallel, released together."""
    barrier = threading.Barrier(len(urls))
    results = [""] * len(urls)

    def go(index: int) -> None:
        barrier.wait()
        results[index] = browser.post(urls[index], page, {"step": "3", "draft": draft(page)}).text

    threads = [threading.Thread(target=go, args=(index,)) for index in range(len(urls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def race_rounds(db_url: str, first: str, second: str) -> list[tuple[int, list[str]]]:
    outcomes = []
    for number in range(ROUNDS):
        browser = Browser(f"198.51.100.{number + 1}")
        page = review_page(browser, first)
        before = stored_reports(db_url)
        answers = send_at_once(browser, page, [first + "/nl/melding/", second + "/nl/melding/"])
        outcomes.append((stored_reports(db_url) - before, answers))
    return outcomes


def alternate_receipt_failures(first: str, second: str, attempts: int) -> list[int]:
    browser = Browser("203.0.113.50")
    statuses = []
    for number in range(attempts):
        base = (first, second)[number % 2]
        page = browser.get(base + "/nl/melding/opvolging/")
        wait_token = re.search(r'name="wait_token" value="([^"]+)"', page).group(1)
        response = browser.post(
            base + "/nl/melding/opvolging/", page, {"code": receipts.new_code(), "wait_token": wait_token}
        )
        statuses.append(response.status_code)
    return statuses


def alternate_reports(first: str, second: str, attempts: int) -> list[int]:
    browser = Browser("203.0.113.60")
    statuses = []
    for number in range(attempts):
        base = (first, second)[number % 2]
        page = review_page(browser, base)
        statuses.append(
            browser.post(base + "/nl/melding/", page, {"step": "3", "draft": draft(page)}).status_code
        )
    return statuses


def replay_on_the_other_server(first: str, second: str, code: str) -> tuple[int, int]:
    browser = Browser("203.0.113.70")
    page = browser.get(first + "/nl/melding/opvolging/")
    payload = solve(page)
    once = browser.post(first + "/nl/melding/opvolging/", page, {"code": code, "altcha": payload})
    other = browser.get(second + "/nl/melding/opvolging/")
    replayed = browser.post(second + "/nl/melding/opvolging/", other, {"code": code, "altcha": payload})
    return once.status_code, replayed.status_code


def test_two_servers_store_a_form_once_and_share_limits_and_proofs(tmp_path):
    _report, code = IntegrityReportFactory.with_code()
    with two_servers(tmp_path, shared=True) as (db_url, first, second):
        rounds = race_rounds(db_url, first, second)
        receipt_statuses = alternate_receipt_failures(first, second, 6)
        report_statuses = alternate_reports(first, second, 4)
        replay = replay_on_the_other_server(first, second, code)
    for stored, answers in rounds:
        assert stored == 1
        assert sum('id="receipt-code"' in answer for answer in answers) == 1
        assert sum("Deze melding is al verstuurd" in answer for answer in answers) == 1
    # 4 failed look-ups allowed per client, then a growing delay, on whichever server.
    assert receipt_statuses == [200, 200, 200, 200, 429, 429]
    assert report_statuses == [200, 200, 200, 429]  # 3 reports per client
    assert replay == (200, 429)


def test_control_with_a_cache_per_process_the_race_and_the_escapes_show(tmp_path):
    """Proves the test above can fail: the portal's old per-process cache lets all of it through."""
    _report, code = IntegrityReportFactory.with_code()
    with two_servers(tmp_path, shared=False) as (db_url, first, second):
        rounds = race_rounds(db_url, first, second)
        receipt_statuses = alternate_receipt_failures(first, second, 6)
        replay = replay_on_the_other_server(first, second, code)
    duplicates = sum(stored == 2 for stored, _answers in rounds)
    print(f"control: {duplicates} of {ROUNDS} final steps stored twice; look-ups {receipt_statuses}")
    assert duplicates >= 1
    assert 429 not in receipt_statuses
    assert replay == (200, 200)
