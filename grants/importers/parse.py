"""Parsers for the cells of an official list: money, grant type and period, indicators
and results, and the number an indicator sets.

Each parser returns what it read and the doubts it has (``Doubt``): the caller keeps the
cell's text where a parser could not read it, and lists the doubts in its report. No
parser guesses: a value is returned only where the text states it.

Matching is done on :func:`grants.importers.text.folded` text (lowercase, the letters
conversions lose folded: ң→н, қ→к, ү/ұ→у, і→и, …), which has the same length as the
original, so what is returned is always cut from the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from grants.i18n import N_
from grants.importers.text import folded


@dataclass(frozen=True)
class Doubt:
    """Something a parser could not read with certainty: a message id and its parameters."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)


# --- money ---------------------------------------------------------------------------

#: A number as documents print it: "18 000", "18 000,5", "6000", with ordinary, no-break or
#: narrow no-break spaces between groups of three digits.
NUMBER = r"(?<![\d,.])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?(?![\d])"
_THOUSAND = r"(?:мын|тыс\.?|тысяч\w*)"
_MILLION = r"(?:млн\.?|миллион\w*)"
_TENGE = r"(?:тенге|тг\.?|kzt)"
_YEAR_WORD = r"(?:жылдар\w*|жыл\w*|жж\.?|ж\.|год\w*|гг\.?|г\.)"
_MONEY = re.compile(
    rf"(?P<number>{NUMBER})\s*(?:(?P<thousand>{_THOUSAND})\s*{_TENGE}?|(?P<million>{_MILLION})\s*{_TENGE}?|(?P<one>{_TENGE}))"
    rf"|(?P<year>(?<!\d)(?:19|20)\d{{2}})(?!\d)\s*{_YEAR_WORD}?"
    rf"|(?P<bare>{NUMBER})"
)

#: Multipliers of the units a header or a cell names.
THOUSAND, MILLION, ONE = 1000, 1_000_000, 1
#: Each unit's group in ``_MONEY``, its words, its multiplier.
_UNITS = (("thousand", _THOUSAND, THOUSAND), ("million", _MILLION, MILLION), ("one", _TENGE, ONE))


def header_unit(header: str) -> int | None:
    """The unit a funding column's header names: "(мың теңге)" is thousands; None if none."""
    text = folded(header)
    return next((unit for _, words, unit in _UNITS if re.search(words, text)), None)


def to_number(text: str) -> Decimal:
    return Decimal(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))


@dataclass
class Money:
    """The amounts a cell states: (year or None, whole tenge, the amount as printed)."""

    entries: list[tuple[int | None, int, str]] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)


def parse_money(text: str, default_unit: int | None) -> Money:
    """Funding per year from "2026 жыл - 18 000 мың теңге 2027 жыл - 18 000 мың теңге",
    "6 000 мың теңге" or "40 000 мың тенге 2026 жыл"; amounts in whole tenge.

    Years and amounts are paired in the order the text gives them: a text that starts with
    a year gives each year's amount after it, one that starts with an amount gives its year
    after it. An amount without a unit takes ``default_unit`` (the header's), if any.
    """
    result = Money()
    tokens = _money_tokens(text, default_unit, result.doubts)
    kinds = [kind for kind, _, _ in tokens]
    if "amount" not in kinds:
        if not result.doubts:
            result.doubts.append(Doubt(N_("no amount of money found")))
        return result
    if "year" not in kinds:
        if len(tokens) > 1:
            result.doubts.append(
                Doubt(N_("several amounts without years; which year each is for is not said"))
            )
            return result
        result.entries.append((None, tokens[0][1], tokens[0][2]))
        return result
    first, second = ("year", "amount") if kinds[0] == "year" else ("amount", "year")
    if len(tokens) % 2 or any(kinds[i] != (first if i % 2 == 0 else second) for i in range(len(tokens))):
        result.doubts.append(Doubt(N_("years and amounts do not pair up one to one")))
        return result
    for i in range(0, len(tokens), 2):
        a, b = tokens[i], tokens[i + 1]
        year_token, amount_token = (a, b) if first == "year" else (b, a)
        result.entries.append((year_token[1], amount_token[1], amount_token[2]))
    years = [year for year, _, _ in result.entries]
    if len(set(years)) != len(years):
        result.doubts.append(Doubt(N_("the same year is given twice")))
        result.entries.clear()
    return result


def _unit_of(match: re.Match[str]) -> int | None:
    """The unit an amount names: thousands, millions or tenge; None when it names none."""
    return next((unit for group, _, unit in _UNITS if match[group]), None)


def _money_tokens(text: str, default_unit: int | None, doubts: list[Doubt]) -> list[tuple[str, int, str]]:
    """The years and amounts (in whole tenge) of ``text`` in their order, as ("year" or "amount",
    value, as printed); an amount that cannot be read is left out, with its doubt."""
    tokens: list[tuple[str, int, str]] = []
    for match in _MONEY.finditer(folded(text)):
        if match["year"]:
            tokens.append(("year", int(match["year"]), match.group(0).strip()))
            continue
        raw = text[match.start() : match.end()].strip()
        unit = _unit_of(match) or default_unit
        if unit is None:
            doubts.append(
                Doubt(N_("the amount {amount} has no unit, and the header names none"), {"amount": raw})
            )
            continue
        if default_unit is not None and unit != default_unit and not match["bare"]:
            doubts.append(
                Doubt(
                    N_("the amount {amount} is in another unit than the column's header says; check it"),
                    {"amount": raw},
                )
            )
        try:
            amount = to_number(match["number"] or match["bare"]) * unit
        except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
            continue
        if amount != amount.to_integral_value() or amount <= 0:
            doubts.append(Doubt(N_("the amount {amount} is not a whole number of tenge"), {"amount": raw}))
            continue
        tokens.append(("amount", int(amount), raw))
    return tokens


# --- grant type and period -------------------------------------------------------------

_KINDS = {
    "кыска": "short",
    "орта": "medium",
    "узак": "long",
    "краткосрочн": "short",
    "среднесрочн": "medium",
    "долгосрочн": "long",
}
_COUNT_WORDS = {
    "бир": 1,
    "еки": 2,
    "уш": 3,
    "торт": 4,
    "бес": 5,
    "один": 1,
    "одна": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
}
_KIND = re.compile(
    r"(?:(?P<count>\d+|" + "|".join(_COUNT_WORDS) + r")\s+)?"
    r"(?:(?P<kk>кыска|орта|узак)\s*-?\s*мерзимди|(?P<ru>краткосрочн|среднесрочн|долгосрочн)\w*)"
)
_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:ж\.?|г\.?)?\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
#: Words that only Russian uses in this cell, and their Kazakh counterparts.
_RUSSIAN = re.compile(
    r"(?<!\w)(?:год\w*|гг\.?|г\.|краткосрочн\w*|среднесрочн\w*|долгосрочн\w*|грантов|гранта)(?!\w)"
)
_WITH_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:год\w*|гг\.?|г\.|жыл\w*|жж\.?|ж\.)")
_KAZAKH = re.compile(r"(?<!\w)(?:жыл\w*|жж\.?|ж\.|мерзимди)(?!\w)")


@dataclass
class GrantType:
    kind: str | None = None  # short, medium or long
    count: int | None = None
    period: tuple[int, int] | None = None
    foreign: str | None = None  # words of the other language mixed in, as printed
    doubts: list[Doubt] = field(default_factory=list)


def parse_grant_type(text: str, document_language: str = "kk") -> GrantType:
    """Grant type, count and period from "1 орта мерзімді грант, 2026-2027 жж." or
    "2 среднесрочных гранта, 2026–2027 гг."."""
    result = GrantType()
    f = folded(text)
    kinds = list(_KIND.finditer(f))
    if not kinds:
        result.doubts.append(Doubt(N_("no grant type (short, medium or long term) found")))
    elif len({_KINDS[m["kk"] or m["ru"]] for m in kinds}) > 1:
        result.doubts.append(Doubt(N_("the cell names more than one grant type")))
    else:
        match = kinds[0]
        result.kind = _KINDS[match["kk"] or match["ru"]]
        count = match["count"]
        if count is None:
            result.doubts.append(Doubt(N_("the number of grants is not given")))
        else:
            result.count = int(count) if count.isdigit() else _COUNT_WORDS[count]
    ranges = _RANGE.findall(f)
    years = sorted({int(y) for y in _YEAR.findall(f)})
    if ranges:
        start, end = int(ranges[0][0]), int(ranges[0][1])
        if len(ranges) > 1 or start > end or any(not start <= y <= end for y in years):
            result.doubts.append(Doubt(N_("the period is not clear")))
        else:
            result.period = (start, end)
    elif len(years) == 1:
        result.period = (years[0], years[0])
    elif years:
        result.doubts.append(Doubt(N_("the period is not clear")))
    russian = list(_RUSSIAN.finditer(f))
    kazakh = list(_KAZAKH.finditer(f)) + [m for m in kinds if m["kk"]]
    foreign = russian if document_language == "kk" else kazakh if document_language == "ru" else []
    if foreign:
        # The foreign words as printed, with the year they go with ("2026 год").
        spans = [_WITH_YEAR.search(f, max(0, m.start() - 8), m.end()) or m for m in foreign]
        result.foreign = " ".join(text[m.start() : m.end()].strip() for m in spans)
    return result


# --- indicators and results -----------------------------------------------------------

_INDICATORS = re.compile(
    r"нысаналы\s+(?:индикатор|корсеткиш)\w*|целев\w*\s+(?:индикатор|показател)\w*|target\s+indicators?"
)
_RESULTS = re.compile(r"кутилетин\s+натиже\w*|ожидаем\w*\s+результат\w*|expected\s+results?")
_EACH_YEAR = re.compile(r"жыл\s+сайын|ежегодно|каждый\s+год|each\s+year|annually")


@dataclass
class Targets:
    """Column 8 read: indicators and results, each in order, and whether they apply each year."""

    indicators: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)
    per_year: bool = False
    before: str = ""  # text before the first heading (a merged territory cell, say)
    doubts: list[Doubt] = field(default_factory=list)


def numbered(section: str) -> tuple[str, list[str], bool]:
    """The text before item 1, and the items "1. …", "2. …" in order, each up to the next
    number; and whether it was numbered at all. Without numbers, each paragraph is an item."""
    starts: list[re.Match[str]] = []
    position = 0
    while True:
        n = len(starts) + 1
        match = re.compile(rf"(?:(?<=\s)|(?<=^)|(?<=[:;]))({n})\s*[.)]\s+").search(section, position)
        if not match:
            break
        starts.append(match)
        position = match.end()
    if not starts:
        paragraphs = [p.strip() for p in section.split("\n\n") if p.strip()]
        head = ""
        if paragraphs and re.fullmatch(r"[\W\w]*?:", paragraphs[0]) and len(paragraphs[0]) < 40:
            head = paragraphs.pop(0)
        return head, paragraphs, False
    items = [
        section[m.end() : starts[i + 1].start() if i + 1 < len(starts) else len(section)].strip()
        for i, m in enumerate(starts)
    ]
    return section[: starts[0].start()], items, True


#: A number followed by a dot and a capital letter inside an item: maybe a skipped number.
_STRAY_NUMBER = re.compile(r"(?:(?<=\s)|(?<=^))(\d{1,2})[.)]\s+(?=[A-ZА-ЯЁӘІҢҒҮҰҚӨҺ«\"“])")


def parse_targets(text: str) -> Targets:
    """Split column 8 at «Нысаналы индикатор» / «Күтілетін нәтиже(лер)» (Russian «Целевой
    индикатор» / «Ожидаемые результаты»), each part into its numbered items."""
    result = Targets()
    f = folded(text)
    ind = _INDICATORS.search(f)
    res = _RESULTS.search(f, ind.end() if ind else 0)
    if ind is None and res is None:
        if text.strip():
            result.doubts.append(
                Doubt(
                    N_(
                        "neither «Нысаналы индикатор» nor «Күтілетін нәтижелер» found; the whole text is kept as one result"
                    )
                )
            )
            result.results = [text.strip()]
        return result
    first = ind or res
    assert first is not None  # both missing returned above
    result.before = text[: first.start()].strip()
    parts = []
    if ind:
        parts.append(("indicators", ind, res.start() if res else len(text)))
    else:
        result.doubts.append(Doubt(N_("no «Нысаналы индикатор» heading: the lot has no indicators")))
    if res:
        parts.append(("results", res, len(text)))
    else:
        result.doubts.append(Doubt(N_("no «Күтілетін нәтижелер» heading: the lot has no results")))
    for name, match, end in parts:
        getattr(result, name).extend(_section_items(text, f, match, end, result))
    return result


def _section_items(text: str, f: str, match: re.Match[str], end: int, result: Targets) -> list[str]:
    """The items of one section of column 8 (``text``, ``f`` folded), from its ``match``ed heading to
    ``end``; what needs a look goes to ``result``'s doubts."""
    section = text[match.end() : end]
    head, items, was_numbered = numbered(section)
    if _EACH_YEAR.search(folded(head)) or _EACH_YEAR.search(f[match.start() : match.end() + 3]):
        result.per_year = True
    head_words = re.sub(r"[\s():.;,-]|жыл\s+сайын|ежегодно", "", folded(head))
    if head_words:
        result.doubts.append(
            Doubt(N_("text before item 1 is kept with the first item: {text}"), {"text": head.strip()})
        )
        if items:
            items[0] = f"{head.strip()} {items[0]}"
        else:
            items = [head.strip()]
    if not was_numbered and items:
        result.doubts.append(Doubt(N_("the items are not numbered; each paragraph is taken as one item")))
    for i, item in enumerate(items):
        stray = _STRAY_NUMBER.search(item)
        if stray and int(stray.group(1)) > i + 2:
            result.doubts.append(
                Doubt(
                    N_("item {n} contains «{number}.»: a number may be skipped"),
                    {"n": i + 1, "number": stray.group(1)},
                )
            )
    return [item for item in items if item]


# --- the number an indicator sets ---------------------------------------------------------

_NUM = r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?"
_BEFORE = [  # comparison word, then the number
    (
        re.compile(rf"(?<!\w)(?:кеминде|кем\s+дегенде|не\s+менее|не\s+меньше|минимум|at\s+least)\s+{_NUM}"),
        "at_least",
    ),
    (re.compile(rf"(?<!\w)(?:ен\s+коби|не\s+более|не\s+больше|максимум|at\s+most)\s+{_NUM}"), "at_most"),
]
_AFTER = [  # the number, a case ending, then the comparison: "30-дан кем емес"
    (re.compile(rf"(?<![\d\w]){_NUM}\s*-?\s*[^\W\d]{{0,4}}\s+(?:кем\s+емес|кем\s+болмауы)"), "at_least"),
    (re.compile(rf"(?<![\d\w]){_NUM}\s*-?\s*[^\W\d]{{0,4}}\s+(?:аспайтын|аспауы|артык\s+емес)"), "at_most"),
]
_PERCENT = re.compile(r"\s*(?:%|пайыз\w*|процент\w*|percent)")
_UNIT_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")
_CUT = re.compile(r"(?<!\w)(?:кем|кеминде|кем\s+дегенде|не\s+менее|не\s+более|at\s+least)\s*[.…]*\s*$")


@dataclass
class TargetParse:
    comparison: str | None = None
    value: int | float | None = None
    unit: str | None = None
    cut_off: bool = False
    doubts: list[Doubt] = field(default_factory=list)


def parse_target(text: str) -> TargetParse:
    """The target an indicator states: "кемінде 100 өкілі" is at least 100, unit "өкілі";
    "кемінде 70%" at least 70, unit "%". A text with no such number, or several, gives none."""
    result = TargetParse()
    f = folded(text)
    found: list[tuple[re.Match[str], str, bool]] = []
    for patterns, after in ((_BEFORE, False), (_AFTER, True)):
        for pattern, comparison in patterns:
            found.extend((m, comparison, after) for m in pattern.finditer(f))
    if not found:
        if _CUT.search(f):
            result.cut_off = True
            result.doubts.append(
                Doubt(
                    N_("the indicator is cut off after «{word}»: its number is missing"),
                    {"word": text.rstrip(" .…").split()[-1]},
                )
            )
        return result
    values = {(comparison, m.group(1), m.group(2)) for m, comparison, _ in found}
    if len(values) > 1:
        result.doubts.append(Doubt(N_("the indicator states several numbers; no target is written")))
        return result
    match, comparison, after = found[0]
    number = to_number(match.group(1) + (f".{match.group(2)}" if match.group(2) else ""))
    value: int | float = int(number) if number == number.to_integral_value() else float(number)
    rest = text[match.end() :]  # after the number ("кемінде 100 …") or the comparison ("40-тан кем емес …")
    if not after and _PERCENT.match(folded(rest)):
        unit: str | None = "%"
    else:
        word = _UNIT_WORD.match(rest)  # a word after a space: "100-ін" has none
        unit = word.group(1).rstrip("-") if word else None
    if unit is None:
        result.doubts.append(
            Doubt(
                N_("the target {value} has no unit word after it; no target is written"),
                {"value": match.group(1)},
            )
        )
        return result
    result.comparison, result.value, result.unit = comparison, value, unit
    return result
