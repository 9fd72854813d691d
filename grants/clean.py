"""Text made safe for XML and iCalendar whatever the data holds.

XML 1.0 forbids most control characters (a feed with one is not a feed), and
RFC 5545 forbids them in iCalendar text. The validator rejects them in the data,
but the feed and the calendar must be well-formed even from data that slipped
past it, so every text they carry passes here first.
"""

from __future__ import annotations

import re

#: C0 controls except tab and newline, DEL, C1 controls, lone surrogates and the two non-characters.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without characters that XML 1.0 and iCalendar forbid (CR is dropped, tab and newline kept)."""
    return _FORBIDDEN.sub("", text)


def line(text: str) -> str:
    """``text`` on one line: forbidden characters dropped, runs of white space folded."""
    return " ".join(clean(text).split())
