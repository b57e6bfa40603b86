"""The demo content, loaded once per test session instead of once per test.

Loading the whole demo (`load_demo_content`) takes seconds to a minute; 108 tests read it. Tests that
request the `demo_content` fixture share one load: it runs inside an outer transaction that stays
open while such tests run, and each test's own transaction is a savepoint inside it, rolled back
after the test as usual. So every test still starts from exactly the freshly loaded demo, and
`transaction.on_commit` callbacks of the load never run, as before when each test loaded it inside
its own transaction.

The first test that does not want the demo (or needs a transactional database) rolls the outer
transaction back, so it sees the migrations' data only. `tests/conftest.py` orders the tests so
that the demo tests run together, after the other database tests and before the transactional
ones: the demo loads once per session (once per xdist worker). Live-server tests cannot share a
transaction with the server thread; they load the demo themselves (`live_demo_content`), as the
database is emptied after each of them anyway.
"""

from io import StringIO

import pytest

DEMO_FIXTURE = "demo_content"
TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "live_db", "django_db_reset_sequences"}
DB_FIXTURES = TRANSACTIONAL_FIXTURES | {"db", "django_db_serialized_rollback"}


def load_demo() -> None:
    from django.core.management import call_command

    call_command("load_demo_content", stdout=StringIO())


def is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


def uses_db(item: pytest.Item) -> bool:
    return bool(item.get_closest_marker("django_db")) or bool(
        DB_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def wants_shared_demo(item: pytest.Item) -> bool:
    return DEMO_FIXTURE in getattr(item, "fixturenames", ()) and not is_transactional(item)


def restores_serialized_data(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback")) or (
        "django_db_serialized_rollback" in getattr(item, "fixturenames", ())
    )


def run_order(item: pytest.Item) -> int:
    """pytest-django's order (plain database tests, transactional ones, the rest) with the demo
    tests at the end of the plain database tests, so that they follow each other.

    Transactional tests with a serialized rollback come before the other transactional ones: the
    flush after a plain transactional test lets Django re-create the content types under new ids,
    and the next serialized rollback then fails on them ("duplicate key ... django_content_type").
    The flush after a serialized one leaves the tables empty, as the next one needs them."""
    if is_transactional(item):
        return 2 if restores_serialized_data(item) else 3
    if wants_shared_demo(item):
        return 1
    return 0 if uses_db(item) else 4


class SharedDemo:
    """The outer transaction holding the demo content (one per session, opened when needed)."""

    def __init__(self):
        self.blocker = None  # pytest-django's database blocker, once the test database exists
        self.atomic = None  # the open outer transaction, if the demo is loaded
        self.pending = None  # a test that wanted the demo before the test database existed
        self.loads = 0

    @property
    def is_loaded(self) -> bool:
        return self.atomic is not None

    def start(self, blocker) -> None:
        self.blocker = blocker
        if self.pending is not None:
            self.prepare_for(self.pending)

    def stop(self) -> None:
        self.close()
        self.blocker = self.pending = None

    def prepare_for(self, item: pytest.Item) -> None:
        """Before `item`'s fixtures are set up: load the demo if it wants it, drop it if it needs
        a database without it. Tests without a database leave things as they are."""
        if self.blocker is None:
            # The test database is not set up yet: the `shared_demo` fixture (session-scoped, so set
            # up before the test's own database fixtures) opens it for this test.
            self.pending = item
            return
        self.pending = None
        if wants_shared_demo(item):
            self.open()
        elif self.is_loaded and uses_db(item):
            self.close()

    def open(self) -> None:
        if self.is_loaded:
            return
        from django.db import transaction

        with self.blocker.unblock():
            atomic = transaction.atomic()
            # As Django's TestCase marks its own: `atomic(durable=True)` inside a test still works.
            atomic._from_testcase = True
            atomic.__enter__()
            try:
                load_demo()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self.atomic = atomic
        self.loads += 1

    def close(self) -> None:
        if not self.is_loaded:
            return
        from django.db import transaction

        atomic, self.atomic = self.atomic, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


class LiveDemo:
    """The demo content for live-server tests: loaded once, then restored from a copy."""

    def __init__(self):
        self.snapshot = None
        self.media_root = None  # the demo's documents, set by the `live_demo` fixture
        self.loads = 0

    @property
    def can_restore(self) -> bool:
        return self.snapshot is not None

    def load_or_restore(self) -> None:
        from django.core.cache import cache

        from tests.database_snapshot import take_snapshot

        if self.snapshot is None:
            load_demo()
            self.loads += 1
            self.snapshot = take_snapshot()
        else:
            self.snapshot.restore()
        # Content types keep their ids through every restore (they come from the same serialized
        # rows), so this process's content type cache stays right and is left warm: Django's own
        # serialized rollback of the next test relies on it.
        cache.clear()

    def discard(self) -> None:
        if self.snapshot is not None:
            self.snapshot.discard()
            self.snapshot = None


SHARED_DEMO = SharedDemo()
LIVE_DEMO = LiveDemo()
