"""The ``import`` (and ``new-lot``) commands of ``python -m grants``; their messages in the
maintainer's language (``--lang`` or the environment's LANG)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from grants.i18n import LANGUAGES, N_, Speaker, language

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATA = ROOT / "data" / "grants.yaml"


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the table: a .docx, .xlsx or .csv file")
    parser.add_argument("--source", required=True, help="the new source's id, such as taraz-2026")
    parser.add_argument("-o", "--output", help="the YAML file to write (default: SOURCE.yaml here)")
    parser.add_argument(
        "--year", type=int, help="the year of amounts that state none (else from the totals row)"
    )
    parser.add_argument(
        "--issuer",
        help="the issuing body, in the document's language, if the table has no heading row naming it",
    )
    parser.add_argument("--title", help="the document's title, if the file has none before the table")
    parser.add_argument(
        "--data", default=None, help="the data file whose sectors are reused (default data/grants.yaml)"
    )
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the messages (default: from LANG)")
    parser.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    parser.set_defaults(func=run_import)


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def run_import(args: argparse.Namespace) -> int:
    from grants.importers import ImportError_, import_table, render_report

    lang = language(args.lang)
    say = Speaker(lang).say
    source_file = Path(args.file)
    output = Path(args.output or f"{args.source}.yaml")
    if output.exists() and not args.force:
        print(
            say(
                N_("{file} exists already; give another --output, or --force to overwrite it"),
                file=_relative(output),
            ),
            file=sys.stderr,
        )
        return 1
    data = Path(args.data) if args.data else DEFAULT_DATA
    try:
        result = import_table(
            source_file,
            args.source,
            year=args.year,
            issuer=args.issuer,
            title=args.title,
            data=data,
            lang=lang,
            schema=os.path.relpath(ROOT / "data" / "grants.schema.json", output.resolve().parent),
        )
    except ImportError_ as error:
        print(say(error.message, **error.params), file=sys.stderr)
        print(say(N_("nothing was written")), file=sys.stderr)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(result.text, encoding="utf-8")
    name = _relative(output)
    for line in render_report(result, name, source_file, lang):
        print(line)
    print(say(N_("next: python -m grants validate {file}"), file=name))
    return 0


def add_new_lot_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", required=True, help="the source the lot belongs to, such as taraz-2026")
    parser.add_argument("--data", default=None, help="the data file (default data/grants.yaml)")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the comments (default: from LANG)")
    parser.set_defaults(func=run_new_lot)


def run_new_lot(args: argparse.Namespace) -> int:
    import yaml

    from grants.importers.skeleton import new_lot

    lang = language(args.lang)
    say = Speaker(lang).say
    path = Path(args.data) if args.data else DEFAULT_DATA
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        print(
            say(
                N_("{file} cannot be read; run python -m grants validate {file} to see why"),
                file=_relative(path),
            ),
            file=sys.stderr,
        )
        return 1
    try:
        block = new_lot(data if isinstance(data, dict) else {}, args.source, lang)
    except LookupError:
        known = ", ".join(str(s.get("id")) for s in (data or {}).get("sources") or [] if isinstance(s, dict))
        print(
            say(
                N_("{file} has no source «{id}»; its sources: {known}"),
                file=_relative(path),
                id=args.source,
                known=known,
            ),
            file=sys.stderr,
        )
        return 1
    sys.stdout.write(block)
    return 0
