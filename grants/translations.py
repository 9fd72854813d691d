"""How much of the data is translated: a coverage figure per language.

Kazakh is the authoritative text and every text has it; Russian and English
are optional, unofficial translations. The site shows the Kazakh original,
marked "not yet translated", where one is missing; this module counts them,
for the About page and the pull-request summary (``grants diff``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from grants.model import LANGUAGES, Dataset, Lot, Text

#: The languages a text may be translated into.
TRANSLATIONS = tuple(lang for lang in LANGUAGES if lang != "kk")


class Coverage(NamedTuple):
    lang: str
    translated: int
    total: int

    @property
    def percent(self) -> int:
        """Whole percent, rounded down, so that 99.6 % is never shown as a complete 100 %."""
        return 100 * self.translated // self.total if self.total else 100


def _texts(value: object) -> Iterator[Text]:
    if isinstance(value, Text):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if isinstance(value, Lot) and field.name in ("source", "sector"):
                continue  # counted once, with the sources and sectors
            yield from _texts(getattr(value, field.name))


def texts(dataset: Dataset) -> Iterator[Text]:
    """Every human text of the dataset, each once: sources, sectors, then lots."""
    for part in (dataset.sources, dataset.sectors, dataset.lots):
        yield from _texts(part)


def coverage(dataset: Dataset) -> tuple[Coverage, ...]:
    """For ru and en: how many of the dataset's texts have a translation."""
    return _coverage(list(texts(dataset)), Text.has)


def counts(part: object) -> tuple[int, ...]:
    """How many texts one source, sector or lot has, then how many of them are translated
    into each of ``TRANSLATIONS``; a dataset's ``coverage`` is the sum over its parts."""
    found = list(_texts(part))
    return (len(found), *(sum(1 for t in found if t.has(lang)) for lang in TRANSLATIONS))


def coverage_of(parts: list[tuple[int, ...]]) -> tuple[Coverage, ...]:
    """``coverage`` from each part's ``counts``."""
    total = sum(part[0] for part in parts)
    return tuple(
        Coverage(lang, sum(part[i] for part in parts), total) for i, lang in enumerate(TRANSLATIONS, 1)
    )


def _coverage(all_texts: list[Any], has: Callable[[Any, str], bool]) -> tuple[Coverage, ...]:
    return tuple(
        Coverage(lang, sum(1 for t in all_texts if has(t, lang)), len(all_texts)) for lang in TRANSLATIONS
    )


def _raw_texts(value: object) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if isinstance(value.get("kk"), str) and set(value) <= set(LANGUAGES):
            yield value
            return
        for item in value.values():
            yield from _raw_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _raw_texts(item)


def raw_coverage(data: dict[str, Any]) -> tuple[Coverage, ...]:
    """``coverage`` of the raw data of any version (a text is a mapping of languages with kk)."""
    return _coverage(list(_raw_texts(data)), lambda text, lang: bool(text.get(lang)))
