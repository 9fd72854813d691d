"""How long the whole site takes to build for many lots, beside a plain Material site.

For each size (1,000 and 5,000 lots by default) this writes a synthetic grants
file with ``write_dataset`` from benchmarks/bench_data.py, then builds:

- ours: the real site, ``python -m mkdocs build -f mkdocs.yml -d SITE`` with
  ``GRANTS_DATA`` pointing at the file. One process builds Kazakh at the root,
  then Russian and English into SITE/ru and SITE/en (the grants plugin,
  macros/plugin.py, from the data read once), so N lots give 3×N lot pages,
  plus the sector pages and the hand-written ones.
- plain: a plain Material site with as many pages, built the same way: three
  configs (kk, ru, en; ru and en INHERIT the first) of N pages each, written
  from the same lots as Markdown (headings, paragraphs, tables and lists of the
  same texts), plus the pages ours has besides its lots, in the same places: the
  eight pages of the nav (home, the lot index, open lots, totals, sectors,
  downloads, changes, about), the lot index's further pages (tables of 50 lots,
  as ours pages its cards) and a page per sector (a table of its first 50
  lots). ``theme: material`` configured as ours is (``font: false``, the logo
  icon, the same features and colour palette, so Material renders the same
  header, nav and footer on every page), the search plugin, the same Markdown
  extensions, the same nav and ``not_in_nav``. Its only hook builds ru and en
  after kk in the same process, as ours does; no macros, no custom templates, no
  data. Ours also builds into a staging folder and swaps it in; plain writes in
  place.

Each build runs in a fresh child (``python -m mkdocs`` run by a tiny wrapper)
that reports its CPU time with its children's and the peak resident memory of
the whole tree (its own peak plus the largest child's, an upper bound; the
builds are single processes, children are only git); this parent stays small,
because Linux carries a parent's resident high-water mark into its children. Wall
seconds are the child's whole life, from start-up to the last file written.
The real data file's git history is not read (the synthetic file is outside the
repository), so the Changes page and "last changed" are empty.

Targets: 1,000 lots in under 10 s; roughly linear growth (the 5,000-lot time
under 6× the 1,000-lot time); at most 1.1× the plain site's CPU time and wall
time; at 10,000 lots, the site under 1 GB (GitHub Pages) and the build's whole
process tree under 1.5 GB (``tree peak``: benchmarks/tree_memory.py). Exit
status 1 when one is missed.

Where the bytes and the memory go at 10,000 lots (measured 2026-12-06; parts by
``bench_pages.py --parts SITE``; plain Material's site is 1.33 GB, 0.54 GB of it
its lunr index, its lot page 23.2 KB, 6.0 KB gzip):

- before (main at 6fb593f): 1.81 GB. Lot pages 903 MB (31.4 KB a page, 7.9 KB
  gzip; about 17.5 KB of it Material's frame, 6 KB the interface words of the
  article), per-lot JSON 168 MB, grants.json 155 MB, archived documents 143 MB
  and their lines pages 165 MB (synthetic documents then held the ru/en texts
  too: 14 KB a lot, the real one 5 KB), Pagefind 108 MB, CSV 57 MB, the lot
  index's pages 47 MB and card blocks 37 MB, sectors 19 MB. Tree peak 4.39 GB:
  Pagefind 2.54 GB, Python 1.85 GB (every language's article HTML was held
  until the last index ended).
- after (branch site-10k): 1.50 GB. Lot pages 756 MB (26.5 KB a page, 6.5 KB
  gzip: icons in one grant-icons.svg, the search dialog made by its script,
  no twitter:* copies of og:*, no lunr words in Material's config), documents
  72 + 86 MB (Kazakh only, 7 KB a lot), Pagefind 96 MB. Tree peak 3.80 GB:
  Pagefind 2.49 GB, Python 1.32 GB.
- Pagefind's memory grows with the words it indexes, about 375 bytes a word
  plus 25 KB a page (2,000 Russian lot pages: 0.52 GB; 10,000: 2.5 GB, in one
  run per language); threads, the allocator (the binary is static) and the
  language make no difference. One language's index of 10,000 lots does not
  fit 1.5 GB with their full text. Options: (a) each language's index in K
  Pagefind runs over disjoint sets of lots, one run at a time, merged in the
  browser (Pagefind's mergeIndex): ~0.65 GB a run for K=4, but a first query
  then fetches each bundle's wasm (70 KB) and metadata (75/K KB), +230 KB at
  K=4, past the 300 KB budget unless the other bundles load only when asked;
  (b) index fewer of a lot's texts (memory follows the words); (c) the Python
  build itself peaks at 1.3 GB: the exports (380 MB of bytes) and documents
  are held for the whole build.
- after (branch size-10k): 1.36 GB (1,363.6 MB). The documents' lines pages
  86 -> 1.8 MB (drawn in the browser from the archived .txt, published anyway),
  per-lot JSON 168 -> 152 MB and grants.json 155 -> 139 MB (no indentation: the
  texts, not the layout, are the bytes), lot pages 756 -> 737 MB (Material's
  palette script in one cached file, 0.6 KB a page). Downloads parsed and
  compared with the ones before: the same JSON, CSV and documents. Build CPU at
  1,000 lots, the least of 3 builds of the same data, before/after/plain taking
  turns: 25.7 s before, 23.5 s after, plain 22.9 s (1.12x -> 1.02x); one
  bench_site run each gave 1.12x and 1.18x, plain's own CPU moving 21.6-30.4 s
  between runs at load averages of 6-12: ratios here are +-10% noise. At
  10,000 lots the build took 307 -> 282 CPU s.
- measured and not done: minify-html (the Rust minifier) takes 5.4% off a lot
  page (4% keeping the closing tags, which the tests' parser needs), ~30-40 MB,
  for 0.68 ms CPU a page, +2.2 s on the 1,000-lot build (~+0.08x of plain's CPU);
  compact JSON with ", "/": " separators 1% bigger than without.
- the size left over 1 GB (364 MB over): lot pages 737 MB, of which
  Material's frame (head, header, navigation, table of contents, footer) is ~12 KB
  a page, 360 MB, and the article ~15 KB (kk, ru) / 9.6 KB (en). Each further
  cut takes something from a user: what every status means, repeated in every
  lot's "How to apply" (45 MB; the home page has it too), the per-lot JSON (152
  MB; the same data as grants.json), grants.json only gzipped (139 -> 33 MB for
  the synthetic text), the lot index's card blocks fetched by its filters (37
  MB; the same cards as its paged pages): 340 MB together, leaving 1.02 GB
  (0.99 GB with minify-html too), beside Pagefind's 96 MB. At 10,000 lots the
  limit needs fewer bytes of Material's frame on each lot page, or the
  downloads and documents served from elsewhere.
- search (branch search-10k): a lot's plan (indicators, expected results,
  requirements: half a lot page's words) out of Pagefind's index, and the lot
  index's and sectors' further pages: each language's Pagefind run 2.2 → 1.1 GB,
  its bundle 52 → 45 MB; tree peak 3.56 → 2.39 GB (Pagefind 2.31 → 1.15 GB,
  Python 1.25 → 1.24 GB; tree_memory.py no longer counts a just-forked child,
  whose pages are its parent's, which had shown "python 2,571 MB").
- after (branch size-mem, 2026-12-07, the same synthetic 10,000 lots, ours only):
  site 1,314.0 -> 1,268.2 MB (lot page 25.9 -> 24.4 KB kk: the header's colour
  toggles made by their script, ~1.4 KB; Material's base functions in a cached file,
  0.3 KB; no content-tabs script, 0.15 KB). Tree peak 2,230 -> 1,516 MB (MiB):
  Pagefind one language after the other from on_shutdown, once MkDocs' build has
  returned and the data, pages and downloads' bytes are let go of (gc, malloc_trim):
  Python 1,096 -> 292 MB at the peak (its own peak 1,059 MB, before the indexing),
  Pagefind 1,134-1,225 MB (kk, from run to run). From on_post_build instead, Python
  stayed at 546 MB (MkDocs still holds the pages there). Build CPU 194 -> 166 s, wall
  505 -> 248 s (different machine load; Pagefind's runs, ~55 s, no longer overlap).
  At 1,000 lots (one run each): CPU 0.82x -> 0.84x plain, wall 16.6 -> 20.7 s, tree
  301 -> 218 MB. Left over the 1.5 GB (10^9) target: ~90 MB; Python's 292 MB are
  mostly its allocator's arenas (1 MiB each) kept by a few live objects each (at 2,000
  lots: 86 arenas, 29.6 MB of objects in them), which no call releases.
- what is left of the site over 1 GB, each a cut of something a reader gets
  (measured on that site): grants.json only gzipped (139 -> 33 MB), the per-lot JSON
  (152 MB; 9% of it each lot's source and sector), the lot pages' primary navigation
  (53 MB), what every status means in each lot's "How to apply" (45 MB), the TOC column
  on desktop (40 MB; the section links atop the article stay), the lot index's further
  pages (44 MB) or its filters' card blocks (37 MB; the same cards), the header's
  language menu beside the article's (23 MB), the rules and law paragraphs repeated on
  every lot (14 MB), og:description beside the description (12 MB).

    .venv/bin/python benchmarks/bench_site.py [--sizes 1000 5000] [--repeat N] [--keep DIR] [--profile]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATA = Path(__file__).resolve().parent / "bench_data.py"
sys.path.insert(0, str(BENCH_DATA.parent))

from tree_memory import TreeMemory  # noqa: E402 (beside this file)

LANGS = ("kk", "ru", "en")
TARGET_LOTS, TARGET_SECONDS = 1_000, 10.0
TARGET_GROWTH = 6.0  # largest/smallest time, for 5× the lots
TARGET_RATIO = 1.1  # ours/plain, CPU and wall
_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")

# Runs ``python -m mkdocs ARGS`` and, at exit, writes the peak resident memory
# (own peak + largest child's: an upper bound for the tree) and the CPU seconds
# of this process and its children to the file named by the first argument.
_WRAPPER = """
import atexit, json, resource, runpy, sys
report = sys.argv.pop(1)
def _report():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    with open(report, "w") as out:
        json.dump({"maxrss_kib": own.ru_maxrss + children.ru_maxrss, "cpu": cpu}, out)
atexit.register(_report)
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
"""

# cProfile of one in-process build (the other languages are built inside it, by the plugin).
_PROFILER = """
import cProfile, pstats, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site_dir, stats_file, top = sys.argv[1:5]
config = load_config(config_file=config_file, site_dir=site_dir)
config.plugins.on_startup(command="build", dirty=False)
profiler = cProfile.Profile()
profiler.enable()
try:
    build(config)
finally:
    profiler.disable()
    config.plugins.on_shutdown()
profiler.dump_stats(stats_file)
stats = pstats.Stats(stats_file)
stats.sort_stats("tottime").print_stats(int(top))
stats.sort_stats("cumulative").print_stats(int(top))
"""

_PLAIN_HOOK = '''"""Build ru and en after the first language, in the same process, as macros/plugin.py does."""

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def on_post_build(config):
    if not config["extra"].get("plain_default"):
        return
    root = Path(config["config_file_path"]).parent
    for lang in ("ru", "en"):
        other = load_config(
            config_file=str(root / f"mkdocs.{lang}.yml"), site_dir=str(Path(config["site_dir"]) / lang)
        )
        other.plugins.on_startup(command="build", dirty=False)
        try:
            build(other)
        finally:
            other.plugins.on_shutdown()
'''

_PLAIN_CONFIG = """site_name: Plain Material benchmark
docs_dir: docs/kk
use_directory_urls: true
theme:                  # as mkdocs.yml's, without our templates (custom_dir)
  name: material
  language: ru          # Material ships no Kazakh; the text is the same Cyrillic
  font: false
  icon:
    logo: material/hand-coin-outline
  features:
    - navigation.top
    - navigation.footer
    - content.tooltips
    - toc.follow
  palette:
    - media: "(prefers-color-scheme)"
      toggle:
        icon: material/brightness-auto
        name: Жарық тақырыпқа ауысу
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: indigo
      toggle:
        icon: material/brightness-7
        name: Қараңғы тақырыпқа ауысу
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: indigo
      toggle:
        icon: material/brightness-4
        name: Жүйелік тақырыпқа ауысу
plugins:
  - search
hooks:
  - hooks.py
markdown_extensions:
  - attr_list
  - admonition
  - tables
  - toc:
      permalink: true
extra:
  plain_default: true
nav:
  - index.md
  - lots/index.md
  - open.md
  - totals.md
  - sectors/index.md
  - downloads.md
  - changes.md
  - about.md
not_in_nav: |
  /lots/*.md
  /lots/page/
  /sectors/*.md
validation:
  nav:
    omitted_files: warn
  links:
    absolute_links: warn
    unrecognized_links: warn
"""

_PLAIN_OTHER = """INHERIT: mkdocs.yml
docs_dir: docs/{lang}
theme:
  language: {lang}
extra:
  plain_default: false
"""


# --- children: write data, write the plain site ---------------------------------------------------


def _bench_data():
    """benchmarks/bench_data.py as a module, imported by its path (it is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_data", BENCH_DATA)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0₸"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _plain_lot(lot) -> str:
    """One lot as plain Markdown: the texts of our lot page, without its HTML."""
    title = f"{lot.number}. {lot.priority.kk}"
    lines = [
        "---",
        f"title: {json.dumps(title[:100], ensure_ascii=False)}",
        f"description: {json.dumps(' '.join(lot.problem.kk.split())[:200], ensure_ascii=False)}",
        "---",
        "",
        f"# {title}",
        "",
        *(
            ['!!! warning "Ескертпе"', "", *(f"    - {note.kk}" for note in lot.notes), ""]
            if lot.notes
            else []
        ),
        f"**Сала:** [{lot.sector.name.kk}](../index.md) · "
        f"**Грант:** {lot.grant_count} × {lot.grant_type}, {lot.period.start}–{lot.period.end} · "
        f"**Аумақ:** {lot.territory.kk}",
        "",
        "## Мәселе",
        "",
        *(p + "\n" for p in lot.problem.paragraphs()),
        "## Қаржыландыру",
        "",
        "| Жыл | Сома |",
        "|---|---:|",
        *(f"| {f.year} | {_money(f.amount)} |" for f in lot.funding),
        "",
        "## Нысаналы индикаторлар",
        "",
        "| № | Индикатор | Мақсат |",
        "|---|---|---|",
        *(
            f"| {i} | {_cell(ind.text.kk)} | кемінде {ind.target.value} {ind.target.unit.kk} |"
            for i, ind in enumerate(lot.indicators, 1)
        ),
        "",
        "## Күтілетін нәтижелер",
        "",
        *(f"{i}. {r.kk}" for i, r in enumerate(lot.results, 1)),
        "",
    ]
    if lot.material_requirements:
        lines += [
            "## Материалдық-техникалық талаптар",
            "",
            *(f"- {m.kk}" for m in lot.material_requirements),
            "",
        ]
    lines += [
        "## Дереккөз",
        "",
        f"{lot.source.title.kk} ({lot.source.id}), жолдар {', '.join(map(str, lot.source_lines))}.",
        "",
    ]
    return "\n".join(lines)


#: Lots in each table of the plain lot index's pages, and of a sector page (as ours: macros/views.py).
PER_PAGE = 50
#: The nav's pages that hold no lots, with a few lines each.
PLAIN_PAGES = ("open", "totals", "downloads", "changes", "about")


def _lot_table(lots, up: str) -> list[str]:
    """A Markdown table of ``lots``, each linked from a page ``up`` away from lots/ ('', '../')."""
    return [
        "| № | Басым бағыт | Сала | Сома | Аумақ |",
        "|---|---|---|---:|---|",
        *(
            f"| {lot.number} | [{_cell(lot.priority.kk)}]({up}{lot.id}.md) | {_cell(lot.sector.name.kk)} "
            f"| {_money(sum(f.amount for f in lot.funding))} | {_cell(lot.territory.kk)} |"
            for lot in lots
        ),
        "",
    ]


def write_plain(data: Path, folder: Path) -> None:
    """A plain Material site in ``folder``: configs, hook, and in each language the N lot
    pages, the lot index in pages of 50, a page per sector and the other pages of the nav."""
    sys.path.insert(0, str(ROOT))
    import grants

    dataset = grants.load_dataset(data)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hooks.py").write_text(_PLAIN_HOOK, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(_PLAIN_CONFIG, encoding="utf-8")
    for lang in LANGS[1:]:
        (folder / f"mkdocs.{lang}.yml").write_text(_PLAIN_OTHER.format(lang=lang), encoding="utf-8")
    pages = {f"lots/{lot.id}.md": _plain_lot(lot) for lot in dataset.lots}
    lots = dataset.lots
    count = max(1, -(-len(lots) // PER_PAGE))
    for number in range(1, count + 1):
        name = "lots/index.md" if number == 1 else f"lots/page/{number}.md"
        up = "" if number == 1 else "../"  # from lots/page/N.md to lots/
        pager = " · ".join(
            f"[{n}]({up}{'index.md' if n == 1 else f'page/{n}.md'})"
            for n in range(1, count + 1)
            if n != number
        )
        shown = lots[(number - 1) * PER_PAGE : number * PER_PAGE]
        pages[name] = "\n".join([f"# Лоттар: {number}/{count}", "", *_lot_table(shown, up), pager, ""])
    sectors = {}
    for lot in lots:
        sectors.setdefault(lot.sector.id, []).append(lot)
    for sector_id, members in sectors.items():
        pages[f"sectors/{sector_id}.md"] = "\n".join(
            [
                f"# {members[0].sector.name.kk}",
                "",
                f"{len(members)} лот.",
                "",
                *_lot_table(members[:PER_PAGE], "../lots/"),
            ]
        )
    pages["sectors/index.md"] = "\n".join(
        [
            "# Салалар",
            "",
            *(f"- [{m[0].sector.name.kk}]({key}.md)" for key, m in sectors.items()),
            "",
        ]
    )
    pages["index.md"] = f"# Мемлекеттік гранттар\n\n{len(lots)} лот. [Барлық лоттар](lots/index.md).\n"
    for name in PLAIN_PAGES:
        pages[f"{name}.md"] = f"# {name.title()}\n\n{len(lots)} лот. [Барлық лоттар](lots/index.md).\n"
    for lang in LANGS:
        for path, text in pages.items():
            target = folder / "docs" / lang / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    (folder / "first-lot").write_text(dataset.lots[0].id, encoding="utf-8")


# --- the parent: build, measure, report --------------------------------------------------------------


_TRANSLATION = re.compile(r"^( *)(?:ru|en): .*\n(?:\1 .*\n)*", re.M)


def archive_documents(data: Path) -> None:
    """Write each synthetic source's document beside the data, as the build requires (it
    publishes every source's archived document and a page of its lines). A document holds its
    lots' Kazakh texts as lines (an official list is published in Kazakh; the translations
    are the site's), so its size follows the data's, as a real list's does: the Taraz
    document is about 5 KB a lot, and so is this one (with the ru and en texts it was 14 KB)."""
    text = data.read_text(encoding="utf-8")
    lots = text[text.index("\nlots:\n") :]
    blocks: dict[str, list[str]] = {}
    for block in re.split(r"^  - id: ", lots, flags=re.M)[1:]:
        source = re.search(r"^    source: (\S+)$", block, re.M)
        if source:
            blocks.setdefault(source[1], []).append(_TRANSLATION.sub("", block))
    for source_id, name in re.findall(r"^  - id: (\S+)\n(?:    .*\n)*?    document: (\S+)$", text, re.M):
        (data.parent / name).write_text("".join(blocks.get(source_id, ())), encoding="utf-8")


def _env(data: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    if data is not None:
        env["GRANTS_DATA"] = str(data)
    return env


def build(config: Path, site: Path, *, cwd: Path, env: dict[str, str], log: Path) -> dict:
    """Build once in a fresh child: wall seconds, the child's CPU seconds and peak resident MB.

    Into an empty place, as the deploy workflow's fresh checkout builds: the previous
    repeat's site is removed first, untimed (ours would remove it after publishing, plain
    before writing; thousands of unlinks took 30 s here when other work loaded the disk).
    """
    shutil.rmtree(site, ignore_errors=True)
    report = log.with_suffix(".rusage.json")
    command = [sys.executable, "-c", _WRAPPER, str(report), "build", "-f", str(config), "-d", str(site)]
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        done = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        with TreeMemory(done.pid) as tree:
            done.wait()
        seconds = time.perf_counter() - start
    if done.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        raise SystemExit(
            f"build failed ({config}, exit {done.returncode}); end of {log}:\n" + "\n".join(tail)
        )
    usage = json.loads(report.read_text())
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return {
        "seconds": seconds,
        "cpu": usage["cpu"],
        "peak_mb": usage["maxrss_kib"] / 1024,
        # The whole tree's resident memory at its largest (the build and its Pagefind children
        # together), sampled from /proc (benchmarks/tree_memory.py), and what each program held then.
        "tree_mb": tree.peak_bytes / 2**20,
        "tree": tree.summary(),
        "pagefind_mb": sum(size for name, size in tree.program_peaks.items() if "pagefind" in name) / 2**20,
        "warnings": sum(1 for line in lines if line.startswith("WARNING")),
        "per_language": _per_language(lines),
    }


def _per_language(lines: list[str]) -> str:
    """kk/ru/en seconds from MkDocs' "Documentation built in" lines: ru and en end first, nested
    in kk's build, whose own figure includes them."""
    built = [float(m[1]) for line in lines if (m := _BUILT.search(line))]
    if len(built) != len(LANGS):
        return "?"
    *others, outer = built
    return "/".join(f"{s:.1f}" for s in (outer - sum(others), *others))


def _tree_size(path: Path) -> tuple[int, int]:
    """(bytes, HTML pages) under ``path``."""
    total = pages = 0
    for folder, _, names in os.walk(path):
        for name in names:
            total += os.stat(os.path.join(folder, name)).st_size
            pages += name.endswith(".html")
    return total, pages


def measure_site(site: Path, first_lot: str) -> dict:
    size, pages = _tree_size(site)
    lot_pages = 0
    search = 0
    for lang in LANGS:
        root = site if lang == LANGS[0] else site / lang
        with os.scandir(root / "lots") as entries:
            lot_pages += sum(1 for e in entries if e.is_dir() and (Path(e.path) / "index.html").exists())
        for index in ("search", "pagefind"):  # Material's lunr index (plain), Pagefind's (ours)
            if (root / index).is_dir():
                search += _tree_size(root / index)[0]
    lot_page = (site / "lots" / first_lot / "index.html").read_bytes()
    return {
        "pages": pages,
        "lot_pages": lot_pages,
        "site_mb": size / 2**20,
        "site_bytes": size,
        "lot_kb": len(lot_page) / 1024,
        "lot_gzip_kb": len(gzip.compress(lot_page, compresslevel=6)) / 1024,
        "search_mb": search / 2**20,
    }


#: GitHub Pages publishes a site of at most 1 GB; the build's whole process tree is to peak
#: under 1.5 GB (both in bytes, 10^9: the stricter reading); measured at 10,000 lots.
SIZE_LOTS, TARGET_SITE_BYTES, TARGET_TREE_BYTES = 10_000, 1_000_000_000, 1_500_000_000


def print_size_memory(results: dict, sizes: list[int]) -> None:
    """The site's size and the build tree's peak memory, ours beside plain Material's."""
    print(
        "\nsize and memory: site = every file (GB = 10^9 bytes, as the 1 GB limit); lot page = "
        "the first lot's kk page, raw and gzip; tree peak = the whole process tree's resident "
        "memory at its largest (build + Pagefind children, sampled from /proc every 0.1 s), and "
        "each program's share then; Pagefind = its processes' own largest sum"
    )
    header = (
        f"{'site':<6} {'lots':>6} {'site GB':>8} {'vs plain':>9} {'lot KB':>7} {'gzip KB':>8} "
        f"{'tree peak MB':>13} {'Pagefind MB':>12}  at the peak, MB"
    )
    print(header)
    print("-" * len(header))
    for n in sizes:
        for kind in ("ours", "plain"):
            r = results[kind, n]
            ratio = r["site_bytes"] / results["plain", n]["site_bytes"]
            print(
                f"{kind:<6} {n:>6,} {r['site_bytes'] / 1e9:>8.3f} {f'{ratio:.2f}×':>9} {r['lot_kb']:>7.1f} "
                f"{r['lot_gzip_kb']:>8.1f} {r['tree_mb']:>13,.0f} {r['pagefind_mb']:>12,.0f}  {r['tree']}"
            )


def check_size_memory(results: dict, sizes: list[int], check) -> None:
    if SIZE_LOTS not in sizes:
        print(f"n/a    {SIZE_LOTS:,} lots: site under 1 GB and build tree under 1.5 GB: not measured")
        return
    ours = results["ours", SIZE_LOTS]
    check(
        ours["site_bytes"] < TARGET_SITE_BYTES,
        f"{SIZE_LOTS:,} lots: site under {TARGET_SITE_BYTES / 1e9:g} GB (GitHub Pages): "
        f"{ours['site_bytes'] / 1e9:.2f} GB ({ours['site_bytes'] / results['plain', SIZE_LOTS]['site_bytes']:.2f}× plain Material's)",
    )
    tree = ours["tree_mb"] * 2**20
    check(
        tree < TARGET_TREE_BYTES,
        f"{SIZE_LOTS:,} lots: build's process tree under {TARGET_TREE_BYTES / 1e9:g} GB: "
        f"{tree / 1e9:.2f} GB (Pagefind {ours['pagefind_mb'] * 2**20 / 1e9:.2f} GB)",
    )


def best_of(repeat: int, run) -> dict:
    """The fastest wall time and, separately, the least CPU time of ``repeat`` builds (on a
    shared machine, other work only ever adds to either), and the largest peak memory."""
    runs = [run() for _ in range(repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    return {
        **best,
        "cpu": min(r["cpu"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
        "tree_mb": max(r["tree_mb"] for r in runs),
        "pagefind_mb": max(r["pagefind_mb"] for r in runs),
        "tree": max(runs, key=lambda r: r["tree_mb"])["tree"],
        "all_seconds": [r["seconds"] for r in runs],
        "all_cpu": [r["cpu"] for r in runs],
    }


def profile(data: Path, folder: Path, top: int) -> None:
    print(f"\ncProfile of one in-process build of ours ({data.name}; all three languages):", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-c",
            _PROFILER,
            str(ROOT / "mkdocs.yml"),
            str(folder / "profile-site"),
            str(folder / "build.prof"),
            str(top),
        ],
        cwd=ROOT,
        env=_env(data),
        check=True,
    )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def main(argv: list[str] | None = None) -> int:  # noqa: C901 (one branch per option and size, read top to bottom; to split)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000])
    parser.add_argument(
        "--repeat", type=int, default=1, help="builds per site and size; the fastest wall and least CPU count"
    )
    parser.add_argument("--keep", type=Path, help="write data, sources and built sites here and keep them")
    parser.add_argument("--profile", action="store_true", help="then cProfile our build of the smallest size")
    parser.add_argument("--top", type=int, default=35, help=argparse.SUPPRESS)
    parser.add_argument("--write", nargs=2, metavar=("PATH", "LOTS"), help=argparse.SUPPRESS)
    parser.add_argument("--write-plain", nargs=2, metavar=("DATA", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write:  # children, so that this process stays small
        _bench_data().write_dataset(Path(args.write[0]), int(args.write[1]))
        archive_documents(Path(args.write[0]))
        return 0
    if args.write_plain:
        write_plain(Path(args.write_plain[0]), Path(args.write_plain[1]))
        return 0

    sizes = sorted(set(args.sizes))
    print(
        f"Python {platform.python_version()}, MkDocs {_version('mkdocs')}, Material {_version('mkdocs-material')}, "
        f"mkdocs-macros {_version('mkdocs-macros-plugin')}; {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at start",
        flush=True,
    )
    results: dict[tuple[str, int], dict] = {}
    with tempfile.TemporaryDirectory(prefix="grants-bench-site-") as tmp:
        folder = (args.keep or Path(tmp)).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            # The data in a folder of its own, as data/ is in the repository: the build looks for
            # the sources' lot files beside and below it (macros/state.py), not among built sites.
            data = folder / f"data-{n}" / "grants.yaml"
            data.parent.mkdir(exist_ok=True)
            plain = folder / f"plain-{n}"
            subprocess.run([sys.executable, __file__, "--write", str(data), str(n)], check=True)
            subprocess.run([sys.executable, __file__, "--write-plain", str(data), str(plain)], check=True)
            first_lot = (plain / "first-lot").read_text(encoding="utf-8")
            ours_site = folder / f"ours-{n}" / "site"
            ours_site.parent.mkdir(exist_ok=True)
            print(f"{n:,} lots: building ours…", flush=True)
            results["ours", n] = best_of(
                args.repeat,
                partial(
                    build,
                    ROOT / "mkdocs.yml",
                    ours_site,
                    cwd=ROOT,
                    env=_env(data),
                    log=ours_site.parent / "build.log",
                ),
            )
            results["ours", n] |= measure_site(ours_site, first_lot)
            print(f"{n:,} lots: building plain…", flush=True)
            results["plain", n] = best_of(
                args.repeat,
                partial(
                    build,
                    plain / "mkdocs.yml",
                    plain / "site",
                    cwd=plain,
                    env=_env(),
                    log=plain / "build.log",
                ),
            )
            results["plain", n] |= measure_site(plain / "site", first_lot)
            for kind in ("ours", "plain"):
                r = results[kind, n]
                assert r["lot_pages"] == 3 * n, f"{kind}: {r['lot_pages']} lot pages for {n} lots"

        print()
        print(
            "plain = Material, 3 configs (kk at /, ru and en INHERIT it) of N Markdown lot pages each, "
            "built in one process like ours; pages = every HTML file in all three languages; "
            "kk/ru/en s = each language's own build (MkDocs' figures; kk includes loading the data); "
            "search = kk + ru + en search index folders (plain: Material's lunr search/, ours: pagefind/)"
        )
        header = (
            f"{'site':<6} {'lots':>6} {'pages':>6} {'build s':>8} {'cpu s':>7} {'peak MB':>8} "
            f"{'kk/ru/en s':>15} {'site MB':>8} {'lot KB':>7} {'search MB':>10} {'warnings':>9} "
            f"{'wall ratio':>11} {'cpu ratio':>10}"
        )
        print(header)
        print("-" * len(header))
        for n in sizes:
            for kind in ("ours", "plain"):
                r = results[kind, n]
                ratio = r["seconds"] / results["plain", n]["seconds"] if kind == "ours" else None
                cpu_ratio = r["cpu"] / results["plain", n]["cpu"] if kind == "ours" else None
                print(
                    f"{kind:<6} {n:>6,} {r['pages']:>6,} {r['seconds']:>8.1f} {r['cpu']:>7.1f} "
                    f"{r['peak_mb']:>8.0f} {r['per_language']:>15} {r['site_mb']:>8.0f} {r['lot_kb']:>7.1f} {r['search_mb']:>10.1f} "
                    f"{r['warnings']:>9,} {f'{ratio:.2f}×' if ratio else '':>11} {f'{cpu_ratio:.2f}×' if cpu_ratio else '':>10}"
                )
        if args.repeat > 1:
            for (kind, n), r in sorted(results.items()):
                print(
                    f"  {kind} {n:,}: {', '.join(f'{s:.1f}' for s in r['all_seconds'])} s wall, "
                    f"{', '.join(f'{s:.1f}' for s in r['all_cpu'])} s CPU"
                )

        print_size_memory(results, sizes)

        if args.profile:
            profile(folder / f"data-{sizes[0]}" / "grants.yaml", folder, args.top)

    print()
    missed = []

    def check(met: bool, text: str) -> None:
        print(f"{'met   ' if met else 'MISSED'} {text}")
        if not met:
            missed.append(text)

    if TARGET_LOTS in sizes:
        t = results["ours", TARGET_LOTS]["seconds"]
        check(t < TARGET_SECONDS, f"{TARGET_LOTS:,} lots in under {TARGET_SECONDS:g} s: {t:.1f} s")
    else:
        print(f"n/a    {TARGET_LOTS:,} lots in under {TARGET_SECONDS:g} s: not measured")
    if len(sizes) > 1:
        small, big = sizes[0], sizes[-1]
        growth = results["ours", big]["seconds"] / results["ours", small]["seconds"]
        limit = TARGET_GROWTH * (big / small) / 5
        check(
            growth < limit,
            f"roughly linear: {big:,}-lot time / {small:,}-lot time = {growth:.2f} "
            f"(linear {big / small:g}, target under {limit:g}); plain: "
            f"{results['plain', big]['seconds'] / results['plain', small]['seconds']:.2f}",
        )
    for n in sizes:
        ours, plain = results["ours", n], results["plain", n]
        cpu = ours["cpu"] / plain["cpu"]
        check(cpu <= TARGET_RATIO, f"{n:,} lots at most {TARGET_RATIO:g}× plain Material's CPU: {cpu:.2f}×")
        wall = ours["seconds"] / plain["seconds"]
        check(
            wall <= TARGET_RATIO,
            f"{n:,} lots at most {TARGET_RATIO:g}× plain Material's wall time: {wall:.2f}×",
        )
    check_size_memory(results, sizes, check)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
