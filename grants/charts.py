"""Bar lengths for the charts drawn inside the totals tables.

The site draws each bar in CSS inside the table cell that already carries the
number (so the text stays the page's own, legible at every width, and the
bar needs no JavaScript and prints as it looks): all it needs is each value's
share of the largest one.
"""

from __future__ import annotations

from collections.abc import Iterable


def shares(values: Iterable[tuple[str, int]]) -> dict[str, float]:
    """Each key's value as a share (0..1) of the largest value; the largest bar is 1."""
    pairs = list(values)
    largest = max((value for _, value in pairs), default=0) or 1
    return {key: round(max(value, 0) / largest, 4) for key, value in pairs}
