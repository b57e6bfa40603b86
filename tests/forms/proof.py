"""What a client must do to pass the proof of work: solve the page's ALTCHA challenge, or wait."""

import html
import json
import re
import time

import altcha

CHALLENGE = re.compile(r'<altcha-widget name="altcha" challenge="([^"]+)"')
WAIT_TOKEN = re.compile(r'name="wait_token" value="([^"]+)"')


def challenge_of(page: str) -> dict:
    match = CHALLENGE.search(page)
    assert match, "no ALTCHA challenge on the page"
    return json.loads(html.unescape(match.group(1)))


def solve(page: str) -> str:
    """The payload the widget would post after solving the page's challenge (in Python here)."""
    challenge = altcha.Challenge.from_dict(challenge_of(page))
    solution = altcha.solve_challenge(challenge, timeout=60)
    assert solution is not None
    return altcha.Payload(challenge, solution).to_base64()


def wait_token_of(page: str) -> str:
    match = WAIT_TOKEN.search(page)
    assert match, "no wait token on the page"
    return match.group(1)


class Clock:
    """Stops `time.time` and moves it forward on request: waiting without sleeping, and waits that
    do not depend on how busy the machine is (limits, tokens and drafts all follow it)."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        start = time.time()
        monkeypatch.setattr(time, "time", lambda: start + self.offset)

    def advance(self, seconds: float) -> None:
        self.offset += seconds
