"""What changed between two versions of the data: lots added, removed and
changed field by field, and the totals per year before and after."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grants.export import lot_dict, source_dict
from grants.model import Dataset, Lot
from grants.problems import DataError
from grants.validate import DEFAULT_DATA, ROOT, load_dataset


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class LotChange:
    lot: Lot  # the lot as it is after the change
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class DataDiff:
    added: tuple[Lot, ...]
    removed: tuple[Lot, ...]
    changed: tuple[LotChange, ...]
    totals_before: dict[int, int]
    totals_after: dict[int, int]
    other: tuple[str, ...]  # sources, sectors and the like, named

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.other) and (
            self.totals_before == self.totals_after
        )

    @property
    def lot_ids(self) -> tuple[str, ...]:
        return tuple(lot.id for lot in self.added) + tuple(c.lot.id for c in self.changed)


def _flatten(value: Any, path: str, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{path}.{key}" if path else str(key), out)
    elif isinstance(value, list):
        for i, item in enumerate(value, 1):
            _flatten(item, f"{path}[{i}]", out)
    else:
        out[path] = "" if value is None else str(value)


def _fields(lot: Lot) -> dict[str, str]:
    raw = lot_dict(lot)
    # Funding is compared year by year, not by its place in the list.
    funding = {f"funding.{f['year']}": str(f["amount"]) for f in raw.pop("funding")}
    out: dict[str, str] = {}
    _flatten(raw, "", out)
    return out | funding


def _item_fields(item: Any) -> dict[str, str]:
    raw = (
        source_dict(item)
        if hasattr(item, "declared_totals")
        else {"id": item.id, "name": item.name.as_dict()}
    )
    out: dict[str, str] = {}
    _flatten(raw, "", out)
    return out


def compare(before: Dataset | None, after: Dataset) -> DataDiff:
    old = {lot.id: lot for lot in before.lots} if before else {}
    new = {lot.id: lot for lot in after.lots}
    changed = []
    for lot_id, lot in new.items():
        if lot_id not in old:
            continue
        a, b = _fields(old[lot_id]), _fields(lot)
        fields = tuple(
            FieldChange(name, a.get(name), b.get(name))
            for name in dict.fromkeys([*b, *a])
            if a.get(name) != b.get(name)
        )
        if fields:
            changed.append(LotChange(lot, fields))
    other = []
    if before:
        for kind, old_items, new_items in (
            ("source", before.sources, after.sources),
            ("sector", before.sectors, after.sectors),
        ):
            old_by_id = {item.id: item for item in old_items}
            new_by_id = {item.id: item for item in new_items}
            for item_id in sorted(set(old_by_id) | set(new_by_id)):
                if item_id not in old_by_id:
                    other.append(f"{kind} {item_id} added")
                elif item_id not in new_by_id:
                    other.append(f"{kind} {item_id} removed")
                elif old_by_id[item_id] != new_by_id[item_id]:
                    a, b = (_item_fields(x) for x in (old_by_id[item_id], new_by_id[item_id]))
                    names = [n for n in dict.fromkeys([*b, *a]) if a.get(n) != b.get(n)]
                    other.append(f"{kind} {item_id}: {', '.join(names)} changed")
    return DataDiff(
        added=tuple(lot for lot_id, lot in new.items() if lot_id not in old),
        removed=tuple(lot for lot_id, lot in old.items() if lot_id not in new),
        changed=tuple(changed),
        totals_before={y.year: y.amount for y in before.total_by_year()} if before else {},
        totals_after={y.year: y.amount for y in after.total_by_year()},
        other=tuple(other),
    )


# --- reading a version ------------------------------------------------------------


class VersionError(Exception):
    """A version of the data could not be read."""


def git(*args: str, cwd: Path = ROOT) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:  # no git on this machine
        raise VersionError(f"git cannot run: {error}") from None
    if result.returncode != 0:
        raise VersionError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def load_version(spec: str, data_path: Path = DEFAULT_DATA, repo: Path = ROOT) -> Dataset | None:
    """A dataset from a file path, or from the data file at a git revision of ``repo``.

    None when the file does not exist at that revision (it was added later).
    """
    path = Path(spec)
    if path.is_file():
        return load_dataset(path)
    relative = data_path.resolve().relative_to(repo.resolve()).as_posix()
    try:
        git("rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}", cwd=repo)
    except VersionError:
        raise VersionError(f"'{spec}' is neither a file nor a git revision") from None
    try:
        text = git("show", f"{spec}:{relative}", cwd=repo)
    except VersionError:
        return None
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / f"grants@{spec.replace('/', '_')}.yaml"
        copy.write_text(text, encoding="utf-8")
        try:
            return load_dataset(copy)
        except DataError as error:
            raise VersionError(f"the data at {spec} is not valid:\n{error.report()}") from None


# --- Markdown for a pull-request comment ---------------------------------------------


def _cell(text: str | None, limit: int = 160) -> str:
    """Data text made safe for a Markdown table cell: no markup, no line breaks, no pipes."""
    if text is None or text == "":
        return "—"
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    for char, escaped in (
        ("\\", "\\\\"),
        ("|", "\\|"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("`", "\\`"),
        ("*", "\\*"),
        ("_", "\\_"),
        ("[", "\\["),
        ("]", "\\]"),
    ):
        text = text.replace(char, escaped)
    return text


def _values(before: str | None, after: str | None, field: str) -> tuple[str, str]:
    """Both sides of a change for a table cell; long texts cut to the part that differs."""
    if field.startswith("funding.") or field.endswith(".amount"):
        return tuple(_tenge(int(v)) if v and v.isdigit() else _cell(v) for v in (before, after))
    if before and after and max(len(before), len(after)) > 160:
        start = 0
        while start < min(len(before), len(after)) and before[start] == after[start]:
            start += 1
        start = max(0, start - 40)
        prefix = "…" if start else ""
        return _cell(prefix + before[start:]), _cell(prefix + after[start:])
    return _cell(before), _cell(after)


def _tenge(amount: int) -> str:
    return f"{amount:,}".replace(",", " ") + " ₸"


def _signed(amount: int) -> str:
    return ("+" if amount > 0 else "−" if amount < 0 else "±") + _tenge(abs(amount))


def _lot_line(lot: Lot) -> str:
    return f"`{lot.id}` (№ {lot.number}) {_cell(lot.priority.kk, 100)}"


def to_markdown(diff: DataDiff, before: str, after: str) -> str:
    lines = [f"## Grant data: {before} → {after}", ""]
    if diff.empty:
        lines.append("No change to the published data.")
        return "\n".join(lines) + "\n"
    counts = f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
    lines += [f"**Lots: {counts}.** The site and the downloads will show this after merging.", ""]
    years = sorted(set(diff.totals_before) | set(diff.totals_after))
    lines += ["### Totals per year", "", "| Year | Before | After | Change |", "|---|--:|--:|--:|"]
    for year in years:
        a, b = diff.totals_before.get(year, 0), diff.totals_after.get(year, 0)
        lines.append(f"| {year} | {_tenge(a)} | {_tenge(b)} | {_signed(b - a) if a != b else 'none'} |")
    lines.append("")
    if diff.added:
        lines += ["### Added lots", ""] + [f"- {_lot_line(lot)}" for lot in diff.added] + [""]
    if diff.removed:
        lines += ["### Removed lots", ""] + [f"- {_lot_line(lot)}" for lot in diff.removed] + [""]
    if diff.changed:
        lines += ["### Changed lots", ""]
        for change in diff.changed:
            lines += [f"#### {_lot_line(change.lot)}", "", "| Field | Before | After |", "|---|---|---|"]
            for f in change.fields:
                old, new = _values(f.before, f.after, f.field)
                lines.append(f"| `{f.field}` | {old} | {new} |")
            lines.append("")
    if diff.other:
        lines += ["### Sources and sectors", ""] + [f"- {item}" for item in diff.other] + [""]
    return "\n".join(lines)
