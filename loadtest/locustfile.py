"""The morning of the resilience week (`make loadtest`, loadtest/run.py; docs/performance.md).

4,000 employees open the portal within the hour: most read (home, code of conduct, calendar,
search), some sign up for a session or confirm the code of conduct, while an editor publishes now
and then (loadtest/run.py does that from a separate process). Two cores cannot simulate 4,000
browsers, so a fixed number of users each sends requests at a constant rate
(`constant_throughput`): the arrival rate stays fixed, whatever the response times.

Request names start with "read:" or "write:"; Locust prints latencies and failures per name.
At the end this file prints Locust's own CPU share (a load generator at 90 % of a core measures
itself, not the server).
"""

# ruff: noqa: S311 - random picks of pages and names for a load test, nothing secret

from __future__ import annotations

import itertools
import os
import random
import re
import time

import gevent
from gevent.event import Event
from locust import FastHttpUser, constant_throughput, events, task

USERS = int(os.environ.get("LOADTEST_USERS", "20"))
RATE = float(os.environ.get("LOADTEST_RATE", "100"))  # requests per second, all users together
# Each simulated employee signs in as an account of their own (loadtest/run.py makes loadtest-0 …).
ACCOUNT_PREFIX = os.environ.get("LOADTEST_ACCOUNT_PREFIX", "loadtest-")
_accounts = itertools.count()
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "demo-portaal-2026")
CODE_URL = os.environ.get("LOADTEST_CODE_URL", "/nl/gedragscode/")
CODE_ID = os.environ.get("LOADTEST_CODE_ID", "")
CALENDAR_URL = os.environ.get("LOADTEST_CALENDAR_URL", "/nl/bewustwording/kalender/")
SESSION_IDS = [int(pk) for pk in os.environ.get("LOADTEST_SESSION_IDS", "").split(",") if pk]
# Seconds after everyone signed in before the figures start (cold caches: `_end_warm_up`).
WARM_UP_SECONDS = float(os.environ.get("LOADTEST_WARM_UP", "3"))
SEARCHES = ["integriteit", "gedragscode", "melden", "agressie", "vertrouwenspersoon", "geschenken"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DEPARTMENT = re.compile(r'<option value="(\d+)"')


def remember(cookies: dict[str, str], set_cookie: str) -> None:
    """Keep a cookie as a browser would, deleting it when the server expires it (Django deletes the
    messages cookie once they were shown: a client that keeps sending it empty is never served
    from the page cache's fast path again)."""
    key, _, rest = set_cookie.partition("=")
    value, _, attributes = rest.partition(";")
    if "max-age=0" in attributes.lower().replace(" ", "") or value in ("", '""'):
        cookies.pop(key.strip(), None)
    else:
        cookies[key.strip()] = value


class Employee(FastHttpUser):
    """One signed-in employee. Cookies are kept by hand: the production settings mark the session
    and CSRF cookies Secure, and a client on plain http (127.0.0.1) would not send them back, so
    every request would quietly be the sign-in page."""

    wait_time = constant_throughput(RATE / USERS)

    def on_start(self):
        self.cookies: dict[str, str] = {}
        self.signed_up: set[int] = set()
        token = self._token("/nl/account/login/", "sign-in")
        self._request(
            "POST",
            "/nl/account/login/",
            "sign-in",
            expect=302,
            data={
                "csrfmiddlewaretoken": token,
                "username": f"{ACCOUNT_PREFIX}{next(_accounts) % USERS}",
                "password": PASSWORD,
            },
        )
        # Everyone starts reading together once all have signed in, and the figures start then:
        # 20 password hashes at once (a second or more each on two cores) are the start of the
        # day, not the morning's steady state. The sign-ins are printed on their own.
        _signed_in.append(time.monotonic())
        if len(_signed_in) == USERS:
            took = _signed_in[-1] - _started.get("wall", _signed_in[0])
            print(f"All {USERS} employees signed in after {took:.1f} s", flush=True)
            self.environment.stats.reset_all()
            _everyone_in.set()
            gevent.spawn_later(WARM_UP_SECONDS, _end_warm_up, self.environment)
        _everyone_in.wait()

    def _request(self, method: str, path: str, name: str, *, expect: int = 200, **kwargs):
        """One request with this person's cookies; anything but `expect` (a redirect to the sign-in
        page, a 403 for a missing CSRF cookie) counts as a failure."""
        headers = {"Cookie": "; ".join(f"{key}={value}" for key, value in self.cookies.items())}
        if method == "POST":
            headers["Referer"] = self.host + path  # Django's CSRF check wants it (the origin matches)
        with self.client.request(
            method, path, name=name, headers=headers, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            for cookie in response.headers.getlist("set-cookie") if response.headers else []:
                remember(self.cookies, cookie)
            if response.status_code != expect:
                location = response.headers.get("location", "") if response.headers else ""
                response.failure(f"{response.status_code} {location}".strip())
            return response

    def _token(self, path: str, name: str) -> str:
        response = self._request("GET", path, name)
        found = TOKEN.search(response.text or "")
        return found.group(1) if found else ""

    @task(30)
    def home(self):
        self._request("GET", "/nl/", "read: home")

    @task(25)
    def code_of_conduct(self):
        self._request("GET", CODE_URL, "read: code of conduct")

    @task(20)
    def calendar(self):
        self._request("GET", CALENDAR_URL, "read: calendar")

    @task(15)
    def search(self):
        self._request("GET", f"/nl/zoeken/?q={random.choice(SEARCHES)}", "read: search")

    @task(3)
    def confirm_code_of_conduct(self):
        if not CODE_ID:
            return
        token = self._token(CODE_URL, "read: code of conduct")
        self._request(
            "POST",
            f"/nl/gedragscode/{CODE_ID}/bevestigen/",
            "write: confirm code of conduct",
            expect=302,
            data={"csrfmiddlewaretoken": token},
        )

    @task(3)
    def sign_up(self):
        # A person signs up for a session once: a second try is "already registered", not load.
        open_to_me = [pk for pk in SESSION_IDS if pk not in self.signed_up]
        if not open_to_me:
            return
        session_id = random.choice(open_to_me)
        self.signed_up.add(session_id)
        path = f"/nl/bewustwording/aanmelden/{session_id}/"
        form = self._request("GET", path, "read: sign-up form").text or ""
        token = TOKEN.search(form)
        departments = DEPARTMENT.findall(form)
        number = random.randrange(1_000_000)
        self._request(
            "POST",
            path,
            "write: sign up",
            expect=302,
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "name": f"Collega {number}",
                "email": f"collega{number}@portaal.invalid",
                "department": random.choice(departments) if departments else "",
            },
        )


def _end_warm_up(environment) -> None:
    """The first seconds after everyone signed in: every page is rendered for the first time in each
    server process while all employees send their first request together. Printed on their own,
    like the sign-ins; the figures start after them."""
    total = environment.stats.total
    if total.num_requests:
        print(
            f"Warm-up: {total.num_requests} requests in the first {WARM_UP_SECONDS:g} s, p99 "
            f"{total.get_response_time_percentile(0.99):.0f} ms, slowest {total.max_response_time:.0f} ms;"
            " the figures start now",
            flush=True,
        )
    environment.stats.reset_all()


_started: dict[str, float] = {}
_signed_in: list[float] = []
_everyone_in = Event()


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


@events.test_start.add_listener
def _remember_start(environment, **kwargs):
    _started.update(wall=time.monotonic(), cpu=_cpu_seconds())


# LOADTEST_TRACE: one line per request after everyone signed in (wall-clock time, name, ms), to
# line the slow ones up with the editor's publishes (loadtest/run.py writes those to the same file).
TRACE = os.environ.get("LOADTEST_TRACE")


@events.request.add_listener
def _trace(request_type, name, response_time, **kwargs):
    if TRACE and _everyone_in.is_set():
        with open(TRACE, "a") as trace:
            trace.write(f"{time.time():.3f}\t{name}\t{response_time:.1f}\n")


@events.quitting.add_listener
def _print_own_cpu(environment, **kwargs):
    if not _started:
        return
    wall = time.monotonic() - _started["wall"]
    share = (_cpu_seconds() - _started["cpu"]) / wall if wall else 0.0
    print(f"Locust's own CPU share: {share:.0%} of one core over {wall:.0f} s", flush=True)
