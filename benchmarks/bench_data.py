"""How fast and how lean ``grants.load_dataset`` is on large, realistic data.

Writes synthetic grants files of 1,000 and 10,000 lots to a temporary folder, then, for
each, measures ``load_dataset`` (read + validate + build) in a fresh child process that does
nothing else (its seconds, its CPU seconds and its peak resident memory, ru_maxrss: what CI's
``grants validate`` or a build pays), and, in this process, the best of ``--repeat`` runs.

The lots look like the real ones (data/grants.yaml): every text in Kazakh with its Russian
and English translation (about 15 KB a lot), two indicators with targets, 7 to 11 results,
notes and corrections; 20 lots to a source document, whose declared totals match them, and
a handful of territories per source. ``--untranslated`` writes Kazakh texts only.

Two baselines are measured in the same run, on the same file, so that the ratios hold on a
busy machine as on an idle one:
- PyYAML C: ``yaml.load(CSafeLoader)``, plain data without checks or positions;
- libyaml events: every event of PyYAML's libyaml parser (CSafeLoader.get_event) and nothing
  else: the floor of any reader built on PyYAML's libyaml binding.

Target: 10,000 lots in under 2 s and under 300 MB. The seconds compared with it are the
child's CPU seconds: on this 2-core machine shared by several people the wall clock also
counts the time others' processes hold the cores (both are printed). Exit status 1 when missed.

    .venv/bin/python benchmarks/bench_data.py [--sizes 1000 10000] [--repeat 2] [--profile] [--keep DIR]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import pstats
import random
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import grants  # noqa: E402 - after the path is set, so the script runs from a checkout

TARGET_LOTS, TARGET_SECONDS, TARGET_MB = 10_000, 2.0, 300
LOTS_PER_SOURCE = 20
YEARS = (2026, 2027, 2028)
SECTORS = {  # the real sectors (Art. 5 §1 of the law), in the three languages
    "civil-society": {
        "kk": "Азаматтық қоғамды дамытуға, оның ішінде үкіметтік емес ұйымдар қызметінің тиімділігін арттыруға жәрдемдесу",
        "ru": "Содействие развитию гражданского общества, в том числе повышению эффективности деятельности неправительственных организаций",
        "en": "Assisting in the development of civil society, including improving the effectiveness of non-governmental organizations",
    },
    "public-accord": {
        "kk": "Қоғамдық келісімді және жалпыұлттық бірлікті нығайту",
        "ru": "Укрепление общественного согласия и общенационального единства",
        "en": "Strengthening public accord and national unity",
    },
    "family-gender": {
        "kk": "Отбасылық-демографиялық және гендерлік мәселелерді шешуге жәрдемдесу",
        "ru": "Содействие решению семейно-демографических и гендерных вопросов",
        "en": "Assisting in resolving family, demographic and gender issues",
    },
    "public-monitoring": {
        "kk": "Мемлекеттік қызметтер көрсету сапасына қоғамдық мониторинг жүргізу",
        "ru": "Проведение общественного мониторинга качества оказания государственных услуг",
        "en": "Conducting public monitoring of the quality of public services",
    },
}


LANGS = ("kk", "ru", "en")


def _words() -> dict[str, list[str]]:
    """The words of the real data's texts, per language, to make texts of a realistic length
    and alphabet (Kazakh and Russian in Cyrillic, English in Latin letters)."""
    loaded = grants.load_dataset(ROOT / "data" / "grants.yaml")
    texts = [
        t
        for lot in loaded.lots
        for t in (lot.problem, lot.priority, *lot.results, *(i.text for i in lot.indicators))
    ]
    return {
        lang: [w for t in texts for w in (getattr(t, lang) or "").split() if any(ch.isalpha() for ch in w)]
        for lang in LANGS
    }


class _Texts:
    """Texts in kk, with their ru and en translations when ``translated``: each a sentence (or
    paragraphs) of about as many words in each language, as the real translations are."""

    def __init__(self, seed: int, translated: bool = True) -> None:
        self.random = random.Random(seed)
        self.words = _words()
        self.langs = LANGS if translated else LANGS[:1]

    def _sentence(self, lang: str, count: int) -> str:
        words = self.random.choices(self.words[lang], k=count)
        return " ".join(words).rstrip(".,;:") + "."

    def sentence(self, low: int, high: int) -> dict[str, str]:
        count = self.random.randint(low, high)
        return {lang: self._sentence(lang, count) for lang in self.langs}

    def paragraphs(self) -> dict[str, str]:
        """A lot's problem: one to three paragraphs of one to three sentences."""
        shape = [
            [self.random.randint(8, 25) for _ in range(self.random.randint(1, 3))]
            for _ in range(self.random.randint(1, 3))
        ]
        return {
            lang: "\n\n".join(" ".join(self._sentence(lang, n) for n in para) for para in shape)
            for lang in self.langs
        }


_PLAIN_SAFE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:(?!: | #).)*[^\s:]")


def _quote(text: str) -> str:
    """A text as one YAML value, written as a maintainer would: plain where YAML allows it,
    else in double quotes (a JSON string is a valid YAML double-quoted scalar)."""
    if _PLAIN_SAFE.fullmatch(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))


def _text(text: dict[str, str], indent: int, *, item: bool = False, block: bool = False) -> list[str]:
    """A text's lines, one per language (``kk:``, then ``ru:`` and ``en:``), at ``indent``;
    the first starts a list item ('- ') when ``item``; long texts as YAML blocks (|-)."""
    pad = " " * indent
    lines = [
        f"{pad}{lang}: {_block(value, indent + 2) if block else _quote(value)}"
        for lang, value in text.items()
    ]
    if item:
        lines[0] = " " * (indent - 2) + "- " + lines[0].lstrip(" ")
    return lines


#: Units of the indicators' targets, with their translations.
UNITS = ({"kk": "адам", "ru": "человек", "en": "people"}, {"kk": "%", "ru": "%", "en": "%"})


def write_dataset(path: Path, n_lots: int, seed: int = 2026, *, translated: bool = True) -> None:
    """A valid grants file of ``n_lots`` lots, in the layout of data/grants.yaml: every text
    in Kazakh with its Russian and English translation (only Kazakh when not ``translated``),
    about 15 KB a lot as in the real list, with the corrections of the document's spelling."""
    texts = _Texts(seed, translated)
    rnd = texts.random

    def lang(text: dict[str, str]) -> dict[str, str]:
        return {k: v for k, v in text.items() if k in texts.langs}

    n_sources = -(-n_lots // LOTS_PER_SOURCE)
    lots_out: list[str] = []
    sources_out: list[str] = []
    for s in range(n_sources):
        source_id = f"akimat-{s + 1:04d}"
        totals = dict.fromkeys(YEARS, 0)
        # An akimat's lots are for a handful of its districts, as the real lists are.
        territories = [texts.sentence(3, 8) for _ in range(rnd.randint(2, 5))]
        for k in range(min(LOTS_PER_SOURCE, n_lots - s * LOTS_PER_SOURCE)):
            grant_type = rnd.choice(("short", "short", "medium", "long"))
            span = {"short": 1, "medium": 2, "long": 3}[grant_type]
            years = YEARS[:span]
            amount = rnd.randrange(2_000, 40_000) * 1000
            for year in years:
                totals[year] += amount
            lines = [
                f"  - id: {source_id}-{k + 1:02d}",
                f"    source: {source_id}",
                f'    number: "{k + 1}"',
                f"    source_lines: [{8 + 7 * k}, {11 + 7 * k}, {14 + 7 * k}]",
                f"    sector: {rnd.choice(list(SECTORS))}",
                "    priority:",
                *_text(texts.sentence(7, 14), 6),
                "    problem:",
                *_text(texts.paragraphs(), 6, block=True),
                "    funding:",
                *(f"      - year: {year}\n        amount: {amount}" for year in years),
                f"    grant_type: {grant_type}",
                "    grant_count: 1",
                "    period:",
                f"      start: {years[0]}",
                f"      end: {years[-1]}",
                "    territory:",
                *_text(rnd.choice(territories), 6),
                "    targets_per_year: true",
                "    indicators:",
            ]
            for unit, value in zip(
                UNITS, (rnd.choice((50, 100, 300, 1000)), rnd.choice((60, 70, 80))), strict=True
            ):
                lines += [
                    "      - text:",
                    *_text(texts.sentence(8, 16), 10),
                    "        target:",
                    "          comparison: at_least",
                    f"          value: {value}",
                    "          unit:",
                    *_text(lang(unit), 12),
                ]
            lines.append("    results:")
            for _ in range(rnd.randint(7, 11)):
                lines += _text(texts.sentence(10, 36), 8, item=True)
            if grant_type == "long":
                lines.append("    material_requirements:")
                lines += _text(texts.sentence(10, 20), 8, item=True)
            else:
                lines.append("    material_requirements: []")
            lines.append("    notes:")
            lines += _text(texts.sentence(8, 16), 8, item=True)
            lines.append("    corrections:")
            for _ in range(rnd.randint(2, 4)):
                word = rnd.choice(texts.words["kk"]).strip(".,;:()«»")
                lines += [
                    f"      - source: {_quote(word[:-1] or word)}",
                    f"        corrected: {_quote(word)}",
                ]
            lots_out.append("\n".join(lines) + "\n")
        declared = [
            f"      - year: {year}\n        amount: {total}" for year, total in totals.items() if total
        ]
        used_years = [year for year, total in totals.items() if total]
        sources_out.append(
            "\n".join(
                [
                    f"  - id: {source_id}",
                    "    issuer:",
                    *_text(texts.sentence(4, 8), 6),
                    "    title:",
                    *_text(texts.sentence(8, 14), 6),
                    f"    document: {source_id}.txt",
                    f"    years: [{', '.join(map(str, used_years))}]",
                    "    declared_totals:",
                    *declared,
                ]
            )
        )
    sectors_out = [
        f"  - id: {sid}\n    name:\n" + "\n".join(_text(lang(name), 6)) for sid, name in SECTORS.items()
    ]
    text = (
        f"# Synthetic benchmark data: {n_lots} lots.\nschema_version: 1\ncurrency: KZT\n\n"
        "sources:\n" + "\n".join(sources_out) + "\n\n"
        "sectors:\n" + "\n".join(sectors_out) + "\n\n"
        "lots:\n" + "\n".join(lots_out)
    )
    path.write_text(text, encoding="utf-8")


_CHILD = """
import resource, sys, time
import grants
start, cpu = time.perf_counter(), time.process_time()
dataset = grants.load_dataset(sys.argv[1])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
assert len(dataset.lots) == int(sys.argv[2])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, seconds, cpu)
"""


def child_run(path: Path, n_lots: int) -> tuple[float, float, float]:
    """(peak resident MB, seconds, CPU seconds) of a fresh process that only loads ``path``.

    Linux carries the parent's resident high-water mark into a child's ru_maxrss, so
    children are started while this process is still small (before it loads any data).
    """
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(n_lots)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]) / 1024, float(out[1]), float(out[2])  # ru_maxrss is in KiB on Linux


def best(run: Any, repeat: int) -> tuple[float, float]:
    """(seconds, CPU seconds), each the least of ``repeat`` calls of ``run``, with Python's cycle
    collector paused as ``load_dataset`` pauses it (else the baselines spend most of their time
    in it, and the ratios would flatter us)."""
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        start, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        gc.enable()
        del result
    return min(walls), min(cpus)


def pyyaml_load(path: Path) -> Any:
    """PyYAML's own C loader reading the file into plain data, with no checks and no positions."""
    import yaml

    with path.open("rb") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)


def libyaml_events(path: Path) -> int:
    """Every event of PyYAML's libyaml parser, and nothing done with them."""
    import yaml

    with path.open("rb") as stream:
        parser = yaml.CSafeLoader(stream)
        count = 0
        while parser.get_event() is not None:
            count += 1
        parser.dispose()
    return count


def in_process(path: Path, n_lots: int, repeat: int) -> tuple[float, float]:
    """Best-of-``repeat`` (seconds, CPU seconds) of ``load_dataset`` here."""

    def run() -> Any:
        dataset = grants.load_dataset(path)
        assert len(dataset.lots) == n_lots
        return dataset

    return best(run, repeat)


def python_peak(path: Path) -> float:
    """Peak MB of Python's own allocations (tracemalloc) while ``load_dataset`` runs."""
    gc.collect()
    tracemalloc.start()
    dataset = grants.load_dataset(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del dataset
    return peak / 2**20


def profile(path: Path) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    grants.load_dataset(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
    print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=2, help="runs in this process; the best is shown")
    parser.add_argument("--untranslated", action="store_true", help="Kazakh texts only")
    parser.add_argument("--tracemalloc", action="store_true", help="also Python's own peak (slow)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the largest size")
    parser.add_argument("--keep", type=Path, help="write the data files here and keep them")
    parser.add_argument("--write", nargs=2, metavar=("PATH", "LOTS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write:  # run as a child: write one file and exit, so the parent stays small
        write_dataset(Path(args.write[0]), int(args.write[1]), translated=not args.untranslated)
        return 0

    with tempfile.TemporaryDirectory(prefix="grants-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        kind = "kk" if args.untranslated else "kk-ru-en"
        paths = {n: folder / f"grants-{n}-{kind}.yaml" for n in args.sizes}
        for n, path in paths.items():
            if not (args.keep and path.exists()):
                write = [sys.executable, __file__, "--write", str(path), str(n)]
                subprocess.run(write + (["--untranslated"] if args.untranslated else []), check=True)
        children = {n: child_run(path, n) for n, path in paths.items()}
        rows = []
        for n, path in paths.items():
            wall, cpu = in_process(path, n, args.repeat)
            _, load_cpu = best(lambda path=path: pyyaml_load(path), args.repeat)
            _, events_cpu = best(lambda path=path: libyaml_events(path), args.repeat)
            peak = python_peak(path) if args.tracemalloc else None
            rows.append((n, path.stat().st_size / 2**20, *children[n], wall, cpu, load_cpu, events_cpu, peak))
        header = (
            f"{'lots':>7} {'file MB':>8} {'child MB':>9} {'child s':>8} {'child CPU s':>12} "
            f"{'here s':>7} {'here CPU s':>11} {'PyYAML C CPU s':>15} {'× PyYAML C':>11} "
            f"{'events CPU s':>13} {'× events':>9}" + (f" {'tracemalloc MB':>15}" if args.tracemalloc else "")
        )
        print(f"{kind} texts, best of {args.repeat} here")
        print(header)
        print("-" * len(header))
        for n, size, rss, child_s, child_cpu, wall, cpu, load_cpu, events_cpu, peak in rows:
            print(
                f"{n:>7,} {size:>8.1f} {rss:>9.0f} {child_s:>8.2f} {child_cpu:>12.2f} "
                f"{wall:>7.2f} {cpu:>11.2f} {load_cpu:>15.2f} {cpu / load_cpu:>11.2f} "
                f"{events_cpu:>13.2f} {cpu / events_cpu:>9.2f}"
                + (f" {peak:>15.0f}" if peak is not None else "")
            )
        print(
            "child: a fresh process that only runs load_dataset (read, check, build); here: the same in this "
            "process. PyYAML C: yaml.load(CSafeLoader) of the same file, plain data without checks; events: "
            "libyaml's events through PyYAML and nothing more. × : here CPU s over the baseline's"
        )
        if args.profile:
            profile(paths[max(paths)])

    missed = [
        f"{n:,} lots: {child_cpu:.2f} CPU s, {rss:.0f} MB"
        for n, _, rss, _, child_cpu, *_ in rows
        if n >= TARGET_LOTS and (child_cpu >= TARGET_SECONDS or rss >= TARGET_MB)
    ]
    target = f"target: {TARGET_LOTS:,} lots in under {TARGET_SECONDS:g} CPU s and under {TARGET_MB} MB"
    if missed:
        print(f"MISSED {target} ({'; '.join(missed)})")
        return 1
    print(f"met {target}" if any(n >= TARGET_LOTS for n, *_ in rows) else target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
