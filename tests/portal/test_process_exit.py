"""Work at process exit (portal/process_exit.py): the page cache counters and the search counts
rely on it, in plain processes and in the app server's forked workers, which skip atexit."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import multiprocessing, os, sys
from portal import process_exit

def say_goodbye():
    print("exit", os.getpid(), flush=True)

process_exit.at_exit(say_goodbye)  # registered before the fork, as the app server loads the app
{before_fork}
if {fork}:
    worker = multiprocessing.get_context("fork").Process(target=lambda: None)
    worker.start()
    worker.join()
    print("worker", worker.pid, flush=True)
"""


def run(*, fork: bool, before_fork: str = "") -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(fork=fork, before_fork=before_fork)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split("\n")


def test_a_plain_process_runs_the_work_once():
    """atexit and multiprocessing's finalizers both run in a plain process: the work runs once."""
    lines = [line for line in run(fork=False) if line]
    assert len(lines) == 1 and lines[0].startswith("exit ")


def test_a_forked_worker_runs_the_work_once_and_so_does_its_parent():
    lines = [line for line in run(fork=True) if line]
    worker = next(line.split()[1] for line in lines if line.startswith("worker "))
    exits = [line.split()[1] for line in lines if line.startswith("exit ")]
    assert exits.count(worker) == 1
    assert len(exits) == 2  # the worker's and the parent's


def test_control_a_forked_worker_without_its_own_finalizer_skips_the_work():
    """What `atexit` alone gave the app server's workers: nothing."""
    forget = "import multiprocessing.util; multiprocessing.util._afterfork_registry.clear()"
    lines = [line for line in run(fork=True, before_fork=forget) if line]
    worker = next(line.split()[1] for line in lines if line.startswith("worker "))
    assert f"exit {worker}" not in lines
