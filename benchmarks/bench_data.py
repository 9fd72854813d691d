"""How fast and how lean ``grants.load_dataset`` is on large, realistic data.

Writes synthetic grants files of 1,000 and 10,000 lots to a temporary folder,
then, for each, times ``load_dataset`` (read + validate + build), measures its
peak Python memory with tracemalloc, and the peak resident memory (ru_maxrss)
of a fresh child process that does nothing but load it. The lots look like
the real ones: long Kazakh texts, two indicators with targets, 8 to 11
results; 20 lots to a source document, whose declared totals match them.

Target: 10,000 lots in under 2 s and under 300 MB. Exit status 1 when missed.

    .venv/bin/python benchmarks/bench_data.py [--sizes 1000 10000] [--profile] [--keep DIR]
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import grants  # noqa: E402 - after the path is set, so the script runs from a checkout

TARGET_LOTS, TARGET_SECONDS, TARGET_MB = 10_000, 2.0, 300
LOTS_PER_SOURCE = 20
YEARS = (2026, 2027, 2028)
SECTORS = {
    "civil-society": "Азаматтық қоғамды дамытуға, оның ішінде үкіметтік емес ұйымдар қызметінің тиімділігін арттыруға жәрдемдесу",
    "public-accord": "Қоғамдық келісімді және жалпыұлттық бірлікті нығайту",
    "family-gender": "Отбасылық-демографиялық және гендерлік мәселелерді шешуге жәрдемдесу",
    "public-monitoring": "Мемлекеттік қызметтер көрсету сапасына қоғамдық мониторинг жүргізу",
}


def _words() -> list[str]:
    """Kazakh words of the real data, to make texts of a realistic length and alphabet."""
    loaded = grants.load_dataset(ROOT / "data" / "grants.yaml")
    text = " ".join(
        t.kk
        for lot in loaded.lots
        for t in (lot.problem, lot.priority, *lot.results, *(i.text for i in lot.indicators))
    )
    return [w for w in text.split() if any(ch.isalpha() for ch in w)]


class _Texts:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.words = _words()

    def sentence(self, low: int, high: int) -> str:
        words = self.random.choices(self.words, k=self.random.randint(low, high))
        return " ".join(words).rstrip(".,;:") + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence(8, 25) for _ in range(sentences))


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


def write_dataset(path: Path, n_lots: int, seed: int = 2026) -> None:
    """A valid grants file of ``n_lots`` lots, in the layout of data/grants.yaml."""
    texts = _Texts(seed)
    rnd = texts.random
    n_sources = -(-n_lots // LOTS_PER_SOURCE)
    lots_out: list[str] = []
    sources_out: list[str] = []
    for s in range(n_sources):
        source_id = f"akimat-{s + 1:04d}"
        totals = dict.fromkeys(YEARS, 0)
        for k in range(min(LOTS_PER_SOURCE, n_lots - s * LOTS_PER_SOURCE)):
            grant_type = rnd.choice(("short", "short", "medium", "long"))
            span = {"short": 1, "medium": 2, "long": 3}[grant_type]
            years = YEARS[:span]
            amount = rnd.randrange(2_000, 40_000) * 1000
            for year in years:
                totals[year] += amount
            problem = "\n\n".join(texts.paragraph(rnd.randint(1, 3)) for _ in range(rnd.randint(1, 3)))
            lines = [
                f"  - id: {source_id}-{k + 1:02d}",
                f"    source: {source_id}",
                f'    number: "{k + 1}"',
                f"    source_lines: [{8 + 7 * k}, {11 + 7 * k}, {14 + 7 * k}]",
                f"    sector: {rnd.choice(list(SECTORS))}",
                "    priority:",
                f"      kk: {_quote(texts.sentence(7, 14))}",
                "    problem:",
                f"      kk: {_block(problem, 8)}",
                "    funding:",
                *(f"      - year: {year}\n        amount: {amount}" for year in years),
                f"    grant_type: {grant_type}",
                "    grant_count: 1",
                "    period:",
                f"      start: {years[0]}",
                f"      end: {years[-1]}",
                "    territory:",
                f"      kk: {_quote(texts.sentence(3, 8))}",
                "    targets_per_year: true",
                "    indicators:",
            ]
            for unit, value in (("адам", rnd.choice((50, 100, 300, 1000))), ("%", rnd.choice((60, 70, 80)))):
                lines += [
                    "      - text:",
                    f"          kk: {_quote(texts.sentence(8, 16))}",
                    "        target:",
                    "          comparison: at_least",
                    f"          value: {value}",
                    "          unit:",
                    f"            kk: {_quote(unit)}",
                ]
            lines.append("    results:")
            for _ in range(rnd.randint(8, 11)):
                lines.append(f"      - kk: {_quote(texts.sentence(10, 36))}")
            if grant_type == "long":
                lines.append("    material_requirements:")
                lines.append(f"      - kk: {_quote(texts.sentence(10, 20))}")
            else:
                lines.append("    material_requirements: []")
            lines.append("    notes:")
            lines.append(f"      - kk: {_quote(texts.sentence(8, 16))}")
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
                    f"      kk: {_quote(texts.sentence(4, 8))}",
                    "    title:",
                    f"      kk: {_quote(texts.sentence(8, 14))}",
                    f"    document: {source_id}.txt",
                    f"    years: [{', '.join(map(str, used_years))}]",
                    "    declared_totals:",
                    *declared,
                ]
            )
        )
    sectors_out = [f"  - id: {sid}\n    name:\n      kk: {_quote(name)}" for sid, name in SECTORS.items()]
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
start = time.perf_counter()
dataset = grants.load_dataset(sys.argv[1])
seconds = time.perf_counter() - start
assert len(dataset.lots) == int(sys.argv[2])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, seconds)
"""


def child_run(path: Path, n_lots: int) -> tuple[float, float]:
    """(peak resident MB, seconds) of a fresh process that only loads ``path``.

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
    return int(out[0]) / 1024, float(out[1])  # ru_maxrss is in KiB on Linux


def baseline(path: Path, repeat: int = 3) -> float:
    """Best-of-``repeat`` seconds of PyYAML's own C loader reading the same file into plain data,
    with no checks and no positions: the fair floor for any YAML reader, measured in this run so
    that the ratio holds on a busy machine as on an idle one."""
    import yaml

    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        with path.open("rb") as stream:
            data = yaml.load(stream, Loader=yaml.CSafeLoader)
        times.append(time.perf_counter() - start)
        del data
    return min(times)


def in_process(path: Path, n_lots: int, repeat: int = 3) -> dict[str, float]:
    """Best-of-``repeat`` seconds of ``load_dataset`` here, and its tracemalloc peak."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        dataset = grants.load_dataset(path)
        times.append(time.perf_counter() - start)
        assert len(dataset.lots) == n_lots
        del dataset
    gc.collect()
    tracemalloc.start()
    dataset = grants.load_dataset(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del dataset
    return {"seconds": min(times), "tracemalloc_mb": peak / 2**20}


def profile(path: Path) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    grants.load_dataset(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the largest size")
    parser.add_argument("--keep", type=Path, help="write the data files here and keep them")
    parser.add_argument("--write", nargs=2, metavar=("PATH", "LOTS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write:  # run as a child: write one file and exit, so the parent stays small
        write_dataset(Path(args.write[0]), int(args.write[1]))
        return 0

    with tempfile.TemporaryDirectory(prefix="grants-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths = {n: folder / f"grants-{n}.yaml" for n in args.sizes}
        for n, path in paths.items():
            subprocess.run([sys.executable, __file__, "--write", str(path), str(n)], check=True)
        children = {n: child_run(path, n) for n, path in paths.items()}
        rows = [
            (n, path.stat().st_size / 2**20, in_process(path, n), *children[n], baseline(path))
            for n, path in paths.items()
        ]
        header = (
            f"{'lots':>7} {'file MB':>8} {'load_dataset s':>15} {'child s':>8} "
            f"{'tracemalloc MB':>15} {'child maxrss MB':>16} {'PyYAML C s':>11} {'× PyYAML':>9}"
        )
        print(header)
        print("-" * len(header))
        for n, size, m, rss, child_seconds, floor in rows:
            print(
                f"{n:>7,} {size:>8.1f} {m['seconds']:>15.2f} {child_seconds:>8.2f} "
                f"{m['tracemalloc_mb']:>15.0f} {rss:>16.0f} {floor:>11.2f} {m['seconds'] / floor:>9.2f}"
            )
        print(
            "PyYAML C: yaml.load(CSafeLoader) of the same file, plain data without checks; "
            "× PyYAML: load_dataset (read, check, build) over it"
        )
        if args.profile:
            profile(paths[max(paths)])

    missed = [
        f"{n:,} lots: {m['seconds']:.2f} s, {rss:.0f} MB"
        for n, _, m, rss, _, _ in rows
        if n >= TARGET_LOTS and (m["seconds"] >= TARGET_SECONDS or rss >= TARGET_MB)
    ]
    target = f"target: {TARGET_LOTS:,} lots in under {TARGET_SECONDS:g} s and under {TARGET_MB} MB"
    if missed:
        print(f"MISSED {target} ({'; '.join(missed)})")
        return 1
    print(f"met {target}" if any(n >= TARGET_LOTS for n, *_ in rows) else target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
