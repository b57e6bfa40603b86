"""Helpers for tests that run the portal in separate server processes (concurrency, two servers)."""

import socket
import sqlite3
from pathlib import Path

from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(tmp: Path) -> str:
    """A URL another process can open holding what this test committed."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = tmp / "server.sqlite3"
        copy = sqlite3.connect(target)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{target}"
    params = connection.settings_dict
    return (
        f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST'] or 'localhost'}:"
        f"{params['PORT'] or 5432}/{params['NAME']}"
    )
