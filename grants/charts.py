"""Geometry of horizontal bar charts, computed at build time.

The site draws its charts as inline SVG so they need no JavaScript and print
as they look. Labels in Kazakh are long, so each bar has its label on a line
of its own above it rather than in a narrow axis column.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    value_text: str
    y: float  # top of the label line
    bar_y: float
    width: float  # bar length in viewBox units, out of Chart.plot_width


@dataclass(frozen=True, slots=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    plot_width: int
    bar_height: int


def bar_chart(
    rows: list[tuple[str, int, str]],
    *,
    width: int = 640,
    bar_height: int = 22,
    label_height: int = 22,
    gap: int = 14,
    value_room: int = 150,
) -> Chart:
    """Bars for ``rows`` of (label, value, value as text); the longest bar fills the plot."""
    largest = max((value for _, value, _ in rows), default=0) or 1
    plot_width = width - value_room
    bars = []
    y = 0.0
    for label, value, text in rows:
        bars.append(Bar(label, value, text, y, y + label_height, plot_width * value / largest))
        y += label_height + bar_height + gap
    return Chart(tuple(bars), width, max(int(y - gap), 1), plot_width, bar_height)
