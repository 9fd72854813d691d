"""An Atom feed of new, changed and removed lots, from the data file's history.

Each entry tells what changed in public words (``grants.diff.describe``), in
the feed's language; never a commit subject or a field path. Every text passes
through ``grants.clean`` first, so the feed is well-formed XML whatever the
data holds.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from grants import labels
from grants.clean import line
from grants.diff import LotRef, describe_all
from grants.history import History

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element of the Atom namespace."""
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def atom(history: History, *, title: str, site_url: str, build_date: dt.date, lang: str = "kk") -> bytes:
    """The feed. ``site_url`` ends with '/'; without one, links are relative to the feed."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", line(title))
    _add(feed, "id", f"{site_url}feed.xml" if site_url else "tag:grants-site,2026:feed")
    _add(feed, "link", rel="self", href=f"{site_url}feed.xml")
    _add(feed, "link", rel="alternate", href=f"{site_url}changes/")
    newest = (
        history.changes[0].date if history.changes else dt.datetime.combine(build_date, dt.time(), dt.UTC)
    )
    _add(feed, "updated", newest.isoformat())
    _add(_add(feed, "author"), "name", line(title))
    count = 0
    for change in history.changes:
        diff = change.diff
        lots: list[tuple[LotRef, str]] = [(lot, "added") for lot in diff.added]
        lots += [(c.lot, "changed") for c in diff.changed] + [(lot, "removed") for lot in diff.removed]
        for lot, what in lots:
            if count == MAX_ENTRIES:
                break
            count += 1
            entry = _add(feed, "entry")
            heading = f"{labels.FEED[what].get(lang)}: {labels.FEED['lot'].get(lang)} {lot.number}. {lot.priority.get(lang)}"
            _add(entry, "title", line(heading))
            _add(entry, "id", line(f"tag:grants-site,2026:{change.commit}/{lot.id}"))
            removed = f"{site_url}changes/#change-{change.commit[:12]}"
            _add(
                entry,
                "link",
                rel="alternate",
                href=line(removed if what == "removed" else f"{site_url}lots/{lot.id}/"),
            )
            _add(entry, "updated", change.date.isoformat())
            said = [str(d) for d in describe_all(diff.fields_of(lot.id), lang)] if what == "changed" else []
            _add(entry, "summary", line("; ".join(said) or heading))
    ET.indent(feed)
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"
