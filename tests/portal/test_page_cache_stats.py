"""The page cache's server-side counters (portal/page_cache_stats.py): what load tests read instead of
an X-Page-Cache header, from the lines each worker of the app server logs as it exits."""

import importlib.util
import logging
import subprocess
import sys
from pathlib import Path

from portal import page_cache_stats

ROOT = Path(__file__).resolve().parents[2]


def bench_module():
    spec = importlib.util.spec_from_file_location("bench_pages", ROOT / "scripts" / "bench_pages.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_adds_up_the_lines_every_worker_logs(caplog, tmp_path):
    before = page_cache_stats.snapshot()
    for state in ("hit", "hit", "fast_path", "miss"):
        page_cache_stats.count(state)
    after = page_cache_stats.snapshot()
    assert after["hit"] - before["hit"] == 2 and after["miss"] - before["miss"] == 1
    with caplog.at_level(logging.INFO, logger="portal.page_cache_stats"):
        page_cache_stats.log_counts()
    line = caplog.records[-1].getMessage()
    log = tmp_path / "app-server.log"
    log.write_text(f"[INFO] Booting worker\n{line}\n{line}\nother line hit=999\n")  # two workers
    counts = bench_module().page_cache_counts(log)
    assert counts["workers"] == 2
    assert counts["hit"] == 2 * after["hit"] and counts["miss"] == 2 * after["miss"]
    assert counts["fast_path"] == 2 * after["fast_path"]


FORKED_WORKER = """
import logging, multiprocessing, os, sys
logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(message)s")
from portal import page_cache_stats  # loaded before the fork, as portal/serve.py loads the application
{before_fork}

def serve():
    page_cache_stats.count("hit")
    page_cache_stats.count("fast_path")

worker = multiprocessing.get_context("fork").Process(target=serve)
worker.start()
worker.join()
print("worker", worker.pid)
"""


def run_forked_worker(before_fork: str = "") -> tuple[str, list[str]]:
    script = FORKED_WORKER.format(before_fork=before_fork)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    lines = result.stdout.splitlines()
    return lines[-1].split()[1], [line for line in lines if page_cache_stats.LOG_PREFIX in line]


def test_a_worker_forked_by_multiprocessing_logs_its_counters_when_it_exits():
    """Granian's workers are multiprocessing processes: they end with os._exit, which skips atexit."""
    pid, lines = run_forked_worker()
    assert lines == [f"page cache counters pid={pid} hit=1 miss=0 personal=0 fast_path=1"]


def test_control_without_its_own_exit_finalizer_a_forked_worker_logs_nothing():
    """The control: with only the parent's registrations (atexit), the worker's counts are lost."""
    _pid, lines = run_forked_worker(
        "import multiprocessing.util; multiprocessing.util._afterfork_registry.clear()"
    )
    assert lines == []
