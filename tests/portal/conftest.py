import os

import pytest
from django.core.cache import caches

# Whether a Redis server is given; its URL is read when a test runs: under pytest-xdist,
# tests/conftest.py gives each test process a database of its own after this file is imported.
HAS_REDIS = bool(os.environ.get("PORTAL_TEST_REDIS_URL"))


@pytest.fixture(
    params=[
        "locmem",
        pytest.param(
            "redis", marks=pytest.mark.skipif(not HAS_REDIS, reason="PORTAL_TEST_REDIS_URL is not set")
        ),
    ]
)
def cache_backend(request, settings):
    """Runs a page cache test on the local-memory caches and, when CI provides one, on a real Redis
    server (shells, claims and sessions shared as between servers in production)."""
    if request.param == "redis":
        location = os.environ["PORTAL_TEST_REDIS_URL"]  # this test process's database
        backend = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": location}
        settings.CACHES = {
            "default": {**backend, "KEY_PREFIX": "page-cache-default"},
            "pages": {**backend, "KEY_PREFIX": "page-cache-pages"},
        }
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    for cache in caches.all():
        cache.clear()
    yield request.param
    for cache in caches.all():
        cache.clear()
