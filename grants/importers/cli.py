"""The ``import`` (and ``new-lot``) commands of ``python -m grants``; their messages in the
maintainer's language (``--lang`` or the environment's LANG)."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grants.cli_i18n import H_
from grants.i18n import LANGUAGES, N_, Speaker, language

if TYPE_CHECKING:  # imported where used, so that other commands start without the importer
    from grants.importers import Result
    from grants.importers.place import Placed

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATA = ROOT / "data" / "grants.yaml"


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar=H_("TABLE"), help=H_("the table: a .docx, .xlsx or .csv file"))
    parser.add_argument(
        "--source", required=True, metavar="ID", help=H_("the new source's id, such as taraz-2026")
    )
    parser.add_argument(
        "--data",
        default=None,
        metavar=H_("FILE"),
        help=H_(
            "the data file the source is added to (default data/grants.yaml); its lots go to "
            "lots/ID.yaml beside it"
        ),
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help=H_("import again over a source the data has already: its record and lot file are replaced"),
    )
    parser.add_argument(
        "--document",
        metavar=H_("FILE"),
        help=H_("the archived document in data/sources/ID/, if it is not the table itself (a PDF)"),
    )
    parser.add_argument(
        "--report",
        metavar=H_("FILE"),
        help=H_("where to save the list of what needs a human look (default: ID.import-report.txt here)"),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar=H_("FILE"),
        help=H_("write one stand-alone YAML file instead (source, sectors, lots), leaving the data alone"),
    )
    parser.add_argument(
        "--force", action="store_true", help=H_("with --output: overwrite that file if it exists")
    )
    parser.add_argument(
        "--year",
        type=int,
        metavar=H_("YEAR"),
        help=H_("the year of amounts that state none (else from the totals row)"),
    )
    parser.add_argument(
        "--issuer",
        metavar=H_("TEXT"),
        help=H_("the issuing body, in the document's language, if the table has no heading row naming it"),
    )
    parser.add_argument(
        "--title", metavar=H_("TEXT"), help=H_("the document's title, if the file has none before the table")
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=H_("language of the messages (default: from LANG)"))
    parser.set_defaults(func=run_import)


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _default_data() -> Path:
    """The data file of the repository the command runs in, else this one's."""
    here = Path("data") / "grants.yaml"
    return here if here.is_file() else DEFAULT_DATA


def run_import(args: argparse.Namespace) -> int:
    if args.output:
        return _import_to_file(args)
    return _import_into_data(args)


def _import_to_file(args: argparse.Namespace) -> int:
    """``--output FILE``: one stand-alone file with the source, its sectors and lots."""
    from grants.importers import ImportError_, render_report

    lang = language(args.lang)
    say = Speaker(lang).say
    source_file = Path(args.file)
    output = Path(args.output)
    if output.exists() and not args.force:
        print(
            say(
                N_("{file} exists already; give another --output, or --force to overwrite it"),
                file=_relative(output),
            ),
            file=sys.stderr,
        )
        return 1
    data = Path(args.data) if args.data else _default_data()
    try:
        schema = os.path.relpath(ROOT / "data" / "grants.schema.kk.json", output.resolve().parent)
        result = _import_table(args, data, lang, schema=schema)
    except ImportError_ as error:
        print(say(error.message, **error.params), file=sys.stderr)
        print(say(N_("nothing was written")), file=sys.stderr)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(result.text, encoding="utf-8")
    name = _relative(output)
    report = render_report(result, name, source_file, lang)
    for line in report:
        print(line)
    if args.report:
        _save_report(Path(args.report), report, say)
    print(say(N_("next: python -m grants validate {file}"), file=name))
    return 0


def _import_table(args: argparse.Namespace, data: Path, lang: str, **more: Any) -> Result:
    """The table of ``args.file`` read into the source ``args.source``, beside the data in ``data``."""
    from grants.importers import import_table

    return import_table(
        Path(args.file),
        args.source,
        year=args.year,
        issuer=args.issuer,
        title=args.title,
        data=data,
        lang=lang,
        **more,
    )


def _save_report(path: Path, lines: list[str], say: Callable[..., str]) -> None:
    try:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as error:
        print(
            say(
                N_("the report could not be saved to {file}: {why}"), file=_relative(path), why=error.strerror
            ),
            file=sys.stderr,
        )
        return
    print(say(N_("the report is saved in {file}"), file=_relative(path)))


def _import_into_data(args: argparse.Namespace) -> int:
    """The source's lots into lots/SOURCE.yaml beside grants.yaml, its record and new sectors
    into grants.yaml; written only if the whole data then passes the check."""
    from grants.importers import ImportError_, render_report
    from grants.importers.place import PlaceError, place

    lang = language(args.lang)
    say = Speaker(lang).say
    source_file = Path(args.file)
    main = Path(args.data) if args.data else _default_data()

    def refuse(message: str, **params: object) -> int:
        print(
            say(message, **{k: _relative(v) if isinstance(v, Path) else v for k, v in params.items()}),
            file=sys.stderr,
        )
        print(say(N_("nothing was written")), file=sys.stderr)
        return 1

    refused = _refusal(args, main)
    if refused:
        return refuse(refused[0], **refused[1])
    document = Path(args.document) if args.document else None
    try:
        result = _import_table(args, main, lang)
        placed = place(result.imported, main, source_file, replace=args.replace, document=document)
    except (ImportError_, PlaceError) as error:
        return refuse(error.message, **error.params)

    def locate(path: tuple[Any, ...] | None) -> tuple[str, int | None]:
        file, line = placed.locate(path)
        return _relative(file), line

    lot_name = _relative(placed.lot_file)
    report = render_report(result, lot_name, source_file, lang, locate=locate)
    report_file = Path(args.report or f"{args.source}.import-report.txt")
    problems = _check(placed, lang)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(file=sys.stderr)
        for line in report:
            print(line)
        _save_report(report_file, report, say)
        n = len(problems)
        print(
            Speaker(lang).plural(
                "nothing was written: with this import the data would not pass the check ({n} problem above); "
                "correct the table or the data and import again",
                "nothing was written: with this import the data would not pass the check ({n} problems above); "
                "correct the table or the data and import again",
                n,
            ),
            file=sys.stderr,
        )
        return 1
    try:
        _write(placed)
    except OSError as error:
        return refuse(N_("{file} cannot be written: {why}"), file=main, why=error.strerror)
    for line in report:
        print(line)
    _save_report(report_file, report, say)
    _tell_written(args, result, placed, say)
    return 0


def _refusal(args: argparse.Namespace, main: Path) -> tuple[str, dict[str, Any]] | None:
    """Why the import cannot go into the data at all, before the table is read: (message, its values)."""
    from grants.importers.place import PlaceError, existing

    if not main.is_file():
        return N_("there is no data file {file}; give it with --data"), {"file": main}
    try:
        has_source, named = existing(main, args.source)
    except PlaceError as error:
        return error.message, error.params
    except (OSError, UnicodeDecodeError):
        return N_("{file} cannot be read; run python -m grants validate {file} to see why"), {"file": main}
    if not args.replace:
        if has_source:
            return (
                N_("{file} has a source «{id}» already; give --replace to import it again over it"),
                {"file": main, "id": args.source},
            )
        lot_file = main.parent / (named or f"lots/{args.source}.yaml")
        if lot_file.exists():
            return N_("{file} exists already; give --replace to import over it"), {"file": lot_file}
    if args.document and not Path(args.document).is_file():
        return N_("{file}: there is no such file"), {"file": Path(args.document)}
    return None


def _tell_written(args: argparse.Namespace, result: Result, placed: Placed, say: Callable[..., str]) -> None:
    """What was written where, and the new sectors that need an id."""
    main_name, lot_name = _relative(placed.main), _relative(placed.lot_file)
    for sector in placed.new_sectors:
        print(
            say(
                N_(
                    "{file}:{line}: a new sector «{id}» is added to sectors (the table names a sector the "
                    "data did not have): give it a short Latin id here and in {lots}"
                ),
                file=main_name,
                line=placed.main_lines.get(("sectors", _index(result, sector)), 0),
                id=sector["id"],
                lots=lot_name,
            )
        )
    if placed.replaced:
        print(
            say(
                N_("replaced: the source «{id}» in {file} and its lots in {lots}"),
                id=args.source,
                file=main_name,
                lots=lot_name,
            )
        )
    else:
        print(
            say(
                N_("written: the source «{id}» at the end of sources in {file}, its lots in {lots}"),
                id=args.source,
                file=main_name,
                lots=lot_name,
            )
        )
    print(say(N_("the data passes the check; next: look at each CHECK mark, then python -m grants validate")))


def _index(result: Result, sector: dict[str, Any]) -> int:
    return next(k for k, s in enumerate(result.imported.data["sectors"]) if s is sector)


def _check(placed: Placed, lang: str) -> list[str]:
    """The errors the validator finds in the data as it would be with the import, told at the
    real files' names, in ``lang``: the new texts and the other lot files are checked in a folder
    of their own."""
    import shutil

    from grants.bundle import lot_file_names
    from grants.problems import printable
    from grants.validate import check

    data_dir = placed.main.parent
    with tempfile.TemporaryDirectory(prefix="grants-import-") as tmp:
        stage = Path(tmp)
        (stage / "grants.yaml").write_text(placed.main_text, encoding="utf-8")
        for name in lot_file_names(placed.main_text):
            target = stage / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if name == placed.lot_name:
                target.write_text(placed.lot_text, encoding="utf-8")
            elif (data_dir / name).is_file():
                shutil.copyfile(data_dir / name, target)
        loaded, problems = check(stage / "grants.yaml")
        out = []
        for problem in problems:
            if problem.severity != "error":
                continue
            try:
                real = data_dir / Path(problem.file).relative_to(stage)
            except ValueError:
                real = Path(problem.file)
            out.append(
                printable(dataclasses.replace(problem, file=Path(_relative(real))).format(loaded.data, lang))
            )
        return out


def _write(placed: Placed) -> None:
    """The lot file, then grants.yaml, each written beside itself and moved into place whole."""
    placed.lot_file.parent.mkdir(parents=True, exist_ok=True)
    for target, text in ((placed.lot_file, placed.lot_text), (placed.main, placed.main_text)):
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(text.encode("utf-8"))
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def add_new_lot_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source", required=True, metavar="ID", help=H_("the source the lot belongs to, such as taraz-2026")
    )
    parser.add_argument(
        "--data", default=None, metavar=H_("FILE"), help=H_("the data file (default data/grants.yaml)")
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=H_("language of the comments (default: from LANG)"))
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
