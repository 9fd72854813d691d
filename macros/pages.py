"""The pages generated from the data: one per lot, the pages of each sector, the
further pages of the lot index and of Open now, and Changes; and the files the lot index's filters fetch.

Plain functions of the dataset (no MkDocs import), so that the same pages can
be written to disk by ``python -m macros.pages DIR [LANG]`` for a generator
that runs no MkDocs plugins (Zensical, see the README).

A page is finished HTML from the autoescaping renderer (``macros.render``) plus
its title, description and table of contents as plain values. In the MkDocs
build (``macros.plugin``) none of it is parsed again: no front matter is made
from data text, and the HTML never passes through Python-Markdown, so a text
such as ``[x](javascript:…)`` or ``{{ 7*7 }}`` stays text.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from markupsafe import Markup

from grants import formatting
from grants.history import History
from grants.model import Dataset
from macros import views
from macros.render import base_for, render, visible
from macros.strings import UI


@dataclass(frozen=True)
class Heading:
    id: str
    title: str  # plain text


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # relative to docs/, e.g. lots/taraz-2026-01.md
    url: str  # the page's address under its language's root, e.g. lots/taraz-2026-01/
    title: str  # plain text
    description: str  # plain text
    html: str  # the page body, rendered and escaped
    toc: tuple[Heading, ...] = ()
    #: What a link shared in a chat shows (Open Graph): plain text, per lot.
    share: dict[str, str] = field(default_factory=dict)

    def markdown(self) -> str:
        """The page as a Markdown file, for a generator that reads files from docs/.

        The front matter is YAML written by PyYAML, which quotes and escapes any
        character a YAML reader could trip on (control characters included),
        and the body is one HTML block, which Markdown leaves as it is.
        """
        import yaml  # only this path needs it

        meta = {"title": self.title, "description": self.description}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)
        return f'---\n{front}---\n\n<div class="grant-page" markdown="0">\n{self.html}\n</div>\n'


#: The h2 headings our templates write: <h2 id="problem">Мәселе</h2>. A regular
#: expression rather than an HTML parser: it reads only our own templates' output
#: (data text in it is escaped, so it holds no tag), and it is ~50× faster.
_H2 = re.compile(r'<h2 id="([\w-]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]*>")


def headings(body: str) -> tuple[Heading, ...]:
    """The page's h2 headings, for its table of contents."""
    return tuple(
        Heading(match[1], " ".join(html.unescape(_TAG.sub("", match[2])).split()))
        for match in _H2.finditer(body)
    )


def summary(text: str, limit: int = 200) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters."""
    text = " ".join(visible(text).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


class RenderMemo:
    """What one language's previous build rendered, for ``mkdocs serve``'s quick rebuilds
    (macros/serve.py): a page or file whose template is handed a context equal to the
    one it was rendered from is not rendered again (rendering is a function of the
    template and its context; a changed template makes the plugin start a new memo)."""

    def __init__(self) -> None:
        #: By (template, url, language): the rest of the context and the text rendered from it.
        self.before: dict[tuple[str, str, str], tuple[_Rest, str]] = {}
        self.now: dict[tuple[str, str, str], tuple[_Rest, str]] = {}

    def next_build(self) -> None:
        if self.now:
            self.before, self.now = self.now, {}

    def render(
        self,
        template: str,
        url: str,
        *,
        lang: str,
        base: str,
        root: str,
        build_date: dt.date,
        **context: object,
    ) -> str:
        """``macros.render.render``, or the text it gave for an equal context."""
        key = (template, url, lang)
        rest = (base, root, build_date, context)
        known = self.before.get(key) or self.now.get(key)
        if known is not None and known[0] == rest:
            text = known[1]
        else:
            text = render(template, lang=lang, base=base, root=root, build_date=build_date, **context)
        self.now[key] = (rest, text)
        return text


#: A rendered page's context besides its template, address and language.
_Rest = tuple[str, str, dt.date, dict[str, object]]


def _renderer(lang: str, build_date: dt.date, root_up: str, memo: RenderMemo | None) -> Callable[..., str]:
    """``body(template, url, **context)``: a page's text, rendered for its place in the site."""

    def body(template: str, url: str, **context: object) -> str:
        base = base_for(url)
        root = base + root_up
        if memo is not None:
            return memo.render(
                template, url, lang=lang, base=base, root=root, build_date=build_date, **context
            )
        return render(template, lang=lang, base=base, root=root, build_date=build_date, **context)

    return body


def generate(
    dataset: Dataset,
    lang: str,
    build_date: dt.date,
    history: History,
    *,
    root_up: str = "",
    reuse: Mapping[str, GeneratedPage] | None = None,
    memo: RenderMemo | None = None,
) -> list[GeneratedPage]:
    """Every generated page; ``root_up`` leads from a language's root to the site's root.

    For ``mkdocs serve``'s quick rebuilds (macros/serve.py): ``reuse`` gives, by
    lot id, a lot page made by the previous build from an equal lot (same lot,
    last change, language and build date), kept as it is; ``memo`` keeps the
    other pages whose context did not change.
    """
    reuse = reuse or {}
    body = _renderer(lang, build_date, root_up, memo)

    pages = []
    for lot in dataset.lots:
        if lot.id in reuse:
            pages.append(reuse[lot.id])
            continue
        url = f"lots/{lot.id}/"
        text = body(
            "lot.html",
            url,
            lot=lot,
            last_change=history.last_change(lot.id),
            history_unavailable=history.unavailable,
            **views.lot_page(lot, lang),
        )
        title = f"{lot.number}. {summary(lot.priority.get(lang), 90)}"
        share = {  # the lot's money and sector first: what a chat preview shows of a grant
            "title": title,
            "description": f"{formatting.money(lot.total, lang)} · {summary(lot.sector.name.get(lang), 80)}"
            f" — {summary(lot.problem.get(lang), 140)}",
            "type": "article",
        }
        description = summary(lot.problem.get(lang))
        pages.append(GeneratedPage(f"lots/{lot.id}.md", url, title, description, text, headings(text), share))
    for group in dataset.by_sector():
        name = summary(group.item.name.get(lang), 90)
        for number in range(1, views.page_count(group.count, views.SECTOR_LOTS) + 1):
            url = views.sector_page_url(group.key, number)
            context = views.sector(dataset, group, lang, number)
            text = body("sector.html", url, **context)
            path = f"sectors/{group.key}.md" if number == 1 else f"{url.rstrip('/')}.md"
            title = name if number == 1 else f"{name}: {context['paging']['where']}"
            pages.append(GeneratedPage(path, url, title, "", text, headings(text)))
    open_title = UI["open.title"].get(lang)
    open_count = len(dataset.open_lots(build_date))
    for number in range(2, views.page_count(open_count, views.OPEN_LOTS) + 1):  # open/ is docs/LANG/open.md
        url = views.open_page_url(number)
        context = views.open_now(dataset, lang, build_date, number)
        text = body("open.html", url, **context)
        title = f"{open_title}: {context['paging']['where']}"
        pages.append(GeneratedPage(f"{url.rstrip('/')}.md", url, title, "", text))
    by_source = UI["totals.by_source"].get(lang)
    bars = views.totals(dataset, lang)["bars"]["source"]
    for number in range(2, views.page_count(len(dataset.sources), views.SOURCES_PER_PAGE) + 1):
        url = views.source_page_url(number)
        context = views.source_totals(dataset, lang, number)
        text = body("totals_sources.html", url, dataset=dataset, bars=bars, **context)
        title = f"{by_source}: {context['source_paging']['where']}"
        pages.append(GeneratedPage(f"{url.rstrip('/')}.md", url, title, "", text))
    caption = UI["index.caption"].get(lang)
    index_totals = views.index_totals(dataset)
    for number in range(2, views.lot_page_count(dataset) + 1):  # the lot index after its first page
        url = views.lot_page_url(number)
        context = views.lot_index(dataset, lang, number, index_totals)
        cards = Markup(body("_card_list.html", url, lots=context["lots"]).rstrip("\n"))
        text = body("lot_index.html", url, cards=cards, **context)
        pages.append(GeneratedPage(f"{url.rstrip('/')}.md", url, f"{caption}: {context['where']}", "", text))
    text = body("changes.html", "changes/", history=history, limit=views.CHANGE_LOTS)
    pages.append(
        GeneratedPage("changes.md", "changes/", UI["changes.title"].get(lang), "", text, headings(text))
    )
    return pages


#: The lot index's side files are fetched by phones: JSON without spaces.
_compact = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


def data_files(dataset: Dataset) -> dict[str, str]:
    """The files of ``files`` that are the same in every language (no words, only numbers):
    lots/filters.json, lots/places/X.json and lots/amounts/K.json."""
    places = views.place_files(dataset)
    out = {"lots/filters.json": _compact(views.lot_filter_data(dataset, places))}
    for key, words in places.items():
        out[f"lots/places/{key}.json"] = _compact(words)
    for block, amounts in views.amount_blocks(dataset):
        out[f"lots/amounts/{block}.json"] = _compact(amounts)
    return out


def files(
    dataset: Dataset,
    lang: str,
    build_date: dt.date,
    *,
    root_up: str = "",
    memo: RenderMemo | None = None,
    same_in_all: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The files the lot index's filters fetch, by path inside the language's site:
    lots/filters.json, the territory filter's lots/places/X.json and lots/amounts/K.json,
    and the card blocks lots/cards/K.json (see macros/views.py). Written as they are,
    not as pages. ``same_in_all``: ``data_files(dataset)``, when made already for another
    language."""
    body = _renderer(lang, build_date, root_up, memo)

    out = dict(same_in_all if same_in_all is not None else data_files(dataset))
    for block, lots in views.card_blocks(dataset):
        url = f"lots/cards/{block}.json"
        out[url] = _compact({"html": body("lot_cards.html", url, lots=lots)})
    return out


def escaped(text: str) -> str:
    """``text`` for a place in Material's templates that prints it without escaping."""
    return html.escape(visible(text), quote=True)


def main(argv: list[str]) -> None:
    """``python -m macros.pages [DIR [LANG]]``: write the generated pages as Markdown files."""
    from pathlib import Path

    from grants import load_dataset
    from grants.history import read

    out = Path(argv[0] if argv else "docs/kk")  # the Kazakh pages; give docs/ru ru, docs/en en
    lang = argv[1] if len(argv) > 1 else "kk"
    for page in generate(load_dataset(), lang, dt.date.today(), read()):
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown(), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - a convenience for non-MkDocs builders
    import sys

    main(sys.argv[1:])
