"""Checks that the data is plausible, beyond being well-formed (issue: maintainers keep it true).

* Amounts under 100 000 tenge: no state grant is that small, and the documents print their
  amounts in thousands of tenge, so 18000 is almost surely 18 000 000 copied without "000".
  An error, on the amount's own line, with the amount to write.
* Characters pasted from Word or a web page that look like others: non-breaking and other
  Unicode spaces, zero-width characters, and, in the Kazakh and Russian texts, English
  typographic quotes (“…”, „…“) where those languages write «…». Warnings with their line and
  column; ``python -m grants validate --fix`` rewrites them in the file. (English texts keep
  “…”, which is English typography.) A quotation mark that the lot's own lines of its archived
  document print in the same words is as printed, not pasted: neither told nor rewritten.
* A lot's note that quotes a sum in tenge the lot's data no longer has. A warning.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from grants.formatting import spaced
from grants.i18n import N_, Msg
from grants.loader import Loaded, line_starts
from grants.problems import char_name

#: The smallest amount a lot, a declared total or an award may have, in tenge.
MIN_AMOUNT = 100_000


def thousands_advice(amount: int) -> Msg:
    return Msg(
        N_(
            "the amount {amount} is under {least} tenge, too little for a grant; the document's "
            "amounts are in thousands of tenge: did you mean {meant}? Then write {write}"
        ),
        amount=amount,
        least=spaced(MIN_AMOUNT),
        meant=spaced(amount * 1000),
        write=amount * 1000,
    )


def _amounts(data: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(path, amount) of every lot's funding, source's declared total and award."""
    for i, source in dicts_of(data, "sources"):
        yield from _year_amounts(source.get("declared_totals"), ("sources", i, "declared_totals"))
    for i, lot in dicts_of(data, "lots"):
        yield from _year_amounts(lot.get("funding"), ("lots", i, "funding"))
        award = lot.get("award")
        if isinstance(award, dict):
            yield from _year_amounts(award.get("amounts"), ("lots", i, "award", "amounts"))


def dicts_of(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """(index, item) of each mapping in the list ``data[key]``; none when there is no such list."""
    items = data.get(key) if isinstance(data, dict) else None
    return [(i, x) for i, x in enumerate(items) if isinstance(x, dict)] if isinstance(items, list) else []


def _year_amounts(entries: Any, base: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    for j, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict) and "amount" in entry:
            yield (*base, j, "amount"), entry["amount"]


def amount_problems(data: Any, add: Callable[..., None]) -> None:
    """An error for every amount that is a whole number of tenge under MIN_AMOUNT."""
    for path, amount in _amounts(data):
        if type(amount) is int and 0 < amount < MIN_AMOUNT:
            add(path, thousands_advice(amount))


# --- characters that look like others --------------------------------------------

_SPACES = "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_QUOTES = "“”„"
_LOOKALIKE = re.compile(f"[{_SPACES}{_INVISIBLE}]")
_LOOKALIKE_OR_QUOTE = re.compile(f"[{_SPACES}{_INVISIBLE}{_QUOTES}]")


def _replacement(text: str, at: int) -> str:
    char = text[at]
    if char in _SPACES:
        return " "
    if char in _INVISIBLE:
        return ""
    before = text[at - 1] if at else " "
    return "«" if char == "„" or before.isspace() or before in "([«" else "»"


def lookalike_message(char: str, replacement: str) -> Msg:
    if char in _SPACES:
        what = Msg(
            N_("{char}, which looks like a space but is not one; write an ordinary space"),
            char=char_name(char),
        )
    elif char in _INVISIBLE:
        what = Msg(N_("an invisible {char}; delete it"), char=char_name(char))
    else:
        what = Msg(
            N_("the English quotation mark {mark} ({char}); Kazakh and Russian write {replacement}"),
            mark=char,
            char=char_name(char),
            replacement=replacement,
        )
    return Msg(N_("the text has {what} (python -m grants validate --fix does it)"), what=what)


def translatable(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """(path, text) of every human text: a mapping with its Kazakh original under 'kk'."""
    if isinstance(value, dict):
        if isinstance(value.get("kk"), str):
            yield path, value
            return
        for key, item in value.items():
            yield from translatable(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from translatable(item, (*path, i))


def _texts(value: Any) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """(path, language, text) of every human text, in each language it is written in."""
    for path, text in translatable(value):
        for lang in ("kk", "ru", "en"):
            if isinstance(text.get(lang), str):
                yield (*path, lang), lang, text[lang]


# --- quotation marks the archived document prints ----------------------------------

#: A lot's texts copied from its document (column 3, 4, 7, 8, 9 and the indicators' texts);
#: not its notes nor its targets' units, which are the project's own words.
_COPIED = frozenset({"priority", "problem", "territory", "results", "material_requirements"})
_MARKS = '“”„"«»'
_MARK = re.compile(f"[{_MARKS}]")
_TAG = re.compile(r"<[^>]*>")
_WORD_BEFORE = re.compile(r"\w+\W*$")
_WORD_AFTER = re.compile(r"\W*\w+")


class Documents:
    """The archived documents of the data's sources, for the words of a lot's own lines (its
    ``source_lines``), so that a quotation mark the document prints is told from one pasted
    from Word (the editors keep the document's “Этно шеру” as printed). Only the documents of
    lots that have such a mark are read, each once for all its lots, and let go before the
    next (a document is a few KB a lot: at 10,000 lots all of them held at once would be
    tens of MB). A document that is missing, not UTF-8 text (a PDF, a DOCX) or not the file
    its ``document_sha256`` records proves nothing: its lots' quotes are told."""

    def __init__(self, data: Any, folder: Path) -> None:
        self._sources = {source.get("id"): source for _, source in dicts_of(data, "sources")}
        self._folder = folder

    def _document(self, source: Any) -> list[str] | None:
        name = source.get("document") if isinstance(source, dict) else None
        if not isinstance(source, dict) or not isinstance(name, str):
            return None
        try:
            content = (self._folder / name).read_bytes()
            sha256 = source.get("document_sha256")
            if isinstance(sha256, str) and hashlib.sha256(content).hexdigest() != sha256:
                return None
            return content.decode("utf-8-sig").split("\n")
        except (OSError, UnicodeDecodeError):
            return None

    def words(self, lots: dict[int, Any]) -> Iterator[tuple[int, str]]:
        """(index, words) for each lot of ``lots`` (by its index): the text of its own lines of
        its document without the markup of an HTML extraction, spaces folded (a page break cuts
        a cell across lines); "" when unknown. One document at a time, each read once."""
        by_source: dict[Any, list[int]] = {}
        for index, lot in lots.items():
            by_source.setdefault(lot.get("source") if isinstance(lot, dict) else None, []).append(index)
        for source_id, indexes in by_source.items():
            lines = self._document(self._sources.get(source_id) if isinstance(source_id, str) else None) or []
            for index in indexes:
                numbers = lots[index].get("source_lines")
                numbers = numbers if isinstance(numbers, list) else []
                picked = " ".join(lines[n - 1] for n in numbers if type(n) is int and 0 < n <= len(lines))
                yield index, " ".join(html.unescape(_TAG.sub(" ", picked)).split())


def _copied(path: tuple[Any, ...]) -> bool:
    """Whether the text at ``path`` (in a file's data, its language last) is copied from the lot's document."""
    if len(path) < 4 or path[0] != "lots":
        return False
    return path[2] in _COPIED or (path[2] == "indicators" and len(path) == 6 and path[4] == "text")


def as_printed(text: str, at: int, printed: str) -> bool:
    """Whether ``printed`` (the words of the lot's lines of its document) has the quotation mark
    ``text[at]`` in the same words: the phrase it opens or closes, marks included, or the word
    before it and the word after it (either one at the start or end of the text)."""
    if not printed:
        return False
    opens = _replacement(text, at) == "«"
    if opens:
        close = _MARK.search(text, at + 1)
        phrase = text[at : close.end()] if close else ""
    else:
        start = max(text.rfind(other, 0, at) for other in _MARKS)
        phrase = text[start : at + 1] if start >= 0 else ""
    before = _WORD_BEFORE.search(text, max(0, at - 100), at)
    after = _WORD_AFTER.match(text, at + 1, at + 101)
    around = (before.group() if before else "") + text[at] + (after.group() if after else "")
    candidates = [" ".join(phrase.split())] if re.search(r"\w", phrase) else []
    candidates += [" ".join(around.split())] if before or after else []
    return any(candidate in printed for candidate in candidates)


def lookalikes(
    loaded: Loaded, limit: int, documents: Documents
) -> list[tuple[tuple[Any, ...], int, int, str, str]]:
    """(path, line, column, character, replacement) of every look-alike character in the texts,
    found in the file's own text so that the position is the character's; not a quotation mark
    that the lot's archived document (in ``documents``) prints so (:func:`as_printed`)."""
    found: list[tuple[tuple[Any, ...], str, str]] = []
    # A quotation mark in a text copied from a lot's document is looked for in the document
    # once every lot that has one is known, so that each document is read once for all its
    # lots: lot index -> (place in ``found``, text, place in the text) of each such mark.
    quoted: dict[int, list[tuple[int, str, int]]] = {}
    others = 0  # the other characters, of which only the first ``limit`` can be told
    for path, lang, text in _texts(loaded.data):
        pattern = _LOOKALIKE if lang == "en" else _LOOKALIKE_OR_QUOTE
        for match in pattern.finditer(text):
            char, at = match.group(), match.start()
            if char in _QUOTES and _copied(path):
                quoted.setdefault(path[1], []).append((len(found), text, at))
            elif others < limit:
                others += 1
            else:
                continue
            found.append((path, char, _replacement(text, at)))
    lots = {index: loaded.data["lots"][index] for index in quoted}
    printed = {
        k
        for index, words in documents.words(lots)
        for k, text, at in quoted[index]
        if as_printed(text, at, words)
    }
    found = [mark for k, mark in enumerate(found) if k not in printed][:limit]
    if not found:
        return []
    source = loaded.text or ""
    starts = line_starts(source)
    loaded.locate(path for path, _, _ in found)
    out = []
    taken: set[int] = set()
    for path, char, replacement in found:
        line, col = loaded.where(path)
        offset = source.find(char, starts[line - 1] + col - 1)
        while offset in taken:
            offset = source.find(char, offset + 1)
        if offset < 0:
            continue
        taken.add(offset)
        line = next(n for n in range(line, len(starts) + 1) if n == len(starts) or starts[n] > offset)
        out.append((path, line, offset - starts[line - 1] + 1, char, replacement))
    return out


def fix(loaded: Loaded, limit: int, documents: Documents) -> int:
    """Rewrite the look-alike characters of ``loaded``'s file in place (not the quotation marks
    its lots' documents print so); the number changed."""
    marks = lookalikes(loaded, limit, documents)
    if not marks:
        return 0
    text = loaded.text or ""
    starts = line_starts(text)
    pieces = list(text)
    for _, line, col, _, replacement in marks:
        pieces[starts[line - 1] + col - 1] = replacement
    raw = Path(loaded.path).read_bytes()
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    Path(loaded.path).write_text(bom + "".join(pieces), encoding="utf-8", newline="")
    return len(marks)


# --- sums quoted in notes ----------------------------------------------------------

_SUM = re.compile(
    r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)\s*(мың теңге|мың тенге|тыс\.?\s?тенге|тыс\.?\s?теңге|"
    r"млн\.?\s?теңге|млн\.?\s?тенге|теңге|тенге|тг\.?|₸|KZT|tenge|thousand tenge)",
    re.IGNORECASE,
)


def note_sum_problems(data: Any, add: Callable[..., None]) -> None:
    """A warning for a lot's note quoting a sum in tenge that none of its amounts has."""
    declared = {
        source.get("id"): [
            e.get("amount") for e in source.get("declared_totals") or [] if isinstance(e, dict)
        ]
        for _, source in dicts_of(data, "sources")
    }
    for i, lot in dicts_of(data, "lots"):
        amounts = [a for path, a in _amounts({"lots": [lot]}) if type(a) is int]
        if not amounts:
            continue
        known = set(amounts) | {sum(amounts[: len(lot.get("funding") or [])])}
        known |= {a for a in declared.get(lot.get("source"), []) if type(a) is int}
        notes = lot.get("notes")
        for j, note in enumerate(notes if isinstance(notes, list) else []):
            if not isinstance(note, dict) or not isinstance(note.get("kk"), str):
                continue
            for match in _SUM.finditer(note["kk"]):
                number = int(re.sub(r"\D", "", match.group(1)))
                unit = match.group(2).lower()
                scale = 1000 if unit.startswith(("мың", "тыс", "thousand")) else 1
                scale = 1_000_000 if unit.startswith("млн") else scale
                if number * scale not in known:
                    listed = ", ".join(spaced(a) for a in sorted(set(amounts)))
                    add(
                        ("lots", i, "notes", j, "kk"),
                        Msg(
                            N_(
                                "the note quotes {quoted} ({amount} tenge), which is none of the lot's "
                                "amounts ({listed} tenge) nor its document's totals; correct the note, "
                                "or the amount if the note is right"
                            ),
                            quoted=match.group(0).strip(),
                            amount=spaced(number * scale),
                            listed=listed,
                        ),
                    )
