"""An iCalendar (RFC 5545) feed of application deadlines, with the icalendar library."""

from __future__ import annotations

import datetime as dt

import icalendar

from grants.model import Dataset

PRODID = "-//grants-site//state grants to NGOs//KK"


def deadlines(dataset: Dataset, *, site_url: str, build_date: dt.date) -> bytes:
    """One all-day event per lot with an application window, on its closing day.

    ``site_url`` ends with '/'; without one, each event's address is the lot's path.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "ҮЕҰ-ға мемлекеттік гранттар: өтінім беру мерзімдері")
    stamp = dt.datetime.combine(build_date, dt.time(), dt.UTC)
    for lot in dataset.lots:
        window = lot.application_window
        if window is None or lot.status == "cancelled":
            continue
        event = icalendar.Event()
        event.add("uid", f"{lot.id}-deadline@grants-site")
        event.add("dtstamp", stamp)
        event.add("dtstart", window.closes)
        event.add("dtend", window.closes + dt.timedelta(days=1))
        event.add("summary", f"Өтінім беру мерзімі аяқталады: лот № {lot.number}. {lot.priority.kk}")
        lines = [
            f"Өтінімдер қабылдау: {window.opens.isoformat()} – {window.closes.isoformat()}",
            f"Apply: {window.opens.isoformat()} – {window.closes.isoformat()}",
            f"{lot.source.issuer.kk}",
        ]
        if lot.apply_url:
            lines.append(lot.apply_url)
        event.add("description", "\n".join(lines))
        event.add("url", f"{site_url}lots/{lot.id}/")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
