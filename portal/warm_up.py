"""Work that each server process's first requests would otherwise do while holding its GIL.

The app server (portal/serve.py) loads the application before forking the workers, so what
is done here is done once and shared by every worker. Measured: the regular expressions of Django's
e-mail validator, compiled lazily on first use, cost about 20 to 30 ms of CPU; in a burst of fifty
sign-ups that landed on the first sign-up of each worker, inside the round everyone waited in.
"""

from django.core.validators import validate_email


def warm_up() -> None:
    validate_email("warm-up@example.org")  # compiles the validator's regular expressions
