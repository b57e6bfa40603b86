"""The page cache's server-side counters (portal/page_cache_stats.py): what load tests read instead of
an X-Page-Cache header, from the lines each gunicorn worker logs as it exits."""

import importlib.util
import logging
import runpy
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
    log = tmp_path / "gunicorn.log"
    log.write_text(f"[INFO] Booting worker\n{line}\n{line}\nother line hit=999\n")  # two workers
    counts = bench_module().page_cache_counts(log)
    assert counts["workers"] == 2
    assert counts["hit"] == 2 * after["hit"] and counts["miss"] == 2 * after["miss"]
    assert counts["fast_path"] == 2 * after["fast_path"]


def test_gunicorn_workers_log_their_counters_when_they_exit():
    config = runpy.run_path(str(ROOT / "portal" / "gunicorn.conf.py"))
    assert callable(config["worker_exit"])
