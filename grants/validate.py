"""Check the data: JSON Schema first, then the rules a schema cannot say.

Every problem is collected, never just the first, so a maintainer fixes the
file in one round. ``load_dataset`` is the one entry point everything uses.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator

from grants.loader import Loaded, load
from grants.model import (
    ApplicationWindow,
    Dataset,
    Indicator,
    Lot,
    Period,
    Sector,
    Source,
    Target,
    Text,
    YearAmount,
)
from grants.problems import DataError, Problem

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data" / "grants.yaml"
SCHEMA_PATH = ROOT / "data" / "grants.schema.json"

#: Calendar years a grant of each type may span. The law counts months (short:
#: up to 1 year; medium: 1 to 2 years; long: 2 to 3 years); a list counts
#: calendar years, so a long grant of exactly two years spans two of them.
SPANS = {"short": (1,), "medium": (2,), "long": (2, 3)}
TYPE_WORDS = {"short": "short-term", "medium": "medium-term", "long": "long-term"}


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


# --- JSON Schema errors in plain words -------------------------------------

_TYPE_WORDS = {
    "object": "a mapping of fields (name: value lines)",
    "array": "a list (lines starting with '- ')",
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def _describe_value(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, int):
        return f"the number {value}"
    text = str(value)
    return f"the text '{text[:60]}{'…' if len(text) > 60 else ''}'"


def _schema_title(error: jsonschema.ValidationError) -> str:
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    return f" ({title})" if title else ""


def _schema_message(error: jsonschema.ValidationError) -> tuple[tuple, str, bool]:
    """(data path, message, whether the position is the key's) for one schema error."""
    path = tuple(error.absolute_path)
    v, value, expected = error.validator, error.instance, error.validator_value
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        sub = error.schema.get("properties", {}).get(missing, {})
        title = sub.get("title") or missing
        return (*path, missing), f"the field '{missing}' ({title}) is missing; add it", False
    if v == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        extras = sorted(set(value) - set(known)) if isinstance(value, dict) else []
        name = extras[0] if extras else "?"
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(known)}"
        return (*path, name), f"unknown field '{name}'; {hint}", True
    if v == "type":
        want = expected if isinstance(expected, str) else expected[0]
        words = _TYPE_WORDS.get(want, want)
        msg = f"expected {words}{_schema_title(error)}, found {_describe_value(value)}"
        if want in ("integer", "number") and isinstance(value, str):
            msg += "; write digits only, without spaces, quotes or a currency sign"
        if want == "integer" and isinstance(value, float):
            msg = f"expected a whole number{_schema_title(error)}, found {value}; amounts are whole tenge"
        return path, msg, False
    if v == "enum":
        choices = ", ".join(str(c) for c in expected)
        close = difflib.get_close_matches(str(value), [str(c) for c in expected], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return path, f"{_describe_value(value)} is not allowed; expected one of: {choices}{hint}", False
    if v == "const":
        return path, f"expected {expected!r}, found {_describe_value(value)}", False
    if v == "pattern":
        if expected == "\\S":
            return path, "the text is empty; write the text or remove the field", False
        if "a-z" in expected:
            return (
                path,
                (
                    f"{_describe_value(value)} is not a valid identifier; use lowercase Latin letters, "
                    "digits and single hyphens, starting with a letter (like taraz-2026-01)"
                ),
                False,
            )
        if "http" in expected:
            return path, f"{_describe_value(value)} is not a web address; it must start with https://", False
        return path, f"{_describe_value(value)} has characters that are not allowed here", False
    if v in ("minimum", "exclusiveMinimum"):
        bound = "at least" if v == "minimum" else "greater than"
        return path, f"found {value}; it must be {bound} {expected}{_schema_title(error)}", False
    if v in ("maximum", "exclusiveMaximum"):
        return path, f"found {value}; it must be at most {expected}{_schema_title(error)}", False
    if v == "minItems":
        return (
            path,
            f"the list is empty; it needs at least {expected} item{'s' if expected > 1 else ''}",
            False,
        )
    if v == "minLength":
        return path, "the text is empty; write the text or remove the field", False
    if v == "maxLength":
        return path, f"the text is too long; at most {expected} characters", False
    if v == "uniqueItems":
        return path, "the list repeats an item; each item must appear once", False
    if v == "format":
        return path, f"{_describe_value(value)} is not a date; write it as YYYY-MM-DD, like 2026-03-01", False
    return path, error.message, False


def _schema_problems(loaded: Loaded) -> list[Problem]:
    problems = []
    for error in _validator().iter_errors(loaded.data):
        # For a value that fails several alternatives, report the deepest reason.
        if error.context:
            error = max(error.context, key=lambda e: len(e.absolute_path))
        path, message, at_key = _schema_message(error)
        line, col = loaded.where(path, key=at_key)
        problems.append(Problem(loaded.path, line, col, path, message))
    return problems


# --- rules beyond the schema -------------------------------------------------


def _items(data: Any, key: str) -> list[tuple[int, dict]]:
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _year_amounts(value: Any) -> list[tuple[int, int, int]]:
    """(index, year, amount) for each well-formed entry of a funding-like list."""
    if not isinstance(value, list):
        return []
    out = []
    for i, entry in enumerate(value):
        if isinstance(entry, dict):
            year, amount = entry.get("year"), entry.get("amount")
            if type(year) is int and type(amount) is int:
                out.append((i, year, amount))
    return out


def _rule_problems(loaded: Loaded) -> list[Problem]:
    data = loaded.data
    problems: list[Problem] = []

    def add(path: tuple, message: str, *, key: bool = False) -> None:
        problems.append(Problem(loaded.path, *loaded.where(path, key=key), path, message))

    # Unique ids within each list.
    ids: dict[str, dict[str, tuple]] = {}
    for list_name in ("sources", "sectors", "lots"):
        seen: dict[str, tuple] = {}
        for i, item in _items(data, list_name):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            if item_id in seen:
                first_line = loaded.where(seen[item_id])[0]
                add(
                    (list_name, i, "id"),
                    f"the id '{item_id}' is already used on line {first_line}; every id must be unique",
                )
            else:
                seen[item_id] = (list_name, i, "id")
        ids[list_name] = seen

    # Sources: declared totals inside the years; each year declared once.
    source_years: dict[str, set[int]] = {}
    for i, source in _items(data, "sources"):
        years = (
            {y for y in source.get("years", []) if type(y) is int}
            if isinstance(source.get("years"), list)
            else set()
        )
        if isinstance(source.get("id"), str):
            source_years[source["id"]] = years
        seen_years: set[int] = set()
        for j, year, _ in _year_amounts(source.get("declared_totals")):
            if year in seen_years:
                add(("sources", i, "declared_totals", j, "year"), f"the year {year} is declared twice")
            seen_years.add(year)
            if years and year not in years:
                add(
                    ("sources", i, "declared_totals", j, "year"),
                    f"{year} is not one of the document's years ({_years_text(years)})",
                )

    # Lots.
    numbers: dict[tuple[str, str], tuple] = {}
    computed: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for i, lot in _items(data, "lots"):
        base = ("lots", i)
        source_id, sector_id = lot.get("source"), lot.get("sector")
        if isinstance(source_id, str) and source_id not in ids["sources"]:
            add((*base, "source"), _unknown("source", source_id, ids["sources"]))
        if isinstance(sector_id, str) and sector_id not in ids["sectors"]:
            add((*base, "sector"), _unknown("sector", sector_id, ids["sectors"]))
        number = lot.get("number")
        if isinstance(source_id, str) and isinstance(number, str):
            if (source_id, number) in numbers:
                first_line = loaded.where(numbers[(source_id, number)])[0]
                add(
                    (*base, "number"),
                    f"lot number {number} of source '{source_id}' is already used on "
                    f"line {first_line}; numbers are unique within a source",
                )
            else:
                numbers[(source_id, number)] = (*base, "number")

        period = lot.get("period")
        start = period.get("start") if isinstance(period, dict) else None
        end = period.get("end") if isinstance(period, dict) else None
        period_ok = type(start) is int and type(end) is int
        if period_ok and start > end:
            add((*base, "period", "end"), f"the period ends ({end}) before it starts ({start})")
            period_ok = False

        funded: set[int] = set()
        for j, year, amount in _year_amounts(lot.get("funding")):
            where = (*base, "funding", j, "year")
            if year in funded:
                add(where, f"the year {year} appears twice in funding; give one amount per year")
            funded.add(year)
            if period_ok and not start <= year <= end:
                add(where, f"funding for {year} lies outside the lot's period {start}–{end}")
            if isinstance(source_id, str):
                computed[source_id][year] += amount
                years = source_years.get(source_id)
                if years and year not in years:
                    add(where, f"{year} is not one of the source document's years ({_years_text(years)})")

        grant_type = lot.get("grant_type")
        if period_ok and grant_type in SPANS:
            span = end - start + 1
            if span not in SPANS[grant_type]:
                allowed = " or ".join(str(s) for s in SPANS[grant_type])
                add(
                    (*base, "grant_type"),
                    (
                        f"a {TYPE_WORDS[grant_type]} grant spans {allowed} calendar year"
                        f"{'s' if SPANS[grant_type] != (1,) else ''}, but the period {start}–{end} spans {span}; "
                        "correct grant_type or period"
                    ),
                )
        requirements = lot.get("material_requirements")
        if isinstance(requirements, list) and requirements and grant_type in ("short", "medium"):
            add(
                (*base, "material_requirements"),
                (
                    f"material requirements are set only for long-term grants, and this lot is "
                    f"{TYPE_WORDS[grant_type]}; remove them or correct grant_type"
                ),
            )

        indicators = lot.get("indicators")
        for j, indicator in enumerate(indicators if isinstance(indicators, list) else []):
            target = indicator.get("target") if isinstance(indicator, dict) else None
            if isinstance(target, dict) and isinstance(target.get("unit"), dict):
                value = target.get("value")
                if target["unit"].get("kk") == "%" and isinstance(value, int | float) and value > 100:
                    add(
                        (*base, "indicators", j, "target", "value"),
                        f"a share of {value}% is more than 100%; check the number",
                    )

        window = lot.get("application_window")
        if isinstance(window, dict):
            opens, closes = _date(window.get("opens")), _date(window.get("closes"))
            if opens and closes and closes < opens:
                add(
                    (*base, "application_window", "closes"),
                    f"applications close ({closes}) before they open ({opens})",
                )

    # Each source's lots add up to the totals it declares.
    for i, source in _items(data, "sources"):
        source_id = source.get("id")
        if not isinstance(source_id, str):
            continue
        sums = computed.get(source_id, {})
        declared = {year: (j, amount) for j, year, amount in _year_amounts(source.get("declared_totals"))}
        for year, (j, amount) in sorted(declared.items()):
            got = sums.get(year, 0)
            if got != amount:
                add(
                    ("sources", i, "declared_totals", j, "amount"),
                    (
                        f"the document declares {_tenge(amount)} for {year}, but its lots add up to "
                        f"{_tenge(got)} (a difference of {_tenge(got - amount)}); correct a lot's funding "
                        "or the declared total"
                    ),
                )
        for year in sorted(set(sums) - set(declared)):
            add(
                ("sources", i, "declared_totals"),
                (
                    f"the lots have funding for {year} ({_tenge(sums[year])}), but the document declares "
                    f"no total for {year}; add it to declared_totals"
                ),
            )
    return problems


def _unknown(kind: str, value: str, known: dict[str, Any]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"known {kind}s: {', '.join(known) or 'none'}"
    return f"there is no {kind} with the id '{value}'; {hint}"


def _years_text(years: set[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))


def _tenge(amount: int) -> str:
    return f"{amount:,}".replace(",", " ") + " tenge"


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


# --- translations --------------------------------------------------------------


def _i18n_problems(loaded: Loaded, langs: tuple[str, ...] = ("ru", "en")) -> list[Problem]:
    """A warning for every human text that lacks a translation."""
    problems = []

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, dict):
            if "kk" in value and isinstance(value.get("kk"), str):
                missing = [lang for lang in langs if not value.get(lang)]
                if missing:
                    problems.append(
                        Problem(
                            loaded.path,
                            *loaded.where(path),
                            path,
                            f"no {' and no '.join(missing)} translation of this text",
                            severity="warning",
                        )
                    )
                return
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*path, i))

    walk(loaded.data, ())
    return problems


# --- building the model --------------------------------------------------------


def _texts(raw: list | None) -> tuple[Text, ...]:
    return tuple(Text.of(t) for t in raw or ())


def _year_list(raw: list) -> tuple[YearAmount, ...]:
    return tuple(YearAmount(e["year"], e["amount"]) for e in raw)


def build(data: dict, path: Path | None = None) -> Dataset:
    """Turn valid data into the frozen model."""
    sources = {
        s["id"]: Source(
            id=s["id"],
            issuer=Text.of(s["issuer"]),
            title=Text.of(s["title"]),
            years=tuple(s["years"]),
            declared_totals=_year_list(s["declared_totals"]),
            document=s.get("document"),
            url=s.get("url"),
            published=_date(s.get("published")),
            notes=_texts(s.get("notes")),
        )
        for s in data["sources"]
    }
    sectors = {s["id"]: Sector(id=s["id"], name=Text.of(s["name"])) for s in data["sectors"]}
    lots = []
    for raw in data["lots"]:
        window = raw.get("application_window")
        lots.append(
            Lot(
                id=raw["id"],
                source=sources[raw["source"]],
                number=raw["number"],
                sector=sectors[raw["sector"]],
                priority=Text.of(raw["priority"]),
                problem=Text.of(raw["problem"]),
                funding=_year_list(sorted(raw["funding"], key=lambda f: f["year"])),
                grant_type=raw["grant_type"],
                grant_count=raw.get("grant_count", 1),
                period=Period(raw["period"]["start"], raw["period"]["end"]),
                territory=Text.of(raw["territory"]),
                targets_per_year=raw.get("targets_per_year", False),
                indicators=tuple(
                    Indicator(
                        text=Text.of(ind["text"]),
                        target=Target(
                            ind["target"]["comparison"],
                            ind["target"]["value"],
                            Text.of(ind["target"]["unit"]),
                        )
                        if "target" in ind
                        else None,
                    )
                    for ind in raw["indicators"]
                ),
                results=_texts(raw["results"]),
                material_requirements=_texts(raw.get("material_requirements")),
                notes=_texts(raw.get("notes")),
                source_lines=tuple(raw.get("source_lines", ())),
                status=raw.get("status", "planned"),
                application_window=ApplicationWindow(_date(window["opens"]), _date(window["closes"]))
                if window
                else None,
                apply_url=raw.get("apply_url"),
            )
        )
    return Dataset(
        schema_version=data["schema_version"],
        currency=data["currency"],
        sources=tuple(sources.values()),
        sectors=tuple(sectors.values()),
        lots=tuple(lots),
        path=path,
    )


def check(path: str | Path, *, strict_i18n: bool = False) -> tuple[Loaded, list[Problem]]:
    """Every problem in the file at ``path``, errors and warnings, in file order."""
    loaded = load(path)
    problems = list(loaded.problems)
    if loaded.data is not None:
        problems += _schema_problems(loaded)
        problems += _rule_problems(loaded)
        warnings = _i18n_problems(loaded)
        if strict_i18n:
            warnings = [Problem(p.file, p.line, p.column, p.path, p.message) for p in warnings]
        problems += warnings
    problems.sort(key=lambda p: (p.line, p.column))
    return loaded, problems


def load_dataset(path: str | Path | None = None, *, strict_i18n: bool = False) -> Dataset:
    """Load, validate and build the dataset; raise ``DataError`` listing every problem."""
    path = Path(path or os.environ.get("GRANTS_DATA") or DEFAULT_DATA)
    loaded, problems = check(path, strict_i18n=strict_i18n)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems, loaded.data)
    return build(loaded.data, path)
