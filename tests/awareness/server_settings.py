"""Settings of the separate server process the concurrency tests start (see test_concurrency.py).

The test settings plus a test-only app (tests/awareness/race_window/) that reads two switches from
the environment: whether registrations lock (AWARENESS_REGISTRATION_LOCKING=0 shows the race) and a
delay between counting and writing that widens the window a race needs.
"""

from portal.settings.test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.awareness.race_window.apps.RaceWindowConfig"]  # noqa: F405
