"""An Atom feed of new and changed lots, from the data file's history."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from grants.history import History

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50


def atom(history: History, *, title: str, site_url: str, build_date: dt.date) -> bytes:
    """The feed. ``site_url`` ends with '/'; without one, links are relative to the feed."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = (
        f"{site_url}feed.xml" if site_url else "tag:grants-site,2026:feed"
    )
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{site_url}feed.xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{site_url}changes/")
    newest = (
        history.changes[0].date if history.changes else dt.datetime.combine(build_date, dt.time(), dt.UTC)
    )
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = newest.isoformat()
    count = 0
    for change in history.changes:
        lots = [(lot, "added") for lot in change.diff.added] + [
            (c.lot, "changed") for c in change.diff.changed
        ]
        for lot, what in lots:
            if count == MAX_ENTRIES:
                break
            count += 1
            entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
            verb = "Жаңа лот" if what == "added" else "Лот өзгертілді"
            ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{verb}: № {lot.number}. {lot.priority.kk}"
            ET.SubElement(entry, f"{{{ATOM}}}id").text = f"tag:grants-site,2026:{change.commit}/{lot.id}"
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=f"{site_url}lots/{lot.id}/")
            ET.SubElement(entry, f"{{{ATOM}}}updated").text = change.date.isoformat()
            author = ET.SubElement(entry, f"{{{ATOM}}}author")
            ET.SubElement(author, f"{{{ATOM}}}name").text = lot.source.issuer.kk
            changed_fields = next((c.fields for c in change.diff.changed if c.lot.id == lot.id), ())
            summary = change.message
            if changed_fields:
                summary += " — " + ", ".join(f.field for f in changed_fields)
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"
