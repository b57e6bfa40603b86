"""Disclosure control: the one rule that hides small counts of colleagues in what the public sees.

Which tables: every breakdown by organisational unit (department, team) in every section
(`UNIT_TABLES`, each with the figure that is its published total). Municipality-wide breakdowns
(category, source, topic, type) stay exact, as the seed publishes them.

The rule, for one table whose rows (with the `onbekend` row) add up to its published total:

- primary suppression: every count from 1 to `threshold - 1` is hidden;
- secondary suppression: more cells (the smallest non-zero ones first) are hidden until at least two
  are hidden and each hidden cell's largest possible value is at least the threshold. Zeros are
  published, so everyone knows a hidden cell is at least 1: with `k` hidden cells summing to `S`
  (known from the total and the shown cells), a hidden cell lies in [1, S - (k - 1)];
- cells hidden in an earlier public version of the same year stay hidden (so two versions cannot be
  compared to undo the rule);
- when even hiding every non-zero cell leaves a hidden cell's largest value below the threshold (the
  total itself is small), the whole table is withheld: every row, zeros included, is hidden.

Every hidden cell carries the same label, whatever the reason. This is the interval ("audit")
criterion of statistical disclosure control as in tau-ARGUS (Hundepool et al., *Statistical
Disclosure Control*, Wiley 2012, ch. 4); `tests/statistics/audit.py` checks it independently with an
integer program over everything published for a year.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings

#: Breakdowns by organisational unit, with the figure of their section that is their total.
UNIT_TABLES: dict[str, str] = {
    "integrity_reports.by_department": "total",
    "confidential_advisors.by_department": "colleagues",
    "public_aggression.by_department": "total",
    "peer_support.by_department": "conversations",
    "gifts_and_outside_work.gifts.by_department": "total",
    "gifts_and_outside_work.outside_work.by_department": "total",
}
UNKNOWN_CODE = "onbekend"
UNKNOWN_LABEL = "Onbekend"


def threshold() -> int:
    """Counts below this are hidden (setting `STATISTICS_SMALL_COUNT_THRESHOLD`, default 5)."""
    return int(getattr(settings, "STATISTICS_SMALL_COUNT_THRESHOLD", 5))


def _split(table: str) -> tuple[str, str]:
    section, _dot, name = table.rpartition(".")
    return section, name


def complete_units(sections: dict[str, Any]) -> dict[str, Any]:
    """`sections` with an `onbekend` row ending every unit breakdown, so its rows add up to the total.

    Works on copies; sections or tables that are missing stay missing."""
    result = dict(sections)
    for table, total_name in UNIT_TABLES.items():
        section, name = _split(table)
        data = result.get(section)
        if not data or not isinstance(data.get(name), list) or data.get(total_name) is None:
            continue
        rows = [row for row in data[name] if row["code"] != UNKNOWN_CODE]
        named = sum(row["count"] or 0 for row in rows)
        unknown = max(int(data[total_name]) - named, 0)
        data = dict(data)
        data[name] = [*rows, {"code": UNKNOWN_CODE, "label": UNKNOWN_LABEL, "count": unknown}]
        result[section] = data
    return result


def _safe(counts: dict[str, int], hidden: set[str], limit: int) -> bool:
    if not hidden:
        return True
    if len(hidden) < 2:
        return False
    total = sum(counts[code] for code in hidden)
    return total - (len(hidden) - 1) >= limit


def hidden_in_table(rows: list[dict[str, Any]], limit: int, earlier: Iterable[str] = ()) -> list[str]:
    """The codes of the rows of one unit table to hide (see the module's rule), in row order."""
    counts = {row["code"]: int(row["count"] or 0) for row in rows}
    order = {row["code"]: index for index, row in enumerate(rows)}
    hidden = {code for code, count in counts.items() if 0 < count < limit}
    hidden |= {code for code in earlier if counts.get(code, 0) > 0}
    if not hidden:
        return []
    candidates = sorted(
        (code for code, count in counts.items() if count > 0 and code not in hidden),
        key=lambda code: (counts[code], order[code]),
    )
    while not _safe(counts, hidden, limit) and candidates:
        hidden.add(candidates.pop(0))
    if not _safe(counts, hidden, limit):
        hidden = set(counts)  # withheld: a small total cannot be split by unit at all
    return sorted(hidden, key=order.__getitem__)


def protect(
    sections: dict[str, Any], limit: int | None = None, earlier: dict[str, Iterable[str]] | None = None
) -> dict[str, list[str]]:
    """The hidden codes per unit table of a year's sections (tables with nothing hidden left out)."""
    limit = threshold() if limit is None else limit
    earlier = earlier or {}
    result: dict[str, list[str]] = {}
    for table in UNIT_TABLES:
        section, name = _split(table)
        rows = (sections.get(section) or {}).get(name)
        if not isinstance(rows, list):
            continue
        hidden = hidden_in_table(rows, limit, earlier.get(table, ()))
        if hidden:
            result[table] = hidden
    return result


def apply(rows: list[dict[str, Any]], hidden: Iterable[str]) -> list[dict[str, Any]]:
    """Copies of `rows` with the hidden ones' count None and marked `"suppressed": True`."""
    hidden = set(hidden)
    result = []
    for row in rows:
        row = dict(row)
        if row["code"] in hidden:
            row["count"] = None
            row["suppressed"] = True
        result.append(row)
    return result


def merge(*patterns: dict[str, Iterable[str]]) -> dict[str, list[str]]:
    """The union of hidden-cell patterns (of earlier versions of a year)."""
    result: dict[str, set[str]] = {}
    for pattern in patterns:
        for table, codes in (pattern or {}).items():
            result.setdefault(table, set()).update(codes)
    return {table: sorted(codes) for table, codes in result.items()}
