"""Turn a read table into a source's data: the source record, its sectors and its lots,
with notes where the table is defective and a list of doubts for the report."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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
ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_INDICATOR_HEADING = re.compile(r"нысаналы\s+(?:индикатор|корсеткиш)|целев\w*\s+(?:индикатор|показател)")


@dataclass
class Finding:
    """One line of the report: what needs a human look, where."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)
    lot: str | None = None  # the lot's number as printed
    column: Column | None = None
    row: int | None = None  # the table row
    path: tuple[Any, ...] | None = None  # where in the written data


@dataclass
class Imported:
    data: dict[str, Any]
    findings: list[Finding]
    before: dict[tuple[Any, ...], list[str]]  # comments above a path
    after: dict[tuple[Any, ...], str]  # comments at the end of a path's line
    language: str


def _thousands(amount: int) -> str:
    """18000000 as "18 000" (thousands of tenge), or "500 500" tenge if not whole thousands."""
    value = amount // 1000 if amount % 1000 == 0 else amount
    return f"{value:,}".replace(",", " ")


def _texts(message: str, **params: Any) -> dict[str, str]:
    """A note in every language the catalogs have (Kazakh first, as the schema wants)."""
    return {lang: Speaker(lang).say(message, **params) for lang in LANGUAGES}


def known_data(path: Path | None) -> dict[str, Any]:
    """The sectors and sources of the existing data file, to reuse their ids."""
    if path is None or not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return {}
    return data if isinstance(data, dict) else {}


class Builder:
    def __init__(
        self,
        table: Table,
        source_id: str,
        *,
        document: str,
        year: int | None = None,
        issuer: str | None = None,
        title: str | None = None,
        before: Sequence[str] = (),
        known: dict[str, Any] | None = None,
        lang: str = "en",
    ) -> None:
        self.table = table
        self.source_id = source_id
        self.document = document
        self.year = year
        self.issuer = issuer
        self.title = title
        self.text_before = list(before)
        self.known = known or {}
        self.speaker = Speaker(lang)
        self.text_key = "kk" if table.language == "kk" else "ru"
        self.findings: list[Finding] = []
        self.before: dict[tuple[Any, ...], list[str]] = {}
        self.after: dict[tuple[Any, ...], str] = {}
        self.unit = header_unit(table.headers.get(Column.FUNDING, ""))

    # --- recording doubts -------------------------------------------------------------

    def find(
        self,
        message: str,
        params: dict[str, Any] | None = None,
        *,
        lot: LotRow | None = None,
        column: Column | None = None,
        path: tuple[Any, ...] | None = None,
        row: int | None = None,
        mark: bool = True,
    ) -> None:
        finding = Finding(
            message,
            params or {},
            lot.number if lot else None,
            column,
            row or (lot.row if lot else None),
            path,
        )
        self.findings.append(finding)
        if mark and path is not None:
            self.before.setdefault(path, []).append(
                self.speaker.say(N_("CHECK: {what}"), what=self.speaker.say(message, **(params or {})))
            )

    def doubts(self, doubts: list[Doubt], *, lot: LotRow, column: Column, path: tuple[Any, ...]) -> None:
        for doubt in doubts:
            self.find(doubt.message, doubt.params, lot=lot, column=column, path=path)

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
        for lot in lots:
            if not lot.get("notes"):
                lot.pop("notes", None)
        if not source.get("notes"):
            source.pop("notes", None)
        data = {"schema_version": 1, "currency": "KZT", "sources": [source], "sectors": sectors, "lots": lots}
        return Imported(data, self.findings, self.before, self.after, self.speaker.lang)

    def source(self, lots: list[dict[str, Any]]) -> dict[str, Any]:
        base = ("sources", 0)
        source: dict[str, Any] = {"id": self.source_id}
        notes: list[dict[str, Any]] = []
        issuer = self.issuer
        if issuer is None and self.table.headings:
            issuer = self.table.headings[0][1]
            for row, text in self.table.headings[1:]:
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
        source["issuer"] = self.text(issuer)
        declared = self.totals()
        title = self.title
        if title is None and self.text_before:
            title = " ".join(self.text_before)
        if title:
            source["title"] = self.text(title)
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
            source["title"] = _texts(message, years=span, year=span)
            notes.append(_texts(N_("The document has no title; the title above is given as a description.")))
            self.find(
                N_("the document has no title: a descriptive title was written; check it"),
                path=(*base, "title"),
            )
        source["document"] = self.document
        source["years"] = []
        source["declared_totals"] = declared
        if self.unit == 1000:
            notes.append(_texts(N_("Amounts in the document are stated in thousands of tenge.")))
        source["notes"] = notes
        self.after[(*base, "declared_totals")] = self.speaker.say(
            N_("the «{label}» row"), label=self.table.totals_label or "Итого"
        )
        return source

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
            for year, amount, printed in money.entries:
                if year is None:
                    year = self.year
                if year is None:
                    self.find(
                        N_("the total {amount} states no year; give --year"),
                        {"amount": printed},
                        row=row,
                        path=path,
                    )
                    continue
                if any(d["year"] == year for d in declared):
                    self.find(N_("the totals give {year} twice"), {"year": year}, row=row, path=path)
                    continue
                self.after[(*path, len(declared), "amount")] = printed
                declared.append({"year": year, "amount": amount})
        return declared

    # --- one lot ---------------------------------------------------------------------------

    def lot(self, index: int, row: LotRow, sectors: list[dict[str, Any]]) -> dict[str, Any]:
        base = ("lots", index)
        number = row.number
        lot: dict[str, Any] = {
            "id": f"{self.source_id}-{int(number):02d}"
            if number.isdigit()
            else f"{self.source_id}-{re.sub(r'[^a-z0-9]+', '-', number.lower()).strip('-')}",
            "source": self.source_id,
            "number": number,
        }
        notes: list[dict[str, Any]] = []
        if row.joined_rows:
            rows = ", ".join(str(r) for r in row.joined_rows)
            self.find(
                N_("rows {rows} have no lot number; their text is added to this lot"),
                {"rows": rows},
                lot=row,
                path=base,
                mark=False,
            )

        def empty(column: Column, key: str) -> None:
            self.find(N_("the cell is empty"), lot=row, column=column, path=(*base, key))
            message = N_("The document gives nothing in the column «{column}» for this lot.")
            notes.append(
                {
                    lang: Speaker(lang).say(message, column=Speaker(lang).say(column.title))
                    for lang in LANGUAGES
                }
            )

        def required(column: Column, key: str) -> str:
            text = _cell(row, column)
            if not text:
                empty(column, key)
            return text

        lot["sector"] = self.sector(required(Column.SECTOR, "sector"), row, sectors, (*base, "sector"))
        priority = required(Column.PRIORITY, "priority")
        lot["priority"] = self.text(priority)
        problem = required(Column.PROBLEM, "problem")
        lot["problem"] = self.text(problem)
        self.lost_beginning(priority, row, Column.PRIORITY, (*base, "priority"))
        self.lost_beginning(problem, row, Column.PROBLEM, (*base, "problem"))

        money = parse_money(_cell(row, Column.FUNDING), self.unit)
        self.doubts(money.doubts, lot=row, column=Column.FUNDING, path=(*base, "funding"))
        lot["funding"] = [{"year": year, "amount": amount} for year, amount, _ in money.entries]
        for j, (_, _, printed) in enumerate(money.entries):
            self.after[(*base, "funding", j, "amount")] = printed
        notes += self.grant_type(lot, row, base)

        territory, targets_text = self.split_territory(row, base)
        if not territory:
            empty(Column.TERRITORY, "territory")
        if not targets_text:
            empty(Column.TARGETS, "indicators")
        lot["territory"] = self.text(territory)
        notes += self.indicators(lot, targets_text, row, base)

        material = _cell(row, Column.MATERIAL)
        if material:
            _, items, _ = numbered(material)
            lot["material_requirements"] = [self.text(item) for item in items] or [self.text(material)]
        else:
            lot["material_requirements"] = []
        lot["notes"] = notes
        self._row_of = getattr(self, "_row_of", {})
        self._row_of[index] = row
        return lot

    def lost_beginning(self, value: str, row: LotRow, column: Column, path: tuple[Any, ...]) -> None:
        """A text that begins, or has a sentence that begins, with a small letter: words may be lost."""
        first = value[:1]
        if first.isalpha() and first.islower():
            self.find(
                N_("the text begins with a small letter: its beginning may be lost"),
                lot=row,
                column=column,
                path=path,
            )
        inside = _SMALL_AFTER_STOP.search(value)
        if inside:
            self.find(
                N_("a sentence begins with a small letter («{words}»): text before it may be lost"),
                {"words": " ".join(value[inside.end() - 1 :].split()[:3])},
                lot=row,
                column=column,
                path=path,
            )

    def grant_type(self, lot: dict[str, Any], row: LotRow, base: tuple[Any, ...]) -> list[dict[str, str]]:
        """The grant type, count and period from their cell into ``lot``; the notes it needs."""
        type_text = _cell(row, Column.TYPE)
        grant = parse_grant_type(type_text, self.table.language)
        self.doubts(grant.doubts, lot=row, column=Column.TYPE, path=(*base, "grant_type"))
        if grant.kind:
            lot["grant_type"] = grant.kind
            self.after[(*base, "grant_type")] = type_text
        else:
            lot["grant_type"] = ""
        if grant.count is not None:
            lot["grant_count"] = grant.count
        if grant.period:
            lot["period"] = {"start": grant.period[0], "end": grant.period[1]}
        if not grant.foreign:
            return []
        self.find(
            N_("words of another language in the cell: «{words}»"),
            {"words": grant.foreign},
            lot=row,
            column=Column.TYPE,
            path=(*base, "grant_type"),
        )
        other = (
            N_("Words in Russian («{words}») are mixed into the grant type and period cell.")
            if self.table.language == "kk"
            else N_("Words in Kazakh («{words}») are mixed into the grant type and period cell.")
        )
        return [_texts(other, words=grant.foreign)]

    def split_territory(self, row: LotRow, base: tuple[Any, ...]) -> tuple[str, str]:
        """(territory, indicators) from their cells; split where the indicators' heading stands in
        the territory's cell (the two columns merged in some documents)."""
        territory = _cell(row, Column.TERRITORY)
        targets_text = _cell(row, Column.TARGETS)
        heading = _INDICATOR_HEADING.search(folded(territory))
        if not heading:
            return territory, targets_text
        self.find(
            N_("the territory and the indicators share one cell; it is split at «{heading}»"),
            {"heading": territory[heading.start() : heading.end()]},
            lot=row,
            column=Column.TERRITORY,
            path=(*base, "territory"),
        )
        targets_text = (
            territory[heading.start() :] + ("\n\n" + targets_text if targets_text else "")
        ).strip()
        return territory[: heading.start()].strip(), targets_text

    def indicators(
        self, lot: dict[str, Any], targets_text: str, row: LotRow, base: tuple[Any, ...]
    ) -> list[dict[str, str]]:
        """The target indicators and expected results into ``lot``; the notes they need."""
        targets = parse_targets(targets_text)
        self.doubts(targets.doubts, lot=row, column=Column.TARGETS, path=(*base, "indicators"))
        if targets.before:
            self.find(
                N_("text before the indicators is kept as the first indicator: «{text}»"),
                {"text": targets.before},
                lot=row,
                column=Column.TARGETS,
                path=(*base, "indicators"),
            )
            targets.indicators.insert(0, targets.before)
        if targets.per_year:
            lot["targets_per_year"] = True
            self.after[(*base, "targets_per_year")] = (
                "жыл сайын" if self.table.language == "kk" else "ежегодно"
            )
        notes = []
        indicators = []
        for j, text in enumerate(targets.indicators):
            indicator: dict[str, Any] = {"text": self.text(text)}
            target = parse_target(text)
            if target.comparison:
                indicator["target"] = {
                    "comparison": target.comparison,
                    "value": target.value,
                    "unit": self.text(target.unit or ""),
                }
            self.doubts(target.doubts, lot=row, column=Column.TARGETS, path=(*base, "indicators", j))
            if target.cut_off:
                notes.append(
                    _texts(
                        N_("Target indicator {n} is cut off («{text}»): its number is not given."),
                        n=j + 1,
                        text=_tail(text),
                    )
                )
            indicators.append(indicator)
        lot["indicators"] = indicators
        lot["results"] = [self.text(text) for text in targets.results]
        return notes

    def sector(self, name: str, row: LotRow, sectors: list[dict[str, Any]], path: tuple[Any, ...]) -> str:
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
        if match is None:
            close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.9)
            if close:
                match = names[close[0]]
                self.find(
                    N_("the sector is taken to be «{id}», whose name is spelled a little differently"),
                    {"id": match["id"]},
                    lot=row,
                    column=Column.SECTOR,
                    path=path,
                )
        if match is not None:
            sectors.append({"id": match["id"], "name": dict(match["name"])})
            return str(match["id"])
        used = {s["id"] for s in sectors} | {s.get("id") for s in known}
        n = 1
        while f"sector-{n}" in used:
            n += 1
        sector_id = f"sector-{n}"
        sectors.append({"id": sector_id, "name": self.text(name)})
        self.find(
            N_(
                "a sector not in the data yet: written as «{id}»; give it a short Latin id (in sectors and here)"
            ),
            {"id": sector_id},
            lot=row,
            column=Column.SECTOR,
            path=path,
        )
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
                self.find(
                    N_("no period can be read: neither the grant type cell nor the funding gives a year"),
                    lot=self._row_of[i],
                    column=Column.TYPE,
                    path=("lots", i),
                )
            if lot["funding"] and any(f["year"] is None for f in lot["funding"]):  # pragma: no cover
                lot["funding"] = []

    def undated(self, i: int, lot: dict[str, Any]) -> bool:
        """Give an amount with no year the year of a one-year period, or of --year; whether it
        still has none (the totals row may tell it)."""
        if not any(f["year"] is None for f in lot["funding"]):
            return False
        row, base = self._row_of[i], ("lots", i)
        period = lot.get("period")
        if period and period["start"] == period["end"]:
            lot["funding"][0]["year"] = period["start"]
        elif period:
            self.find(
                N_("the amount states no year and the period has several: the funding is left out"),
                lot=row,
                column=Column.FUNDING,
                path=(*base, "funding"),
            )
            lot["funding"] = []
        elif self.year is not None:
            lot["funding"][0]["year"] = self.year
            lot["notes"].append(
                _texts(
                    N_(
                        "The document does not state this lot's year; {year} was given by the maintainer who imported it."
                    ),
                    year=self.year,
                )
            )
            self.find(
                N_("the amount states no year: {year} from --year"),
                {"year": self.year},
                lot=row,
                column=Column.FUNDING,
                path=(*base, "funding"),
            )
        else:
            return True
        return False

    def years_from_totals(
        self, lots: list[dict[str, Any]], pending: list[int], declared: dict[int, int]
    ) -> None:
        """The year of the ``pending`` lots' amounts: the one year for which, with them, the lots
        add up to the totals row, if there is exactly one; else their funding is left out."""
        known: dict[int, int] = {}
        for i, lot in enumerate(lots):
            if i not in pending:
                for f in lot["funding"]:
                    known[f["year"]] = known.get(f["year"], 0) + f["amount"]
        rest = sum(lots[i]["funding"][0]["amount"] for i in pending)
        fits = [
            y
            for y, total in declared.items()
            if total - known.get(y, 0) == rest
            and all(declared[o] == known.get(o, 0) for o in declared if o != y)
        ]
        label = self.table.totals_label or "Итого"
        if len(fits) == 1:
            for i in pending:
                lots[i]["funding"][0]["year"] = fits[0]
        year = fits[0] if len(fits) == 1 else None
        parts = [f["amount"] for lot in lots for f in lot["funding"] if f["year"] == year]
        for i in pending:
            row, base, lot = self._row_of[i], ("lots", i), lots[i]
            if year is None:
                self.find(
                    N_("the amount states no year, and the totals row does not tell which: give --year"),
                    lot=row,
                    column=Column.FUNDING,
                    path=(*base, "funding"),
                )
                lot["funding"] = []
                continue
            lot["notes"].append(
                _texts(
                    N_(
                        "The document does not state this lot's year; {year} follows from the «{label}» row ({year}: {total} thousand tenge = {parts})."
                    ),
                    year=year,
                    label=label,
                    total=_thousands(declared[year]),
                    parts=" + ".join(_thousands(p) for p in parts),
                )
            )
            self.find(
                N_(
                    "the amount states no year: {year}, because only then do the lots add up to the «{label}» row"
                ),
                {"year": year, "label": label},
                lot=row,
                column=Column.FUNDING,
                path=(*base, "funding"),
            )

    def check_totals(self, lots: list[dict[str, Any]], source: dict[str, Any]) -> None:
        sums: dict[int, int] = {}
        for lot in lots:
            for f in lot["funding"]:
                sums[f["year"]] = sums.get(f["year"], 0) + f["amount"]
        if not all(lot["funding"] for lot in lots):
            return  # a lot whose funding could not be read: its doubt is already told
        for j, total in enumerate(source["declared_totals"]):
            got = sums.get(total["year"], 0)
            if got != total["amount"]:
                amounts = {"year": total["year"], "sum": _spaced(got), "total": _spaced(total["amount"])}
                source["notes"].append(
                    _texts(
                        N_(
                            "The lots' funding for {year} adds up to {sum} tenge, but the document declares {total} tenge."
                        ),
                        **amounts,
                    )
                )
                self.find(
                    N_("the lots add up to {sum} for {year}, but the totals row says {total}"),
                    amounts,
                    path=("sources", 0, "declared_totals", j, "amount"),
                )


def _cell(row: LotRow, column: Column) -> str:
    text, _ = clean(row.text(column))
    return text


def _spaced(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


def _tail(text: str, words_kept: int = 4) -> str:
    """The last words of a cut-off text, as quoted in a note."""
    parts = text.split()
    return ("… " if len(parts) > words_kept else "") + " ".join(parts[-words_kept:])
