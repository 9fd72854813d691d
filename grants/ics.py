"""An iCalendar (RFC 5545) feed of application deadlines, with the icalendar library.

Every text passes through ``grants.clean`` first: RFC 5545 forbids control
characters in text, so the calendar stays well-formed whatever the data holds.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from grants import labels
from grants.clean import clean, line
from grants.model import Dataset

PRODID = "-//grants-site//state grants to NGOs//KK"


def deadlines(dataset: Dataset, *, site_url: str, build_date: dt.date, lang: str = "kk") -> bytes:
    """One all-day event per lot with an application window, on its closing day.

    ``site_url`` ends with '/'; without one, each event's address is the lot's path.
    """
    words = {key: text.get(lang) for key, text in labels.FEED.items()}
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", words["calendar"])
    stamp = dt.datetime.combine(build_date, dt.time(), dt.UTC)
    for lot in dataset.lots:
        window = lot.application_window
        if window is None or lot.status == "cancelled":
            continue
        event = icalendar.Event()
        event.add("uid", line(f"{lot.id}-deadline@grants-site"))
        event.add("dtstamp", stamp)
        event.add("dtstart", window.closes)
        event.add("dtend", window.closes + dt.timedelta(days=1))
        event.add(
            "summary", line(f"{words['closes']}: {words['lot']} {lot.number}. {lot.priority.get(lang)}")
        )
        lines = [
            f"{words['window']}: {window.opens.isoformat()} – {window.closes.isoformat()}",
            line(lot.source.issuer.get(lang)),
        ]
        if lot.apply_url:
            lines.append(line(lot.apply_url))
        event.add("description", clean("\n".join(lines)))
        event.add("url", line(f"{site_url}lots/{lot.id}/"))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
