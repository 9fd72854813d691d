"""The pages generated from the data: one per lot, one per sector, and Changes.

Plain functions of the dataset, so that the same pages can be written to disk
by ``python -m macros.pages DIR`` for a generator that runs no MkDocs hooks
(Zensical, see the README).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass

from grants.history import History
from grants.model import Dataset
from macros import views
from macros.render import render
from macros.state import base_for
from macros.strings import UI


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # relative to docs/, e.g. lots/taraz-2026-01.md
    markdown: str


def _front_matter(**meta: str) -> str:
    # Titles end up unescaped in some of Material's templates (the header
    # topic), so any markup in data text is neutralised (html.escape) before it
    # gets here. Each value is written as a JSON string, which YAML reads as it
    # is, ten times faster than yaml.safe_dump.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _summary(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def generate(
    dataset: Dataset, lang: str, build_date: dt.date, history: History, *, root_up: str = ""
) -> list[GeneratedPage]:
    """Every generated page; ``root_up`` leads from a language's root to the site's root."""

    def body(template: str, url: str, **context: object) -> str:
        base = base_for(url)
        return render(template, lang=lang, base=base, root=base + root_up, build_date=build_date, **context)

    pages = []
    for lot in dataset.lots:
        markdown = body(
            "lot.html",
            f"lots/{lot.id}/",
            lot=lot,
            last_change=history.last_change(lot.id),
            history_unavailable=history.unavailable,
        )
        meta = {
            "title": html.escape(f"{lot.number}. {_summary(lot.priority.get(lang), 90)}", quote=True),
            "description": html.escape(_summary(lot.problem.get(lang)), quote=True),
            "lot": lot.id,
        }
        pages.append(GeneratedPage(f"lots/{lot.id}.md", _front_matter(**meta) + markdown))
    for group in dataset.by_sector():
        markdown = body("sector.html", f"sectors/{group.key}/", **views.sector(dataset, group, lang))
        meta = {"title": html.escape(_summary(group.item.name.get(lang), 90), quote=True)}
        pages.append(GeneratedPage(f"sectors/{group.key}.md", _front_matter(**meta) + markdown))
    markdown = body("changes.html", "changes/", history=history)
    pages.append(GeneratedPage("changes.md", _front_matter(title=UI["changes.title"].get(lang)) + markdown))
    return pages


if __name__ == "__main__":  # pragma: no cover - a convenience for non-MkDocs builders
    import sys
    from pathlib import Path

    from grants import load_dataset

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    lang_arg = sys.argv[2] if len(sys.argv) > 2 else "kk"
    from grants.history import read

    for page in generate(load_dataset(), lang_arg, dt.date.today(), read()):
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
