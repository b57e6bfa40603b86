"""The process infographic of a protocol page, drawn from its step blocks.

`flow_diagram` turns the steps into the geometry of an SVG flow (one box per step, arrows between
them, phase labels where the phase changes). The template draws it; the same steps are rendered as
an ordered list underneath, which is what screen readers and the printout rely on.
"""

import textwrap

BOX_WIDTH = 560
BOX_X = 60
LINE_HEIGHT = 20
PADDING = 14
GAP = 36
PHASE_HEIGHT = 34
WRAP = 46


def flow_diagram(steps: list[dict]) -> dict:
    """Boxes and arrows for the steps, top to bottom, with the total height of the drawing."""
    boxes, arrows, phases = [], [], []
    y = 10
    previous_phase = None
    for step in steps:
        phase = (step.get("phase") or "").strip()
        if phase and phase != previous_phase:
            phases.append({"label": phase, "x": BOX_X, "y": y + 22})
            y += PHASE_HEIGHT
        previous_phase = phase or previous_phase
        title_lines = textwrap.wrap(str(step["title"]), WRAP) or [""]
        meta = str(step.get("actor") or "")
        if step.get("time_limit"):
            meta = f"{meta} · {step['time_limit']}" if meta else str(step["time_limit"])
        meta_lines = textwrap.wrap(meta, WRAP + 14)
        height = PADDING * 2 + LINE_HEIGHT * (len(title_lines) + len(meta_lines))
        if boxes:
            arrows.append({"x": BOX_X + BOX_WIDTH / 2, "y1": boxes[-1]["y"] + boxes[-1]["height"], "y2": y})
        text_y = y + PADDING + 15
        boxes.append(
            {
                "number": step["number"],
                "x": BOX_X,
                "y": y,
                "width": BOX_WIDTH,
                "height": height,
                "circle_x": BOX_X - 30,
                "circle_y": y + height / 2,
                "text_x": BOX_X + 16,
                "title_lines": [
                    {"text": line, "y": text_y + index * LINE_HEIGHT}
                    for index, line in enumerate(title_lines)
                ],
                "meta_lines": [
                    {"text": line, "y": text_y + (len(title_lines) + index) * LINE_HEIGHT}
                    for index, line in enumerate(meta_lines)
                ],
            }
        )
        y += height + GAP
    return {
        "width": BOX_X + BOX_WIDTH + 10,
        "height": max(y - GAP + 10, 0),
        "boxes": boxes,
        "arrows": arrows,
        "phases": phases,
    }
