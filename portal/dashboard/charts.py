"""Charts drawn on the server as SVG: no JavaScript, a title and a description for screen readers, a scale
with gridlines and values, every text inside the view box, and mirrored for right-to-left pages (the first
bar's origin and the earliest month stand on the reading side). The view box is narrow (400 units) so that,
drawn at the width of a phone, the texts keep a readable size; the page shows each chart at 100 % of its
column, and a table with the same figures beside it.

Each text carries its own direction: the anchor ("start", "end") then means the same side whatever the
page's direction, which is what kept Arabic labels from being drawn over the bars.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flask_babel import format_decimal
from markupsafe import Markup, escape

from portal.i18n.formats import format_day

WIDTH = 400
ROW = 52  # a bar's row: its label on a line of its own, the bar below it
BAR = 16
VALUE_ROOM = 44  # kept at the bars' far end for the value written after the longest bar
AXIS = 28  # below the rows: the scale's values


def _frame(identifier: str, title: str, description: str, height: int, body: str) -> Markup:
    # Every text put in the SVG goes through escape(); the rest are numbers and fixed names.
    return Markup(  # noqa: S704
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMidYMin meet" '
        f'role="img" aria-labelledby="{identifier}-t {identifier}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{identifier}-t">{escape(title)}</title><desc id="{identifier}-d">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def _text(x: float, y: float, content: str, anchor: str, direction: str, css: str = "chart-label") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" direction="{direction}" class="{css}">'
        f"{escape(content)}</text>"
    )


def ticks(top: int, most: int = 5) -> list[int]:
    """Round values for a scale from 0 to at least ``top``: steps of 1, 2 or 5 times a power of ten, at most
    ``most`` steps."""
    top = max(top, 1)
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if -(-top // step) <= most:
                return list(range(0, -(-top // step) * step + 1, step))
        magnitude *= 10


def _number(value: float) -> str:
    return str(format_decimal(value))


def bars(identifier: str, title: str, description: str, rows: Sequence[tuple[str, int]], rtl: bool) -> Markup:
    """Horizontal bars, one a row: the label on its own line, the bar below it with its value at its end, and a
    scale of gridlines with their values under the rows."""
    scale = ticks(max((value for _label, value in rows), default=0))
    span, margin = WIDTH - VALUE_ROOM - 8, 8
    direction = "rtl" if rtl else "ltr"

    def x(value: float) -> float:  # where a value stands along the bars, from the reading side
        offset = margin + span * value / scale[-1]
        return WIDTH - offset if rtl else offset

    height = len(rows) * ROW + AXIS
    grid = "".join(
        f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="0" y2="{height - AXIS + 4}" class="chart-grid"/>'
        + _text(x(tick), height - 8, _number(tick), "middle", direction, "chart-scale")
        for tick in scale
    )
    parts = [grid]
    for index, (label, value) in enumerate(rows):
        y = index * ROW
        start, end = x(0), x(value)
        parts.append(
            _text(x(0), y + 18, label, "start", direction)
            + f'<rect x="{min(start, end):.1f}" y="{y + 26}" width="{max(abs(end - start), 1):.1f}" height="{BAR}" '
            f'class="chart-bar"/>'
            + _text(end + (-6 if rtl else 6), y + 40, _number(value), "start", direction, "chart-value")
        )
    return _frame(identifier, title, description, height, "".join(parts))


def progress(identifier: str, title: str, description: str, value: int, target: int, rtl: bool) -> Markup:
    share = min(value / target, 1.0) if target else 0.0
    length = round((WIDTH - 20) * share)
    x = WIDTH - 10 - length if rtl else 10
    body = (f'<rect x="10" y="10" width="{WIDTH - 20}" height="26" class="chart-track"/>'
            f'<rect x="{x}" y="10" width="{max(length, 1)}" height="26" class="chart-bar"/>')  # fmt: skip
    return _frame(identifier, title, description, 46, body)


def timeline(
    identifier: str, title: str, description: str, points: Sequence[tuple[date, int]], target: int,
    deadline: date, rtl: bool,
) -> Markup:  # fmt: skip
    """Cumulative counted services at each month's end, with the target line, the deadline, and a vertical
    scale of gridlines with their values on the reading side."""
    height, axis, edge, top, bottom = 280, 36, 12, 22, 44
    if not points:
        return _frame(identifier, title, description, height, "")
    first, last = points[0][0].toordinal(), max(deadline.toordinal(), points[-1][0].toordinal())
    scale = ticks(max(target, *(value for _day, value in points)))
    direction = "rtl" if rtl else "ltr"

    def x(day: date) -> float:
        share = (day.toordinal() - first) / max(last - first, 1)
        position = axis + share * (WIDTH - axis - edge)
        return WIDTH - position if rtl else position

    def y(value: float) -> float:
        return top + (1 - value / scale[-1]) * (height - top - bottom)

    near, far = (WIDTH - axis, edge) if rtl else (axis, WIDTH - edge)  # the scale's side, the other side
    parts = [
        f'<line x1="{near}" x2="{far}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" class="chart-grid"/>'
        + _text(near + (6 if rtl else -6), y(tick) + 4, _number(tick), "end", direction, "chart-scale")
        for tick in scale
    ]
    path = " ".join(
        f"{'M' if index == 0 else 'L'}{x(day):.1f},{y(value):.1f}" for index, (day, value) in enumerate(points)
    )
    start, goal, end = x(points[0][0]), y(target), x(deadline)
    parts += [
        f'<line x1="{start:.1f}" x2="{end:.1f}" y1="{goal:.1f}" y2="{goal:.1f}" class="chart-target"/>',
        f'<line x1="{end:.1f}" x2="{end:.1f}" y1="{top}" y2="{height - bottom}" class="chart-deadline"/>',
        f'<path d="{path}" class="chart-line"/>',
        # The first month on the reading side, the deadline at the far side: both drawn inwards, so neither is cut.
        _text(start, height - 14, format_day(points[0][0], width="MMM y"), "start", direction),
        _text(end, height - 14, format_day(deadline, width="d MMM y"), "end", direction),
    ]
    return _frame(identifier, title, description, height, "".join(parts))
