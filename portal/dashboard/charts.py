"""Charts drawn on the server as SVG: no JavaScript, a title and a description for screen readers, and
mirrored for right-to-left pages (the first bar and the earliest month stand on the reading side)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

WIDTH, ROW, LABEL = 640, 28, 230


def _frame(identifier: str, title: str, description: str, height: int, body: str) -> Markup:
    # Every text put in the SVG goes through escape(); the rest are numbers and fixed names.
    return Markup(  # noqa: S704
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{identifier}-t {identifier}-d" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{identifier}-t">{escape(title)}</title>'
        f'<desc id="{identifier}-d">{escape(description)}</desc>{body}</svg>'
    )


def bars(identifier: str, title: str, description: str, rows: Sequence[tuple[str, int]], rtl: bool) -> Markup:
    """Horizontal bars, one a row, with the value written at the bar's end."""
    top = max((value for _label, value in rows), default=0) or 1
    span = WIDTH - LABEL - 50
    parts = []
    for index, (label, value) in enumerate(rows):
        y = index * ROW + 6
        length = round(span * value / top)
        bar_x = WIDTH - LABEL - length if rtl else LABEL
        label_x, anchor = (WIDTH - LABEL + 8, "start") if rtl else (LABEL - 8, "end")
        value_x = bar_x - 6 if rtl else bar_x + length + 6
        value_anchor = "end" if rtl else "start"
        parts.append(
            f'<text x="{label_x}" y="{y + 15}" text-anchor="{anchor}" class="chart-label">{escape(label)}</text>'
            f'<rect x="{bar_x}" y="{y}" width="{max(length, 1)}" height="{ROW - 10}" class="chart-bar"/>'
            f'<text x="{value_x}" y="{y + 15}" text-anchor="{value_anchor}" class="chart-value">{value}</text>'
        )
    return _frame(identifier, title, description, len(rows) * ROW + 12, "".join(parts))


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
    """Cumulative counted services at each month's end, with the target line."""
    height, left, right, top, bottom = 260, 40, 20, 20, 40
    if not points:
        return _frame(identifier, title, description, height, "")
    first, last = points[0][0].toordinal(), max(deadline.toordinal(), points[-1][0].toordinal())
    ceiling = max(target, *(value for _day, value in points)) or 1

    def x(day: date) -> float:
        share = (day.toordinal() - first) / max(last - first, 1)
        position = left + share * (WIDTH - left - right)
        return WIDTH - position if rtl else position

    def y(value: int) -> float:
        return top + (1 - value / ceiling) * (height - top - bottom)

    path = " ".join(
        f"{'M' if index == 0 else 'L'}{x(day):.1f},{y(value):.1f}" for index, (day, value) in enumerate(points)
    )
    start, goal, end = x(points[0][0]), y(target), x(deadline)
    parts = [
        f'<line x1="{start:.1f}" x2="{end:.1f}" y1="{goal:.1f}" y2="{goal:.1f}" class="chart-target"/>',
        f'<line x1="{end:.1f}" x2="{end:.1f}" y1="{top}" y2="{height - bottom}" class="chart-deadline"/>',
        f'<path d="{path}" class="chart-line"/>',
        f'<text x="{start:.1f}" y="{height - 12}" class="chart-label">{points[0][0].isoformat()}</text>',
        f'<text x="{end:.1f}" y="{height - 12}" text-anchor="middle" class="chart-label">{deadline.isoformat()}</text>',
        f'<text x="{start:.1f}" y="{goal - 6:.1f}" class="chart-label">{target}</text>',
    ]
    return _frame(identifier, title, description, height, "".join(parts))
