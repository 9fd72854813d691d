"""A preview of a pull request's lots that a reviewer opens without a server.

``python -m grants preview BASE HEAD --out DIR`` writes, for every lot that HEAD adds or
changes (and every lot whose list or sector it changes), one HTML file per language,
``DIR/<lot id>.<lang>.html``, and ``DIR/index.html`` listing them with what changed.
Each file is a whole document that works alone: opened from a downloaded folder
(``file://``) on a phone or a computer, it needs no script, no font, no image and no
other file, and it fetches nothing from anywhere (its Content-Security-Policy tells the
browser so too).

Nothing here is a second lot page: the page's body is ``overrides/grants/lot.html``
rendered by ``macros.render`` (autoescaping) exactly as the site renders it, and what
changed is ``grants.diff``'s comparison of the two versions' raw YAML (lot files
included), told by ``grants.diff.describe_all`` as the Changes page tells it. What the
preview adds: the document around the body, with the site's own stylesheet
(``grants.css``) and a few rules standing in for Material's inside it, and the site's
links that would lead nowhere from a folder turned into plain text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markupsafe

from grants.diff import DataDiff, FieldChange, ItemChange, VersionError, compare, git, load_version
from grants.history import Change
from grants.i18n import N_, Speaker, language
from grants.model import Dataset, Lot
from grants.validate import DEFAULT_DATA, build
from macros import views
from macros.render import TEMPLATES, render
from macros.strings import UI

#: The languages previewed by default: the ones the maintainers read.
LANGUAGES = ("kk", "ru")
#: The site's own stylesheet, put inside each file.
SITE_CSS = TEMPLATES.parent / "assets" / "stylesheets" / "grants.css"
INDEX = "index.html"
#: A list's and a sector's fields a lot page shows (lot.html): where one changes, so do its lots' pages.
SHOWN_ON_LOT_PAGE = {"issuer", "title", "url", "document", "name"}

#: A link that still works from a folder: a place on the same page, or another site.
_KEPT = re.compile(r"^(#|https?://|mailto:)", re.I)
#: Links in our templates' output. Regular expressions, not an HTML parser: they read only
#: the autoescaping renderer's output, where data text holds no '<' and no '"' (both are
#: escaped), and anchors never nest.
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
_HREF = re.compile(r'\shref="([^"]*)"')


class PreviewError(Exception):
    """The preview cannot be made: ``message`` (marked for translation) with its ``params`` says why."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message.format(**params))
        self.message, self.params = message, params


@dataclass(frozen=True)
class Entry:
    """One lot of the preview and why it is there."""

    lot: Lot
    kind: str  # "added" | "changed" | "related" (its list or sector changed)
    fields: tuple[FieldChange, ...] = ()
    items: tuple[ItemChange, ...] = ()  # the list or sector changes that reach it

    def file(self, lang: str) -> str:
        return f"{self.lot.id}.{lang}.html"


@dataclass
class Preview:
    entries: list[Entry]
    diff: DataDiff
    files: dict[str, str] = field(default_factory=dict)  # file name -> HTML


def offline(body: str) -> str:
    """``body`` with every link that would lead nowhere from a folder (the site's other
    pages, its downloads) made plain text; links to other sites and within the page stay."""

    def one(match: re.Match[str]) -> str:
        href = _HREF.search(match[1])
        if href is not None and _KEPT.match(html.unescape(href[1]).strip()):
            return match[0]
        return f'<span class="grant-preview-off">{match[2]}</span>'

    return _LINK.sub(one, body)


def entries(dataset: Dataset, diff: DataDiff) -> list[Entry]:
    """The lots to preview, in the data's order."""
    added = {lot.id for lot in diff.added}
    changed = {change.lot.id: change.fields for change in diff.changed}
    items = [
        item
        for item in diff.other
        if item.what == "changed" and any(f.field in SHOWN_ON_LOT_PAGE for f in item.fields)
    ]
    out = []
    for lot in dataset.lots:
        if lot.id in added:
            out.append(Entry(lot, "added"))
        elif lot.id in changed:
            out.append(Entry(lot, "changed", changed[lot.id]))
        else:
            reaching = tuple(
                item
                for item in items
                if (item.kind, item.id) in (("source", lot.source.id), ("sector", lot.sector.id))
            )
            if reaching:
                out.append(Entry(lot, "related", items=reaching))
    return out


def _stylesheet() -> markupsafe.Markup:
    # Our own file, put inside <style> as it is: no data text ever reaches it.
    return markupsafe.Markup(SITE_CSS.read_text(encoding="utf-8"))


def _language_links(files: dict[str, str], lang: str) -> list[tuple[str, str, bool]]:
    """(file, the language's own name, whether it is this page) for each language."""
    names = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
    return [(file, names.get(code, code), code == lang) for code, file in files.items()]


def make(
    after: dict[str, Any],
    *,
    langs: tuple[str, ...] = LANGUAGES,
    change: Change,
    build_date: dt.date,
    data_path: Path = DEFAULT_DATA,
) -> Preview:
    """The preview of the raw data ``after``, changed as ``change`` tells, as files by name."""
    try:
        dataset = build(after, data_path)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        # build() takes valid data; the validator says what is wrong with it, line by line.
        raise PreviewError(
            N_("the data does not pass the check ({detail})"), detail=f"{type(error).__name__}: {error}"
        ) from None
    diff = change.diff
    found = entries(dataset, diff)
    preview = Preview(found, diff)
    css = _stylesheet()
    for entry in found:
        files = {lang: entry.file(lang) for lang in langs}
        for lang in langs:
            base = "../../"  # where the site has the page: lots/<id>/; those links are made text below
            body = render(
                "lot.html",
                lang=lang,
                base=base,
                root=base if lang == "kk" else base + "../",  # the site's ru and en are in folders
                build_date=build_date,
                lot=entry.lot,
                last_change=change if entry.kind != "related" else None,
                history_unavailable=None,
                **views.lot_page(entry.lot, lang),
            )
            preview.files[entry.file(lang)] = render(
                "preview.html",
                lang=lang,
                base="",
                root="",
                build_date=build_date,
                css=css,
                title=f"{UI['lot.label'].get(lang)} {entry.lot.number}. {entry.lot.priority.get(lang)}",
                body=markupsafe.Markup(offline(body)),
                entry=entry,
                languages=_language_links(files, lang),
                index=INDEX,
            )
    sections = [
        render(
            "preview_index.html",
            lang=lang,
            base="",
            root="",
            build_date=build_date,
            entries=found,
            diff=diff,
        )
        for lang in langs
    ]
    preview.files[INDEX] = render(
        "preview.html",
        lang=langs[0],
        base="",
        root="",
        build_date=build_date,
        css=css,
        title=" / ".join(UI["preview.title"].get(lang) for lang in langs),
        body=markupsafe.Markup("\n".join(sections)),
        entry=None,
        languages=_language_links({lang: f"#{lang}" for lang in langs}, ""),  # the index's sections
        index=None,
    )
    return preview


def _revision(spec: str, repo: Path) -> tuple[str, dt.datetime] | None:
    """The commit and date of a git revision; None when ``spec`` is a file."""
    if Path(spec).is_file():
        return None
    out = git("log", "-1", "--format=%H%x1f%cI", spec, "--", cwd=repo).strip()
    sha, date = out.split("\x1f")
    return sha, dt.datetime.fromisoformat(date)


def write(
    before_spec: str,
    after_spec: str,
    out: Path,
    *,
    langs: tuple[str, ...] = LANGUAGES,
    data_path: Path = DEFAULT_DATA,
    build_date: dt.date | None = None,
) -> Preview:
    """Read both versions (git revisions or files), make the preview and write it to ``out``."""
    try:
        before = load_version(before_spec, data_path)
        after = load_version(after_spec, data_path)
        if after is None:
            raise PreviewError(N_("there is no data file at {spec}"), spec=after_spec)
        repo = data_path.resolve().parent
        revision = _revision(after_spec, repo)
    except VersionError as error:
        raise PreviewError(N_("git cannot read it: {detail}"), detail=str(error)) from None
    sha, date = revision or ("", dt.datetime.now(dt.UTC))
    change = Change(sha, date, compare(before, after))
    preview = make(
        after,
        langs=langs,
        change=change,
        build_date=build_date or dt.date.today(),
        data_path=data_path,
    )
    out.mkdir(parents=True, exist_ok=True)
    for name, text in preview.files.items():
        (out / name).write_text(text, encoding="utf-8")
    return preview


def command(args: argparse.Namespace) -> int:
    """``python -m grants preview BEFORE AFTER --out DIR [--languages kk,ru] [--lang kk]``."""
    speaker = Speaker(language(args.lang), "preview")
    data = Path("data/grants.yaml") if Path("data/grants.yaml").is_file() else DEFAULT_DATA
    langs = tuple(dict.fromkeys(code.strip() for code in args.languages.split(",") if code.strip()))
    if not langs or any(code not in ("kk", "ru", "en") for code in langs):
        print(speaker.say(N_("--languages takes kk, ru and en, separated by commas")), file=sys.stderr)
        return 2
    out = Path(args.out)
    try:
        preview = write(args.before, args.after, out, langs=langs, data_path=data)
    except PreviewError as error:
        message = N_("cannot make the preview of {after}: {error}. Check the data: python -m grants validate")
        why = speaker.say(error.message, **error.params)
        print(speaker.say(message, after=args.after, error=why), file=sys.stderr)
        return 1
    print(
        speaker.plural(
            "{n} lot previewed in {folder}: open {index} in a browser",
            "{n} lots previewed in {folder}: open {index} in a browser",
            len(preview.entries),
            folder=out,
            index=out / INDEX,
        )
    )
    return 0
