"""The life of a lot after it is announced: rules for its status, application
window, award and reports.

Kept apart from grants/validate.py, which calls ``problems`` with the raw data
(after the schema check).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from grants.formatting import spaced
from grants.i18n import N_, Msg


def parse_date(value: Any) -> dt.date | None:
    """A YYYY-MM-DD text as a date; None when it is not one (the schema reports that)."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def tenge(amount: int) -> Msg:
    """'18 000 000 tenge', the word translated when the message is told."""
    return Msg(N_("{amount} tenge"), amount=spaced(amount))


def problems(lot: dict[str, Any], base: tuple[Any, ...], add: Callable[..., None]) -> None:
    """Report, through ``add(path, message, **fields)``, what is wrong with one raw lot's life.

    What each status needs (a window, an award, a report) and forbids (an award or reports
    before the award) is in the schema's lot rules (data/grants.schema.json, allOf)."""
    if not isinstance(lot.get("status", "planned"), str):
        return  # a status the schema rejects: its message is enough
    window, award = lot.get("application_window"), lot.get("award")
    window = window if isinstance(window, dict) else {}
    award = award if isinstance(award, dict) else {}
    opens, closes = parse_date(window.get("opens")), parse_date(window.get("closes"))
    if opens and closes and closes < opens:
        message = N_("applications close ({closes}) before they open ({opens})")
        add((*base, "application_window", "closes"), message, closes=closes, opens=opens)
    agreement = parse_date(award.get("agreement_date")) if award else None
    if award:
        _award(lot, award, (*base, "award"), add)
        if agreement and closes and agreement < closes:
            message = N_(
                "the agreement is dated {agreement}, before applications close ({closes}); check both dates"
            )
            add((*base, "award", "agreement_date"), message, agreement=agreement, closes=closes)
    _reports(lot, agreement, base, add)


def _award(
    lot: dict[str, Any], award: dict[str, Any], base: tuple[Any, ...], add: Callable[..., None]
) -> None:
    """Each awarded amount within the lot's funding for its year, one per year."""
    funding: dict[Any, int] = {
        f.get("year"): f["amount"]
        for f in lot.get("funding", [])
        if isinstance(f, dict) and type(f.get("amount")) is int
    }
    seen: set[int] = set()
    for j, entry in enumerate(award.get("amounts") or []):
        if (
            not isinstance(entry, dict)
            or type(entry.get("year")) is not int
            or type(entry.get("amount")) is not int
        ):
            continue
        year, amount = entry["year"], entry["amount"]
        if year in seen:
            add(
                (*base, "amounts", j, "year"),
                N_("the year {year} appears twice in the award; give one amount per year"),
                year=year,
            )
        seen.add(year)
        if year not in funding:
            add(
                (*base, "amounts", j, "year"),
                N_("the lot has no funding for {year}, so nothing can be awarded for it"),
                year=year,
            )
        elif amount > funding[year]:
            message = N_(
                "the award for {year} ({award}) is more than the lot's funding for that year "
                "({funding}); an award cannot exceed the lot's money"
            )
            add(
                (*base, "amounts", j, "amount"),
                message,
                year=year,
                award=tenge(amount),
                funding=tenge(funding[year]),
            )


def _reports(
    lot: dict[str, Any], agreement: dt.date | None, base: tuple[Any, ...], add: Callable[..., None]
) -> None:
    """Reports dated after the agreement, oldest first, each achievement of an indicator with a target."""
    raw_indicators = lot.get("indicators")
    indicators: list[Any] = raw_indicators if isinstance(raw_indicators, list) else []
    raw_reports = lot.get("reports")
    previous: dt.date | None = None
    for j, report in enumerate(raw_reports if isinstance(raw_reports, list) else []):
        if not isinstance(report, dict):
            continue
        date = parse_date(report.get("date"))
        if date and agreement and date < agreement:
            message = N_("the report is dated {date}, before the agreement ({agreement})")
            add((*base, "reports", j, "date"), message, date=date, agreement=agreement)
        if date and previous and date < previous:
            message = N_(
                "the report is dated {date}, before the report above it ({previous}); list reports oldest first"
            )
            add((*base, "reports", j, "date"), message, date=date, previous=previous)
        previous = date or previous
        for k, achievement in enumerate(report.get("achievements") or []):
            if not isinstance(achievement, dict) or type(achievement.get("indicator")) is not int:
                continue
            number = achievement["indicator"]
            where = (*base, "reports", j, "achievements", k, "indicator")
            if not 1 <= number <= len(indicators):
                message = N_("the lot has no indicator {number}; it has {count} (counted from 1)")
                add(where, message, number=number, count=len(indicators))
            elif not (isinstance(indicators[number - 1], dict) and indicators[number - 1].get("target")):
                message = N_(
                    "indicator {number} has no target, so an achieved value cannot be compared with it"
                )
                add(where, message, number=number)
