"""Turn a read table into a source's data: the source record, its sectors and its lots,
with notes where the table is defective and a list of doubts for the report."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grants.bundle import parse
from grants.formatting import spaced
from grants.i18n import LANGUAGES, N_, Speaker
from grants.importers.parse import (
    Doubt,
    header_unit,
    numbered,
    parse_grant_type,
    parse_money,
    parse_target,
    parse_targets,
)
from grants.importers.table import Column, LotRow, Table
from grants.importers.text import clean, folded, words

#: The end of a sentence followed by a lowercase letter: a sign that text was lost between.
_SMALL_AFTER_STOP = re.compile(r"(?<=[^\W\d_]{3})[.!?]\s+(?=[a-zа-яёәіңғүұқөһ])")
_INDICATOR_HEADING = re.compile(r"нысаналы\s+(?:индикатор|корсеткиш)|целев\w*\s+(?:индикатор|показател)")

#: Where a value is in the data: ("lots", 2, "funding"), ("sources", 0, "title").
DataPath = tuple[Any, ...]


@dataclass
class Finding:
    """One line of the report: what needs a human look, where."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)
    lot: str | None = None  # the lot's number as printed
    column: Column | None = None
    row: int | None = None  # the table row
    path: DataPath | None = None  # where in the written data


@dataclass
class Imported:
    """The source's data as imported, and what in it needs a human look."""

    data: dict[str, Any]
    language: str  # the maintainer's: the report's and the CHECK comments'
    findings: list[Finding] = field(default_factory=list)
    before: dict[DataPath, list[str]] = field(default_factory=dict)  # comments above a path
    after: dict[DataPath, str] = field(default_factory=dict)  # comments at the end of a path's line

    def flag(self, finding: Finding, *, mark: bool = True) -> None:
        """Report ``finding``; with ``mark``, also write a CHECK comment above its path."""
        self.findings.append(finding)
        if mark and finding.path is not None:
            say = Speaker(self.language).say
            what = say(finding.message, **finding.params)
            self.before.setdefault(finding.path, []).append(say(N_("CHECK: {what}"), what=what))


def _thousands(amount: int) -> str:
    """18000000 as "18 000" (thousands of tenge), or "500 500" tenge if not whole thousands."""
    return spaced(amount // 1000 if amount % 1000 == 0 else amount)


def _texts(message: str, **params: Any) -> dict[str, str]:
    """A note in every language the catalogs have (Kazakh first, as the schema wants)."""
    return {lang: Speaker(lang).say(message, **params) for lang in LANGUAGES}


def _empty_note(column: Column) -> dict[str, str]:
    """The note on a lot whose cell in ``column`` is empty, the column named in each language."""
    message = N_("The document gives nothing in the column «{column}» for this lot.")
    return {lang: Speaker(lang).say(message, column=Speaker(lang).say(column.title)) for lang in LANGUAGES}


def _sums(lots: list[dict[str, Any]]) -> dict[int, int]:
    """The lots' funding added up per year."""
    sums: dict[int, int] = {}
    for lot in lots:
        for f in lot["funding"]:
            sums[f["year"]] = sums.get(f["year"], 0) + f["amount"]
    return sums


def known_data(path: Path | None) -> dict[str, Any]:
    """The sectors and sources of the existing data file, to reuse their ids."""
    if path is None or not path.is_file():
        return {}
    try:
        return parse(path.read_text(encoding="utf-8")) or {}
    except (UnicodeDecodeError, OSError):
        return {}


@dataclass
class Builder:
    """Builds the source's data from ``table``; ``year``, ``issuer`` and ``title`` are what the
    maintainer gave for what the document leaves out; ``known`` the data it goes into."""

    table: Table
    source_id: str
    document: str
    year: int | None = None
    issuer: str | None = None
    title: str | None = None
    known: dict[str, Any] = field(default_factory=dict)
    lang: str = "en"

    def __post_init__(self) -> None:
        self.speaker = Speaker(self.lang)
        self.imported = Imported({}, self.lang)
        self.text_key = "kk" if self.table.language == "kk" else "ru"
        self.unit = header_unit(self.table.headers.get(Column.FUNDING, ""))

    # --- recording doubts -------------------------------------------------------------

    def find(
        self,
        message: str,
        params: dict[str, Any] | None = None,
        *,
        row: int | None = None,
        path: DataPath | None = None,
    ) -> None:
        """Something to check in the table's header, heading, totals or a row, marked above ``path``."""
        self.imported.flag(Finding(message, params or {}, row=row, path=path))

    def doubt(self, lot: LotRow, column: Column, path: DataPath, message: str, **params: Any) -> None:
        """Something to check in ``lot``'s cell of ``column``, marked above ``path``."""
        self.imported.flag(Finding(message, params, lot.number, column, lot.row, path))

    def doubts(self, doubts: list[Doubt], lot: LotRow, column: Column, path: DataPath) -> None:
        for doubt in doubts:
            self.doubt(lot, column, path, doubt.message, **doubt.params)

    def text(self, value: str) -> dict[str, str]:
        return {self.text_key: value}

    # --- the whole source ---------------------------------------------------------------

    def build(self) -> Imported:
        table = self.table
        if table.by_position:
            self.find(
                N_("the header row was not recognised; the columns are taken in the form's order"), row=1
            )
        for column in Column:
            if column not in table.columns:
                self.find(
                    N_("no column for {column} was found in the header"),
                    {"column": self.speaker.say(column.title)},
                    row=table.header_row,
                )
        for row, message in table.skipped:
            self.find(message, row=row)
        sectors: list[dict[str, Any]] = []
        lots = [self.lot(i, row, sectors) for i, row in enumerate(table.lots)]
        source = self.source(lots)
        self.resolve_years(lots, source)
        self.check_totals(lots, source)
        source["years"] = sorted(
            {t["year"] for t in source["declared_totals"]}
            | {f["year"] for lot in lots for f in lot["funding"]}
            | {y for lot in lots if "period" in lot for y in lot["period"].values()}
        )
        for record in (source, *lots):
            if not record["notes"]:
                del record["notes"]
        self.imported.data = {
            "schema_version": 1,
            "currency": "KZT",
            "sources": [source],
            "sectors": sectors,
            "lots": lots,
        }
        return self.imported

    def source(self, lots: list[dict[str, Any]]) -> dict[str, Any]:
        base = ("sources", 0)
        notes: list[dict[str, str]] = []
        issuer = self.issuer
        if issuer is None and self.table.headings:
            (_, issuer), *others = self.table.headings
            for row, text in others:
                self.find(
                    N_("a second heading row «{text}»; only the first is taken as the issuer"),
                    {"text": text},
                    row=row,
                    path=(*base, "issuer"),
                )
        if not issuer:
            issuer = ""
            self.find(
                N_("the table does not name the body that issued it; write it (or give --issuer)"),
                path=(*base, "issuer"),
            )
        declared = self.totals()
        if self.title:
            title = self.text(self.title)
        else:
            years = sorted(
                {f["year"] for lot in lots for f in lot["funding"] if f["year"]}
                | {t["year"] for t in declared}
            )
            span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else ""
            message = (
                N_("List of state grant lots for non-governmental organizations for {years}")
                if len(years) > 1
                else N_("List of state grant lots for non-governmental organizations for {year}")
            )
            title = _texts(message, years=span, year=span)
            notes.append(_texts(N_("The document has no title; the title above is given as a description.")))
            self.find(
                N_("the document has no title: a descriptive title was written; check it"),
                path=(*base, "title"),
            )
        if self.unit == 1000:
            notes.append(_texts(N_("Amounts in the document are stated in thousands of tenge.")))
        self.imported.after[(*base, "declared_totals")] = self.speaker.say(
            N_("the «{label}» row"), label=self.table.totals_label or "Итого"
        )
        return {
            "id": self.source_id,
            "issuer": self.text(issuer),
            "title": title,
            "document": self.document,
            "declared_totals": declared,
            "notes": notes,
        }

    def totals(self) -> list[dict[str, Any]]:
        declared: list[dict[str, Any]] = []
        path = ("sources", 0, "declared_totals")
        if not self.table.totals:
            self.find(
                N_("the table has no totals row («Итого», «Барлығы», «Всего»): no totals are declared"),
                path=path,
            )
        for row, text in self.table.totals:
            money = parse_money(text, self.unit)
            for doubt in money.doubts:
                self.find(doubt.message, doubt.params, row=row, path=path)
            for stated, amount, printed in money.entries:
                year = self.year if stated is None else stated
                if year is None:
                    message, params = (
                        N_("the total {amount} states no year; give --year"),
                        {"amount": printed},
                    )
                    self.find(message, params, row=row, path=path)
                elif any(d["year"] == year for d in declared):
                    self.find(N_("the totals give {year} twice"), {"year": year}, row=row, path=path)
                else:
                    self.imported.after[(*path, len(declared), "amount")] = printed
                    declared.append({"year": year, "amount": amount})
        return declared

    # --- one lot ---------------------------------------------------------------------------

    def lot(self, index: int, row: LotRow, sectors: list[dict[str, Any]]) -> dict[str, Any]:
        base = ("lots", index)
        number = row.number
        slug = (
            f"{int(number):02d}"
            if number.isdigit()
            else re.sub(r"[^a-z0-9]+", "-", number.lower()).strip("-")
        )
        lot: dict[str, Any] = {"id": f"{self.source_id}-{slug}", "source": self.source_id, "number": number}
        notes: list[dict[str, str]] = []
        if row.joined_rows:
            rows = ", ".join(str(r) for r in row.joined_rows)
            message = N_("rows {rows} have no lot number; their text is added to this lot")
            self.imported.flag(
                Finding(message, {"rows": rows}, row.number, row=row.row, path=base), mark=False
            )

        def filled(column: Column, key: str, text: str | None = None) -> str:
            """The text of ``column`` (by default its cell's); an empty one is reported and noted."""
            text = clean(row.text(column)) if text is None else text
            if not text:
                self.doubt(row, column, (*base, key), N_("the cell is empty"))
                notes.append(_empty_note(column))
            return text

        lot["sector"] = self.sector(filled(Column.SECTOR, "sector"), row, sectors, (*base, "sector"))
        priority, problem = filled(Column.PRIORITY, "priority"), filled(Column.PROBLEM, "problem")
        lot["priority"], lot["problem"] = self.text(priority), self.text(problem)
        self.lost_beginning(priority, row, Column.PRIORITY, (*base, "priority"))
        self.lost_beginning(problem, row, Column.PROBLEM, (*base, "problem"))

        money = parse_money(clean(row.text(Column.FUNDING)), self.unit)
        self.doubts(money.doubts, row, Column.FUNDING, (*base, "funding"))
        lot["funding"] = [{"year": year, "amount": amount} for year, amount, _ in money.entries]
        for j, (_, _, printed) in enumerate(money.entries):
            self.imported.after[(*base, "funding", j, "amount")] = printed
        notes += self.grant_type(lot, row, base)

        territory, targets_text = self.split_territory(row, base)
        lot["territory"] = self.text(filled(Column.TERRITORY, "territory", territory))
        targets_text = filled(Column.TARGETS, "indicators", targets_text)
        notes += self.indicators(lot, targets_text, row, base)

        material = clean(row.text(Column.MATERIAL))
        items = (numbered(material)[1] or [material]) if material else []
        lot["material_requirements"] = [self.text(item) for item in items]
        lot["notes"] = notes
        return lot

    def lost_beginning(self, value: str, row: LotRow, column: Column, path: DataPath) -> None:
        """A text that begins, or has a sentence that begins, with a small letter: words may be lost."""
        if value[:1].isalpha() and value[:1].islower():
            self.doubt(
                row, column, path, N_("the text begins with a small letter: its beginning may be lost")
            )
        inside = _SMALL_AFTER_STOP.search(value)
        if inside:
            message = N_("a sentence begins with a small letter («{words}»): text before it may be lost")
            self.doubt(row, column, path, message, words=" ".join(value[inside.end() - 1 :].split()[:3]))

    def grant_type(self, lot: dict[str, Any], row: LotRow, base: DataPath) -> list[dict[str, str]]:
        """The grant type, count and period from their cell into ``lot``; the notes it needs."""
        type_text = clean(row.text(Column.TYPE))
        grant = parse_grant_type(type_text, self.table.language)
        self.doubts(grant.doubts, row, Column.TYPE, (*base, "grant_type"))
        lot["grant_type"] = grant.kind or ""
        if grant.kind:
            self.imported.after[(*base, "grant_type")] = type_text
        if grant.count is not None:
            lot["grant_count"] = grant.count
        if grant.period:
            lot["period"] = {"start": grant.period[0], "end": grant.period[1]}
        if not grant.foreign:
            return []
        message = N_("words of another language in the cell: «{words}»")
        self.doubt(row, Column.TYPE, (*base, "grant_type"), message, words=grant.foreign)
        other = (
            N_("Words in Russian («{words}») are mixed into the grant type and period cell.")
            if self.table.language == "kk"
            else N_("Words in Kazakh («{words}») are mixed into the grant type and period cell.")
        )
        return [_texts(other, words=grant.foreign)]

    def split_territory(self, row: LotRow, base: DataPath) -> tuple[str, str]:
        """(territory, indicators) from their cells; split where the indicators' heading stands in
        the territory's cell (the two columns merged in some documents)."""
        territory = clean(row.text(Column.TERRITORY))
        targets_text = clean(row.text(Column.TARGETS))
        heading = _INDICATOR_HEADING.search(folded(territory))
        if not heading:
            return territory, targets_text
        message = N_("the territory and the indicators share one cell; it is split at «{heading}»")
        self.doubt(
            row,
            Column.TERRITORY,
            (*base, "territory"),
            message,
            heading=territory[heading.start() : heading.end()],
        )
        targets_text = (
            territory[heading.start() :] + ("\n\n" + targets_text if targets_text else "")
        ).strip()
        return territory[: heading.start()].strip(), targets_text

    def indicators(
        self, lot: dict[str, Any], targets_text: str, row: LotRow, base: DataPath
    ) -> list[dict[str, str]]:
        """The target indicators and expected results into ``lot``; the notes they need."""
        path = (*base, "indicators")
        targets = parse_targets(targets_text)
        self.doubts(targets.doubts, row, Column.TARGETS, path)
        if targets.before:
            message = N_("text before the indicators is kept as the first indicator: «{text}»")
            self.doubt(row, Column.TARGETS, path, message, text=targets.before)
            targets.indicators.insert(0, targets.before)
        if targets.per_year:
            lot["targets_per_year"] = True
            self.imported.after[(*base, "targets_per_year")] = (
                "жыл сайын" if self.table.language == "kk" else "ежегодно"
            )
        notes = []
        lot["indicators"] = []
        for j, text in enumerate(targets.indicators):
            indicator: dict[str, Any] = {"text": self.text(text)}
            target = parse_target(text)
            if target.comparison:
                unit = self.text(target.unit or "")
                indicator["target"] = {"comparison": target.comparison, "value": target.value, "unit": unit}
            self.doubts(target.doubts, row, Column.TARGETS, (*path, j))
            if target.cut_off:
                message = N_("Target indicator {n} is cut off («{text}»): its number is not given.")
                notes.append(_texts(message, n=j + 1, text=_tail(text)))
            lot["indicators"].append(indicator)
        lot["results"] = [self.text(text) for text in targets.results]
        return notes

    def sector(self, name: str, row: LotRow, sectors: list[dict[str, Any]], path: DataPath) -> str:
        """The id of the sector ``name``: one this import has, else the data's (a name spelled a
        little differently is taken with a doubt), else a new one, numbered."""
        if not name:
            return ""
        key = words(name)
        for sector in sectors:
            if words(sector["name"].get(self.text_key, "")) == key:
                return str(sector["id"])
        known = [
            s
            for s in self.known.get("sectors") or []
            if isinstance(s, dict) and isinstance(s.get("name"), dict)
        ]
        names = {words(str(s["name"].get(self.text_key, ""))): s for s in known}
        match = names.get(key)
        close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.9) if match is None else []
        if close:
            match = names[close[0]]
            message = N_("the sector is taken to be «{id}», whose name is spelled a little differently")
            self.doubt(row, Column.SECTOR, path, message, id=match["id"])
        if match is not None:
            sectors.append({"id": match["id"], "name": dict(match["name"])})
            return str(match["id"])
        used = {s["id"] for s in sectors} | {s.get("id") for s in known}
        n = 1
        while f"sector-{n}" in used:
            n += 1
        sector_id = f"sector-{n}"
        sectors.append({"id": sector_id, "name": self.text(name)})
        message = N_(
            "a sector not in the data yet: written as «{id}»; give it a short Latin id (in sectors and here)"
        )
        self.doubt(row, Column.SECTOR, path, message, id=sector_id)
        return sector_id

    # --- years and totals ---------------------------------------------------------------

    def resolve_years(self, lots: list[dict[str, Any]], source: dict[str, Any]) -> None:
        """A year for each amount the document states none for (from the lot's period, --year or
        the totals row), then a period from the funding for each lot whose cell gave none."""
        pending = [i for i, lot in enumerate(lots) if self.undated(i, lot)]
        if pending:
            declared = {t["year"]: t["amount"] for t in source["declared_totals"]}
            self.years_from_totals(lots, pending, declared)
        for i, lot in enumerate(lots):
            if "period" not in lot and lot["funding"]:
                years = [f["year"] for f in lot["funding"]]
                lot["period"] = {"start": min(years), "end": max(years)}
            elif "period" not in lot:
                message = N_(
                    "no period can be read: neither the grant type cell nor the funding gives a year"
                )
                self.doubt(self.table.lots[i], Column.TYPE, ("lots", i), message)

    def undated(self, i: int, lot: dict[str, Any]) -> bool:
        """Give an amount with no year (a lot's only amount) the year of a one-year period, or of
        --year; whether it still has none (the totals row may tell it)."""
        if not any(f["year"] is None for f in lot["funding"]):
            return False
        row, path = self.table.lots[i], ("lots", i, "funding")
        period = lot.get("period")
        if period and period["start"] == period["end"]:
            lot["funding"][0]["year"] = period["start"]
        elif period:
            message = N_("the amount states no year and the period has several: the funding is left out")
            self.doubt(row, Column.FUNDING, path, message)
            lot["funding"] = []
        elif self.year is not None:
            lot["funding"][0]["year"] = self.year
            message = N_(
                "The document does not state this lot's year; {year} was given by the maintainer who imported it."
            )
            lot["notes"].append(_texts(message, year=self.year))
            self.doubt(
                row, Column.FUNDING, path, N_("the amount states no year: {year} from --year"), year=self.year
            )
        else:
            return True
        return False

    def years_from_totals(
        self, lots: list[dict[str, Any]], pending: list[int], declared: dict[int, int]
    ) -> None:
        """The year of the ``pending`` lots' amounts: the one year for which, with them, the lots
        add up to the totals row, if there is exactly one; else their funding is left out."""
        known = _sums([lot for i, lot in enumerate(lots) if i not in pending])
        rest = sum(lots[i]["funding"][0]["amount"] for i in pending)
        fits = [
            y
            for y, total in declared.items()
            if total - known.get(y, 0) == rest
            and all(declared[o] == known.get(o, 0) for o in declared if o != y)
        ]
        if len(fits) != 1:
            for i in pending:
                message = N_("the amount states no year, and the totals row does not tell which: give --year")
                self.doubt(self.table.lots[i], Column.FUNDING, ("lots", i, "funding"), message)
                lots[i]["funding"] = []
            return
        year, label = fits[0], self.table.totals_label or "Итого"
        for i in pending:
            lots[i]["funding"][0]["year"] = year
        parts = " + ".join(
            _thousands(f["amount"]) for lot in lots for f in lot["funding"] if f["year"] == year
        )
        for i in pending:
            note = N_(
                "The document does not state this lot's year; {year} follows from the «{label}» row ({year}: {total} thousand tenge = {parts})."
            )
            lots[i]["notes"].append(
                _texts(note, year=year, label=label, total=_thousands(declared[year]), parts=parts)
            )
            message = N_(
                "the amount states no year: {year}, because only then do the lots add up to the «{label}» row"
            )
            self.doubt(
                self.table.lots[i], Column.FUNDING, ("lots", i, "funding"), message, year=year, label=label
            )

    def check_totals(self, lots: list[dict[str, Any]], source: dict[str, Any]) -> None:
        if not all(lot["funding"] for lot in lots):
            return  # a lot whose funding could not be read: its doubt is already told
        sums = _sums(lots)
        for j, total in enumerate(source["declared_totals"]):
            got = sums.get(total["year"], 0)
            if got != total["amount"]:
                amounts = {"year": total["year"], "sum": spaced(got), "total": spaced(total["amount"])}
                note = N_(
                    "The lots' funding for {year} adds up to {sum} tenge, but the document declares {total} tenge."
                )
                source["notes"].append(_texts(note, **amounts))
                self.find(
                    N_("the lots add up to {sum} for {year}, but the totals row says {total}"),
                    amounts,
                    path=("sources", 0, "declared_totals", j, "amount"),
                )


def _tail(text: str, words_kept: int = 4) -> str:
    """The last words of a cut-off text, as quoted in a note."""
    parts = text.split()
    return ("… " if len(parts) > words_kept else "") + " ".join(parts[-words_kept:])
