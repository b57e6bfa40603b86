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

import os
import random
import re
import time

from locust import FastHttpUser, constant_throughput, events, task

USERS = int(os.environ.get("LOADTEST_USERS", "20"))
RATE = float(os.environ.get("LOADTEST_RATE", "100"))  # requests per second, all users together
USERNAME = os.environ.get("LOADTEST_USERNAME", "medewerker")
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "demo-portaal-2026")
CODE_URL = os.environ.get("LOADTEST_CODE_URL", "/nl/gedragscode/")
CODE_ID = os.environ.get("LOADTEST_CODE_ID", "")
CALENDAR_URL = os.environ.get("LOADTEST_CALENDAR_URL", "/nl/bewustwording/kalender/")
SESSION_IDS = [int(pk) for pk in os.environ.get("LOADTEST_SESSION_IDS", "").split(",") if pk]
SEARCHES = ["integriteit", "gedragscode", "melden", "agressie", "vertrouwenspersoon", "geschenken"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Employee(FastHttpUser):
    wait_time = constant_throughput(RATE / USERS)

    def on_start(self):
        page = self.client.get("/nl/account/login/", name="sign-in")
        token = TOKEN.search(page.text or "")
        self.client.post(
            "/nl/account/login/",
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": USERNAME,
                "password": PASSWORD,
            },
            name="sign-in",
            allow_redirects=False,
        )

    def _token(self, path: str, name: str) -> str:
        response = self.client.get(path, name=name)
        found = TOKEN.search(response.text or "")
        return found.group(1) if found else ""

    @task(30)
    def home(self):
        self.client.get("/nl/", name="read: home")

    @task(25)
    def code_of_conduct(self):
        self.client.get(CODE_URL, name="read: code of conduct")

    @task(20)
    def calendar(self):
        self.client.get(CALENDAR_URL, name="read: calendar")

    @task(15)
    def search(self):
        self.client.get(f"/nl/zoeken/?q={random.choice(SEARCHES)}", name="read: search")

    @task(3)
    def confirm_code_of_conduct(self):
        if not CODE_ID:
            return
        token = self._token(CODE_URL, "read: code of conduct")
        self.client.post(
            f"/nl/gedragscode/{CODE_ID}/bevestigen/",
            data={"csrfmiddlewaretoken": token},
            name="write: confirm code of conduct",
            allow_redirects=False,
        )

    @task(3)
    def sign_up(self):
        if not SESSION_IDS:
            return
        path = f"/nl/bewustwording/aanmelden/{random.choice(SESSION_IDS)}/"
        token = self._token(path, "read: sign-up form")
        number = random.randrange(1_000_000)
        self.client.post(
            path,
            data={
                "csrfmiddlewaretoken": token,
                "name": f"Collega {number}",
                "email": f"collega{number}@portaal.invalid",
            },
            name="write: sign up",
            allow_redirects=False,
        )


_started: dict[str, float] = {}


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


@events.test_start.add_listener
def _remember_start(environment, **kwargs):
    _started.update(wall=time.monotonic(), cpu=_cpu_seconds())


@events.quitting.add_listener
def _print_own_cpu(environment, **kwargs):
    if not _started:
        return
    wall = time.monotonic() - _started["wall"]
    share = (_cpu_seconds() - _started["cpu"]) / wall if wall else 0.0
    print(f"Locust's own CPU share: {share:.0%} of one core over {wall:.0f} s", flush=True)
