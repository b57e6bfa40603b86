"""Settings of the separate server process the concurrency tests start (see test_concurrency.py).

The test settings plus two test-only switches from the environment: whether registrations lock
(AWARENESS_REGISTRATION_LOCKING=0 shows the race) and a delay between counting and writing that
widens the window a race needs.
"""

import os

from portal.settings.test import *  # noqa: F403

AWARENESS_REGISTRATION_LOCKING = os.environ.get("AWARENESS_REGISTRATION_LOCKING", "1") == "1"
AWARENESS_TEST_RACE_DELAY = float(os.environ.get("AWARENESS_TEST_RACE_DELAY", "0"))
