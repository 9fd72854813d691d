"""One declaration per field: pydantic v2 against today's schema check + rules + build.

Measured 2026-12-06 (pydantic 2.14.4, Python 3.11, the shared 2-core machine; best of 2 fresh
children; CPU seconds after the file is read; peak = ru_maxrss, reading included; +MB = what
the step adds over the resident size once the file is read):

     lots  side            CPU s  peak MB   +MB  detail
    1,000  today            0.10       67     2  schema 0.07 + rules 0.01 + build 0.02
    1,000  pydantic         0.06       90    27  x0.65 of schema+build
    1,000  pydantic-each    0.06       85    21  x0.59
    1,000  pydantic-slots   0.05       78    15  x0.53
   10,000  today            1.04      328    19  schema 0.71 + rules 0.09 + build 0.23
   10,000  pydantic         0.61      579   271  x0.65 of schema+build; + today's rules: x0.68 of today
   10,000  pydantic-each    0.59      522   214  x0.62; + rules x0.66
   10,000  pydantic-slots   0.52      457   149  x0.55; + rules x0.59

Compile: fastjsonschema 0.06 s per process; the pydantic models are built at import (not
timed). The file itself (143 MB of YAML for 10,000 lots) takes ~310 MB once read, on both sides.

- Speed: pydantic checks and builds valid data in about 0.6x the time of today's schema check
  + build (0.52-0.61 s against 0.94 s for 10,000 lots); both are far under the 2 s target.
- Memory: the catch. A BaseModel instance carries a __dict__ and a set of the fields given
  (~480 bytes a Text, against 64 for today's NamedTuple): 10,000 lots add 271 MB over the read
  data (today: 19 MB, because ``build(release=True)`` frees each raw lot). Lot by lot with the
  same release, and with the hundreds of thousands of small values (Text, YearAmount,
  Correction) as pydantic dataclasses with __slots__, it is still +149 MB, peak 457 MB: over
  the 300 MB target that today's ``load_dataset`` is tuned to. Traced on 1,000 lots (slotted
  variant, lot by lot): the strings are shared with the raw data, not copied; the objects
  reachable from the models take 5.4 MB (3.4 MB of it the __dict__ and fields-set of the
  BaseModels Lot, Indicator, Target, Period: slotting them too would save most of that);
  but tracemalloc counts 16.1 MB newly allocated and still alive after the step (today's
  build: 2.4 MB), and the other ~10 KB a lot is neither reachable from the models nor cyclic
  garbage (gc.collect() finds 41 objects). Not traced further: the next thing to find.
- Schema: ``model_json_schema()`` gives every field's title and description, patterns,
  bounds, enums, formats, defaults and additionalProperties: false (81 of our 84 titles and
  descriptions; the 3 missing are the shared $defs id/year/amount, inlined as Annotated types).
  It cannot express, from the declaration, the lot's and target's cross-field rules (the 6
  if/then, 3 not, 2 allOf, and the enum/const/required/minItems inside them), our x-message (8)
  and x-at (6), $comment (7), uniqueItems (years: an AfterValidator), nor "$schema": 67 keyword
  uses in all. Those rules become ``model_validator`` code, invisible to editors, unless the
  same JSON is written by hand in json_schema_extra. It also writes ``X | None`` as anyOf
  [X, null] (16 times), and so accepts ``url: null``, which our schema rejects: an optional
  field would need a default without None in its type to keep today's meaning.
- Errors: every error's ``loc`` is a path into the data (after dropping union members' tags
  such as 'int'/'float'), so ``Bundle.where`` gives file:line:col exactly as today (the 5
  errors of the broken file: same 5 positions). Its ``type`` codes (int_type, literal_error,
  extra_forbidden, greater_than_equal) map to our three-language messages, with ``input``
  and ``ctx`` for today's hints (quotes, "did you mean", the field's title).
- Strictness needs care: a strict tuple takes only a tuple (lists need Strict(False) on the
  tuple, items stay strict); a strict date takes only a date object and a lax one takes
  timestamps, so dates need a validator of their own (``_iso_date``).

RECOMMENDATION: do not replace today's path wholesale yet. Pydantic is faster and its
field-level schema and errors fit; but as measured it misses the 300 MB target by ~150 MB,
and the cross-field rules and messages would move out of the schema editors read. Next step,
if adopted: the model as pydantic (slotted dataclasses for the many values; Lot and Source
too, to find the missing memory), the schema generated from it with the lot's allOf block and
x-messages attached once in json_schema_extra, a test that the generated schema equals
data/grants.schema.json during the move, and the Python cross-record rules (ids, references,
totals) kept as they are. Re-run this script after each step; keep today's path until the
10,000-lot peak is under 300 MB.

Issue #10, item 2 asks for one declaration per field driving the JSON Schema, validation with
every error's location, the typed frozen model and the exports, with pydantic v2 as the leading
candidate, measured against today's path on 10,000 lots before choosing. This script is that
measurement; it changes nothing in ``grants/``.

What is compared, on the same synthetic data as benchmarks/bench_data.py (``write_dataset``:
kk+ru+en texts, ~15 KB a lot), each side in its own fresh child process:

- today: the split of ``grants.validate.load_dataset`` after the file is read: the
  fastjsonschema check compiled from data/grants.schema.json (``_schema_problems``), the Python
  rules (``_rule_problems``: unique ids, references, totals, spans...), then ``build`` into the
  frozen dataclasses of grants/model.py (with ``release=True``, as ``load_dataset`` does);
- pydantic: the frozen models below (``Lot``, ``Source``, ``Sector`` with every field of the
  schema's ``$defs``, the same patterns, bounds, enums, the Text type, the if/then rules on
  status and the 100% rule of targets as ``model_validator``; strict where the schema is: 18.0
  is no integer and "2026" is no year), ``TypeAdapter(list[Lot]).validate_python(raw_lots)``
  (sources and sectors too). It does NOT do the Python rules, so "pydantic + rules" adds
  today's rules to it for the like-for-like total;
- pydantic, lot by lot: the same, one ``TypeAdapter(Lot)`` call a lot, dropping each raw lot
  once it is a model (as ``build(release=True)`` does), to see what that does to the peak.

The file is read once in each child with the project's reader (``grants.bundle.load_bundle``)
before the clock starts, and both checkers are compiled before it is read, so neither reading
nor compiling is in the figures (both compile costs are printed apart). Seconds are the child's
CPU seconds (2 shared cores: the wall clock counts other people's processes), the best of
``--repeat`` children; peak MB is the child's ru_maxrss (reading included: the same for both
sides), and "+MB" the peak over the resident size once the file was read, i.e. what the step
itself adds. Python's cycle collector is paused in both, as ``load_dataset`` pauses it.

It also prints how pydantic's ``model_json_schema()`` compares with data/grants.schema.json
keyword by keyword, and, for a broken file, pydantic's errors (``loc``, ``type``) mapped to
file:line:col through the loader's ``Bundle.where``, beside today's messages.

    .venv/bin/python benchmarks/bench_fields.py [--sizes 1000 10000] [--repeat 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic.dataclasses import dataclass as pydantic_dataclass

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from grants.validate import schema  # noqa: E402 - after the path is set, so the script runs from a checkout

# --- the pydantic declaration of the same shape --------------------------------------------
#
# Titles and descriptions are taken from data/grants.schema.json so that the generated schema
# can be compared with ours; in a real declaration they would be written here, once.

_DEFS: dict[str, Any] = schema()["$defs"]


def _doc(definition: str, name: str | None = None) -> dict[str, Any]:
    node = _DEFS[definition] if name is None else _DEFS[definition]["properties"][name]
    return {"title": node.get("title"), "description": node.get("description")}


def _config(definition: str) -> ConfigDict:
    """A model's title, and its description (ConfigDict has no key for it)."""
    doc = _doc(definition)
    return ConfigDict(title=doc["title"], json_schema_extra={"description": doc["description"]})


def _top(name: str, **constraints: Any) -> Any:
    node = schema()["properties"][name]
    return Field(title=node["title"], description=node["description"], **constraints)


def _f(definition: str, name: str, **constraints: Any) -> Any:
    return Field(**_doc(definition, name), **constraints)


_URL = r"^https?://[^\s/?#@]+([/?#]\S*)?$"
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=64)]
NonBlank = Annotated[str, Strict(), Field(min_length=1, pattern=r"\S")]
Year = Annotated[int, Strict(), Field(ge=2000, le=2100)]
Amount = Annotated[int, Strict(), Field(gt=0)]
Number = Annotated[int | float, Field(ge=0)]


def _iso_date(value: Any) -> dt.date:
    """YYYY-MM-DD text only (the schema's ``format: date``), not a timestamp or a date object."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("a date as YYYY-MM-DD")
    return dt.date.fromisoformat(value)


Date = Annotated[dt.date, BeforeValidator(_iso_date)]


def _tuple(item: Any) -> Any:
    """A YAML list as a tuple (frozen). Strict mode takes only a tuple for a tuple; the items
    stay strict."""
    return Annotated[tuple[item, ...], Strict(False)]


def _unique(values: tuple[Any, ...]) -> tuple[Any, ...]:
    if len(set(values)) != len(values):
        raise ValueError("the years repeat")
    return values


class _Frozen(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")


#: The "pydantic-slots" side: the values a file holds hundreds of thousands of (texts, amounts,
#: corrections) as pydantic dataclasses with __slots__, as grants/model.py makes them
#: NamedTuples: a BaseModel instance carries a __dict__ and a set of the fields given (about
#: 480 bytes for a Text against 64 for the NamedTuple). Strict per field: a strict dataclass
#: takes only an instance, not a dict.
SLOTS = os.environ.get("BENCH_FIELDS_SLOTS") == "1"

if SLOTS:
    _values = pydantic_dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid"))

    @_values
    class Text:
        kk: NonBlank
        ru: NonBlank | None = None
        en: NonBlank | None = None

    @_values
    class YearAmount:
        year: Year
        amount: Amount

    @_values
    class Correction:
        source: NonBlank
        corrected: NonBlank

else:

    class Text(_Frozen):
        model_config = _config("text")
        kk: NonBlank = _f("text", "kk")
        ru: NonBlank | None = _f("text", "ru", default=None)
        en: NonBlank | None = _f("text", "en", default=None)

    class YearAmount(_Frozen):
        model_config = _config("year_amount")
        year: Year = _f("year_amount", "year")
        amount: Amount = _f("year_amount", "amount")

    class Correction(_Frozen):  # type: ignore[no-redef]
        model_config = _config("correction")
        source: NonBlank = _f("correction", "source")
        corrected: NonBlank = _f("correction", "corrected")


def _by_year(values: tuple[YearAmount, ...]) -> tuple[YearAmount, ...]:
    return tuple(sorted(values, key=lambda v: v.year))  # build() sorts funding by year


class Source(_Frozen):
    model_config = _config("source")
    id: Id = _f("source", "id")
    issuer: Text = _f("source", "issuer")
    title: Text = _f("source", "title")
    lots_file: (
        Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*(/[a-z0-9][a-z0-9_.-]*)*\.ya?ml$")] | None
    ) = _f("source", "lots_file", default=None)
    document: Annotated[str, Field(min_length=1)] | None = _f("source", "document", default=None)
    document_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = _f(
        "source", "document_sha256", default=None
    )
    url: Annotated[str, Field(pattern=_URL)] | None = _f("source", "url", default=None)
    published: Date | None = _f("source", "published", default=None)
    years: Annotated[_tuple(Year), Field(min_length=1), AfterValidator(_unique)] = _f("source", "years")
    declared_totals: _tuple(YearAmount) = _f("source", "declared_totals")
    notes: _tuple(Text) = _f("source", "notes", default=())


class Sector(_Frozen):
    model_config = _config("sector")
    id: Id = _f("sector", "id")
    name: Text = _f("sector", "name")


class Target(_Frozen):
    model_config = _config("target")
    comparison: Literal["at_least", "at_most", "exactly"] = _f("target", "comparison")
    value: Number = _f("target", "value")
    unit: Text = _f("target", "unit")

    @model_validator(mode="after")
    def _share(self) -> Target:
        if self.unit.kk == "%" and self.value > 100:
            raise ValueError(f"a share of {self.value}% is more than 100%; check the number")
        return self


class Indicator(_Frozen):
    model_config = _config("indicator")
    text: Text = _f("indicator", "text")
    target: Target | None = _f("indicator", "target", default=None)


class Period(_Frozen):
    model_config = _config("period")
    start: Year = _f("period", "start")
    end: Year = _f("period", "end")


class ApplicationWindow(_Frozen):
    opens: Date = Field(title="Opens", description="First day applications are accepted, YYYY-MM-DD.")
    closes: Date = Field(title="Closes", description="Last day applications are accepted, YYYY-MM-DD.")


class Award(_Frozen):
    model_config = _config("award")
    recipient: Text = _f("award", "recipient")
    bin: Annotated[str, Field(pattern=r"^[0-9]{12}$")] = _f("award", "bin")
    amounts: Annotated[_tuple(YearAmount), Field(min_length=1), AfterValidator(_by_year)] = _f(
        "award", "amounts"
    )
    agreement_date: Date = _f("award", "agreement_date")


class Achievement(_Frozen):
    model_config = _config("achievement")
    indicator: Annotated[int, Field(ge=1)] = _f("achievement", "indicator")
    value: Number = _f("achievement", "value")


class Report(_Frozen):
    model_config = _config("report")
    date: Date = _f("report", "date")
    document: Annotated[str, Field(pattern=_URL)] | None = _f("report", "document", default=None)
    text: Text | None = _f("report", "text", default=None)
    achievements: _tuple(Achievement) = _f("report", "achievements", default=())


Status = Literal["planned", "open", "evaluation", "awarded", "in_progress", "completed", "cancelled"]


class Lot(_Frozen):
    model_config = _config("lot")
    id: Id = _f("lot", "id")
    source: Id = _f("lot", "source")
    number: Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z./-]*$", max_length=16)] = _f(
        "lot", "number"
    )
    source_lines: _tuple(Annotated[int, Field(ge=1)]) = _f("lot", "source_lines", default=())
    sector: Id = _f("lot", "sector")
    priority: Text = _f("lot", "priority")
    problem: Text = _f("lot", "problem")
    funding: Annotated[_tuple(YearAmount), Field(min_length=1), AfterValidator(_by_year)] = _f(
        "lot", "funding"
    )
    grant_type: Literal["short", "medium", "long"] = _f("lot", "grant_type")
    grant_count: Annotated[int, Field(ge=1)] = _f("lot", "grant_count", default=1)
    period: Period = _f("lot", "period")
    territory: Text = _f("lot", "territory")
    targets_per_year: bool = _f("lot", "targets_per_year", default=False)
    indicators: _tuple(Indicator) = _f("lot", "indicators")
    results: _tuple(Text) = _f("lot", "results")
    material_requirements: _tuple(Text) = _f("lot", "material_requirements", default=())
    notes: _tuple(Text) = _f("lot", "notes", default=())
    corrections: _tuple(Correction) = _f("lot", "corrections", default=())
    status: Status = _f("lot", "status", default="planned")
    application_window: ApplicationWindow | None = _f("lot", "application_window", default=None)
    apply_url: Annotated[str, Field(pattern=_URL)] | None = _f("lot", "apply_url", default=None)
    award: Award | None = _f("lot", "award", default=None)
    reports: _tuple(Report) = _f("lot", "reports", default=())

    @model_validator(mode="after")
    def _status_rules(self) -> Lot:
        """The schema's allOf of if/then rules: a ``model_validator`` has no JSON Schema."""
        status = self.status
        if status in ("open", "evaluation") and self.application_window is None:
            raise ValueError(f"a lot with status '{status}' needs application_window (opens, closes); add it")
        if status in ("awarded", "in_progress", "completed") and self.award is None:
            raise ValueError(
                f"a lot with status '{status}' needs award (recipient, bin, amounts, agreement_date)"
            )
        if status == "completed" and not self.reports:
            raise ValueError("a completed lot needs at least one report; add it under reports")
        if status in ("planned", "open", "evaluation") and (self.award is not None or self.reports):
            raise ValueError(f"the lot has an award or reports but its status is '{status}'")
        if self.grant_type in ("short", "medium") and self.material_requirements:
            raise ValueError(
                f"material requirements are set only for long-term grants; this lot is {self.grant_type}"
            )
        return self


class GrantsFile(_Frozen):
    """The whole file, for the generated schema (validation uses the list adapters below)."""

    model_config = ConfigDict(
        title=schema()["title"], json_schema_extra={"description": schema()["description"]}
    )
    schema_version: Literal[1] = _top("schema_version")
    currency: Literal["KZT"] = _top("currency")
    sources: Annotated[_tuple(Source), Field(min_length=1)] = _top("sources")
    sectors: Annotated[_tuple(Sector), Field(min_length=1)] = _top("sectors")
    lots: _tuple(Lot) = _top("lots")
    totals: dict[str, Any] | None = _top("totals", default=None)


# --- the measured steps, each run in a fresh child -------------------------------------------


def _rss_mb() -> float:
    """The resident size now (not the peak), from /proc."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def child(side: str, path: Path, n_lots: int) -> dict[str, float]:
    """Compile, read ``path`` (not timed), then run ``side``'s check-and-build (timed)."""
    from grants import validate
    from grants.bundle import load_bundle

    start = time.process_time()
    if side == "today":
        validate._fast_checks()  # as _check does before reading
    else:
        lots_adapter, lot_adapter = TypeAdapter(list[Lot]), TypeAdapter(Lot)
        sources_adapter, sectors_adapter = TypeAdapter(list[Source]), TypeAdapter(list[Sector])
    compile_cpu = time.process_time() - start
    gc.disable()  # as load_dataset does, for reading and checking alike
    loaded = load_bundle(path)
    assert loaded.data is not None and not loaded.problems
    rss_read = _rss_mb()
    out: dict[str, float] = {"compile": compile_cpu, "rss_read": rss_read}
    wall, cpu = time.perf_counter(), time.process_time()
    data = loaded.data
    if side == "today":
        problems = validate._schema_problems(loaded)
        out["schema"] = time.process_time() - cpu
        problems += validate._rule_problems(loaded)
        out["rules"] = time.process_time() - cpu - out["schema"]
        assert not [p for p in problems if p.severity == "error"], problems[:3]
        dataset = validate.build(data, path, release=True)
        out["build"] = time.process_time() - cpu - out["schema"] - out["rules"]
        assert len(dataset.lots) == n_lots
    elif side == "pydantic":
        sources = sources_adapter.validate_python(data["sources"])
        sectors = sectors_adapter.validate_python(data["sectors"])
        lots = lots_adapter.validate_python(data["lots"])
        assert len(lots) == n_lots and sources and sectors
    else:  # pydantic, lot by lot, each raw lot dropped once it is a model (and -slots: see SLOTS)
        sources = sources_adapter.validate_python(data["sources"])
        sectors = sectors_adapter.validate_python(data["sectors"])
        raw_lots, lots = data["lots"], []
        for index, raw in enumerate(raw_lots):
            raw_lots[index] = None
            lots.append(lot_adapter.validate_python(raw))
        assert len(lots) == n_lots and sources and sectors
    out["cpu"], out["wall"] = time.process_time() - cpu, time.perf_counter() - wall
    out["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return out


def run_child(side: str, path: Path, n_lots: int) -> dict[str, float]:
    env = {**os.environ, "BENCH_FIELDS_SLOTS": "1" if side == "pydantic-slots" else ""}
    result = subprocess.run(
        [sys.executable, __file__, "--child", side, str(path), str(n_lots)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


SIDES = ("today", "pydantic", "pydantic-each", "pydantic-slots")


def measure(paths: dict[int, Path], repeat: int) -> None:
    best: dict[tuple[int, str], dict[str, float]] = {}
    for _ in range(repeat):  # interleaved, so that a busy moment hits every side alike
        for n, path in paths.items():
            for side in SIDES:
                run = run_child(side, path, n)
                if (n, side) not in best or run["cpu"] < best[n, side]["cpu"]:
                    best[n, side] = run
    print(f"best of {repeat} fresh children; CPU seconds after the file is read; peak MB = ru_maxrss")
    header = f"{'lots':>7} {'side':<14} {'CPU s':>6} {'wall s':>7} {'peak MB':>8} {'+MB':>5} {'compile s':>10}  detail"
    print(header)
    print("-" * len(header))
    for n in paths:
        today = best[n, "today"]
        for side in SIDES:
            r = best[n, side]
            if side == "today":
                detail = f"schema {r['schema']:.2f} + rules {r['rules']:.2f} + build {r['build']:.2f}"
            else:
                like = r["cpu"] / (today["schema"] + today["build"])
                full = (r["cpu"] + today["rules"]) / today["cpu"]
                detail = f"x{like:.2f} of schema+build; with today's rules x{full:.2f} of today"
            print(
                f"{n:>7,} {side:<14} {r['cpu']:>6.2f} {r['wall']:>7.2f} {r['peak']:>8.0f} "
                f"{max(0.0, r['peak'] - r['rss_read']):>5.0f} {r['compile']:>10.2f}  {detail}"
            )


# --- the generated schema against ours ---------------------------------------------------------

KEYWORDS = (
    "title",
    "description",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "minItems",
    "uniqueItems",
    "enum",
    "const",
    "format",
    "default",
    "additionalProperties",
    "required",
    "if",
    "then",
    "not",
    "allOf",
    "x-message",
    "x-at",
    "$comment",
    "$schema",
)


def _count(node: Any, counts: Counter[str], under_properties: bool = False) -> None:
    """Count keywords (not property names) through the whole schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if not under_properties:
                counts[key] += 1
            _count(value, counts, under_properties=key == "properties" and not under_properties)
    elif isinstance(node, list):
        for value in node:
            _count(value, counts)


def compare_schemas() -> None:
    ours: Counter[str] = Counter()
    _count(schema(), ours)
    generated = GrantsFile.model_json_schema()
    theirs: Counter[str] = Counter()
    _count(generated, theirs)
    print("\nJSON Schema keywords: data/grants.schema.json against GrantsFile.model_json_schema()")
    print(f"{'keyword':<22} {'ours':>5} {'pydantic':>9}")
    lost = 0
    for key in KEYWORDS:
        mark = ""
        if theirs[key] < ours[key]:
            lost += ours[key] - theirs[key]
            mark = "  <- fewer"
        print(f"{key:<22} {ours[key]:>5} {theirs[key]:>9}{mark}")
    print(
        f"{lost} keyword uses of ours the generated schema lacks; it adds anyOf {theirs['anyOf']} times (X | None)"
    )
    print(f"generated $schema: {generated.get('$schema')!r}; ours: {schema()['$schema']!r}")


# --- a broken file: pydantic's errors and where they are --------------------------------------


def _path(loc: tuple[Any, ...], data: Any) -> tuple[str | int, ...]:
    """pydantic's ``loc`` as a path into the data: union members' tags ('int', 'float',
    'function-after[...]') are not in the data and are dropped."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, list) and isinstance(part, int) and part < len(node)) or (
            isinstance(node, dict) and part in node
        ):
            node = node[part]
        elif (
            isinstance(node, dict)
            and isinstance(part, str)
            and not part.startswith(("function", "int", "float"))
        ):
            path.append(part)  # a missing field: the path names it, where() gives its parent
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def broken_demo(folder: Path) -> None:
    import bench_data

    from grants import check
    from grants.bundle import load_bundle

    path = folder / "broken.yaml"
    bench_data.write_dataset(path, 3)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(\n  - id: akimat-0001-01\n(?:.*\n)*?        amount: )(\d+)", r'\1"\2"', text, count=1)
    text = text.replace("    grant_count: 1\n", "    grant_count: 1.0\n", 1)
    text = text.replace("    grant_type: short\n", "    grant_type: shrot\n", 1)
    text = re.sub(r"(\n  - id: akimat-0001-03\n)", r"\1    colour: red\n", text, count=1)
    text = text.replace("      start: 2026\n", "      start: 1999\n", 1)
    path.write_text(text, encoding="utf-8")
    loaded = load_bundle(path)
    print("\nA broken file (amount as text, grant_count 1.0, grant_type shrot, an unknown key, start 1999):")
    try:
        TypeAdapter(list[Lot]).validate_python(loaded.data["lots"])
    except ValidationError as error:
        for e in error.errors():
            where = ("lots", *_path(e["loc"], loaded.data["lots"]))
            line, column = loaded.where(where, key=e["type"] == "extra_forbidden")
            print(f"  pydantic {path.name}:{line}:{column}  loc={e['loc']} type={e['type']}")
    _, problems = check(path)
    for p in problems:
        if p.severity == "error":
            print(f"  today    {p.file.name}:{p.line}:{p.column}  {p.message.splitlines()[0]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=2, help="children per side and size; the best is shown")
    parser.add_argument("--keep", type=Path, help="write the data files here and keep them")
    parser.add_argument("--child", nargs=3, metavar=("SIDE", "PATH", "LOTS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), int(args.child[2]))))
        return 0
    with tempfile.TemporaryDirectory(prefix="grants-fields-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths = {n: folder / f"grants-{n}-kk-ru-en.yaml" for n in args.sizes}
        for n, path in paths.items():
            if not (args.keep and path.exists()):
                bench = ROOT / "benchmarks" / "bench_data.py"
                subprocess.run([sys.executable, str(bench), "--write", str(path), str(n)], check=True)
        measure(paths, args.repeat)
        compare_schemas()
        broken_demo(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
