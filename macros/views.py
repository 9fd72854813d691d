"""What each page template is handed: the data objects plus what is worked out for
them (bar lengths, pages of lots, the files the lot index's filters fetch), so
that templates only show it.
"""

from __future__ import annotations

import datetime as dt
import os
from urllib.parse import urlencode

from grants import formatting
from grants.charts import shares
from grants.model import Dataset, Group
from macros.strings import UI


def _bars(groups: tuple[Group, ...]) -> dict[str, float]:
    """Each group's total as a share of the largest, for the bar in its table row."""
    return shares((g.key, g.total) for g in groups)


def totals(dataset: Dataset, lang: str) -> dict:
    return {
        "dataset": dataset,
        "bars": {
            "year": _bars(dataset.by_year()),
            "sector": _bars(dataset.by_sector()),
            "type": _bars(dataset.by_grant_type()),
            "source": _bars(dataset.by_source()),
        },
    }


_EPOCH = dt.date(1, 1, 1)


def home(dataset: Dataset, lang: str, build_date: dt.date) -> dict:
    return {
        "dataset": dataset,
        "sources": home_sources(dataset),
        "source_count": len(dataset.sources),
        "open_count": len(dataset.open_lots(build_date)),
        "meanings": status_meanings(lang),
    }


def sectors(dataset: Dataset) -> dict:
    return {"dataset": dataset, "bars": _bars(dataset.by_sector())}


def sector(dataset: Dataset, group: Group, lang: str) -> dict:
    return {
        "dataset": dataset,
        "group": group,
        "lots": sector_lots(group),
        "bars": shares((str(y.year), y.amount) for y in group.by_year),
    }


def _schema_fields(schema: dict) -> list[tuple[str, str, str]]:
    """(path, title, description) of every field of the JSON Schema, in order, for the Downloads page."""
    defs = schema.get("$defs", {})
    rows: list[tuple[str, str, str]] = []

    def walk(node: dict, path: str, depth: int) -> None:
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


def downloads(dataset: Dataset, files: dict[str, bytes], lang: str = "en") -> dict:
    """The Downloads page's files and fields. The fields' titles and descriptions, and the
    names of the CSV's value types, are in ``lang`` from the ``schema`` catalog (the same
    words as the editors' schema, grants/schema_i18n.py); the files themselves stay English."""
    from grants.export import CSV_TYPES, csv_fields
    from grants.i18n import translations
    from grants.schema_i18n import TYPE_CONTEXT, translated
    from grants.validate import schema

    catalog = translations(lang, "schema")
    return {
        "dataset": dataset,
        "example": dataset.lots[0] if dataset.lots else None,
        "sizes": {name: len(content) for name, content in files.items()},
        "csv_fields": csv_fields(dataset, lang),
        "types": {kind: catalog.pgettext(TYPE_CONTEXT, kind) for kind in CSV_TYPES},
        "schema_fields": _schema_fields(translated(schema(), lang) if lang != "en" else schema()),
    }


# --- The lot index: a page of cards, paged static pages, and small files for the filters ---

#: Lots on each page of the index (the first at lots/, the others at lots/page/N/).
PER_PAGE = 50
#: Lots in each card fragment (lots/cards/K.json) that the filters fetch.
CARD_BLOCK = 20
#: Lots listed on a sector page; the rest are one link away in the filtered index.
SECTOR_LOTS = 50
#: Source cards on the home page, the latest first; all of them are in the totals.
HOME_SOURCES = 6


def lot_page_count(dataset: Dataset) -> int:
    return max(1, -(-len(dataset.lots) // PER_PAGE))


def lot_page_url(number: int) -> str:
    """The address of index page ``number`` inside a language's site."""
    return "lots/" if number == 1 else f"lots/page/{number}/"


def _counted(values) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return list(counts.items())


def lot_index(dataset: Dataset, lang: str, page: int = 1) -> dict:
    """One page of the index: its cards, the filter choices and the totals of all lots.

    The filters themselves run in the browser on ``filter_files``; without
    JavaScript the reader pages through ``pages`` static pages.
    """
    pages = lot_page_count(dataset)
    start = (page - 1) * PER_PAGE
    lots = dataset.lots[start : start + PER_PAGE]
    sector_counts = dict(_counted(lot.sector.id for lot in dataset.lots))
    status_counts = dict(_counted(lot.status for lot in dataset.lots))
    type_counts = dict(_counted(lot.grant_type for lot in dataset.lots))
    from grants.model import STATUSES

    group = formatting.group_symbol(lang)
    config = {
        "page": page,
        "pages": pages,
        "perPage": PER_PAGE,
        "block": CARD_BLOCK,
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
        "count": len(dataset.lots),
        "years": dataset.years,
        "totals": dataset.total_by_year(),
        "total": dataset.total,
        "sectors": [(s, sector_counts[s.id]) for s in dataset.sectors if s.id in sector_counts],
        "statuses": [(key, status_counts[key]) for key in STATUSES if key in status_counts],
        "grant_types": [(key, type_counts[key]) for key in dataset.grant_types],
        "page_urls": {n: lot_page_url(n) for n in {1, page - 1, page + 1, pages} if 1 <= n <= pages},
        "config": config,
        "pager_strings": {key: UI[f"index.{key}"].get(lang) for key in ("previous", "next")}
        | {"where": UI["index.page_of"].get(lang)},
    }


def lot_filter_data(dataset: Dataset) -> dict:
    """What the filters need of every lot, and no text: its sector, grant type, status,
    territory (as a number into ``territory_texts``) and money per year.

    At 10,000 lots this is a few hundred kilobytes before compression, fetched
    only when a reader first uses a filter; the cards come in blocks after it.
    """
    from grants.model import STATUSES

    years = dataset.years
    sectors = [s.id for s in dataset.sectors]
    types = list(dataset.grant_types)
    statuses = list(STATUSES)
    sector_at, type_at, status_at = (
        {key: i for i, key in enumerate(keys)} for keys in (sectors, types, statuses)
    )
    territory_index: dict[str, int] = {}
    rows = []
    for lot in dataset.lots:
        territory = territory_index.setdefault(lot.territory.kk, len(territory_index))
        amounts = [lot.amount_for(year) for year in years]
        rows.append(
            [sector_at[lot.sector.id], type_at[lot.grant_type], status_at[lot.status], territory, *amounts]
        )
    return {"years": list(years), "sectors": sectors, "types": types, "statuses": statuses, "lots": rows}


def territory_texts(dataset: Dataset) -> list[str]:
    """Each distinct territory once, in every language it is written in, so that a
    part typed in one language still finds the lot after a switch of language."""
    seen: dict[str, str] = {}
    for lot in dataset.lots:
        if lot.territory.kk not in seen:
            seen[lot.territory.kk] = " | ".join(
                dict.fromkeys(t for t in (lot.territory.kk, lot.territory.ru, lot.territory.en) if t)
            )
    return list(seen.values())


def card_blocks(dataset: Dataset) -> list[tuple[int, tuple]]:
    """The lots in blocks of ``CARD_BLOCK``: (block number, lots)."""
    lots = dataset.lots
    return [(k, lots[i : i + CARD_BLOCK]) for k, i in enumerate(range(0, len(lots), CARD_BLOCK))]


def sector_lots(group: Group) -> tuple:
    return group.lots[:SECTOR_LOTS]


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


def lot_page(lot, lang: str) -> dict:
    """What a lot page needs besides the lot: status meanings and where to report an error."""
    return {"meanings": status_meanings(lang), "report_url": report_url(lot.id)}
