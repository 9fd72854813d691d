"""How much of the data is translated: a coverage figure per language.

Kazakh is the authoritative text and every text has it; Russian and English
are optional, unofficial translations. The site shows the Kazakh original,
marked "not yet translated", where one is missing; this module counts them,
for the About page and the pull-request summary (``grants diff``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, NamedTuple

from grants.model import LANGUAGES, Dataset, Lot, Text
from grants.plausibility import translatable

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


def coverage(dataset: Dataset) -> tuple[Coverage, ...]:
    """For ru and en: how many of the dataset's texts (each once) have a translation."""
    return coverage_of([counts(part) for part in (*dataset.sources, *dataset.sectors, *dataset.lots)])


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


def raw_coverage(data: dict[str, Any]) -> tuple[Coverage, ...]:
    """``coverage`` of the raw data of any version (its texts as the validator finds them)."""
    found = [text for _, text in translatable(data)]
    return tuple(Coverage(lang, sum(1 for t in found if t.get(lang)), len(found)) for lang in TRANSLATIONS)
