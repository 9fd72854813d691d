"""Typed, frozen objects for the grant data, and the named queries the site asks.

The classes are also the data's declaration: each field's annotation is its type and its
``declare(...)`` its title, description and JSON Schema constraints. From them come the schema
(data/grants.schema.json, ``python -m grants schema``), the model built from valid data and the
JSON and CSV downloads (grants/declare.py, grants/export.py). Built only from data that passed
validation (see ``grants.validate``), so the constructors here trust their input.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, TypeVar, cast, get_args

from grants.declare import declare, define, described

_T = TypeVar("_T")

#: Interface and data languages, the authoritative one first.
LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"
GrantType = Literal["short", "medium", "long"]
Status = Literal["planned", "open", "evaluation", "awarded", "in_progress", "completed", "cancelled"]
GRANT_TYPES: tuple[str, ...] = get_args(GrantType)
STATUSES: tuple[str, ...] = get_args(Status)
_URL = r"^https?://[^\s/?#@]+([/?#]\S*)?$"
#: A lot file's name: a relative path inside the data folder (grants.bundle reads it by this rule too).
LOTS_FILE = r"^[a-z0-9][a-z0-9_.-]*(/[a-z0-9][a-z0-9_.-]*)*\.ya?ml$"

# fmt: off
# The declarations: one line a field, to read as a table (ruff format would split each in four).

Id = Annotated[str, define("id", "Identifier", "A stable lowercase identifier: Latin letters, digits and hyphens, starting with a letter. It becomes part of a web address and never changes once published.", type="string", pattern="^[a-z][a-z0-9]*(-[a-z0-9]+)*$", maxLength=64)]


@described("text", "Text in several languages", "A human text: the Kazakh original (kk, required and authoritative) and optional unofficial Russian (ru) and English (en) translations.")
class Text(NamedTuple):
    """A human text: Kazakh original and optional unofficial translations.

    A NamedTuple rather than a frozen dataclass: a large file holds hundreds of
    thousands of texts, and a tuple is built several times faster.
    """

    kk: Annotated[str, declare("Kazakh", "The text in Kazakh, as the source document has it (certain letter losses and typos corrected and listed in the lot's corrections). Authoritative.", minLength=1, pattern=r"\S")]
    ru: Annotated[str | None, declare("Russian", "Unofficial Russian translation of the Kazakh text.", minLength=1, pattern=r"\S")] = None
    en: Annotated[str | None, declare("English", "Unofficial English translation of the Kazakh text.", minLength=1, pattern=r"\S")] = None

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


Year = Annotated[int, define("year", "Year", "A calendar year, such as 2026.", type="integer", minimum=2000, maximum=2100)]
Amount = Annotated[int, define("amount", "Amount in tenge", "Whole tenge, greater than zero. Where a document gives thousands of tenge, multiply by 1000 (18 000 thousand tenge is 18000000).", type="integer", exclusiveMinimum=0)]


@described("year_amount", "Amount for one year", "Money for one calendar year.")
class YearAmount(NamedTuple):
    year: Annotated[Year, declare("Year", "The calendar year the money is for.")]
    amount: Annotated[Amount, declare("Amount", "The money for that year, in whole tenge.")]


@described("source", "Source document", "An official document that announces lots: who issued it, what it is called, which years it covers and the totals it declares.")
@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    id: Id = declare("Source identifier", "Stable identifier of the document, such as taraz-2026.")
    issuer: Text = declare("Issuer", "The body that published the document, such as a department of a city akimat.")
    title: Text = declare("Title", "The document's title, or a descriptive title where the document has none (say so in notes).")
    lots_file: str | None = declare("File of the lots", "Where this source's lots are kept when not in grants.yaml: a file beside it, such as lots/taraz-2026.yaml, holding one key, lots, with the list of the source's lots. Moving lots between files changes no lot id or address.", default=None, published=False, pattern=LOTS_FILE)
    document: str | None = declare("Archived document file", "Path of the archived copy of the document the data was transcribed from, relative to the data file's folder, such as sources/taraz-2026/000_a649211321f9a7a4.txt. It is published with the site.", default=None, minLength=1)
    document_sha256: str | None = declare("Checksum of the archived document", "The SHA-256 of the archived document file, 64 hexadecimal digits (sha256sum prints it). The tests check the file still has it.", default=None, pattern="^[0-9a-f]{64}$")
    url: str | None = declare("Address of the document", "Where the official document is published, if it is online.", default=None, pattern=_URL)
    published: dt.date | None = declare("Publication date", "The date the document was published, as YYYY-MM-DD.", default=None)
    years: tuple[Year, ...] = declare("Years covered", "The calendar years the document plans money for.", minItems=1, uniqueItems=True)
    declared_totals: tuple[YearAmount, ...] = declare("Declared totals", 'The totals per year that the document itself states (its "Итого" row). The lots\' funding must add up to them.')
    notes: tuple[Text, ...] = declare("Notes on the document", "Facts about the document that readers should know, such as a missing title.", default=())

    def declared(self, year: int) -> int | None:
        return next((t.amount for t in self.declared_totals if t.year == year), None)


@described("sector", "Grant sector", "One area of state grants from Article 5, paragraph 1 of the law.")
@dataclass(frozen=True, slots=True)
class Sector:
    id: Id = declare("Sector identifier", "Stable identifier of the sector, such as civil-society. It becomes the sector page's address.")
    name: Text = declare("Sector name", "The sector's name as the law words it.")


_PERCENT = {"required": ["unit"], "properties": {"unit": {"type": "object", "required": ["kk"], "properties": {"kk": {"const": "%"}}}}}
_AT_MOST_100 = {"properties": {"value": {"maximum": 100, "x-message": "a share of {value}% is more than 100%; check the number"}}}


@described("target", "Target", "The one number an indicator sets, where its text states one.", rules={"if": _PERCENT, "then": _AT_MOST_100, "$comment": "A share in percent (unit %) is at most 100."})
@dataclass(frozen=True, slots=True)
class Target:
    comparison: Literal["at_least", "at_most", "exactly"] = declare("Comparison", 'How the result is measured against the value: at_least ("кемінде", "кем емес"), at_most, or exactly.')
    value: int | float = declare("Value", "The number to reach, as the text states it.", minimum=0)
    unit: Text = declare("Unit", "What is counted, as a short noun: адам (people), % (percent), қаралым (views).")


@described("indicator", "Target indicator", "One target indicator (нысаналы индикатор) of a lot.")
@dataclass(frozen=True, slots=True)
class Indicator:
    text: Text = declare("Indicator text", "The indicator as the document words it, without its number.")
    target: Target | None = declare("Target", "The number the indicator sets, if its text states one.", default=None)


@described("period", "Period", "The calendar years in which the grant is carried out, first and last.")
@dataclass(frozen=True, slots=True)
class Period:
    start: Year = declare("First year", "The first calendar year of the grant.")
    end: Year = declare("Last year", "The last calendar year of the grant (the same as the first for a one-year grant).")

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.start, self.end + 1))


@dataclass(frozen=True, slots=True)
class ApplicationWindow:
    opens: dt.date = declare("Opens", "First day applications are accepted, YYYY-MM-DD.")
    closes: dt.date = declare("Closes", "Last day applications are accepted, YYYY-MM-DD.")


def _needs(status: list[str] | str, name: str, message: str, comment: str, **more: Any) -> dict[str, Any]:
    """A lot rule: a lot of ``status`` needs the field ``name``, else the validator says ``message``."""
    test = {"const": status} if isinstance(status, str) else {"enum": status}
    then = {"required": [name], "x-message": message, "x-at": "status", **more}
    return {"$comment": comment, "if": {"required": ["status"], "properties": {"status": test}}, "then": then}


def _none_of(name: str, message: str) -> dict[str, Any]:
    """The field ``name`` is absent or empty, else the validator says ``message`` at it."""
    return {"not": {"required": [name], "properties": {name: {"minItems": 1}}}, "x-message": message, "x-at": name}


_ONE_REPORT = "a completed lot needs at least one report; add it under reports"
LOT_RULES = {
    "allOf": [
        _needs(["open", "evaluation"], "application_window", "a lot with status '{status}' needs application_window (opens, closes); add it", "An open or evaluated lot needs its application window."),
        _needs(["awarded", "in_progress", "completed"], "award", "a lot with status '{status}' needs award (recipient, bin, amounts, agreement_date); add it", "An awarded, in-progress or completed lot needs its award."),
        _needs("completed", "reports", _ONE_REPORT, "A completed lot needs at least one report.", properties={"reports": {"minItems": 1, "x-message": _ONE_REPORT}}),
        {
            "$comment": "Before a recipient is chosen (planned, the default; open; evaluation) a lot has no award and no reports.",
            "if": {"properties": {"status": {"enum": ["planned", "open", "evaluation"]}}},
            "then": {"allOf": [
                {"not": {"required": ["award"]}, "x-message": "the lot has an award but its status is '{status}'; set status to awarded, in_progress or completed", "x-at": "award"},
                _none_of("reports", "the lot has reports but its status is '{status}'; reports come after the award"),
            ]},
        },
        {
            "$comment": "Material and technical requirements are set only for long-term grants.",
            "if": {"required": ["grant_type"], "properties": {"grant_type": {"enum": ["short", "medium"]}}},
            "then": _none_of("material_requirements", "material requirements are set only for long-term grants, and this lot is {grant_type}-term; remove them or correct grant_type"),
        },
    ],
    "$comment": "The rules between a lot's fields (status and what it needs, requirements only for long grants) are in allOf, each with the message the validator gives.",
}


@described("lot", "Lot", "One grant lot: one row of a source document's table.", rules=LOT_RULES)
@dataclass(frozen=True, slots=True, kw_only=True)
class Lot:
    id: Id = declare("Lot identifier", "Stable identifier, such as taraz-2026-01: the lot's web address. Never change it once published.")
    source: Source = declare("Source document", "The id of the source document the lot comes from (one of sources).", by_id=True)
    number: str = declare("Lot number", "The lot's number as printed in the source document (column №), as text.", pattern="^[0-9A-Za-z][0-9A-Za-z./-]*$", maxLength=16)
    source_lines: tuple[int, ...] = declare("Lines in the archived document", "The line numbers of the archived document file that hold this lot's row, for anyone checking the transcription.", default=(), items={"minimum": 1})
    sector: Sector = declare("Grant sector", "The id of the lot's sector (one of sectors): column 2 of the table.", by_id=True)
    priority: Text = declare("Priority direction", "The priority direction of the grant: column 3 of the table.")
    problem: Text = declare("Problem", "The short description of the problem: column 4. Paragraphs are separated by a blank line.")
    funding: tuple[YearAmount, ...] = declare("Funding per year", "The money for the lot in each year, in whole tenge: column 5.", sort_by="year", minItems=1)
    grant_type: GrantType = declare("Grant type", "The law's category by length: short (қысқа мерзімді, up to 1 year), medium (орта мерзімді, 1 to 2 years) or long (ұзақ мерзімді, 2 to 3 years): column 6.")
    grant_count: int = declare("Number of grants", 'How many grants the lot is awarded as ("1 орта мерзімді грант" is 1).', minimum=1, default=1)
    period: Period = declare("Period", "The calendar years of the grant: column 6.")
    territory: Text = declare("Territory", "Where the grant is carried out: column 7.")
    targets_per_year: bool = declare("Targets apply each year", 'True where the document says the indicators and results apply each year ("жыл сайын").', default=False)
    indicators: tuple[Indicator, ...] = declare("Target indicators", "The target indicators (нысаналы индикатор), in the document's order: column 8.")
    results: tuple[Text, ...] = declare("Expected results", "The expected results (күтілетін нәтижелер), each one item, in the document's order: column 8.")
    material_requirements: tuple[Text, ...] = declare("Material and technical requirements", "Requirements for the grantee's premises and equipment: column 9. Set only for long-term grants; otherwise empty.", default=())
    notes: tuple[Text, ...] = declare("Notes on the source", "Defects of the source document for this lot (a cut-off sentence, a missing number), shown to readers as a warning.", default=())
    corrections: tuple[Correction, ...] = declare("Corrections of the source's spelling", "Every place where the Kazakh text of this lot differs from the document's words: certain letter losses and typos of the document, corrected (one rule for all). Each entry gives the words as the document prints them and as this file writes them; the lot page lists them, so every change from the document is traceable.", default=())
    status: Status = declare("Status", "Where the lot stands: planned (announced), open (accepting applications), evaluation (applications closed, being assessed), awarded (a recipient chosen), in_progress (being carried out), completed, or cancelled. An open or evaluated lot needs application_window; an awarded, in-progress or completed lot needs award; a completed lot needs at least one report.", default="planned")
    application_window: ApplicationWindow | None = declare("Application window", "When applications are accepted: the first and last day. Needed when status is open or evaluation.", default=None)
    apply_url: str | None = declare("Where to apply", "The web address where NGOs apply for this lot.", default=None, pattern=_URL)
    award: Award | None = declare("Award", "Who received the grant, how much per year, and when the agreement was signed. Needed when status is awarded, in_progress or completed.", default=None)
    reports: tuple[Report, ...] = declare("Reports", "Reports on the lot's work, oldest first: what each target indicator reached by the report's date.", default=())

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


@described("award", "Award", "The grant agreement: recipient organisation, amounts per year and agreement date.")
@dataclass(frozen=True, slots=True)
class Award:
    """Who got the grant, for how much, and when the agreement was signed."""

    recipient: Text = declare("Recipient organisation", "The NGO that received the grant, by its registered name.")
    bin: str = declare("BIN", "The recipient's business identification number (БСН / БИН): 12 digits.", pattern="^[0-9]{12}$")
    amounts: tuple[YearAmount, ...] = declare("Amounts awarded per year", "The money in the agreement for each year, in whole tenge; each year at most the lot's funding for that year.", sort_by="year", minItems=1)
    agreement_date: dt.date = declare("Agreement date", "The day the grant agreement was signed, YYYY-MM-DD; not before applications close.")

    @property
    def amount(self) -> int:
        return sum(a.amount for a in self.amounts)

    def amount_for(self, year: int) -> int:
        return sum(a.amount for a in self.amounts if a.year == year)


@described("report", "Report", "One report on the lot's work.")
@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """A report on the lot's work: what each target indicator reached by its date."""

    date: dt.date = declare("Report date", "The day of the report, YYYY-MM-DD; not before the agreement date.")
    document: str | None = declare("Report document", "Where the report is published.", default=None, pattern=_URL)
    text: Text | None = declare("Summary", "A short summary of what the report says.", default=None)
    achievements: tuple[Achievement, ...] = declare("Achieved values", "For target indicators of the lot, the value reached by the report's date.", default=())


@described("achievement", "Achieved value", "The value one target indicator reached.")
@dataclass(frozen=True, slots=True)
class Achievement:
    indicator: int = declare("Indicator number", "The indicator's number on the lot, counted from 1 in the order of indicators.", minimum=1)
    value: int | float = declare("Achieved value", "The number reached, in the indicator's unit.", minimum=0)


@described("correction", "Correction of the source's spelling", "One correction of the document's Kazakh text: the words as printed (source) and as corrected in this file (corrected). Give enough words to find the place in the document.")
class Correction(NamedTuple):
    """A letter loss or typo of the document corrected in the data: the words as printed and as written."""

    source: Annotated[str, declare("As printed in the document", "The word or words exactly as the archived document prints them, such as маньзды.", minLength=1, pattern=r"\S")]
    corrected: Annotated[str, declare("As corrected", "The same word or words as the lot's Kazakh text writes them, such as маңызды.", minLength=1, pattern=r"\S")]


# fmt: on


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


@described(
    None,
    "State grants to NGOs: lots announced by a local administration",
    "The single source of truth of the grant transparency site: the published lists of state grant lots for non-governmental organisations (sources), the grant sectors of the law, and the lots themselves. Kazakh (kk) is the authoritative text of every human text; ru and en are unofficial translations. Amounts are whole tenge.",
    also={
        "totals": {
            "title": "Computed totals",
            "description": "Only in the published grants.json: sums the site computes from the lots (by year, sector, grant type and source). Never written in grants.yaml.",
            "type": "object",
        }
    },
)
@dataclass(frozen=True, slots=True)
class Dataset:
    """All the data, with named queries. Build with ``grants.load_dataset``."""

    schema_version: int = declare(
        "Schema version",
        "Version of this data model. Only 1 exists so far; a change that breaks readers of the open data raises it.",
        const=1,
    )
    currency: str = declare(
        "Currency", "ISO 4217 code of every amount in the file. Always KZT (Kazakhstani tenge).", const="KZT"
    )
    sources: tuple[Source, ...] = declare(
        "Source documents",
        "The official documents the lots are transcribed from. Every lot names one; every fact on the site is traceable to one.",
        minItems=1,
    )
    sectors: tuple[Sector, ...] = declare(
        "Grant sectors",
        'The areas of state grants listed in Article 5, paragraph 1 of the Law of the Republic of Kazakhstan "On state social order, state order for the implementation of strategic partnership, grants and awards for non-governmental organizations in the Republic of Kazakhstan", as far as the lots use them.',
        minItems=1,
    )
    lots: tuple[Lot, ...] = declare(
        "Lots", "The grant lots, one entry a lot, in the order of their source documents."
    )
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
        return self._lots_by("sector").get(sector_id, ())

    def lots_in_source(self, source_id: str) -> tuple[Lot, ...]:
        return self._lots_by("source").get(source_id, ())

    @property
    def years(self) -> tuple[int, ...]:
        """Every year any lot is funded in, ascending (worked out once: templates ask per row)."""
        return self._once("years", lambda: tuple(sorted({f.year for lot in self.lots for f in lot.funding})))

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
        """Worked out once (the templates ask for it, and each year's amount, per row)."""
        return self._once("total_by_year", lambda: _by_year(self.lots))

    def amount_for(self, year: int) -> int:
        return next((y.amount for y in self.total_by_year() if y.year == year), 0)

    def by_year(self) -> tuple[Group, ...]:
        """One group per funded year: the lots funded that year and that year's money."""
        return tuple(
            Group(str(total.year), total.year, lots, (total,))
            for total in self.total_by_year()
            for lots in [tuple(lot for lot in self.lots if total.year in lot.years)]
        )

    def by_sector(self) -> tuple[Group, ...]:
        """One group per sector that has lots, in the order sectors are listed (worked out once)."""
        lots = self._lots_by("sector")
        return self._once(
            "by_sector",
            lambda: tuple(
                Group(s.id, s, lots[s.id], _by_year(lots[s.id])) for s in self.sectors if s.id in lots
            ),
        )

    def by_source(self) -> tuple[Group, ...]:
        """One group per source, in the order sources are listed (worked out once)."""
        lots = self._lots_by("source")
        return self._once(
            "by_source",
            lambda: tuple(
                Group(s.id, s, lots.get(s.id, ()), _by_year(lots.get(s.id, ()))) for s in self.sources
            ),
        )

    def _lots_by(self, kind: Literal["sector", "source"]) -> dict[str, tuple[Lot, ...]]:
        """The lots of each sector or source that has any, in the lots' order: one pass over
        the lots, once, not one per sector or source (50 sources of 1,000 lots, asked a dozen
        times a build)."""

        def grouped() -> dict[str, tuple[Lot, ...]]:
            found: defaultdict[str, list[Lot]] = defaultdict(list)
            for lot in self.lots:
                found[getattr(lot, kind).id].append(lot)
            return {key: tuple(lots) for key, lots in found.items()}

        return self._once(f"lots by {kind}", grouped)

    def _once(self, key: str, make: Callable[[], _T]) -> _T:
        """``make()``, worked out once for this dataset: it is frozen, so the answer holds."""
        if key not in self._memo:
            self._memo[key] = make()
        return cast(_T, self._memo[key])

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
