"""The life of a lot after it is announced: rules for its status, application
window, award and reports.

Kept apart from grants/validate.py, which calls ``problems`` with the raw data
(after the schema check).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from grants.i18n import N_, Msg


def parse_date(value: Any) -> dt.date | None:
    """A YYYY-MM-DD text as a date; None when it is not one (the schema reports that)."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def tenge(amount: int) -> Msg:
    """'18 000 000 tenge', the word translated when the message is told."""
    return Msg(N_("{amount} tenge"), amount=f"{amount:,}".replace(",", " "))


def problems(lot: dict[str, Any], base: tuple[Any, ...], add: Callable[..., None]) -> None:  # noqa: C901 (one check per stage of a lot; to split)
    """Report, through ``add(path, message)``, what is wrong with one raw lot's life."""
    status = lot.get("status", "planned")
    if not isinstance(status, str):
        return
    window = lot.get("application_window") if isinstance(lot.get("application_window"), dict) else None
    award = lot.get("award") if isinstance(lot.get("award"), dict) else None
    raw_reports = lot.get("reports")
    reports: list[Any] = raw_reports if isinstance(raw_reports, list) else []

    # What each status needs (a window, an award, a report) and forbids (an award or reports
    # before the award) is in the schema's lot rules (data/grants.schema.json, allOf).

    opens = parse_date(window.get("opens")) if window else None
    closes = parse_date(window.get("closes")) if window else None
    if opens and closes and closes < opens:
        add(
            (*base, "application_window", "closes"),
            Msg(N_("applications close ({closes}) before they open ({opens})"), closes=closes, opens=opens),
        )

    agreement = parse_date(award.get("agreement_date")) if award else None
    if award:
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
            where = (*base, "award", "amounts", j)
            if year in seen:
                add(
                    (*where, "year"),
                    Msg(
                        N_("the year {year} appears twice in the award; give one amount per year"), year=year
                    ),
                )
            seen.add(year)
            if year not in funding:
                add(
                    (*where, "year"),
                    Msg(N_("the lot has no funding for {year}, so nothing can be awarded for it"), year=year),
                )
            elif amount > funding[year]:
                add(
                    (*where, "amount"),
                    Msg(
                        N_(
                            "the award for {year} ({award}) is more than the lot's funding for that year "
                            "({funding}); an award cannot exceed the lot's money"
                        ),
                        year=year,
                        award=tenge(amount),
                        funding=tenge(funding[year]),
                    ),
                )
        if agreement and closes and agreement < closes:
            add(
                (*base, "award", "agreement_date"),
                Msg(
                    N_(
                        "the agreement is dated {agreement}, before applications close ({closes}); check both dates"
                    ),
                    agreement=agreement,
                    closes=closes,
                ),
            )

    raw_indicators = lot.get("indicators")
    indicators: list[Any] = raw_indicators if isinstance(raw_indicators, list) else []
    previous: dt.date | None = None
    for j, report in enumerate(reports):
        if not isinstance(report, dict):
            continue
        date = parse_date(report.get("date"))
        if date and agreement and date < agreement:
            add(
                (*base, "reports", j, "date"),
                Msg(
                    N_("the report is dated {date}, before the agreement ({agreement})"),
                    date=date,
                    agreement=agreement,
                ),
            )
        if date and previous and date < previous:
            add(
                (*base, "reports", j, "date"),
                Msg(
                    N_(
                        "the report is dated {date}, before the report above it ({previous}); list reports oldest first"
                    ),
                    date=date,
                    previous=previous,
                ),
            )
        previous = date or previous
        for k, achievement in enumerate(report.get("achievements") or []):
            if not isinstance(achievement, dict) or type(achievement.get("indicator")) is not int:
                continue
            number = achievement["indicator"]
            where = (*base, "reports", j, "achievements", k, "indicator")
            if not 1 <= number <= len(indicators):
                add(
                    where,
                    Msg(
                        N_("the lot has no indicator {number}; it has {count} (counted from 1)"),
                        number=number,
                        count=len(indicators),
                    ),
                )
            elif not (isinstance(indicators[number - 1], dict) and indicators[number - 1].get("target")):
                add(
                    where,
                    Msg(
                        N_(
                            "indicator {number} has no target, so an achieved value cannot be compared with it"
                        ),
                        number=number,
                    ),
                )
