"""What changed between two versions of the data, told in public words.

Versions are compared as the raw YAML each one holds (plain dicts and lists),
never through today's validator or model: a version written before a field
became required, or before one was renamed, is still read as it was, so the
history survives changes of the schema.

``compare`` finds, lot by lot (by id), what was added, removed or changed,
field by field (funding year by year, list items by number), plus the totals
per year and the sources and sectors added, removed or changed. ``describe``
tells one field change in a language: the field as the site labels it and its
value before → after ("Funding, 2026: 6 000 000 ₸ → 6 500 000 ₸"), or, for a
long text, that it changed. ``to_markdown`` writes the pull-request summary.
"""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from grants import declare, formatting, labels
from grants.bundle import parse, with_lot_files
from grants.i18n import N_, Msg
from grants.lifecycle import parse_date
from grants.model import DEFAULT_LANGUAGE, LANGUAGES, Award, Lot, Sector, Source, Text
from grants.validate import DEFAULT_DATA, ROOT

#: A text longer than this is said to have changed; a shorter one is shown before → after.
SHORT_TEXT = 120
#: What a field is when the YAML leaves it out (as the model reads it): its declaration's
#: default, where it means something (not None, nothing, or an empty list).
DEFAULTS = {
    f.name: f.default
    for cls in (Lot, Source, Sector)
    for f in declare.fields(cls)
    if not f.required and f.default is not None and f.default != ()
}
#: Fields that are not published (where the data is kept: ``lots_file``): a change to one is
#: no change a reader could see, so it is not told (moving lots into a lot file is no change).
UNPUBLISHED = {f.name for cls in (Lot, Source, Sector) for f in declare.fields(cls) if not f.decl.published}
#: Fields whose values are dates (YYYY-MM-DD texts in the YAML), by their declared type.
DATE_FIELDS = {f.name for cls in (Lot, Source, Sector) for f in declare.fields(cls) if f.type is dt.date} | {
    f"award.{f.name}" for f in declare.fields(Award) if f.type is dt.date
}


@dataclass(frozen=True, slots=True)
class LotRef:
    """What a change shows of a lot: enough to name it and link to it."""

    id: str
    number: str
    priority: Text
    source: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a lot, source or sector, before and after (raw values; None: absent).

    ``field`` is the field's name (``award.<part>`` for a part of the award; "other" for a
    field no declaration has: ``grants.labels.field``); ``year`` is set for money per year,
    ``item`` (from 1) for an item of a list.
    """

    field: str
    before: Any
    after: Any
    year: int | None = None
    item: int | None = None


@dataclass(frozen=True, slots=True)
class LotChange:
    lot: LotRef  # the lot as it is after the change
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class ItemChange:
    """A source or a sector added, removed or changed."""

    kind: str  # "source" | "sector"
    id: str
    name: Text  # a source's title, a sector's name
    what: str  # "added" | "removed" | "changed"
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class DataDiff:
    added: tuple[LotRef, ...]
    removed: tuple[LotRef, ...]
    changed: tuple[LotChange, ...]
    totals_before: dict[int, int]
    totals_after: dict[int, int]
    other: tuple[ItemChange, ...]  # sources and sectors

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.other) and (
            self.totals_before == self.totals_after
        )

    @property
    def lot_ids(self) -> tuple[str, ...]:
        return tuple(lot.id for lot in self.added) + tuple(c.lot.id for c in self.changed)

    def fields_of(self, lot_id: str) -> tuple[FieldChange, ...]:
        return next((c.fields for c in self.changed if c.lot.id == lot_id), ())


# --- reading the raw data ------------------------------------------------------------


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _by_id(data: dict[str, Any] | None, key: str) -> dict[str, dict[str, Any]]:
    items = _dicts(data.get(key)) if isinstance(data, dict) else []
    return {str(item["id"]): item for item in items if "id" in item}


def _text(value: Any) -> Text:
    """A raw text (or a plain string) as a Text; whatever is not a string is left out."""
    parts = value if isinstance(value, dict) else {"kk": value}
    kk, ru, en = (
        parts.get(lang) if isinstance(parts.get(lang), str) else None for lang in ("kk", "ru", "en")
    )
    return Text(kk or "", ru, en)


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and "kk" in value and set(value) <= set(LANGUAGES)


def _amount(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _per_year(entries: Any) -> dict[int, int | None]:
    return {
        entry["year"]: _amount(entry.get("amount"))
        for entry in _dicts(entries)
        if isinstance(entry.get("year"), int)
    }


def totals(data: dict[str, Any] | None) -> dict[int, int]:
    """The lots' funding per year, as that version's pages showed it."""
    out: dict[int, int] = {}
    for lot in _dicts(data.get("lots")) if isinstance(data, dict) else []:
        for year, amount in _per_year(lot.get("funding")).items():
            out[year] = out.get(year, 0) + (amount or 0)
    return dict(sorted(out.items()))


def _lot_ref(lot: dict[str, Any]) -> LotRef:
    return LotRef(
        str(lot["id"]), str(lot.get("number", "")), _text(lot.get("priority")), str(lot.get("source"))
    )


# --- comparing -------------------------------------------------------------------------


def _items(field: str, before: Any, after: Any) -> Iterable[FieldChange]:
    """A list compared item by item, by its number."""
    old = before if isinstance(before, list) else []
    new = after if isinstance(after, list) else []
    for number, (a, b) in enumerate(itertools.zip_longest(old, new), 1):
        if a != b:
            yield FieldChange(field, a, b, item=number)


def _yearly(field: str, before: Any, after: Any) -> Iterable[FieldChange]:
    """Money per year compared year by year."""
    old, new = _per_year(before), _per_year(after)
    for year in sorted(set(old) | set(new)):
        if old.get(year) != new.get(year):
            yield FieldChange(field, old.get(year), new.get(year), year=year)


def _reports(before: Any, after: Any) -> Iterable[FieldChange]:
    """Reports compared by their date: one added, removed or changed."""
    old = {r.get("date"): r for r in _dicts(before)}
    new = {r.get("date"): r for r in _dicts(after)}
    for date in dict.fromkeys([*new, *old]):
        if old.get(date) != new.get(date):
            yield FieldChange("reports", date if date in old else None, date if date in new else None)


def _award(before: Any, after: Any) -> Iterable[FieldChange]:
    """The award compared part by part, its amounts year by year."""
    old, new = (x if isinstance(x, dict) else {} for x in (before, after))
    for part in dict.fromkeys([*new, *old]):
        a, b = old.get(part), new.get(part)
        if a == b:
            continue
        if part == "amounts":
            yield from _yearly("award.amounts", a, b)
        else:
            name = f"award.{part}"
            yield FieldChange(name if labels.field(name) else "other", a, b)


def _fields(
    before: dict[str, Any], after: dict[str, Any], sectors: tuple[dict[str, Any], dict[str, Any]] = ({}, {})
) -> list[FieldChange]:
    out: list[FieldChange] = []
    for key in dict.fromkeys([*after, *before]):
        a, b = before.get(key, DEFAULTS.get(key)), after.get(key, DEFAULTS.get(key))
        if key == "id" or key in UNPUBLISHED or a == b:
            continue
        if key in ("funding", "declared_totals"):
            out.extend(_yearly(key, a, b))
        elif key in ("indicators", "results", "material_requirements", "notes"):
            out.extend(_items(key, a, b))
        elif key == "reports":
            out.extend(_reports(a, b))
        elif key == "award":
            out.extend(_award(a, b))
        elif key == "sector":  # told by the sectors' names in each version
            old_sectors, new_sectors = sectors
            out.append(
                FieldChange(
                    key,
                    old_sectors.get(a, {}).get("name", a) if a is not None else None,
                    new_sectors.get(b, {}).get("name", b) if b is not None else None,
                )
            )
        else:
            out.append(FieldChange(key if labels.field(key) else "other", a, b))
    return out


def compare(before: dict[str, Any] | None, after: dict[str, Any]) -> DataDiff:
    """What changed from the raw data ``before`` (None: there was none) to ``after``."""
    old, new = _by_id(before, "lots"), _by_id(after, "lots")
    sectors = (_by_id(before, "sectors"), _by_id(after, "sectors"))
    changed = []
    for lot_id, lot in new.items():
        if lot_id in old:
            fields = _fields(old[lot_id], lot, sectors)
            if fields:
                changed.append(LotChange(_lot_ref(lot), tuple(fields)))
    other = []
    if before is not None:
        for kind, name_key in (("source", "title"), ("sector", "name")):
            old_items, new_items = _by_id(before, f"{kind}s"), _by_id(after, f"{kind}s")
            for item_id in dict.fromkeys([*new_items, *old_items]):
                a, b = old_items.get(item_id), new_items.get(item_id)
                if a == b:
                    continue
                item = b or a
                assert item is not None  # equal (both None) was skipped above
                name = _text(item.get(name_key))
                what = "added" if a is None else "removed" if b is None else "changed"
                details = tuple(_fields(a, b)) if a is not None and b is not None else ()
                if what == "changed" and not details:
                    continue  # only what is not published changed
                other.append(ItemChange(kind, item_id, name, what, details))
    return DataDiff(
        added=tuple(_lot_ref(lot) for lot_id, lot in new.items() if lot_id not in old),
        removed=tuple(_lot_ref(lot) for lot_id, lot in old.items() if lot_id not in new),
        changed=tuple(changed),
        totals_before=totals(before) if before is not None else {},
        totals_after=totals(after),
        other=tuple(other),
    )


# --- in public words -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Described:
    """One change as a reader sees it: ``label: before → after``, or ``label: note``."""

    label: str
    before: str | None = None
    after: str | None = None
    note: str | None = None
    lang: str = DEFAULT_LANGUAGE  # the language of the values (kk where a text has no translation)

    def __str__(self) -> str:
        if self.note:
            return f"{self.label}: {self.note}"
        return f"{self.label}: {self.before or '—'} → {self.after or '—'}"


def _value(field: str, value: Any, lang: str) -> str | None:
    """A raw value as the site shows it; None for a text too long to show whole."""
    if value is None:
        return None
    if field in ("funding", "declared_totals", "award.amounts") and _amount(value) is not None:
        return formatting.money(value, lang)
    coded = _CODED.get(field)
    if coded is not None and value in coded:
        return coded[value].get(lang)
    if isinstance(value, bool):
        return labels.CHANGES["yes" if value else "no"].get(lang)
    if isinstance(value, int):
        return formatting.number(value, lang)
    if field in DATE_FIELDS or field == "reports":
        date = parse_date(value) if isinstance(value, str) else None
        return formatting.date(date, lang) if date else str(value)
    if isinstance(value, dict):
        return _parts_value(field, value, lang)
    if isinstance(value, list) and all(isinstance(v, int | str) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str):
        return _short(" ".join(value.split()))
    return None


#: Fields whose values are codes, shown by their labels.
_CODED = {"status": labels.STATUSES, "grant_type": labels.GRANT_TYPES}


def _parts_value(field: str, value: dict[str, Any], lang: str) -> str | None:
    """A value made of parts: a window's dates, a period's years, an indicator's text, a text."""
    if field == "application_window":
        opens, closes = parse_date(value.get("opens")), parse_date(value.get("closes"))
        if opens and closes:
            return f"{formatting.date(opens, lang)} – {formatting.date(closes, lang)}"
    if field == "period":
        start, end = value.get("start"), value.get("end")
        return f"{start}" if start == end else f"{start}–{end}"
    if field == "indicators":
        return _value("text", value.get("text"), lang)
    if _is_text(value):
        return _short(" ".join(_text(value).get(lang).split()))
    return None


def _short(text: str) -> str | None:
    return text if len(text) <= SHORT_TEXT else None


def _target(indicator: Any, lang: str) -> str | None:
    target = indicator.get("target") if isinstance(indicator, dict) else None
    if not isinstance(target, dict):
        return None
    comparison = labels.COMPARISONS.get(str(target.get("comparison")))
    value = target.get("value")
    number = formatting.number(value, lang) if isinstance(value, int | float) else str(value)
    unit = _text(target.get("unit")).get(lang)
    return " ".join(part for part in (comparison.get(lang) if comparison else "", number, unit) if part)


def describe(change: FieldChange, lang: str) -> Described:
    """``change`` in ``lang``: the field as the site labels it, and what became of it."""
    label = (labels.field(change.field) or labels.FIELDS["other"]).get(lang)
    if change.year is not None:
        label = f"{label}, {change.year}"
    if change.item is not None:
        label = f"{label} {change.item}"
    words = labels.CHANGES
    a, b = change.before, change.after
    if change.field == "other":
        return Described(label, note=words["changed"].get(lang), lang=lang)
    if (
        change.field == "indicators"
        and isinstance(a, dict)
        and isinstance(b, dict)
        and a.get("text") == b.get("text")
        and _target(a, lang) != _target(b, lang)
    ):
        return Described(label, _target(a, lang), _target(b, lang), lang=lang)
    shown = _shown(change, lang)
    if isinstance(shown, str):  # only translations changed
        return Described(label, note=shown, lang=lang)
    a, b, value_lang = shown
    before, after = _value(change.field, a, lang), _value(change.field, b, lang)
    if a is None:
        return Described(
            label, after=after, note=None if after else words["added"].get(lang), lang=value_lang
        )
    if b is None:
        return Described(label, before=before, note=words["removed"].get(lang), lang=value_lang)
    if before is None or after is None or before == after:
        return Described(label, note=words["changed"].get(lang), lang=value_lang)
    return Described(label, before, after, lang=value_lang)


def _shown(change: FieldChange, lang: str) -> tuple[Any, Any, str] | str:
    """(before, after, their language) to show for ``change``; for a text whose Kazakh original
    is the same, and whose translation in ``lang`` too, the note that tells which translations changed."""
    a, b = change.before, change.after
    indicator = change.field == "indicators"
    text_a = a.get("text") if indicator and isinstance(a, dict) else a
    text_b = b.get("text") if indicator and isinstance(b, dict) else b
    if not (_is_text(text_a) and _is_text(text_b)):
        return a, b, lang
    ta, tb = _text(text_a), _text(text_b)
    # The page's language where its translation changed; else the Kazakh original's change.
    both = ta.has(lang) and tb.has(lang) and ta.get(lang) != tb.get(lang)
    if ta.kk == tb.kk and not both:  # the original is the same: only translations changed
        notes = []
        for x in ("ru", "en"):
            if getattr(ta, x) != getattr(tb, x):
                added = not ta.has(x) and tb.has(x)
                notes.append(
                    labels.CHANGES[f"translation.{x}.added" if added else f"translation.{x}"].get(lang)
                )
        return "; ".join(notes) or labels.CHANGES["changed"].get(lang)
    if not both:
        text_a, text_b = {"kk": ta.kk}, {"kk": tb.kk}
    if indicator:
        text_a, text_b = {"text": text_a}, {"text": text_b}
    return text_a, text_b, lang if both else DEFAULT_LANGUAGE


def describe_all(fields: Iterable[FieldChange], lang: str) -> list[Described]:
    """Each change once: a field whose parts changed together is told once."""
    return list(dict.fromkeys(describe(f, lang) for f in fields))


# --- reading a version ------------------------------------------------------------


class VersionError(Exception):
    """A version of the data could not be read."""


def git(*args: str, cwd: Path = ROOT) -> str:
    """What ``git args`` prints, as text."""
    return git_bytes(*args, cwd=cwd).decode("utf-8", errors="replace")


def git_bytes(*args: str, cwd: Path = ROOT, stdin: bytes | None = None) -> bytes:
    """What ``git args`` prints, as bytes (``git cat-file --batch`` counts its blobs in bytes)."""
    try:
        result = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except OSError as error:  # no git on this machine
        raise VersionError(Msg(N_("git cannot run: {error}"), error=str(error))) from None
    if result.returncode != 0:
        stderr = result.stderr.decode("utf-8", errors="replace").strip()
        raise VersionError(stderr or Msg(N_("{command} failed"), command=f"git {' '.join(args)}"))
    return result.stdout


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def load_version(
    spec: str, data_path: Path = DEFAULT_DATA, repo: Path | None = None
) -> dict[str, Any] | None:
    """The raw data from a file path, or from the data file at a git revision of ``repo``
    (by default, the repository the data file is in).

    None when the file does not exist at that revision (it was added later).
    """
    path = Path(spec)
    if path.is_file():
        data = parse(path.read_text(encoding="utf-8"))
        if data is None:
            raise VersionError(Msg(N_("{spec} is not a YAML data file"), spec=spec))
        beside = path.parent
        return with_lot_files(data, lambda name: _read(beside / name))
    if repo is None:
        repo = Path(git("rev-parse", "--show-toplevel", cwd=data_path.resolve().parent).strip())
    relative = data_path.resolve().relative_to(repo.resolve()).as_posix()
    try:
        git("rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}", cwd=repo)
    except VersionError:
        raise VersionError(Msg(N_("'{spec}' is neither a file nor a git revision"), spec=spec)) from None
    try:
        text = git("show", f"{spec}:{relative}", cwd=repo)
    except VersionError:
        return None
    data = parse(text)
    if data is None:
        raise VersionError(Msg(N_("the data at {spec} is not a YAML data file"), spec=spec))

    def lot_file(name: str) -> str | None:  # a lot file it names, as it was then
        try:
            return git("show", f"{spec}:{(PurePosixPath(relative).parent / name).as_posix()}", cwd=repo)
        except VersionError:
            return None

    return with_lot_files(data, lot_file)


# --- Markdown for a pull-request comment ---------------------------------------------

#: The pull-request summary is read by maintainers, who read Kazakh and Russian: every
#: heading and every item is told in Kazakh, with the Russian beside it ("kk / ru").
SUMMARY_LANGS = ("kk", "ru")


#: Characters Markdown would read as markup, written so that it shows them as they are.
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\|`*_[]"} | {"<": "&lt;", ">": "&gt;"})


def _cell(text: str | None, limit: int = 160) -> str:
    """Data text made safe for Markdown: no markup, no line breaks, no pipes."""
    if not text:
        return "—"
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.translate(_MARKDOWN)


def _tenge(amount: int) -> str:
    return f"{formatting.spaced(amount)} ₸"


def _signed(amount: int) -> str:
    return ("+" if amount > 0 else "−" if amount < 0 else "±") + _tenge(abs(amount))


def _both(kk: str, ru: str) -> str:
    """'kk / ru', or one of them when both say the same (a number, an id, a date)."""
    return kk if kk == ru else f"{kk} / {ru}"


def _said(told: tuple[Described, Described]) -> str:
    """One change in Kazakh with the Russian beside it; the values once when they are the same
    ('Қаржыландыру, 2026 / Финансирование, 2026: 6 000 000 ₸ → 6 500 000 ₸')."""
    kk, ru = told
    if not kk.note and not ru.note and (kk.before, kk.after) == (ru.before, ru.after):
        return str(Described(_both(kk.label, ru.label), kk.before, kk.after))
    return _both(str(kk), str(ru))


def _described_both(fields: Iterable[FieldChange]) -> list[tuple[Described, Described]]:
    """Each change once, in Kazakh and in Russian (a field whose parts changed together, once)."""
    return list(dict.fromkeys((describe(f, "kk"), describe(f, "ru")) for f in fields))


def _lot_line(lot: LotRef) -> str:
    return f"`{_cell(lot.id)}` (№ {_cell(lot.number)}) {_cell(lot.priority.kk, 100)}"


def to_markdown(
    diff: DataDiff, before: str, after: str, coverage: Iterable[tuple[str, int, int]] = ()
) -> str:
    """The pull-request summary: every heading and every change in Kazakh, the Russian beside it.

    ``coverage``: (language, translated texts, all texts) of the version ``after``.
    """
    lines = [f"## Деректер / Данные: {_cell(before)} → {_cell(after)}", ""]
    coverage = tuple(coverage)
    if coverage:
        figures = ", ".join(
            f"{code}: {100 * done // total if total else 100}% ({done}/{total})"
            for code, done, total in coverage
        )
        lines += [f"Аударма / Перевод: {figures}", ""]
    if diff.empty:
        lines.append("Жарияланатын деректер өзгермейді. / Публикуемые данные не меняются.")
        return "\n".join(lines) + "\n"
    counts = f"+{len(diff.added)} / −{len(diff.removed)} / ~{len(diff.changed)}"
    lines += [f"**Лоттар / Лоты: {counts}.** Біріктірілгеннен кейін сайтта. / На сайте после слияния.", ""]
    years = sorted(set(diff.totals_before) | set(diff.totals_after))
    lines += [
        "### Жылдар бойынша жиынтық / Итоги по годам",
        "",
        "| | Бұрын / Было | Кейін / Стало | Айырма / Разница |",
        "|---|--:|--:|--:|",
    ]
    for year in years:
        a, b = diff.totals_before.get(year, 0), diff.totals_after.get(year, 0)
        lines.append(f"| {year} | {_tenge(a)} | {_tenge(b)} | {_signed(b - a) if a != b else '—'} |")
    lines.append("")
    for heading, lots in (
        ("Қосылған лоттар / Добавленные лоты", diff.added),
        ("Алынып тасталған лоттар / Удалённые лоты", diff.removed),
    ):
        if lots:
            lines += [f"### {heading}", "", *(f"- {_lot_line(lot)}" for lot in lots), ""]
    if diff.changed:
        lines += ["### Өзгертілген лоттар / Изменённые лоты", ""]
        for change in diff.changed:
            lines += [f"#### {_lot_line(change.lot)}", ""]
            lines += [f"- {_cell(_said(told), 600)}" for told in _described_both(change.fields)]
            lines.append("")
    if diff.other:
        lines += ["### Тізбелер мен салалар / Перечни и сферы", ""]
        for item in diff.other:
            words = labels.CHANGES[f"{item.kind}.{item.what}"]
            what = _both(*(words.get(lang) for lang in SUMMARY_LANGS))
            name = _both(*(_cell(item.name.get(lang), 100) for lang in SUMMARY_LANGS))
            details = "; ".join(_said(told) for told in _described_both(item.fields))
            lines.append(
                f"- {what}: `{_cell(item.id)}` {name}" + (f" — {_cell(details, 600)}" if details else "")
            )
        lines.append("")
    return "\n".join(lines)
