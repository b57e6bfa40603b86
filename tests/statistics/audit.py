"""An interval audit of published tables, independent of the rule that hid their cells.

Given everything published for a year (every public version), find for each hidden cell the largest
value it can take, as an attacker would: unknowns are the hidden cells, integers; each table says
its cells sum to its published total (tables that share cells or margins share unknowns); a hidden
cell is at least 1 where the table shows its zeros (else at least 0). The largest value is solved
exactly as an integer program with `scipy.optimize.milp`, one per hidden cell. This is the audit
statistical offices run with tau-ARGUS.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp


@dataclass
class Table:
    """A published table: its cells (None where hidden) and the total they sum to.

    Cells are named globally: two tables that name the same cell share it (a shared margin or a
    cross table), so the audit solves them together."""

    name: str
    cells: dict[str, int | None]
    total: int
    withheld: bool = field(init=False)

    def __post_init__(self):
        self.withheld = all(value is None for value in self.cells.values())


@dataclass
class Finding:
    table: str
    cell: str
    largest: float


def audit(tables: list[Table], limit: int) -> list[Finding]:
    """Every hidden cell whose largest possible value is below `limit` (an empty list passes).

    A table whose total is below `limit` and that is withheld entirely is exempt: nothing published
    splits it, and no rule can make a part of a small total larger than the total."""
    unknowns: dict[str, int] = {}
    lower: dict[str, int] = {}
    for table in tables:
        for cell, value in table.cells.items():
            if value is None:
                unknowns.setdefault(cell, len(unknowns))
                lower[cell] = max(lower.get(cell, 0), 0 if table.withheld else 1)
    if not unknowns:
        return []
    size = len(unknowns)
    rows, bounds = [], []
    for table in tables:
        row = np.zeros(size)
        shown = 0
        for cell, value in table.cells.items():
            if value is None:
                row[unknowns[cell]] = 1
            else:
                shown += value
        rows.append(row)
        bounds.append(table.total - shown)
    constraint = LinearConstraint(np.array(rows), np.array(bounds), np.array(bounds))
    upper = max(table.total for table in tables)
    variable_bounds = Bounds([lower[key] for key in unknowns], [upper] * size)
    findings = []
    for table in tables:
        if table.withheld and table.total < limit:
            continue
        for cell, value in table.cells.items():
            if value is not None:
                continue

            objective = np.zeros(size)
            objective[unknowns[cell]] = -1  # maximise the cell
            result = milp(
                objective, constraints=constraint, integrality=np.ones(size), bounds=variable_bounds
            )
            assert result.success, f"the published tables contradict each other: {result.message}"
            largest = -result.fun
            if largest < limit:
                findings.append(Finding(table.name, cell, largest))
    return findings


def tables_of_export(data: dict, version: str = "") -> list[Table]:
    """The unit tables of a public export (JSON), each with its section's total."""
    from forms.statistics.disclosure import UNIT_TABLES

    tables = []
    for key, total_name in UNIT_TABLES.items():
        *path, name = key.split(".")
        section = data
        for part in path:
            section = (section or {}).get(part)
        if not section or not isinstance(section.get(name), list):
            continue
        cells = {f"{version}{key}:{row['code']}": row["count"] for row in section[name]}
        tables.append(Table(f"{version}{key}", cells, section[total_name]))
    return tables
