"""Settings of the two server processes of tests/forms/test_two_servers.py.

The test settings, with the cache every process shares (a database table on the test's database,
or the Redis at PORTAL_TEST_REDIS_URL), and test-only switches from the environment for the control
runs: FORMS_TEST_SHARED_CACHE=0 gives each process its own memory cache (as before), and
FORMS_TEST_NONCE_IN_DATABASE=0 claims the form nonce in that cache instead of the database.
"""

import os

from portal.settings.test import *  # noqa: F403

if os.environ.get("FORMS_TEST_SHARED_CACHE", "1") == "1":
    if os.environ.get("PORTAL_TEST_REDIS_URL"):
        CACHES["default"] = {  # noqa: F405
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["PORTAL_TEST_REDIS_URL"],
            "KEY_PREFIX": os.environ.get("FORMS_TEST_CACHE_PREFIX", "forms-test"),
        }
    else:
        CACHES["default"] = {  # noqa: F405
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "forms_test_shared_cache",
        }
PORTAL_REPORT_NONCE_IN_DATABASE = os.environ.get("FORMS_TEST_NONCE_IN_DATABASE", "1") == "1"

PORTAL_POW_ENABLED = True
PORTAL_POW_MAX_NUMBER = 200
PORTAL_POW_REPORT_WAIT_SECONDS = 0  # the no-JavaScript path, without waiting in the test
PORTAL_POW_FOLLOW_UP_WAIT_SECONDS = 0
PORTAL_ABUSE_WINDOW_SECONDS = 10**9  # no window boundary during a test
PORTAL_REPORTS_PER_CLIENT = 3
PORTAL_RECEIPT_ATTEMPTS_PER_CLIENT = 4
PORTAL_LIMIT_DELAY_SECONDS = 600
