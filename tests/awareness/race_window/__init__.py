"""Test-only app for the concurrency tests' server process (tests/awareness/server_settings.py).

It changes the running server, never production code, in two ways the environment asks for:
- AWARENESS_TEST_RACE_DELAY=<seconds>: every new registration waits that long just before it is
  written (a `pre_save` receiver), after capacity was counted: this widens the window a race needs;
- AWARENESS_REGISTRATION_LOCKING=0 (the control): sign-ups run the same capacity check and write
  (`awareness.services._register`) without the transaction and the row lock, so the test can show
  that it sees a race when there is one.
"""
