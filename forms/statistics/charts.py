"""Bar charts drawn on the server as accessible SVG: geometry only, the template draws it.

Every bar carries its label and value as text (readable in print and without colour), the chart
has a title and a description listing the same data, and the page shows the data as a table too.
"""

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: The one label of every hidden cell.
HIDDEN_LABEL = gettext_lazy("verborgen")
#: What stands where there is nothing to show (an en dash).
NOTHING = "\u2013"

WIDTH = 640
LABEL_WIDTH = 280
VALUE_WIDTH = 60
BAR_HEIGHT = 22
GAP = 8
TOP = 8


def number(value) -> str | None:
    """A count as shown on the page: with the language's thousands separator (3.265 / 3,265)."""
    if value is None:
        return None
    return formats.number_format(value, force_grouping=True, use_l10n=True)


def display(row: dict[str, Any]) -> str:
    """How a count is shown: the number, or one label for every hidden cell whatever the reason (a
    second label would tell readers which hidden cells are the small ones)."""
    if row.get("suppressed"):
        return str(HIDDEN_LABEL)
    return number(row["count"]) or NOTHING


def percentage(value) -> str | None:
    """A percentage with one decimal in the language's notation (7,0% / 7.0%)."""
    if value is None:
        return None
    return f"{formats.number_format(value, decimal_pos=1, use_l10n=True)}%"


def points_text(current, previous) -> str:
    """The change of a percentage in percentage points ("+1,0 procentpunt"), or no comparison."""
    if current is None:
        return NOTHING
    if previous is None:
        return _("geen vergelijking")
    difference = formats.number_format(abs(current - previous), decimal_pos=1, use_l10n=True)
    sign = "+" if current > previous else "\u2212" if current < previous else ""
    return _("%(sign)s%(difference)s procentpunt") % {"sign": sign, "difference": difference}


def change_text(current, previous, change: int | None) -> str:
    """A row's change against the year before: "+26%"; "nieuw" (from 0); "geen vergelijking" (no
    figure the year before, or 0 both years); a dash for a hidden cell. Never "None%"."""
    if change is not None:
        return f"{'+' if change > 0 else ''}{change}%"
    if current is None:
        return NOTHING
    if current and previous == 0:
        return _("nieuw")
    return _("geen vergelijking")


def bar_chart(rows: list[dict[str, Any]], title: str, year: int | None, chart_id: str) -> dict[str, Any]:
    """The geometry of a horizontal bar chart of breakdown rows (suppressed rows get no bar)."""
    largest = max((row["count"] or 0 for row in rows), default=0) or 1
    bar_area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, row in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + GAP)
        count = row["count"] or 0
        width = round(bar_area * count / largest) if row["count"] is not None else 0
        bars.append(
            {
                "label": row["label"],
                "text": display(row),
                "y": y,
                "text_y": y + BAR_HEIGHT - 6,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    description = "; ".join(f"{bar['label']}: {bar['text']}" for bar in bars)
    return {
        "id": chart_id,
        "title": f"{title} ({year})" if year else title,
        "description": description,
        "width": WIDTH,
        "height": TOP * 2 + len(rows) * (BAR_HEIGHT + GAP),
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
    }
