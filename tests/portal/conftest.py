import pytest


@pytest.fixture
def keep_test_connection():
    """Calling Django's WSGI handler directly sends request_started/request_finished, whose
    `close_old_connections` closes a connection that is inside the test's transaction (PostgreSQL;
    SQLite's in-memory test database is never closed). Django's test client disconnects it the
    same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
