"""Typed, frozen objects for the grant data, and the named queries the site asks.

Built only from data that passed validation (see ``grants.validate``), so the
constructors here trust their input.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

#: Interface and data languages, the authoritative one first.
LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"
GRANT_TYPES = ("short", "medium", "long")
STATUSES = ("planned", "open", "evaluation", "awarded", "in_progress", "completed", "cancelled")


class Text(NamedTuple):
    """A human text: Kazakh original and optional unofficial translations.

    A NamedTuple rather than a frozen dataclass: a large file holds hundreds of
    thousands of texts, and a tuple is built several times faster.
    """

    kk: str
    ru: str | None = None
    en: str | None = None

    @classmethod
    def of(cls, raw: dict[str, str]) -> Text:
        return cls(raw["kk"], raw.get("ru"), raw.get("en"))

    def has(self, lang: str) -> bool:
        return bool(getattr(self, lang, None))

    def get(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The text in ``lang``, or the Kazakh original where there is no translation."""
        return getattr(self, lang, None) or self.kk

    def is_original(self, lang: str) -> bool:
        """True when ``get(lang)`` shows the authoritative Kazakh text."""
        return lang == DEFAULT_LANGUAGE or not self.has(lang)

    def paragraphs(self, lang: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
        """The text split at blank lines."""
        return tuple(p.strip() for p in self.get(lang).split("\n\n") if p.strip())

    def as_dict(self) -> dict[str, str]:
        return {lang: getattr(self, lang) for lang in LANGUAGES if getattr(self, lang)}


class YearAmount(NamedTuple):
    year: int
    amount: int


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    issuer: Text
    title: Text
    years: tuple[int, ...]
    declared_totals: tuple[YearAmount, ...]
    document: str | None = None  # path relative to the data file's folder
    document_sha256: str | None = None
    url: str | None = None
    published: dt.date | None = None
    notes: tuple[Text, ...] = ()

    def declared(self, year: int) -> int | None:
        return next((t.amount for t in self.declared_totals if t.year == year), None)


@dataclass(frozen=True, slots=True)
class Sector:
    id: str
    name: Text


@dataclass(frozen=True, slots=True)
class Target:
    comparison: str  # at_least | at_most | exactly
    value: int | float
    unit: Text


@dataclass(frozen=True, slots=True)
class Indicator:
    text: Text
    target: Target | None = None


class Correction(NamedTuple):
    """A letter loss or typo of the document corrected in the data: the words as printed and as written."""

    source: str
    corrected: str


@dataclass(frozen=True, slots=True)
class Period:
    start: int
    end: int

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.start, self.end + 1))


@dataclass(frozen=True, slots=True)
class ApplicationWindow:
    opens: dt.date
    closes: dt.date


@dataclass(frozen=True, slots=True)
class Award:
    """Who got the grant, for how much, and when the agreement was signed."""

    recipient: Text
    bin: str  # the organisation's 12-digit business identification number
    amounts: tuple[YearAmount, ...]
    agreement_date: dt.date

    @property
    def amount(self) -> int:
        return sum(a.amount for a in self.amounts)

    def amount_for(self, year: int) -> int:
        return sum(a.amount for a in self.amounts if a.year == year)


@dataclass(frozen=True, slots=True)
class Achievement:
    indicator: int  # the indicator's number on the lot, from 1
    value: int | float


@dataclass(frozen=True, slots=True)
class Report:
    """A report on the lot's work: what each target indicator reached by its date."""

    date: dt.date
    achievements: tuple[Achievement, ...] = ()
    text: Text | None = None
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    """One indicator's target against what the latest report says was achieved."""

    number: int
    indicator: Indicator
    achieved: int | float | None
    report: Report | None

    @property
    def share(self) -> float | None:
        """Achieved as a share of the target, 0..1 (capped), where both are known."""
        target = self.indicator.target
        if target is None or self.achieved is None or not target.value:
            return None
        return min(self.achieved / target.value, 1.0)

    @property
    def met(self) -> bool | None:
        target = self.indicator.target
        if target is None or self.achieved is None:
            return None
        if target.comparison == "at_least":
            return self.achieved >= target.value
        if target.comparison == "at_most":
            return self.achieved <= target.value
        return self.achieved == target.value


@dataclass(frozen=True, slots=True)
class Lot:
    id: str
    source: Source
    number: str
    sector: Sector
    priority: Text
    problem: Text
    funding: tuple[YearAmount, ...]
    grant_type: str
    period: Period
    territory: Text
    indicators: tuple[Indicator, ...]
    results: tuple[Text, ...]
    grant_count: int = 1
    targets_per_year: bool = False
    material_requirements: tuple[Text, ...] = ()
    notes: tuple[Text, ...] = ()
    corrections: tuple[Correction, ...] = ()  # the document's spelling, corrected (see schema)
    source_lines: tuple[int, ...] = ()
    status: str = "planned"
    application_window: ApplicationWindow | None = None
    apply_url: str | None = None
    award: Award | None = None
    reports: tuple[Report, ...] = ()  # oldest first

    @property
    def total(self) -> int:
        return sum(f.amount for f in self.funding)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(f.year for f in self.funding)

    def amount_for(self, year: int) -> int:
        """Funding in ``year``; 0 when the lot has none that year."""
        return sum(f.amount for f in self.funding if f.year == year)

    def is_open_on(self, day: dt.date) -> bool:
        """Accepting applications on ``day``: status open and the day inside the window."""
        window = self.application_window
        return self.status == "open" and window is not None and window.opens <= day <= window.closes

    def days_left(self, day: dt.date) -> int | None:
        """Days from ``day`` until applications close (0 on the last day)."""
        if self.application_window is None:
            return None
        return (self.application_window.closes - day).days

    def progress(self) -> tuple[Progress, ...]:
        """Each indicator with the value the latest report that mentions it gives."""
        out = []
        for number, indicator in enumerate(self.indicators, 1):
            latest = None
            for report in self.reports:
                for achievement in report.achievements:
                    if achievement.indicator == number:
                        latest = (achievement.value, report)
            out.append(Progress(number, indicator, *(latest or (None, None))))
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Group:
    """Lots sharing a key (a sector, a source, a grant type), with their money per year."""

    key: str
    item: Any  # the Sector or Source, or the grant type's name
    lots: tuple[Lot, ...]
    by_year: tuple[YearAmount, ...]

    @property
    def total(self) -> int:
        return sum(y.amount for y in self.by_year)

    @property
    def count(self) -> int:
        return len(self.lots)

    def amount_for(self, year: int) -> int:
        return sum(y.amount for y in self.by_year if y.year == year)


def _by_year(lots: Iterable[Lot]) -> tuple[YearAmount, ...]:
    sums: dict[int, int] = defaultdict(int)
    for lot in lots:
        for f in lot.funding:
            sums[f.year] += f.amount
    return tuple(YearAmount(year, sums[year]) for year in sorted(sums))


@dataclass(frozen=True, slots=True)
class Dataset:
    """All the data, with named queries. Build with ``grants.load_dataset``."""

    schema_version: int
    currency: str
    sources: tuple[Source, ...]
    sectors: tuple[Sector, ...]
    lots: tuple[Lot, ...]
    path: Path | None = None
    _lots_by_id: dict[str, Lot] = field(default_factory=dict, repr=False, compare=False)
    _memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._lots_by_id.update({lot.id: lot for lot in self.lots})

    # --- single items -------------------------------------------------------
    def lot(self, lot_id: str) -> Lot:
        return self._lots_by_id[lot_id]

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def sector(self, sector_id: str) -> Sector:
        return next(s for s in self.sectors if s.id == sector_id)

    # --- lists --------------------------------------------------------------
    def lots_in_sector(self, sector_id: str) -> tuple[Lot, ...]:
        return tuple(lot for lot in self.lots if lot.sector.id == sector_id)

    def lots_in_source(self, source_id: str) -> tuple[Lot, ...]:
        return tuple(lot for lot in self.lots if lot.source.id == source_id)

    @property
    def years(self) -> tuple[int, ...]:
        """Every year any lot is funded in, ascending (worked out once: templates ask per row)."""
        years = self._memo.get("years")
        if not isinstance(years, tuple):
            years = self._memo["years"] = tuple(sorted({f.year for lot in self.lots for f in lot.funding}))
        return years

    @property
    def territories(self) -> tuple[Text, ...]:
        """Distinct territories, in order of first appearance."""
        seen: dict[str, Text] = {}
        for lot in self.lots:
            seen.setdefault(lot.territory.kk, lot.territory)
        return tuple(seen.values())

    @property
    def grant_types(self) -> tuple[str, ...]:
        """The grant types the lots use, in the law's order."""
        used = {lot.grant_type for lot in self.lots}
        return tuple(t for t in GRANT_TYPES if t in used)

    # --- aggregates ---------------------------------------------------------
    @property
    def total(self) -> int:
        return sum(lot.total for lot in self.lots)

    def total_by_year(self) -> tuple[YearAmount, ...]:
        return _by_year(self.lots)

    def amount_for(self, year: int) -> int:
        return sum(lot.amount_for(year) for lot in self.lots)

    def by_year(self) -> tuple[Group, ...]:
        """One group per funded year: the lots funded that year and that year's money."""
        return tuple(
            Group(str(total.year), total.year, lots, (total,))
            for total in self.total_by_year()
            for lots in [tuple(lot for lot in self.lots if total.year in lot.years)]
        )

    def by_sector(self) -> tuple[Group, ...]:
        """One group per sector that has lots, in the order sectors are listed."""
        groups = []
        for sector in self.sectors:
            lots = self.lots_in_sector(sector.id)
            if lots:
                groups.append(Group(sector.id, sector, lots, _by_year(lots)))
        return tuple(groups)

    def by_source(self) -> tuple[Group, ...]:
        return tuple(
            Group(source.id, source, lots, _by_year(lots))
            for source in self.sources
            for lots in [self.lots_in_source(source.id)]
        )

    def by_grant_type(self) -> tuple[Group, ...]:
        groups = []
        for grant_type in self.grant_types:
            lots = tuple(lot for lot in self.lots if lot.grant_type == grant_type)
            groups.append(Group(grant_type, grant_type, lots, _by_year(lots)))
        return tuple(groups)

    def open_lots(self, day: dt.date) -> tuple[Lot, ...]:
        """Lots accepting applications on ``day``, the nearest deadline first."""
        open_now = [
            (lot.application_window.closes, lot.id, lot)
            for lot in self.lots
            if lot.is_open_on(day) and lot.application_window
        ]
        return tuple(lot for _, _, lot in sorted(open_now, key=lambda item: item[:2]))

    def awarded_by_year(self) -> tuple[YearAmount, ...]:
        """Money awarded to recipients, per year, over all awarded lots."""
        sums: dict[int, int] = defaultdict(int)
        for lot in self.lots:
            if lot.award:
                for a in lot.award.amounts:
                    sums[a.year] += a.amount
        return tuple(YearAmount(year, sums[year]) for year in sorted(sums))

    def awarded_for(self, year: int) -> int:
        return sum(a.amount for a in self.awarded_by_year() if a.year == year)

    def counts(self) -> dict[str, int]:
        return {
            "lots": len(self.lots),
            "sources": len(self.sources),
            "sectors": len({lot.sector.id for lot in self.lots}),
            "grants": sum(lot.grant_count for lot in self.lots),
        }
