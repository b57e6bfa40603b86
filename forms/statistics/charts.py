"""Bar charts drawn on the server as accessible SVG: geometry only, the template draws it.

Every bar carries its label and value as text (readable in print and without colour), the chart
has a title and a description listing the same data, and the page shows the data as a table too.
"""

from typing import Any

from django.utils.translation import gettext as _

WIDTH = 640
LABEL_WIDTH = 280
VALUE_WIDTH = 60
BAR_HEIGHT = 22
GAP = 8
TOP = 8


def display(row: dict[str, Any], limit: int) -> str:
    """How a count is shown: the number, or "< 5" / "verborgen" when it is suppressed."""
    if row.get("suppressed") == "small":
        return f"< {limit}"
    if row.get("suppressed"):
        return _("verborgen")
    return str(row["count"])


def bar_chart(rows: list[dict[str, Any]], title: str, year: int | None, chart_id: str) -> dict[str, Any]:
    """The geometry of a horizontal bar chart of breakdown rows (suppressed rows get no bar)."""
    from forms.statistics.service import threshold

    limit = threshold()
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
                "text": display(row, limit),
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
