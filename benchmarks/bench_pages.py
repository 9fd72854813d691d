"""How big the pages that list lots are, for many lots: the lot index, a sector
page, the home page, Downloads, totals, Open now (every lot open: its worst
case), Changes (one import of every lot) and a lot page, and the files the
index's filters fetch.

For each size (1,000 and 10,000 lots by default) this writes a synthetic grants
file with ``write_dataset`` from benchmarks/bench_data.py and renders each
page's body with the site's own templates (macros/views.py, macros/render.py),
in Kazakh, Russian and English, without running MkDocs. A page as served adds
Material's header, navigation and footer, the same few kilobytes whatever the
data; ``--site DIR`` adds the served size of DIR/lots/index.html from a real
build for comparison. Sizes are printed raw and gzipped (level 6, as web
servers send them), with the ratio against the 1,000-lot figure: a page that
does not grow with the data stays near 1.0.

Targets: every page body at most 200 KB and 50 KB gzipped at 10,000 lots, and
every file a filter fetches likewise ("all … together" lines are totals, never
fetched at once). Exit status 1 when one is missed.

    .venv/bin/python benchmarks/bench_pages.py [--sizes 1000 10000] [--site DIR]
    .venv/bin/python benchmarks/bench_pages.py --parts SITE   # what takes the space in a built site
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_data import write_dataset  # noqa: E402

import grants  # noqa: E402
from macros import views  # noqa: E402
from macros.render import render  # noqa: E402

LANGS = ("kk", "ru", "en")
TARGET_RAW, TARGET_GZIP = 200_000, 50_000


def sizes_of(content: str | bytes) -> tuple[int, int]:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return len(data), len(gzip.compress(data, compresslevel=6))


def all_open(dataset, day: dt.date):
    """The worst case of the Open now page: the same data with every lot accepting
    applications on ``day`` (the synthetic lots carry no application window)."""
    from dataclasses import replace

    from grants.model import ApplicationWindow

    lots = tuple(
        replace(
            lot, status="open", application_window=ApplicationWindow(day, day + dt.timedelta(days=1 + i % 60))
        )
        for i, lot in enumerate(dataset.lots)
    )
    return replace(dataset, lots=lots, _lots_by_id={}, _memo={})


def one_import(dataset, day: dt.date):
    """A history of one change that added every lot, as the first import of a whole list does."""
    from grants.diff import DataDiff, LotRef
    from grants.history import Change, History

    added = tuple(LotRef(lot.id, lot.number, lot.priority, lot.source.id) for lot in dataset.lots)
    totals = {t.year: t.amount for t in dataset.total_by_year()}
    diff = DataDiff(added, (), (), dict.fromkeys(totals, 0), totals, ())
    when = dt.datetime.combine(day, dt.time(12), dt.UTC)
    return History((Change("0" * 40, when, diff),))


def bodies(dataset, lang: str) -> dict[str, str]:
    """Each listing page's body and the filter files, rendered as the build renders them."""
    day = dt.date(2026, 11, 24)

    def body(template: str, base: str, **context) -> str:
        return render(template, lang=lang, base=base, root=base, build_date=day, **context)

    group = max(dataset.by_sector(), key=lambda g: g.count)
    lot = dataset.lots[0]
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    first_block = views.card_blocks(dataset)[0][1]
    places = [json.dumps(words, **compact) for words in views.place_files(dataset).values()]
    amounts = [json.dumps(rows, **compact) for _, rows in views.amount_blocks(dataset)]
    return {
        "lot index (lots/)": body("lot_index.html", "../", **views.lot_index(dataset, lang)),
        "index page 2 (lots/page/2/)": body(
            "lot_index.html", "../../../", **views.lot_index(dataset, lang, 2)
        ),
        "largest sector page": body("sector.html", "../../", **views.sector(dataset, group, lang)),
        "home page": body("home.html", "", **views.home(dataset, lang, day)),
        "Downloads page": body(
            "downloads.html", "../", **views.downloads(dataset, {"grants.csv": b"", "grants.json": b""}, lang)
        ),
        "totals page": body("totals.html", "../", **views.totals(dataset, lang)),
        "Open now, every lot open (open/)": body(
            "open.html", "../", **views.open_now(all_open(dataset, day), lang, day)
        ),
        "Changes (one import of every lot)": body(
            "changes.html", "../", history=one_import(dataset, day), limit=views.CHANGE_LOTS
        ),
        "a lot page": body(
            "lot.html",
            "../../",
            lot=lot,
            last_change=None,
            history_unavailable=None,
            **views.lot_page(lot, lang),
        ),
        "lots/filters.json (on first filter)": json.dumps(views.lot_filter_data(dataset), **compact),
        "largest lots/places/X.json (a typed word)": max(places, key=len),
        "all lots/places/*.json together": "".join(places),
        "one lots/amounts/K.json (territory totals)": amounts[0],
        "all lots/amounts/*.json together": "".join(amounts),
        "one card block lots/cards/K.json": body("lot_cards.html", "../../", lots=first_block),
    }


#: Folders of a language's site that are parts of their own in ``parts``.
_PARTS = {"cards": "lots/cards", "page": "lots/page", "places": "lots/places", "amounts": "lots/amounts"}


def parts(site: Path) -> dict[str, dict[str, int]]:
    """What takes the space in a built site: bytes of its files (as GitHub Pages counts them,
    without the folders) by part and language."""
    import os

    out: dict[str, dict[str, int]] = {}
    for folder, _, names in os.walk(site):
        bits = Path(folder).relative_to(site).parts
        lang = "kk"
        if bits and bits[0] in LANGS[1:]:
            lang, bits = bits[0], bits[1:]
        for name in names:
            size = os.stat(os.path.join(folder, name)).st_size
            top = bits[0] if bits else name
            if top == "lots" and len(bits) >= 2:
                part = _PARTS.get(bits[1], "lots/<id>/ pages")
            elif top == "data":
                part = "data/lots/*.json" if len(bits) > 1 and bits[1] == "lots" else f"data/{name}"
            elif top == "sources":
                part = "sources/<id>/ (document lines)"
            elif not bits and name.endswith(".txt") and name != "robots.txt":
                part = "source documents (.txt)"
            elif top in ("pagefind", "assets", "sectors", "totals", "open", "changes"):
                part = top
            else:
                part = "other pages and files"
            out.setdefault(part, {}).setdefault(lang, 0)
            out[part][lang] += size
    return out


def print_parts(site: Path) -> None:
    table = parts(site)
    total = sum(sum(v.values()) for v in table.values())
    print(f"\n{site}: {total / 1e6:,.1f} MB of files (GitHub Pages publishes at most 1 GB)")
    for part, by_lang in sorted(table.items(), key=lambda item: -sum(item[1].values())):
        langs = " ".join(f"{lang} {by_lang[lang] / 1e6:.1f}" for lang in LANGS if lang in by_lang)
        print(f"  {part:34} {sum(by_lang.values()) / 1e6:9.1f} MB  ({langs})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--site", type=Path, help="a built site whose lots/index.html to measure as served")
    parser.add_argument("--parts", type=Path, help="only print what takes the space in this built site")
    args = parser.parse_args(argv)
    if args.parts:
        print_parts(args.parts)
        return 0
    baseline: dict[tuple[str, str], int] = {}
    missed = []
    with tempfile.TemporaryDirectory(prefix="grants-pages-") as folder:
        for n in args.sizes:
            path = Path(folder) / f"lots-{n}.yaml"
            write_dataset(path, n)
            dataset = grants.load_dataset(path)
            print(f"\n{n:,} lots")
            print(f"  {'':42} {'lang':4} {'raw KB':>9} {'gzip KB':>9} {'gzip vs first size':>19}")
            for lang in LANGS:
                for name, content in bodies(dataset, lang).items():
                    raw, packed = sizes_of(content)
                    ratio = packed / baseline.setdefault((name, lang), packed)
                    print(f"  {name:42} {lang:4} {raw / 1000:9.1f} {packed / 1000:9.1f} {ratio:18.2f}×")
                    whole = name.startswith("all ")  # never fetched at once
                    if not whole and (raw > TARGET_RAW or packed > TARGET_GZIP):
                        missed.append(f"{name} ({lang}) at {n:,} lots: {raw:,} B, {packed:,} B gzipped")
    if args.site:
        raw, packed = sizes_of((args.site / "lots" / "index.html").read_bytes())
        print(f"\n{args.site}/lots/index.html as served: {raw / 1000:.1f} KB, {packed / 1000:.1f} KB gzipped")
    print(
        f"\ntargets: each page body <= {TARGET_RAW / 1000:.0f} KB and <= {TARGET_GZIP / 1000:.0f} KB gzipped"
    )
    for line in missed:
        print(f"MISSED: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
