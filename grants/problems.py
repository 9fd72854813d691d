"""A problem found in the data, and how it is told to a maintainer."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grants.i18n import N_, Msg, plural, tell

#: Top-level lists whose items are named by their ``id`` in messages (the word is
#: translated; the field path after it stays the YAML keys the maintainer types).
_NAMED_LISTS = {"lots": N_("lot"), "sources": N_("source"), "sectors": N_("sector")}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data file, at a line and column (1-based; 0 when unknown)."""

    file: Path
    line: int
    column: int
    path: tuple[str | int, ...]
    message: str
    severity: str = "error"  # "error" stops the build; "warning" is told and let pass
    #: The id of the lot, source or sector the path names, for a problem that stopped the
    #: reading (there is no data then to look the id up in).
    item: str | None = None

    def subject(self, data: Any, lang: str = "en") -> str:
        """'lot taraz-2026-01: funding[2].amount' for the path ('lots', 0, 'funding', 1, 'amount');
        the word 'lot' (source, sector) in ``lang``, the id and the field path as written."""
        path = self.path
        prefix = ""
        if len(path) >= 2 and path[0] in _NAMED_LISTS and isinstance(path[1], int):
            kind = tell(Msg(_NAMED_LISTS[str(path[0])]), lang)
            items = data.get(path[0]) if isinstance(data, dict) else None
            item = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
            named = item.get("id") if isinstance(item, dict) else None
            item_id = named if isinstance(named, str) and named else self.item
            prefix = f"{kind} {item_id}" if item_id else f"{kind} #{path[1] + 1}"
            path = path[2:]
        field = format_path(path)
        if prefix and field:
            return f"{prefix}: {field}"
        return prefix or field

    def format(self, data: Any = None, lang: str = "en") -> str:
        """``PATH:LINE:COL: lot <id>: <field path>: <what is wrong; what was expected>``, its words
        in ``lang`` (kk, ru, en; the file, position, ids, keys and values stay as they are).

        One line, safe to print anywhere: data values in it (ids, field names, texts) have
        their line breaks, terminal escapes and other invisible characters written as escapes,
        so no value can start a line of its own (a GitHub workflow command, ``::error``) or
        colour, move or hide anything in a terminal."""
        subject = self.subject(data, lang)
        level = tell(Msg(N_("warning: ")), lang) if self.severity == "warning" else ""
        where = f"{self.file}:{self.line}:{self.column}"
        message = tell(self.message, lang)
        line = f"{where}: {level}{subject}: {message}" if subject else f"{where}: {level}{message}"
        return printable(line)


#: Names of the control characters C0, DEL and C1, in order (Unicode gives them as aliases,
#: which ``unicodedata`` lacks).
_CONTROL_NAMES = dict(
    zip(
        [*range(0x20), *range(0x7F, 0xA0)],
        [
            "NULL",
            "START OF HEADING",
            "START OF TEXT",
            "END OF TEXT",
            "END OF TRANSMISSION",
            "ENQUIRY",
            "ACKNOWLEDGE",
            "BELL",
            "BACKSPACE",
            "CHARACTER TABULATION",
            "LINE FEED",
            "LINE TABULATION",
            "FORM FEED",
            "CARRIAGE RETURN",
            "SHIFT OUT",
            "SHIFT IN",
            "DATA LINK ESCAPE",
            "DEVICE CONTROL ONE",
            "DEVICE CONTROL TWO",
            "DEVICE CONTROL THREE",
            "DEVICE CONTROL FOUR",
            "NEGATIVE ACKNOWLEDGE",
            "SYNCHRONOUS IDLE",
            "END OF TRANSMISSION BLOCK",
            "CANCEL",
            "END OF MEDIUM",
            "SUBSTITUTE",
            "ESCAPE",
            "INFORMATION SEPARATOR FOUR",
            "INFORMATION SEPARATOR THREE",
            "INFORMATION SEPARATOR TWO",
            "INFORMATION SEPARATOR ONE",
            "DELETE",
            "PADDING CHARACTER",
            "HIGH OCTET PRESET",
            "BREAK PERMITTED HERE",
            "NO BREAK HERE",
            "INDEX",
            "NEXT LINE",
            "START OF SELECTED AREA",
            "END OF SELECTED AREA",
            "CHARACTER TABULATION SET",
            "CHARACTER TABULATION WITH JUSTIFICATION",
            "LINE TABULATION SET",
            "PARTIAL LINE FORWARD",
            "PARTIAL LINE BACKWARD",
            "REVERSE LINE FEED",
            "SINGLE SHIFT TWO",
            "SINGLE SHIFT THREE",
            "DEVICE CONTROL STRING",
            "PRIVATE USE ONE",
            "PRIVATE USE TWO",
            "SET TRANSMIT STATE",
            "CANCEL CHARACTER",
            "MESSAGE WAITING",
            "START OF GUARDED AREA",
            "END OF GUARDED AREA",
            "START OF STRING",
            "SINGLE GRAPHIC CHARACTER INTRODUCER",
            "SINGLE CHARACTER INTRODUCER",
            "CONTROL SEQUENCE INTRODUCER",
            "STRING TERMINATOR",
            "OPERATING SYSTEM COMMAND",
            "PRIVACY MESSAGE",
            "APPLICATION PROGRAM COMMAND",
        ],
        strict=True,
    )
)


def char_name(char: str) -> str:
    """'U+007F DELETE', 'U+00A0 NO-BREAK SPACE': a character no one can see, named."""
    name = _CONTROL_NAMES.get(ord(char)) or unicodedata.name(char, "a character with no name")
    return f"U+{ord(char):04X} {name}"


def forbidden(char: str, *, escaped: bool = False) -> Msg:
    """The message for a character no text may hold."""
    message = (
        N_(
            "the text holds an invisible control character, {char}, written here as an escape; "
            "no text may hold one (it usually comes with text copied from another program): delete it"
        )
        if escaped
        else N_(
            "the text holds an invisible control character, {char}, here; no text may hold "
            "one (it usually comes with text copied from another program): delete it"
        )
    )
    return Msg(message, char=char_name(char))


def escape(char: str) -> str:
    """``char`` as YAML writes it in double quotes: \\n, \\x7f, \\u200b; a backslash or a
    quotation mark after a backslash."""
    if char in '\\"':
        return "\\" + char
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    return named or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


#: Control characters (C0, DEL, C1), line and paragraph separators, and format characters
#: (bidirectional overrides, zero-width ones): what could break a line or hide or reorder text.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def printable(text: str) -> str:
    """``text`` as one line that shows every character: invisible ones written as escapes."""
    return _UNSAFE.sub(lambda match: escape(match.group()), text)


def format_path(path: tuple[str | int, ...]) -> str:
    """('funding', 1, 'amount') -> 'funding[2].amount'.

    Items are counted from 1, as a reader of the file counts them, not from 0.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class DataError(Exception):
    """The data file has problems; ``problems`` lists every one, ``data`` names their lots."""

    def __init__(self, problems: list[Problem], data: Any = None) -> None:
        self.problems = problems
        self.data = data
        super().__init__(self.report())

    def report(self, lang: str = "en") -> str:
        lines = [p.format(self.data, lang) for p in self.problems if p.severity == "error"]
        count = len(lines)
        head = tell(plural("{n} problem in the grant data:", "{n} problems in the grant data:", count), lang)
        return "\n".join([head, *lines])

    def refusal(self, lang: str = "en") -> str:
        """The report as the site's build tells it, when it stops: every problem, then what
        became of the site."""
        closing = tell(Msg(N_("The site was not built. Fix the data and build again.")), lang)
        return f"{self.report(lang)}\n{closing}"
