"""What a reader's browser downloads for one search, Pagefind against Material's lunr index.

For each size (1,000 and 10,000 lots by default) this writes a synthetic site
of lot pages in Kazakh, Russian and English, shaped like the real lot pages
(overrides/grants/lot.html: the same headings, lists, money, status badge and
``data-pagefind-meta`` attributes) and with texts made from the real data's
words in each language (data/grants.yaml), then for each language:

- baseline: Material's lunr index of the same pages, made by Material's own
  indexer (``material.plugins.search.plugin.SearchIndex``, fed each page's
  content as the search plugin is), with the site's language settings. Lunr's
  browser code downloads this whole file on the first query; its size (gzip,
  as a web server sends it) is what a first query costs there, not counting
  lunr's own worker script.
- Pagefind: the index built by macros/search.py (the site's own module, the
  same settings), then, in headless Chromium (Debian's, never a downloaded
  one), a fresh page runs a query through Pagefind's JavaScript API and loads
  the first 10 results, as the site's search box does. Every byte it fetches
  is counted (the Pagefind script, its worker and WebAssembly, the index chunks
  and the result fragments), raw and gzip where gzip makes it smaller. Then a
  second, different query on the same page: what each further query costs.

The target is at most 300 KB for a first query at 10,000 lots. Exit status 1
when a first query at the largest size is over it.

    .venv/bin/python benchmarks/bench_search.py [--sizes 1000 10000] [--keep DIR]

``--site SITE --data GRANTS`` measures instead a site the real build made
(``GRANTS_DATA=GRANTS mkdocs build -d SITE``, e.g. from ``bench_site.py --write``):
a reader on a lot page of each language opens the site's own search box
(grant-search.js) and types a query shaped like a real one, taken from one lot
of GRANTS: a word of its title, a topic word and its inflected form, its first
year's amount and its total, each typed in one of the ways readers type amounts,
a word of its territory (``--what`` chooses some). Each query runs twice, each
time in a fresh browser context (its cache empty, then kept as a phone's is), on a mid-range
phone profile: Chromium's CPU slowed 4× (CDP ``Emulation.setCPUThrottlingRate``)
and Lighthouse's mobile network (CDP ``Network.emulateNetworkConditions``:
562.5 ms latency added to each request, 180,000 bytes/s down, 84,375 up;
``--cpu``, ``--latency``, ``--down``, ``--up`` change them). The local server
gzips a response where that makes it smaller and lets the browser keep it
ten minutes (``Cache-Control: max-age=600``), as GitHub Pages does.

(b), the target's line: the way a reader searches on a phone. A tap on the
search button (Playwright's click: pointerdown, then click), the first letter
``--think`` ms later (800: the dialog opening and the phone's keyboard sliding
up take about 300 ms, then finding the first letter), then one letter every
``--keystroke`` ms (200, 60 words a minute: faster than most people type on a
phone, a mean of 36 words a minute in Palin et al., "How do people type on
mobile devices?", MobileHCI 2019, so less time for the search box to load
while the reader types: the harder case). The letters' times are set from the
tap in advance, as a finger's are; when the page is busy a letter's input
event comes late, and the time still counts from when it was typed. Timed: from
the last letter to the first result of the whole word on the page.
(a), printed beside it for comparison, not the target: the cold search typed
at once, as before: the whole query put in the box at the click (``--pause MS``
later), timed from then, Pagefind's loading included.

Per query it prints, for (b) and (a), the requests the search made from the
tap (the Pagefind script, WebAssembly, metadata, index chunks, fragments, the
word lists for typo correction; a request the browser answered from its cache
is not counted), their bytes as sent (what Chromium received, headers
included), and the time to the first result; under it (b)'s bytes by kind.
Pagefind runs its search in a web worker, where neither CDP throttle reaches;
the benchmark hides Worker from the page so that Pagefind takes its own
main-thread path, and every fetch and every bit of its WebAssembly is slowed as
the profile says. Targets, on (b): ≤ 300 KB as sent (for (a) too) and a first
result in under 1 s, for every query; exit status 1 when one is missed.

Measured 2026-12-06 at 10,000 lots (``bench_site.py --write``, then one build;
load average 5–12 on 2 cores, so the times are high and vary):

- before (main at e2749de): 184–385 KB as sent per query; common words over
  the budget (ru "ветеранам" 385 KB: index chunks 3 × ~70 KB for a word on
  9,450 lots, 10 fragments 25 KB, and the fixed ~160 KB: wasm 71 KB, metadata
  75 KB, pagefind.js 13 KB); first result 4.4–17.9 s.
- after (branch search-10k: a lot's plan, indicators, expected results and
  requirements, out of the index; the lists' further pages too; 5 results
  first): 175–244 KB as sent, every query under 300 KB (ru "ветеран" 244 KB:
  index 83 KB for a word on 6,548 of the synthetic lots, fragments 6 KB, fixed
  153 KB: wasm 71, metadata 68, pagefind.js 13); first result 4.2–8.7 s.
- the first result is not under 1 s on this profile: a cold search takes five
  requests one after another (pagefind.js, its entry, wasm and metadata, the
  word's index chunk, the fragments), 2.8 s of Fast 3G's latency alone, plus
  ~150 KB at 180 KB/s and Pagefind's WebAssembly at a quarter speed.

Measured 2026-12-07 at 10,000 lots (branch search-first: Pagefind loaded from
the tap, its entry, WebAssembly and metadata at the same time as its script,
the word's chunks preloaded and the word searched as it is typed; two runs,
load average 6.6 and 11.8 on 2 cores, so the times vary by a third or more):

- bytes: (b) 176–245 KB as sent, within 5 KB of (a) for every query: the
  preloading fetched no chunk the whole word did not need.
- (b), from the last letter: 0.36–1.24 s for long words on up to 3,000 lots
  (ru "взаимодействие" 704 and 362 ms, en "commissioning" 864 and 814 ms, en
  "technologies" 701 and 1,244 ms); 1.2–1.5 s for shorter ones (kk
  "ілгерілету", "жиналатын"): typed in under 2.6 s from the tap, before
  Pagefind and the word's chunk were there (about 3 s on this profile);
  2.0–2.4 s for amounts, which are not preloaded; 2.1–6.8 s for words on
  5,000–9,000 of the synthetic lots (kk "ардагер", ru "ветеран",
  "организация", en "veteran"): Pagefind's own search of so many pages, in
  its WebAssembly (ru "ветеран", 6,548 lots: 0.53 s unthrottled, 0.47 s of it
  in WebAssembly; four times that and more here). Target NOT met: every query
  under 300 KB, 2–3 of 15 under 1 s.
- (a), cold and typed at once: 3.6–9.2 s (was 4.2–8.7 s).

Amounts, measured 2026-12-07 (branch search-amounts: each amount of a lot page, each
year's, the total and the award's, also indexed as one word, its digits, through
``data-pagefind-index-attrs``; a typed amount searched as that word in every language,
as it is typed from its fifth digit; was the phrase "13 928 000" in kk and ru, whose
"000" is on nearly every lot). The site of main (f33f17e) and the branch's, built from
the same data, measured back to back (``--what amount total``; load average 1.5–3.4):

- 10,000 lots, lot 5001 (``--lot 5001``: two years, so its total differs), two runs
  each: (b) 1.70–2.14 s before, 0.47–1.41 s after; as sent 178–210 KB before (kk
  and ru: index 49–54 KB, the three words' chunks), 175–179 KB after (index 19–25 KB,
  one chunk; English, whose pages write "13,928,000" which Pagefind indexes joined,
  was one chunk already). After, by the way it is typed: as the page writes it (kk
  "13 928 000 ₸", ru "27 856 000 ₸", 12 keys) 0.47–0.50 s; English "13,928,000",
  "27.856.000" (10 keys) 0.88–1.12 s; bare digits "13928000", "27856000" (8 keys)
  1.22–1.41 s. The default lot (one year, 3 148 000): 1.66–1.99 s before, 0.83–1.68 s
  after (bare digits, 7 keys, the slowest). (a) 3.4–3.6 s after (was 3.5–4.1 s).
- 2,000 lots, lot 1000 (akimat-0051-01): (b) 1.70–2.08 s before, 0.26–1.18 s after;
  124–153 KB before, 119–127 KB after.
- what is left is not the amount's: the first result comes 3.4–3.8 s after the tap
  however the amount is typed, once Pagefind itself is loaded (its script, entry,
  WebAssembly and 68 KB of metadata), then the amount's chunk and the result's fragment,
  one request each. An amount typed in fewer keys than about ten ends before Pagefind is
  ready, and waits for it, as short words do. Target: bytes met for every amount
  query; under 1 s met for the Kazakh and Russian amounts typed as the pages write them
  (0.47–0.90 s), NOT for the ones typed in fewer keys (bare digits, English: 0.88–1.68 s).

Words whose beginnings fall in two index chunks, measured 2026-12-07 (branch prefix-chunks:
the search box preloads the chunks of every indexed word the typed word begins, from the word
lists beside the index; Pagefind 1.5.2 fetched only the chunk of the typed word itself):

- 2,000 lots (main at bd221e1, built from ``bench_site.py --write``; the same site with the
  branch's grant-search.js): kk "ардагер" and "ардагерлерге" found 1,338 of the 1,397 pages
  Pagefind holds an "ардагер…" word for ("ардагерінің" is in the next chunk), now 1,397; (b)
  122-129 KB before, 143-146 KB after (index 18 -> 36 KB: the second chunk). ru "орган" 491 of
  1,834, now 1,834 (+21 KB). ru "ветеран", "ветеранам", en "veteran", "veterans" and the title
  words: one chunk, the same results and bytes before and after.
- 10,000 lots (main before the amounts' words, its grant-search.js replaced): kk "ардагер" and
  "ардагерлерге" 5,464 of 6,913 pages, now 6,913; (b) 182-187 KB before, 203-210 KB after (index
  22 -> 42 KB); ru "орган" 215 -> 236 KB (found the same 9,182: its second chunk's pages had
  other "орган…" words too). Worst of the queries still ru "ветеран", 245 KB, unchanged.

    .venv/bin/python benchmarks/bench_search.py --site SITE --data GRANTS [--lot N]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html
import http.server
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grants import load_dataset  # noqa: E402
from grants.formatting import money  # noqa: E402
from macros import search  # noqa: E402

LANGS = ("kk", "ru", "en")
TARGET_BYTES = 300_000
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
STATUSES = {
    "planned": {"kk": "Жоспарланған", "ru": "Запланирован", "en": "Planned"},
    "open": {"kk": "Өтінім қабылдануда", "ru": "Идёт приём заявок", "en": "Open"},
    "awarded": {"kk": "Грант берілді", "ru": "Грант присуждён", "en": "Awarded"},
}
HEADINGS = {
    "kk": (
        "Лот №",
        "Мәселенің қысқаша сипаттамасы",
        "Нысаналы индикаторлар",
        "Күтілетін нәтижелер",
        "Талаптар",
        "Барлығы",
    ),
    "ru": (
        "Лот №",
        "Краткое описание проблемы",
        "Целевые индикаторы",
        "Ожидаемые результаты",
        "Требования",
        "Итого",
    ),
    "en": ("Lot no.", "The problem", "Target indicators", "Expected results", "Requirements", "Total"),
}
#: What a reader types, per language: a word of a lot's topic, an amount, a year. The amount is
#: given as the site's search box sends it (grant-search.js: one word, its digits, the word a lot
#: page gives Pagefind for each amount).
QUERIES = {
    "kk": ("ардагер", "18000000", "2027"),
    "ru": ("ветеран", "18000000", "2027"),
    "en": ("veteran", "18000000", "2027"),
}


# --- the synthetic site -----------------------------------------------------------------------------


class Texts:
    """Sentences in one language made from the real lots' words: mostly the words of one real
    lot (its topic), some from all of them, and a few made-up names, so the vocabulary grows
    with the number of lots as real data's does."""

    def __init__(self, lang: str, seed: int) -> None:
        self.random = random.Random(seed)
        self.lang = lang
        self.by_lot = []
        for lot in load_dataset().lots:
            texts = (lot.problem, lot.priority, *lot.results, *(i.text for i in lot.indicators))
            words = [w for t in texts for w in (t.get(lang) or "").split() if any(c.isalpha() for c in w)]
            self.by_lot.append(words)
        self.all = [w for words in self.by_lot for w in words]
        self.letters = "абвгдежзиклмнопрстуфхәғқңөұүһі" if lang != "en" else "abcdefghijklmnoprstuvwxyz"

    def name(self) -> str:
        syllables = self.random.randint(2, 4)
        word = "".join(
            self.random.choice(self.letters) + self.random.choice("аеиоуыі" if self.lang != "en" else "aeiou")
            for _ in range(syllables)
        )
        return word.capitalize()

    def sentence(self, topic: int, low: int, high: int) -> str:
        count = self.random.randint(low, high)
        words = []
        for _ in range(count):
            roll = self.random.random()
            if roll < 0.65:
                words.append(self.random.choice(self.by_lot[topic]))
            elif roll < 0.95:
                words.append(self.random.choice(self.all))
            else:
                words.append(self.name())
        return " ".join(words).rstrip(".,;:") + "."


def lot_page(lang: str, i: int, texts: Texts, rng: random.Random, topics: int) -> str:
    """One synthetic lot's page, with the structure and attributes of overrides/grants/lot.html."""
    topic = i % topics
    e = html.escape
    label, problem, indicators, results, requirements, total = HEADINGS[lang]
    status = rng.choice(list(STATUSES))
    years = sorted(rng.sample((2026, 2027, 2028), rng.randint(1, 2)))
    amounts = [rng.randrange(2_000_000, 60_000_001, 500_000) for _ in years]
    word = 'data-pagefind-index-attrs="data-amount" data-amount'  # each amount as one word, for search
    funding = "".join(
        f'<li><span class="grant-funding__year" data-pagefind-meta="money_label">{y}</span> '
        f'<strong class="grant-num" data-pagefind-meta="money" {word}="{a}">{money(a, lang)}</strong></li>'
        for y, a in zip(years, amounts, strict=True)
    )
    if len(years) > 1:
        funding += (
            f'<li class="grant-funding__total"><span class="grant-funding__year" data-pagefind-meta="money_label">{total}</span> '
            f'<strong class="grant-num" data-pagefind-meta="money" {word}="{sum(amounts)}">{money(sum(amounts), lang)}</strong></li>'
        )
    title = texts.sentence(topic, 6, 12).rstrip(".")
    paragraphs = "".join(
        f"<p>{e(' '.join(texts.sentence(topic, 8, 25) for _ in range(4)))}</p>" for _ in range(2)
    )
    items = lambda n, low, high: "".join(f"<li>{e(texts.sentence(topic, low, high))}</li>" for _ in range(n))  # noqa: E731
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{e(title)}</title></head>
<body><header class="md-header"><nav>{label}</nav></header>
<main><article class="md-content__inner md-typeset">
<nav class="grant-languages"><ul><li>Қазақша</li><li>Русский</li><li>English</li></ul></nav>
<div class="grant-lot-head">
<p><span class="grant-badge grant-badge--{status}" data-pagefind-meta="status, status_code:{status}">{STATUSES[status][lang]}</span></p>
<h1 id="lot">{label}&nbsp;{i + 1}. {e(title)}</h1>
<dl class="grant-facts"><dt>Sector</dt><dd>{e(texts.sentence(topic, 4, 10))}</dd>
<dt>Funding</dt><dd><ul class="grant-funding">{funding}</ul></dd>
<dt>Territory</dt><dd>{e(texts.name())} {e(texts.sentence(topic, 2, 5))}</dd></dl>
</div>
<h2 id="problem">{problem}</h2><div class="grant-text">{paragraphs}</div>
<h2 id="indicators">{indicators}</h2><ol>{items(rng.randint(4, 8), 8, 20)}</ol>
<h2 id="results">{results}</h2><ol>{items(rng.randint(3, 6), 6, 16)}</ol>
<h2 id="requirements">{requirements}</h2><ol>{items(rng.randint(0, 6), 6, 14)}</ol>
</article></main></body></html>
"""


def write_site(folder: Path, n_lots: int) -> dict[str, Path]:
    """``folder/kk``, ``folder/ru``, ``folder/en``: each a language's site of ``n_lots`` lot pages."""
    roots = {}
    topics = len(load_dataset().lots)
    for lang in LANGS:
        root = folder / lang
        texts, rng = Texts(lang, seed=2026), random.Random(2026)
        for i in range(n_lots):
            page = root / "lots" / f"lot-{i + 1:05d}" / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(lot_page(lang, i, texts, rng, topics), encoding="utf-8")
        (root / "index.html").write_text(
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{lang}</title></head>'
            f'<body><article class="md-content__inner"><h1>{lang}</h1><p>{n_lots}</p></article></body></html>',
            encoding="utf-8",
        )
        roots[lang] = root
    return roots


# --- the baseline: Material's lunr index of the same pages ---------------------------------------------


class _Page:
    """What Material's search plugin reads of a page: its content, table of contents, address, title."""

    def __init__(self, content: str, url: str, title: str) -> None:
        self.content, self.url, self.title, self.toc, self.meta = content, url, title, [], {}


def lunr_index(root: Path, lang: str) -> bytes:
    from material.plugins.search.plugin import SearchIndex

    settings = {
        # The site's settings: Kazakh used lunr's Russian trimmer (overrides/partials/languages/kk.html).
        "kk": {"lang": ["ru"], "pipeline": ["trimmer"]},
        "ru": {"lang": ["ru"], "pipeline": ["stemmer", "stopWordFilter", "trimmer"]},
        "en": {"lang": ["en"], "pipeline": ["stemmer", "stopWordFilter", "trimmer"]},
    }[lang]
    index = SearchIndex(
        separator=r"[\s\-«»\"“”„'’/\\,.;:!?()\[\]]+",
        fields={"title": {"boost": 1e3}, "text": {"boost": 1e0}, "tags": {"boost": 1e6}},
        **settings,
    )
    article = re.compile(r'<article class="md-content__inner[^"]*">(.*)</article>', re.S)
    for path in sorted(root.rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        content = article.search(text).group(1)
        title = re.search(r"<title>(.*?)</title>", text).group(1)
        url = path.parent.relative_to(root).as_posix() + "/"
        index.add_entry_from_context(_Page(content, "" if url == "./" else url, html.unescape(title)))
    return index.generate_search_index(None).encode("utf-8")


# --- Pagefind in Chromium ------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] | None = None):
    """Serve ``folder`` locally (with ``handler``, default: plain and quiet); yields its address."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(handler or _Quiet, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


_QUERY = """async ([bundle, term]) => {
    const started = performance.now();
    window.pagefind = window.pagefind || await import(bundle + "pagefind.js");
    await window.pagefind.options({ baseUrl: new URL("..", bundle).pathname, excerptLength: 24 });
    const search = await window.pagefind.search(term);
    const first = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
    return { results: search.results.length, shown: first.length, ms: performance.now() - started,
             money: first.filter(d => d.meta.money).length };
}"""


def _size(folder: Path, url: str) -> tuple[int, int]:
    """Bytes of a fetched file: as stored, and gzip-compressed where that is smaller."""
    path = folder / url.split("://", 1)[1].split("/", 1)[1].split("?")[0]
    data = path.read_bytes()
    return len(data), min(len(data), len(gzip.compress(data, 6)))


def pagefind_queries(folder: Path, lang: str, browser) -> list[dict]:
    rows = []
    with serve(folder) as base:
        for term in QUERIES[lang]:
            context = browser.new_context()
            fetched: list[str] = []
            context.on("requestfinished", lambda request, fetched=fetched: fetched.append(request.url))
            page = context.new_page()
            page.goto(f"{base}/{lang}/")
            bundle = f"{base}/{lang}/pagefind/"
            first = page.evaluate(_QUERY, [bundle, term])
            first_files = [u for u in fetched if "/pagefind/" in u]
            fetched.clear()
            second_term = next(t for t in QUERIES[lang] if t != term)
            page.evaluate(_QUERY, [bundle, second_term])
            second_files = [u for u in fetched if "/pagefind/" in u]
            sizes = [_size(folder, u) for u in first_files]
            again = [_size(folder, u) for u in second_files]
            rows.append(
                {
                    "term": term,
                    "results": first["results"],
                    "with_money": first["money"],
                    "files": len(first_files),
                    "raw": sum(s[0] for s in sizes),
                    "gzip": sum(s[1] for s in sizes),
                    "ms": first["ms"],
                    "next_term": second_term,
                    "next_gzip": sum(s[1] for s in again),
                }
            )
            context.close()
    return rows


# --- the real site's search box, on a phone profile -----------------------------------------------------

#: A mid-range phone: CPU 4× slower than this machine's, and Chrome DevTools' "Fast 3G" preset
#: (the network Lighthouse's mobile runs emulate): 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up.
PHONE = {"cpu": 4.0, "latency": 562.5, "down": 180_000, "up": 84_375}
TARGET_MS = 1_000
#: The search box's pause after typing before it searches (grant-search.js, ``PAUSE``).
SEARCH_PAUSE_MS = 250
#: (b): from the tap on the search button to the first letter, and between letters (see the docstring).
THINK_MS = 800
KEYSTROKE_MS = 200
#: A topic word and an inflected form of it, as a reader types them (Kazakh: "to the veterans";
#: Russian: dative plural; English: plural). Kazakh endings are stripped by the search box.
TOPIC = {"kk": ("ардагер", "ардагерлерге"), "ru": ("ветеран", "ветеранам"), "en": ("veteran", "veterans")}


def _lots(data: Path) -> list[dict]:
    """Each lot of a grants file: its id, title (priority), territory and first amount, per language."""
    import yaml

    return yaml.load(data.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))[
        "lots"
    ]


def _longest_word(text: str) -> str:
    words = [w.strip(".,;:!?()«»\"“”'") for w in text.split()]
    return max((w for w in words if w.isalpha()), key=len).lower()


#: The kinds of query ``site_queries`` makes (``--what`` chooses some).
WHAT = ("title word", "topic word", "inflected", "amount", "total", "territory")


def site_queries(lot: dict, lang: str) -> list[tuple[str, str]]:
    """What a reader looking for this lot types, in one language: (what it is, the query).
    Amounts: its first year's, and its total over its years (its only year's amount when it
    has one), each typed in a way of its own."""
    amount = lot["funding"][0]["amount"]
    total = sum(f["amount"] for f in lot["funding"])
    typed_amount = {
        "kk": f"{amount:,} ₸".replace(",", " "),  # as the page writes it
        "ru": str(amount),  # digits only
        "en": f"{amount:,}",  # as the English page writes it
    }[lang]
    typed_total = {
        "kk": str(total),  # digits only
        "ru": f"{total:,} ₸".replace(",", " "),  # as the page writes it
        "en": f"{total:,}".replace(",", "."),  # grouped with dots, as many readers write it
    }[lang]
    return [
        ("title word", _longest_word(lot["priority"][lang])),
        ("topic word", TOPIC[lang][0]),
        ("inflected", TOPIC[lang][1]),
        ("amount", typed_amount),
        ("total", typed_total),
        ("territory", _longest_word(lot["territory"][lang])),
    ]


class _Gzip(_Quiet):
    """Sends a file gzip-compressed when the browser accepts it and that makes it smaller, and
    lets the browser keep it ten minutes, as GitHub Pages does (``Cache-Control: max-age=600``)."""

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if path.endswith("/"):
            path += "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not Path(path).is_file():
            return super().send_head()
        data = Path(path).read_bytes()
        packed = gzip.compress(data, 6)
        if len(packed) >= len(data):
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(packed)))
        self.end_headers()
        import io

        return io.BytesIO(packed)


#: (b) Watches the page: when the search button was pressed, and when each result was put on it.
_WATCH = """() => {
    document.addEventListener("pointerdown", () => { window.__tap = window.__tap || performance.now(); }, true);
    new MutationObserver((changes) => {
        const now = performance.now();
        for (const change of changes)
            for (const node of change.addedNodes)
                if (node.nodeType === 1 && node.matches(".grant-search__result")) node.__shown = now;
    }).observe(document.body, { childList: true, subtree: true });
}"""

#: (b) The reader's letters, each at its own time from the tap: ``think`` ms to the first, then one
#: every ``keystroke`` ms. The times are set in advance, as a finger's are: when the page is busy
#: (Pagefind's WebAssembly starting on a slow CPU), a letter's input event comes late, as on a
#: phone, and the time to the first result still counts from when the letter was typed.
_TYPE_LETTERS = """async ([term, think, keystroke]) => {
    const input = document.querySelector("#grant-search .grant-search__input");
    const letters = [...term];
    const planned = letters.map((_, i) => window.__tap + think + i * keystroke);
    const handled = [];
    await new Promise((resolve) => letters.forEach((letter, i) => setTimeout(() => {
        input.value = letters.slice(0, i + 1).join("");
        input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: letter }));
        handled.push(performance.now() - planned[i]);
        if (i === letters.length - 1) resolve();
    }, planned[i] - performance.now())));
    window.__last = planned[planned.length - 1];
    return { keys: letters.length, late: Math.max(...handled) };
}"""

#: (a) The query typed at once, ``pause`` ms after the search opened: times from the typing.
_TYPE = """async ([term, pause]) => {
    document.querySelector(".grant-search__open").click();
    await new Promise((resolve) => setTimeout(resolve, pause));
    const started = performance.now();
    const dialog = document.getElementById("grant-search");
    const input = dialog.querySelector(".grant-search__input");
    const status = dialog.querySelector(".grant-search__status");
    const searching = JSON.parse(dialog.dataset.words).searching;
    input.value = term;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    let first = null;
    return await new Promise((resolve) => {
        const check = () => {
            if (first === null && dialog.querySelector(".grant-search__result")) first = performance.now() - started;
            const said = status.textContent;
            if (said && said !== searching) {
                observer.disconnect();
                resolve({ first, done: performance.now() - started, status: said,
                          shown: [...dialog.querySelectorAll(".grant-search__link")].map(a => a.pathname) });
            }
        };
        const observer = new MutationObserver(check);
        observer.observe(dialog, { childList: true, subtree: true, characterData: true });
        setTimeout(() => resolve({ first, done: null, status: status.textContent, shown: [] }), 60000);
    });
}"""

#: (b) Once the reader has typed the last letter: is the search over (the count said, the pause
#: after typing gone by)?
_SETTLED = """(pause) => {
    const dialog = document.getElementById("grant-search");
    const said = dialog.querySelector(".grant-search__status").textContent;
    return said && said !== JSON.parse(dialog.dataset.words).searching && performance.now() - window.__last > pause;
}"""

#: (b) What the reader sees at the end, and when its first result was put on the page, counted
#: from the last letter typed.
_SEEN = """() => {
    const dialog = document.getElementById("grant-search");
    const first = dialog.querySelector(".grant-search__result");
    return { first: first ? first.__shown - window.__last : null,
             status: dialog.querySelector(".grant-search__status").textContent,
             shown: [...dialog.querySelectorAll(".grant-search__link")].map(a => a.pathname) };
}"""


def type_query(
    site: Path,
    base: str,
    lang: str,
    lot_id: str,
    term: str,
    profile: dict,
    browser,
    pause: int,
    typed: tuple[int, int] | None = None,
) -> dict:
    """One reader, nothing cached, on a lot page: opens the search box, types ``term``; what it cost.

    ``typed=None``: (a), the query put in the box at once, ``pause`` ms after the box opened.
    ``typed=(think, keystroke)``: (b), the search button pressed, the first letter typed ``think``
    ms later, then one letter every ``keystroke`` ms; timed from the last letter.
    """
    prefix = "" if lang == "kk" else f"{lang}/"
    context = browser.new_context()
    # Pagefind's web worker is out of reach of the page's CPU and network throttling (and of its
    # Network events): hide it, so that Pagefind takes its main-thread path.
    context.add_init_script("delete window.Worker; delete window.SharedWorker;")
    page = context.new_page()
    page.goto(f"{base}/{prefix}lots/{lot_id}/")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    # The cache stays on, as on a phone: each reader has a fresh context, so nothing is in it
    # before, and the search box relies on it (its early requests are Pagefind's own, later).
    requests: dict[str, str] = {}
    sent: dict[str, int] = {}
    cached: set[str] = set()
    cdp.on("Network.requestWillBeSent", lambda e: requests.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sent.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    cdp.on(
        "Network.responseReceived",
        lambda e: cached.add(e["requestId"]) if e["response"].get("fromDiskCache") else None,
    )
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu"]})
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": profile["latency"],
            "downloadThroughput": profile["down"],
            "uploadThroughput": profile["up"],
        },
    )
    if typed is None:
        outcome = page.evaluate(_TYPE, [term, pause])
    else:
        think, keystroke = typed
        page.evaluate(_WATCH)
        page.locator(".grant-search__open").click()  # pointerdown, then click, as a finger's tap
        typing = page.evaluate(_TYPE_LETTERS, [term, think, keystroke])
        page.wait_for_function(_SETTLED, arg=SEARCH_PAUSE_MS + 50, timeout=60_000, polling=100)
        page.wait_for_timeout(1_000)  # a search of a word typed before the last one, still on its way
        page.wait_for_function(_SETTLED, arg=0, timeout=60_000, polling=100)
        outcome = page.evaluate(_SEEN) | typing
    page.wait_for_timeout(200)  # the last loadingFinished events
    urls = [requests[r] for r in requests]
    unfinished = [requests[r] for r in requests if r not in sent]
    context.close()
    sent_by_kind: Counter[str] = Counter()
    for request, url in requests.items():
        sent_by_kind[_kind(url)] += sent.get(request, 0)
    raw = 0
    for request, url in requests.items():
        if request in cached:
            continue
        path = site / url.split("://", 1)[1].split("/", 1)[1].split("?")[0]
        raw += (path / "index.html" if path.is_dir() else path).stat().st_size
    return {
        **outcome,
        "requests": len(urls) - len(cached),
        "from_cache": len(cached),
        "unfinished": unfinished,
        "raw": raw,
        "sent": sum(sent.values()),
        "kinds": Counter(_kind(u) for r, u in requests.items() if r not in cached),
        "sent_by_kind": sent_by_kind,
    }


def _kind(url: str) -> str:
    name = url.split("?")[0].rsplit("/", 1)[-1]
    if "/words/" in url:
        return "words"
    for ending, kind in ((".pf_fragment", "fragment"), (".pf_index", "index"), (".pf_meta", "meta")):
        if name.endswith(ending):
            return kind
    return "wasm" if name.endswith(".pagefind") else name


def _results(row: dict) -> int:
    """The count the status ends with ("1 234 нәтиже"), after what was corrected, if anything."""
    return 0 if row["first"] is None else int(re.sub(r"\D", "", row["status"].split(". ")[-1]) or 0)


def _ms(value: float | None) -> str:
    return "none" if value is None else f"{value:,.0f} ms"


def site_report(
    site: Path,
    data: Path,
    lot_index: int | None,
    profile: dict,
    browser,
    pause: int,
    think: int,
    keystroke: int,
    langs: tuple[str, ...] = LANGS,
    what: tuple[str, ...] = WHAT,
) -> int:
    lots = _lots(data)
    lot = lots[len(lots) // 2 if lot_index is None else lot_index]
    print(
        f"{len(lots):,} lots, {site}; queries from lot {lot['id']}. Phone profile: CPU {profile['cpu']:g}× slower, "
        f"latency {profile['latency']:g} ms, {profile['down']:,} B/s down, {profile['up']:,} B/s up; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at start (the throttle slows what is left).\n"
        f"(b) a phone reader: taps the search button, types the first letter {think:,} ms later, then one "
        f"letter every {keystroke:,} ms; first result timed from the last letter. This is the target's line: "
        f"≤ {kb(TARGET_BYTES)} as sent, first result < {TARGET_MS:,} ms.\n"
        f"(a) for comparison, cold and typed at once: the query put in the box {pause:,} ms after it opened, "
        f"timed from then (Pagefind's loading included).",
        flush=True,
    )
    header = (
        f"{'':3}{'query':28}{'results':>8}{'lot shown':>10}"
        f"{'(b) req':>8}{'sent':>9}{'first':>9}{'(a) req':>8}{'sent':>9}{'first':>9}"
    )
    print(header)
    rows = []
    with serve(site, _Gzip) as base:
        for lang in langs:
            for kind, term in site_queries(lot, lang):
                if kind not in what:
                    continue
                at_once = type_query(site, base, lang, lot["id"], term, profile, browser, pause)
                row = type_query(
                    site, base, lang, lot["id"], term, profile, browser, pause, (think, keystroke)
                )
                results = _results(row)
                lot_shown = any(f"/lots/{lot['id']}/" in p for p in row["shown"])
                print(
                    f"{lang:3}{(kind + ': ' + term)[:27]:28}{results:>8,}{'yes' if lot_shown else 'no':>10}"
                    f"{row['requests']:>8}{kb(row['sent']):>9}{_ms(row['first']):>9}"
                    f"{at_once['requests']:>8}{kb(at_once['sent']):>9}{_ms(at_once['first']):>9}",
                    flush=True,
                )
                print(
                    f"   (b) {row['keys']} letters, the latest handled {row['late']:,.0f} ms after it was typed; as sent: "
                    + ", ".join(f"{k} {kb(n)}" for k, n in row["sent_by_kind"].most_common())
                )
                if _results(at_once) != results:
                    print(
                        f"   (a) found {_results(at_once):,}: {at_once['status']!r}; (b): {row['status']!r}"
                    )
                for name, r in (("(b)", row), ("(a)", at_once)):
                    if r["unfinished"]:
                        print(f"   {name} unfinished requests: {r['unfinished']}")
                rows.append(
                    {"lang": lang, "what": kind, "term": term, "results": results, "a": at_once, **row}
                )
    worst_bytes = max(rows, key=lambda r: max(r["sent"], r["a"]["sent"]))
    slowest = max(rows, key=lambda r: float("inf") if r["first"] is None else r["first"])
    slowest_a = max(rows, key=lambda r: float("inf") if r["a"]["first"] is None else r["a"]["first"])
    worst = max(worst_bytes["sent"], worst_bytes["a"]["sent"])
    bytes_met = worst <= TARGET_BYTES
    time_met = slowest["first"] is not None and slowest["first"] < TARGET_MS
    parts = ", ".join(f"{n} {k}" for k, n in sorted(worst_bytes["kinds"].items()))
    print(
        f"Worst bytes, (a) or (b): {worst_bytes['lang']} {worst_bytes['term']!r}, (b) {kb(worst_bytes['sent'])} "
        f"as sent ({kb(worst_bytes['raw'])} raw; {parts}), (a) {kb(worst_bytes['a']['sent'])}: "
        f"{'met' if bytes_met else 'NOT met'} (≤ {kb(TARGET_BYTES)}).\n"
        f"Slowest first result (b), from the last letter typed: {slowest['lang']} {slowest['term']!r}, "
        f"{_ms(slowest['first'])}: {'met' if time_met else 'NOT met'} (< {TARGET_MS:,} ms).\n"
        f"Slowest first result (a), cold and typed at once (not the target's line): {slowest_a['lang']} "
        f"{slowest_a['term']!r}, {_ms(slowest_a['a']['first'])}."
    )
    nothing = [f"{r['lang']} {r['term']!r}" for r in rows if r["first"] is None]
    if nothing:
        print("Found nothing: " + ", ".join(nothing))
    return 0 if bytes_met and time_met and not nothing else 1


# --- the report -----------------------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1000:,.0f} KB" if n < 10_000_000 else f"{n / 1_000_000:,.1f} MB"


def run(n_lots: int, folder: Path, browser) -> list[dict]:
    started = time.perf_counter()
    roots = write_site(folder, n_lots)
    print(f"\n{n_lots:,} lots: pages written in {time.perf_counter() - started:.1f} s", flush=True)
    summary = []
    for lang, root in roots.items():
        started = time.perf_counter()
        lunr = lunr_index(root, lang)
        lunr_seconds = time.perf_counter() - started
        lunr_gzip = len(gzip.compress(lunr, 6))
        started = time.perf_counter()
        stats = search.build_index(root)
        pagefind_seconds = time.perf_counter() - started
        bundle_bytes = sum(p.stat().st_size for p in (root / search.BUNDLE).rglob("*") if p.is_file())
        print(
            f"  {lang}: lunr index {kb(len(lunr))} raw, {kb(lunr_gzip)} gzip ({lunr_seconds:.1f} s); "
            f"Pagefind {stats.pages:,} pages, bundle {kb(bundle_bytes)} on disk ({pagefind_seconds:.1f} s)",
            flush=True,
        )
        for row in pagefind_queries(folder, lang, browser):
            ratio = row["gzip"] / lunr_gzip
            print(
                f"     first query {row['term']!r:16} {row['results']:>6,} results: "
                f"{kb(row['gzip'])} gzip ({kb(row['raw'])} raw, {row['files']} files, {row['ms']:.0f} ms) "
                f"= {ratio:.3f} × lunr's {kb(lunr_gzip)}; then {row['next_term']!r}: {kb(row['next_gzip'])}",
                flush=True,
            )
            assert row["with_money"] == min(10, row["results"]), "a lot result without its money"
            summary.append({"lots": n_lots, "lang": lang, **row, "lunr_gzip": lunr_gzip})
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--keep", type=Path, help="write the sites here and keep them")
    parser.add_argument("--site", type=Path, help="measure this built site's own search box instead")
    parser.add_argument("--data", type=Path, help="with --site: the grants file it was built from")
    parser.add_argument("--lot", type=int, default=None, help="with --site: the lot the queries come from")
    parser.add_argument("--cpu", type=float, default=PHONE["cpu"], help="CPU slowdown (4: a mid-range phone)")
    parser.add_argument("--latency", type=float, default=PHONE["latency"], help="ms added to each request")
    parser.add_argument("--down", type=int, default=PHONE["down"], help="download bytes a second")
    parser.add_argument("--up", type=int, default=PHONE["up"], help="upload bytes a second")
    parser.add_argument(
        "--pause", type=int, default=0, help="(a): ms between opening the search box and typing (0: at once)"
    )
    parser.add_argument(
        "--think", type=int, default=THINK_MS, help="(b): ms from the tap to the first letter"
    )
    parser.add_argument("--keystroke", type=int, default=KEYSTROKE_MS, help="(b): ms between letters")
    parser.add_argument(
        "--langs", nargs="+", default=LANGS, choices=LANGS, help="with --site: these languages"
    )
    parser.add_argument(
        "--what", nargs="+", default=WHAT, choices=WHAT, help="with --site: these kinds of query"
    )
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    if args.site:
        if not args.data:
            parser.error("--site needs --data, the grants file the site was built from")
        profile = {"cpu": args.cpu, "latency": args.latency, "down": args.down, "up": args.up}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return site_report(
                    args.site,
                    args.data,
                    args.lot,
                    profile,
                    browser,
                    args.pause,
                    args.think,
                    args.keystroke,
                    args.langs,
                    tuple(args.what),
                )
            finally:
                browser.close()

    summary = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n_lots in args.sizes:
                folder = (
                    (args.keep / str(n_lots)) if args.keep else Path(tempfile.mkdtemp(prefix="bench-search-"))
                )
                try:
                    summary += run(n_lots, folder, browser)
                finally:
                    if not args.keep:
                        shutil.rmtree(folder, ignore_errors=True)
        finally:
            browser.close()
    largest = max(args.sizes)
    worst = max((r for r in summary if r["lots"] == largest), key=lambda r: r["gzip"])
    met = worst["gzip"] <= TARGET_BYTES
    print(
        f"\nTarget: a first query ≤ {kb(TARGET_BYTES)} at {largest:,} lots. Worst: {worst['lang']} "
        f"{worst['term']!r}, {kb(worst['gzip'])} gzip = {worst['gzip'] / worst['lunr_gzip']:.3f} × lunr "
        f"({kb(worst['lunr_gzip'])}): {'met' if met else 'NOT met'}."
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
