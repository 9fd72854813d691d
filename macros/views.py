"""What each page template is handed: the data objects plus what is worked out for
them (bar lengths, pages of lots, the files the lot index's filters fetch), so
that templates only show it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise
from typing import Any
from urllib.parse import urlencode

from grants import formatting
from grants.charts import shares
from grants.model import Dataset, Group, Lot
from macros.strings import UI

#: What a template is handed: names to values of any kind, read by Jinja, not by Python.
Context = dict[str, Any]


def _bars(groups: tuple[Group, ...]) -> dict[str, float]:
    """Each group's total as a share of the largest, for the bar in its table row."""
    return shares((g.key, g.total) for g in groups)


def totals(dataset: Dataset, lang: str) -> Context:
    """The totals page: by year, sector and grant type, and the first page of sources."""
    return {
        "dataset": dataset,
        "bars": {
            "year": _bars(dataset.by_year()),
            "sector": _bars(dataset.by_sector()),
            "type": _bars(dataset.by_grant_type()),
            "source": _bars(dataset.by_source()),
        },
        **source_totals(dataset, lang, 1),
    }


def source_totals(dataset: Dataset, lang: str, page: int) -> Context:
    """One page of the totals by source (a national site has hundreds of published lists)."""
    groups = dataset.by_source()
    pages = paging(len(groups), page, SOURCES_PER_PAGE, source_page_url, lang)
    return {"sources": groups[pages["start"] : pages["stop"]], "source_paging": pages}


def source_page_url(number: int) -> str:
    return "totals/#by-source" if number == 1 else f"totals/sources/page/{number}/"


_EPOCH = dt.date(1, 1, 1)


def home(dataset: Dataset, lang: str, build_date: dt.date) -> Context:
    return {
        "dataset": dataset,
        "sources": home_sources(dataset),
        "source_count": len(dataset.sources),
        "open_count": len(dataset.open_lots(build_date)),
        "meanings": status_meanings(lang),
    }


def sectors(dataset: Dataset) -> Context:
    return {"dataset": dataset, "bars": _bars(dataset.by_sector())}


def sector(dataset: Dataset, group: Group, lang: str, page: int = 1) -> Context:
    """One page of a sector: its money per year and a page of its lots (the rest on
    sectors/ID/page/N/, so that every lot is reached without JavaScript)."""
    pages = paging(group.count, page, SECTOR_LOTS, lambda n: sector_page_url(group.key, n), lang)
    return {
        "dataset": dataset,
        "group": group,
        "lots": group.lots[pages["start"] : pages["stop"]],
        "paging": pages,
        "bars": shares((str(y.year), y.amount) for y in group.by_year),
    }


def sector_page_url(sector_id: str, number: int) -> str:
    return f"sectors/{sector_id}/" if number == 1 else f"sectors/{sector_id}/page/{number}/"


def open_now(dataset: Dataset, lang: str, build_date: dt.date, page: int = 1) -> Context:
    """One page of the lots open on the build date, the nearest deadline first."""
    lots = dataset.open_lots(build_date)
    pages = paging(len(lots), page, OPEN_LOTS, open_page_url, lang)
    return {"lots": lots[pages["start"] : pages["stop"]], "count": len(lots), "paging": pages}


def open_page_url(number: int) -> str:
    return "open/" if number == 1 else f"open/page/{number}/"


def page_count(count: int, per_page: int) -> int:
    return max(1, -(-count // per_page))


def paging(count: int, page: int, per_page: int, url_of: Callable[[int], str], lang: str) -> Context:
    """Where page ``page`` of a list of ``count`` items is: its slice (start, stop), the
    number of pages, the addresses of the pages its pager links (``url_of(n)``, inside
    the language's site), "Page 2 of 7" and "Lots 51–100 of 320" in ``lang``."""
    pages = page_count(count, per_page)
    start = (page - 1) * per_page
    stop = min(count, start + per_page)
    return {
        "page": page,
        "pages": pages,
        "start": start,
        "stop": stop,
        "urls": {n: url_of(n) for n in {1, page - 1, page + 1, pages} if 1 <= n <= pages},
        "where": UI["index.page_of"].get(lang).format(page=page, pages=pages),
        "range_text": UI["index.range"]
        .get(lang)
        .format(
            first=formatting.number(start + 1, lang),
            last=formatting.number(stop, lang),
            count=formatting.number(count, lang),
        ),
    }


def _schema_fields(schema: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(path, title, description) of every field of the JSON Schema, in order, for the Downloads page."""
    defs = schema.get("$defs", {})
    rows: list[tuple[str, str, str]] = []

    def walk(node: dict[str, Any], path: str, depth: int) -> None:
        if "$ref" in node:
            target = defs[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        if path and (node.get("title") or node.get("description")):  # not a list's bare numbers
            rows.append((path, node.get("title", ""), node.get("description", "")))
        if depth > 6 or path.endswith((".kk", ".ru", ".en")):
            return
        if node.get("properties") and node.get("$id") is None and "kk" in node["properties"] and path:
            return  # a text in several languages: explained once under its own heading
        for name, sub in node.get("properties", {}).items():
            walk(sub, f"{path}.{name}" if path else name, depth + 1)
        if "items" in node:
            walk(node["items"], f"{path}[]", depth + 1)

    walk(schema, "", 0)
    return rows


def downloads(dataset: Dataset, sizes: Mapping[str, int], lang: str = "en") -> Context:
    """The Downloads page's files and fields. The fields' titles and descriptions, and the
    names of the CSV's value types, are in ``lang`` from the ``schema`` catalog (the same
    words as the editors' schema, grants/schema_i18n.py); the files themselves stay English."""
    from grants.export import csv_fields, csv_types
    from grants.i18n import translations
    from grants.schema_i18n import TYPE_CONTEXT, translated
    from grants.validate import schema

    catalog = translations(lang, "schema")
    return {
        "dataset": dataset,
        "example": dataset.lots[0] if dataset.lots else None,
        "sizes": dict(sizes),  # each download's size in bytes, by its path inside data/
        "csv_fields": csv_fields(dataset, lang),
        "types": {kind: catalog.pgettext(TYPE_CONTEXT, kind) for kind in csv_types()},
        "schema_fields": _schema_fields(translated(schema(), lang) if lang != "en" else schema()),
    }


# --- The lot index: a page of cards, paged static pages, and small files for the filters ---

#: Lots on each page of the index (the first at lots/, the others at lots/page/N/).
PER_PAGE = 50
#: Lots in each card fragment (lots/cards/K.json) that the filters fetch.
CARD_BLOCK = 20
#: Lots in each block of money per year (lots/amounts/K.json) that the territory filter fetches.
AMOUNT_BLOCK = 1000
#: Lots on each page of a sector (sectors/ID/, then sectors/ID/page/N/).
SECTOR_LOTS = 50
#: Lots on each page of Open now (open/, then open/page/N/).
OPEN_LOTS = 50
#: Lots named in each list of a change on the Changes page (an import adds hundreds).
CHANGE_LOTS = 20
#: Sources in each page of the totals by source (totals/, then totals/sources/page/N/).
SOURCES_PER_PAGE = 50
#: Source cards on the home page, the latest first; all of them are in the totals.
HOME_SOURCES = 6


def lot_page_count(dataset: Dataset) -> int:
    return max(1, -(-len(dataset.lots) // PER_PAGE))


def lot_page_url(number: int) -> str:
    """The address of index page ``number`` inside a language's site."""
    return "lots/" if number == 1 else f"lots/page/{number}/"


def _counted(values: Iterable[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return list(counts.items())


def index_totals(dataset: Dataset) -> Context:
    """What every page of the lot index shows of all lots (the filter choices with their
    counts, the totals): worked out once for all its pages (``lot_index``'s ``totals``)."""
    from grants.model import STATUSES

    sector_counts = dict(_counted(lot.sector.id for lot in dataset.lots))
    status_counts = dict(_counted(lot.status for lot in dataset.lots))
    type_counts = dict(_counted(lot.grant_type for lot in dataset.lots))
    return {
        "count": len(dataset.lots),
        "years": dataset.years,
        "totals": dataset.total_by_year(),
        "total": dataset.total,
        "sectors": [(s, sector_counts[s.id]) for s in dataset.sectors if s.id in sector_counts],
        "statuses": [(key, status_counts[key]) for key in STATUSES if key in status_counts],
        "grant_types": [(key, type_counts[key]) for key in dataset.grant_types],
    }


def lot_index(dataset: Dataset, lang: str, page: int = 1, totals: Context | None = None) -> Context:
    """One page of the index: its cards, the filter choices and the totals of all lots
    (``totals``: ``index_totals(dataset)``, made here when not given).

    The filters themselves run in the browser on ``filter_files``; without
    JavaScript the reader pages through ``pages`` static pages.
    """
    whole = totals if totals is not None else index_totals(dataset)
    pages = lot_page_count(dataset)
    start = (page - 1) * PER_PAGE
    lots = dataset.lots[start : start + PER_PAGE]
    group = formatting.group_symbol(lang)
    config = {
        "page": page,
        "pages": pages,
        "perPage": PER_PAGE,
        "block": CARD_BLOCK,
        "amountBlock": AMOUNT_BLOCK,
        "count": len(dataset.lots),
        "money": {"pattern": formatting.money_pattern(lang), "group": group},
    }
    return {
        "lots": lots,
        "page": page,
        "pages": pages,
        "where": UI["index.page_of"].get(lang).format(page=page, pages=pages),
        "range_text": UI["index.range"]
        .get(lang)
        .format(
            first=formatting.number(start + 1, lang),
            last=formatting.number(start + len(lots), lang),
            count=formatting.number(len(dataset.lots), lang),
        ),
        **whole,
        "page_urls": {n: lot_page_url(n) for n in {1, page - 1, page + 1, pages} if 1 <= n <= pages},
        "config": config,
        "pager_strings": {key: UI[f"index.{key}"].get(lang) for key in ("previous", "next")}
        | {"where": UI["index.page_of"].get(lang)},
    }


def lot_filter_data(dataset: Dataset, places: Mapping[str, object] | None = None) -> dict[str, Any]:
    """What the sector, grant type, status and year filters need (lots/filters.json), and
    no text: the distinct kinds of lot (``groups``: sector, type, status, the years it is
    funded as bits of ``mask``, how many lots, their money per year) and each lot's kind
    (``lots``), and which files of the territory index exist (``places``). The totals of
    any choice of these four filters are sums of groups, so no lot's money is in it: a
    few kilobytes at 10,000 lots.
    """
    from grants.model import STATUSES

    years = dataset.years
    sectors = [s.id for s in dataset.sectors]
    types = list(dataset.grant_types)
    statuses = list(STATUSES)
    sector_at, type_at, status_at = (
        {key: i for i, key in enumerate(keys)} for keys in (sectors, types, statuses)
    )
    kind_at: dict[tuple[int, int, int, int], int] = {}
    groups: list[list[int]] = []
    lots = []
    for lot in dataset.lots:
        amounts = [lot.amount_for(year) for year in years]
        mask = sum(1 << y for y, amount in enumerate(amounts) if amount > 0)
        key = (sector_at[lot.sector.id], type_at[lot.grant_type], status_at[lot.status], mask)
        if key not in kind_at:
            kind_at[key] = len(groups)
            groups.append([*key, 0, *(0 for _ in years)])
        group = groups[kind_at[key]]
        group[4] += 1
        for y, amount in enumerate(amounts):
            group[5 + y] += amount
        lots.append(kind_at[key])
    return {
        "years": list(years),
        "sectors": sectors,
        "types": types,
        "statuses": statuses,
        "groups": groups,
        "lots": lots,
        # The territory index's files (no request that fails); ``places``: place_files(dataset).
        "places": sorted(places if places is not None else place_files(dataset)),
    }


def place_words(text: str) -> list[str]:
    """A territory's words as the territory filter compares them: lower case, split at
    spaces (grants.js does the same: toLowerCase, split at white space)."""
    return text.lower().split()


def place_files(dataset: Dataset) -> dict[str, dict[str, list[int]]]:
    """The territory filter's index, split by a word's first letter so that a typed word
    fetches one small file: lots/places/<hex code of the letter>.json maps each word of
    a territory (in every language it is written in, so that a part typed in one
    language still finds the lot after a switch of language) to the lots whose
    territory has it, as gaps between ascending lot numbers. A typed word finds the
    words it begins (``Тараз`` finds ``Таразда``)."""
    lots_of: dict[str, list[int]] = {}
    for i, lot in enumerate(dataset.lots):
        words = {
            w for t in (lot.territory.kk, lot.territory.ru, lot.territory.en) if t for w in place_words(t)
        }
        for word in words:
            lots_of.setdefault(word, []).append(i)
    files: dict[str, dict[str, list[int]]] = {}
    for word in sorted(lots_of):
        numbers = lots_of[word]
        gaps = [numbers[0], *(b - a for a, b in pairwise(numbers))]
        files.setdefault(f"{ord(word[0]):x}", {})[word] = gaps
    return files


def amount_blocks(dataset: Dataset) -> list[tuple[int, list[int | list[int]]]]:
    """Each lot's money per year, in blocks of ``AMOUNT_BLOCK`` lots (lots/amounts/K.json),
    fetched only for the totals of a territory filter, and only the blocks of the lots
    found: a lot funded the same amount in each of its years is that one number, any
    other the list of its amounts per year."""
    years = dataset.years
    out = []
    for k, start in enumerate(range(0, len(dataset.lots), AMOUNT_BLOCK)):
        rows: list[int | list[int]] = []
        for lot in dataset.lots[start : start + AMOUNT_BLOCK]:
            amounts = [lot.amount_for(year) for year in years]
            funded = {a for a in amounts if a > 0}
            rows.append(funded.pop() if len(funded) == 1 else amounts)
        out.append((k, rows))
    return out


def card_blocks(dataset: Dataset) -> list[tuple[int, tuple[Lot, ...]]]:
    """The lots in blocks of ``CARD_BLOCK``: (block number, lots)."""
    lots = dataset.lots
    return [(k, lots[i : i + CARD_BLOCK]) for k, i in enumerate(range(0, len(lots), CARD_BLOCK))]


def home_sources(dataset: Dataset) -> tuple[Group, ...]:
    """The latest published lists (by publication date, then the order of the file)."""
    groups = list(dataset.by_source())
    order = {g.key: i for i, g in enumerate(groups)}
    groups.sort(key=lambda g: (g.item.published or _EPOCH, order[g.key]), reverse=True)
    return tuple(groups[:HOME_SOURCES])


# --- How to apply, and reporting an error ---

#: What each status means, by key of its interface string.
STATUS_MEANINGS = {
    "planned": "status.planned.means",
    "open": "status.open.means",
    "evaluation": "status.evaluation.means",
    "awarded": "status.awarded.means",
    "in_progress": "status.in_progress.means",
    "completed": "status.completed.means",
    "cancelled": "status.cancelled.means",
}


def status_meanings(lang: str) -> list[tuple[str, str]]:
    """(status, what it means) for every status, in the order of a lot's life."""
    from grants.model import STATUSES

    return [(key, UI[STATUS_MEANINGS[key]].get(lang)) for key in STATUSES]


def repository_url() -> str | None:
    """The public repository's address: ``GRANTS_REPOSITORY_URL``, else the one GitHub
    Actions names (``GITHUB_SERVER_URL``/``GITHUB_REPOSITORY``); None on a local build."""
    explicit = os.environ.get("GRANTS_REPOSITORY_URL")
    if explicit:
        return explicit.rstrip("/")
    repository = os.environ.get("GITHUB_REPOSITORY")
    if repository:
        return f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com').rstrip('/')}/{repository}"
    return None


def report_url(lot_id: str | None = None) -> str | None:
    """The repository's error-report issue form (.github/ISSUE_TEMPLATE/report-error.yml),
    with the lot filled in; None when the repository is not known."""
    repository = repository_url()
    if repository is None:
        return None
    query = {"template": "report-error.yml"}
    if lot_id:
        query |= {"lot": lot_id, "title": f"Error in lot: {lot_id}"}
    return f"{repository}/issues/new?{urlencode(query)}"


def lot_page(lot: Lot, lang: str) -> Context:
    """What a lot page needs besides the lot: status meanings and where to report an error."""
    return {"meanings": status_meanings(lang), "report_url": report_url(lot.id)}
