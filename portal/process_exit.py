"""Work to do when a server process exits, in every kind of process the portal runs in.

`atexit` covers `manage.py` commands, the task worker and the test processes. The app server's
workers (granian, portal/serve.py) are processes started by multiprocessing, which end with
`os._exit` and skip `atexit`; they run multiprocessing's exit finalizers instead, and a forked
worker starts without its parent's, so each process registers its own after the fork.
"""

from __future__ import annotations

import atexit
import multiprocessing.util
import os
from collections.abc import Callable


def at_exit(function: Callable[[], object]) -> None:
    """Call `function` once when this process, or any process forked from it, exits."""
    ran_in: set[int] = set()

    def once() -> None:
        if os.getpid() not in ran_in:  # both atexit and the finalizers run in a plain process
            ran_in.add(os.getpid())
            function()

    def register_finalizer(_=None) -> None:
        multiprocessing.util.Finalize(None, once, exitpriority=0)

    atexit.register(once)
    register_finalizer()
    # `once` stays alive through atexit, which the after-fork registry (weak references) needs.
    multiprocessing.util.register_after_fork(once, register_finalizer)
