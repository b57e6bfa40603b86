"""Abuse limits: per client a growing delay, for everyone a slowdown, proof of work, never a lockout.

Run in one process here (the cache is the test's own); tests/forms/test_two_servers.py shows the
same limits and the exactly-once submission across two server processes.
"""

import re

import pytest
from django.core.cache import cache

from forms import limits, pow, receipts
from forms.models import IntegrityReport, SubmissionNonce
from forms.views import _decode_draft
from tests.forms.factories import IntegrityReportFactory
from tests.forms.helpers import ABOUT, WHAT, code_of, draft_of
from tests.forms.proof import Clock, challenge_of, solve, wait_token_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def limits_on(settings):
    """One very long window (no boundary during a test), small numbers, proof of work on."""
    settings.PORTAL_ABUSE_WINDOW_SECONDS = 10**9
    settings.PORTAL_POW_ENABLED = True
    settings.PORTAL_POW_MAX_NUMBER = 200  # a few hundred hashes: solved in Python in milliseconds
    settings.PORTAL_POW_REPORT_WAIT_SECONDS = 10
    settings.PORTAL_POW_FOLLOW_UP_WAIT_SECONDS = 5
    settings.PORTAL_LIMIT_DELAY_SECONDS = 30
    return settings


def review_step(client, **extra):
    """Steps 1 and 2 filled in; returns the review page (step 3)."""
    response = client.get("/nl/melding/", **extra)
    response = client.post("/nl/melding/", {"step": "1", "draft": draft_of(response), **WHAT}, **extra)
    response = client.post("/nl/melding/", {"step": "2", "draft": draft_of(response), **ABOUT}, **extra)
    assert response.context["step"] == 3
    return response


def send(client, review, **extra):
    page = review.content.decode()
    data = {"step": "3", "draft": draft_of(review), "altcha": solve(page)}
    return client.post("/nl/melding/", data, **extra)


# Finding 4: the report form had no limit at all (8 reports in 6 s accepted).


def test_reports_from_one_address_are_delayed_after_five_never_locked_out(client, limits_on, clock):
    address = {"REMOTE_ADDR": "192.0.2.10"}
    for _ in range(5):
        code_of(send(client, review_step(client, **address), **address))
    review = review_step(client, **address)
    refused = send(client, review, **address)
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "Wacht nog 30 seconden" in page
    assert WHAT["description"] in page and refused.context["step"] == 3  # what was typed is still there
    assert IntegrityReport.objects.count() == 5
    # Another address is not affected.
    code_of(send(client, review_step(client, REMOTE_ADDR="192.0.2.11"), REMOTE_ADDR="192.0.2.11"))

    clock.advance(31)  # after the wait the same form goes through ...
    code_of(send(client, refused, **address))
    again = send(client, review_step(client, **address), **address)
    assert "Wacht nog 60 seconden" in again.content.decode()  # ... and the next wait is twice as long
    clock.advance(61)
    code_of(send(client, again, **address))
    assert IntegrityReport.objects.count() == 8


def test_a_refused_attempt_does_not_make_the_wait_longer(client, limits_on, clock):
    limits_on.PORTAL_REPORTS_PER_CLIENT = 1
    code_of(send(client, review_step(client)))
    review = review_step(client)
    for _ in range(5):
        assert "Wacht nog 30 seconden" in send(client, review).content.decode()
    clock.advance(31)
    code_of(send(client, review))


def test_the_longest_wait_is_one_window_so_nobody_is_locked_out(settings):
    settings.PORTAL_ABUSE_WINDOW_SECONDS = 900
    settings.PORTAL_LIMIT_DELAY_SECONDS = 30
    assert [limits.delay_for(n) for n in range(1, 7)] == [30, 60, 120, 240, 480, 900]
    assert limits.delay_for(50) == 900


def test_a_forged_forwarded_for_does_not_give_a_fresh_allowance(client, limits_on):
    limits_on.PORTAL_RECEIPT_ATTEMPTS_PER_CLIENT = 3
    limits_on.PORTAL_POW_ENABLED = False
    for number in range(3):
        client.post(
            "/nl/melding/opvolging/",
            {"code": receipts.new_code()},
            REMOTE_ADDR="192.0.2.10",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    forged = client.post(
        "/nl/melding/opvolging/",
        {"code": receipts.new_code()},
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert forged.status_code == 429


def test_the_global_limit_slows_everyone_down_but_locks_nobody_out(client, limits_on, clock):
    """The old cap (200 failures) locked every reporter out for 15 minutes; now it only slows down."""
    limits_on.PORTAL_RECEIPT_FAILURES_SLOWDOWN_AT = 5
    _report, code = IntegrityReportFactory.with_code()
    calm = client.get("/nl/melding/opvolging/").content.decode()
    assert challenge_of(calm)["parameters"]["data"]["level"] == 0
    limits_on.PORTAL_POW_ENABLED = False  # the attacker's 40 failures from 40 addresses
    for number in range(40):
        client.post("/nl/melding/opvolging/", {"code": receipts.new_code()}, REMOTE_ADDR=f"192.0.2.{number}")
    limits_on.PORTAL_POW_ENABLED = True
    assert limits.pressure(limits.RECEIPT) == 4  # 40 = 5 * 2**3: four doublings above normal

    page = client.get("/nl/melding/opvolging/", REMOTE_ADDR="203.0.113.7").content.decode()
    assert challenge_of(page)["parameters"]["data"]["level"] == 4
    assert "zodra dit formulier 80 seconden open is" in page  # 5 s, doubled four times

    # With JavaScript: a harder puzzle, and the reporter is in.
    solved = client.post(
        "/nl/melding/opvolging/", {"code": code, "altcha": solve(page)}, REMOTE_ADDR="203.0.113.7"
    )
    assert solved.status_code == 200 and "Status" in solved.content.decode()
    # Without JavaScript: too early says how long; after the wait the reporter is in.
    token = wait_token_of(page)
    early = client.post(
        "/nl/melding/opvolging/", {"code": code, "wait_token": token}, REMOTE_ADDR="203.0.113.7"
    )
    assert early.status_code == 429 and "Wacht nog 80 seconden" in early.content.decode()
    clock.advance(81)
    late = client.post(
        "/nl/melding/opvolging/", {"code": code, "wait_token": token}, REMOTE_ADDR="203.0.113.7"
    )
    assert late.status_code == 200 and "Status" in late.content.decode()


def test_the_slowdown_has_a_ceiling(limits_on):
    limits_on.PORTAL_POW_MAX_LEVEL = 6
    limits_on.PORTAL_POW_MAX_WAIT_SECONDS = 300
    window = limits.current_window()
    cache.set(f"forms:limits:{limits.RECEIPT}:{window}:all", 10**9)
    assert limits.pressure(limits.RECEIPT) == 6
    assert pow.wait_seconds(limits.RECEIPT, 6) == 300
    assert pow.max_number(6) == 64 * limits_on.PORTAL_POW_MAX_NUMBER


# The proof of work: ALTCHA with JavaScript, a signed wait without.


def test_without_javascript_a_too_early_report_keeps_everything_and_says_how_long(client, limits_on, clock):
    review = review_step(client)
    page = review.content.decode()
    assert "Staat JavaScript uit, dan kun je versturen zodra dit formulier 10 seconden open is." in page
    early = client.post("/nl/melding/", {"step": "3", "draft": draft_of(review)})
    text = early.content.decode()
    assert early.status_code == 429
    assert re.search(r"Wacht nog (9|10) seconden", text)
    assert "Wat je typte staat er nog" in text and WHAT["description"] in text
    assert IntegrityReport.objects.count() == 0
    clock.advance(11)
    code_of(client.post("/nl/melding/", {"step": "3", "draft": draft_of(early)}))
    assert IntegrityReport.objects.count() == 1


def test_the_wait_is_explained_in_english_on_the_english_form(client, limits_on):
    response = client.get("/en/melding/")
    response = client.post("/en/melding/", {"step": "1", "draft": draft_of(response), **WHAT})
    response = client.post("/en/melding/", {"step": "2", "draft": draft_of(response), **ABOUT})
    assert "If JavaScript is off, you can send once this form has been open for 10 seconds." in (
        response.content.decode()
    )
    early = client.post("/en/melding/", {"step": "3", "draft": draft_of(response)})
    assert "Please wait another" in early.content.decode()


def test_a_solved_challenge_sends_at_once_and_only_once(client, limits_on):
    _report, code = IntegrityReportFactory.with_code()
    page = client.get("/nl/melding/opvolging/").content.decode()
    payload = solve(page)
    assert client.post("/nl/melding/opvolging/", {"code": code, "altcha": payload}).status_code == 200
    replay = client.post("/nl/melding/opvolging/", {"code": code, "altcha": payload})
    assert replay.status_code == 429 and "al eens gebruikt" in replay.content.decode()


def test_a_forged_or_foreign_solution_is_refused(client, limits_on):
    import altcha

    _report, code = IntegrityReportFactory.with_code()
    page = client.get("/nl/melding/opvolging/").content.decode()
    challenge = altcha.Challenge.from_dict(challenge_of(page))
    wrong = altcha.Payload(challenge, altcha.Solution(counter=1, derived_key="00" * 32)).to_base64()
    for payload in [wrong, "bm9uc2Vuc2U=", "<script>", "x" * 5000]:
        response = client.post("/nl/melding/opvolging/", {"code": code, "altcha": payload})
        assert response.status_code == 429, payload
    # A challenge signed with another key (another site, or one the attacker made) does not count.
    own = altcha.create_challenge("SHA-256", 1, counter=3, hmac_secret="attacker", hmac_key_secret="attacker")
    solution = altcha.solve_challenge(own)
    forged = altcha.Payload(own, solution).to_base64()
    assert client.post("/nl/melding/opvolging/", {"code": code, "altcha": forged}).status_code == 429
    # A report form's challenge does not open the follow-up page.
    report_page = review_step(client).content.decode()
    foreign = client.post("/nl/melding/opvolging/", {"code": code, "altcha": solve(report_page)})
    assert foreign.status_code == 429


def test_a_wait_token_is_single_use(client, limits_on, clock):
    _report, code = IntegrityReportFactory.with_code()
    token = wait_token_of(client.get("/nl/melding/opvolging/").content.decode())
    clock.advance(6)
    assert client.post("/nl/melding/opvolging/", {"code": code, "wait_token": token}).status_code == 200
    assert client.post("/nl/melding/opvolging/", {"code": code, "wait_token": token}).status_code == 429


def test_a_message_written_while_too_early_is_kept(client, limits_on, clock):
    _report, code = IntegrityReportFactory.with_code()
    token = wait_token_of(client.get("/nl/melding/opvolging/").content.decode())
    clock.advance(6)
    status = client.post("/nl/melding/opvolging/", {"code": code, "wait_token": token}).content.decode()
    body = "Het ging om drie opdrachten."
    early = client.post(
        "/nl/melding/opvolging/",
        {"code": code, "action": "message", "body": body, "wait_token": wait_token_of(status)},
    )
    text = early.content.decode()
    assert early.status_code == 429 and body in text and code in text
    clock.advance(6)
    sent = client.post(
        "/nl/melding/opvolging/",
        {"code": code, "action": "message", "body": body, "wait_token": wait_token_of(text)},
    )
    assert "Je bericht is verstuurd" in sent.content.decode()


def test_the_widget_comes_from_our_own_origin_and_needs_no_inline_code(client, limits_on):
    page = review_step(client).content.decode()
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all(re.search(r'src="/static/', tag) for tag in scripts)
    assert "/static/vendor/altcha/altcha.js" in page and "/static/vendor/altcha/sha-worker.js" in page
    assert "altcha.org" not in page and "<style" not in page
    csp = client.get("/nl/melding/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp


# Keys that mean nothing later; nothing about an address persists.


def test_limit_entries_carry_no_address_and_expire_with_their_window(client, limits_on, settings):
    settings.PORTAL_ABUSE_WINDOW_SECONDS = 900
    settings.PORTAL_POW_ENABLED = False
    client.post("/nl/melding/opvolging/", {"code": receipts.new_code()}, REMOTE_ADDR="192.0.2.77")
    # LocMemCache internals: every key this request wrote, with when it expires.
    entries = {key: cache._expire_info[key] for key in cache._cache if "forms:" in key}
    import time

    assert entries, list(cache._cache)
    for key, expires in entries.items():
        assert "192.0.2.77" not in key and "192-0-2-77" not in key
        assert expires - time.time() <= 2 * 900 + 1, key  # gone within two windows
    # The hash is keyed with a random per-window key kept only in the cache: next window, new key.
    this_window = limits.client_key("192.0.2.77")
    assert this_window.split(".")[1] not in {limits.client_key("192.0.2.78").split(".")[1]}
    cache.delete(f"forms:limits:secret:{limits.current_window()}")  # the window's key expired
    assert limits.client_key("192.0.2.77") != this_window


# Finding 5: exactly once (here in one process; across two servers in test_two_servers.py).


def test_the_nonce_row_holds_a_hash_and_the_day_only_and_is_pruned(client):
    import datetime

    from django.utils import timezone

    old = SubmissionNonce.objects.create(
        digest="0" * 64, claimed_on=timezone.localdate() - datetime.timedelta(days=4)
    )
    review = review_step(client)
    nonce = _decode_draft(draft_of(review))["nonce"]
    code_of(client.post("/nl/melding/", {"step": "3", "draft": draft_of(review)}))
    row = SubmissionNonce.objects.get()
    assert row.pk != old.pk  # rows older than three days went with the next claim
    assert [field.name for field in SubmissionNonce._meta.get_fields()] == ["digest", "claimed_on"]
    assert nonce not in row.digest and row.claimed_on == timezone.localdate()
    again = client.post("/nl/melding/", {"step": "3", "draft": draft_of(review)})
    assert "al verstuurd" in again.content.decode()
    assert IntegrityReport.objects.count() == 1


def test_a_double_click_with_a_solved_puzzle_says_already_sent(client, limits_on):
    review = review_step(client)
    data = {"step": "3", "draft": draft_of(review), "altcha": solve(review.content.decode())}
    code_of(client.post("/nl/melding/", data))
    again = client.post("/nl/melding/", data)
    assert "Deze melding is al verstuurd" in again.content.decode()
    assert IntegrityReport.objects.count() == 1
