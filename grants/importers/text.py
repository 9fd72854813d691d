"""Cleaning the text of a table cell: leftover HTML, spacing, paragraphs.

Official lists are often converted from web pages, so their cells carry tags such as
``<p>`` and ``<ol style=...>``. The standard library's HTML parser reads them (a
regular expression would also eat text such as "<5 жыл"); block tags become paragraph
breaks, every other tag disappears, and character references (``&nbsp;``) are decoded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

#: Tags that end a paragraph: their text is kept, the tag becomes a blank line.
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ol", "ul", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_PARAGRAPH = "\n\n"
_SPACES = re.compile(r"[^\S\n]+")
_BREAKS = re.compile(r"\s*\n\s*\n\s*")
#: Line breaks YAML 1.1 and Unicode know beside \n: a cell's text is normalised to \n only.
_OTHER_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
#: Control characters that have no place in a text (a YAML file cannot even hold most of them).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff]")


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH)

    def handle_starttag(self, tag: str, attrs: list[Any]) -> None:
        self.handle_endtag(tag)  # a block tag opening or closing (or both, <br/>) ends a paragraph

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def tidy(text: str) -> str:
    """Runs of spaces and tabs made one space; paragraphs separated by one blank line.

    A single line break inside a paragraph (a cell typed with Enter, or a Word line
    break) is kept as a paragraph break only when it is a blank line; otherwise it is a
    space, as the reader of the printed cell sees it.
    """
    text = _CONTROL.sub("", _OTHER_BREAKS.sub("\n", text))
    paragraphs = [_SPACES.sub(" ", " ".join(p.split("\n"))).strip() for p in _BREAKS.split(text)]
    return _PARAGRAPH.join(p for p in paragraphs if p)


def clean(text: str) -> str:
    """A cell's text as data: its HTML tags removed, spacing tidied."""
    text = text or ""
    if "<" in text or "&" in text:
        parser = _Stripper()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    return tidy(text)


#: Letters the Kazakh text sometimes loses in conversions (ң → н, ө/ү/ұ → о/у, …), mapped
#: to what they become. Matching headers, sector names and keywords through this map
#: recognises "Занының" as "Заңының"; the text itself is never changed by it.
_LOST_LETTERS = str.maketrans("ңқғөүұәіһё", "нкгоууаихе")


def folded(text: str) -> str:
    """Lowercase, with the letters that conversions lose folded: for matching, never for output.

    It has the same length as ``text`` (one character for one), so a position found in
    it is a position in ``text``.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters (İ) lowercase to two characters
        lowered = "".join(c.lower()[0] for c in text)
    return lowered.translate(_LOST_LETTERS)


def words(text: str) -> str:
    """The folded words of ``text`` without punctuation, for comparing names."""
    return " ".join(re.findall(r"\w+", folded(text)))
