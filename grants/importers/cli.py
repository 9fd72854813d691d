"""The ``import`` (and ``new-lot``) commands of ``python -m grants``; their messages in the
maintainer's language (``--lang`` or the environment's LANG)."""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grants.cli import data_file, relative
from grants.cli_i18n import H_
from grants.i18n import LANGUAGES, N_, Speaker, language
from grants.validate import DEFAULT_DATA, ROOT

if TYPE_CHECKING:  # imported where used, so that other commands start without the importer
    from grants.importers import Result
    from grants.importers.place import Placed

#: A function that tells a message in the maintainer's language (:meth:`Speaker.say`).
Say = Callable[..., str]


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar=H_("TABLE"), help=H_("the table: a .docx, .xlsx or .csv file"))
    told = H_("the new source's id, such as taraz-2026")
    parser.add_argument("--source", required=True, metavar="ID", help=told)
    told = H_(
        "the data file the source is added to (default data/grants.yaml); its lots go to "
        "lots/ID.yaml beside it"
    )
    parser.add_argument("--data", default=None, metavar=H_("FILE"), help=told)
    told = H_("import again over a source the data has already: its record and lot file are replaced")
    parser.add_argument("--replace", action="store_true", help=told)
    told = H_("the archived document in data/sources/ID/, if it is not the table itself (a PDF)")
    parser.add_argument("--document", metavar=H_("FILE"), help=told)
    told = H_("where to save the list of what needs a human look (default: ID.import-report.txt here)")
    parser.add_argument("--report", metavar=H_("FILE"), help=told)
    told = H_("write one stand-alone YAML file instead (source, sectors, lots), leaving the data alone")
    parser.add_argument("-o", "--output", metavar=H_("FILE"), help=told)
    told = H_("with --output: overwrite that file if it exists")
    parser.add_argument("--force", action="store_true", help=told)
    told = H_("the year of amounts that state none (else from the totals row)")
    parser.add_argument("--year", type=int, metavar=H_("YEAR"), help=told)
    told = H_("the issuing body, in the document's language, if the table has no heading row naming it")
    parser.add_argument("--issuer", metavar=H_("TEXT"), help=told)
    told = H_("the document's title, if the file has none before the table")
    parser.add_argument("--title", metavar=H_("TEXT"), help=told)
    parser.add_argument("--lang", choices=LANGUAGES, help=H_("language of the messages (default: from LANG)"))
    parser.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    speaker = Speaker(language(args.lang))
    if args.output:
        return _import_to_file(args, speaker)
    return _import_into_data(args, speaker)


def _refuse(say: Say, message: str, **params: Any) -> int:
    """Tell why nothing was written (a path among ``params`` as from here); the exit status."""
    params = {k: relative(v) if isinstance(v, Path) else v for k, v in params.items()}
    print(say(message, **params), file=sys.stderr)
    print(say(N_("nothing was written")), file=sys.stderr)
    return 1


def _import_table(args: argparse.Namespace, lang: str, **more: Any) -> Result:
    """The table of ``args.file`` read into the source ``args.source``, beside the data it goes into."""
    from grants.importers import import_table

    options = {"year": args.year, "issuer": args.issuer, "title": args.title, "data": data_file(args.data)}
    return import_table(Path(args.file), args.source, lang=lang, **options, **more)


def _tell_report(lines: list[str], path: Path | None, say: Say) -> None:
    """The report's lines, and saved to ``path`` if given."""
    for line in lines:
        print(line)
    if path is None:
        return
    try:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as error:
        message = N_("the report could not be saved to {file}: {why}")
        print(say(message, file=relative(path), why=error.strerror), file=sys.stderr)
        return
    print(say(N_("the report is saved in {file}"), file=relative(path)))


def _import_to_file(args: argparse.Namespace, speaker: Speaker) -> int:
    """``--output FILE``: one stand-alone file with the source, its sectors and lots."""
    from grants.importers import ImportError_, render_report

    say = speaker.say
    output = Path(args.output)
    if output.exists() and not args.force:
        message = N_("{file} exists already; give another --output, or --force to overwrite it")
        print(say(message, file=relative(output)), file=sys.stderr)
        return 1
    try:
        schema = os.path.relpath(ROOT / "data" / "grants.schema.kk.json", output.resolve().parent)
        result = _import_table(args, speaker.lang, schema=schema)
    except ImportError_ as error:
        return _refuse(say, error.message, **error.params)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(result.text, encoding="utf-8")
    name = str(relative(output))
    report = render_report(result, name, Path(args.file), speaker.lang)
    _tell_report(report, Path(args.report) if args.report else None, say)
    print(say(N_("next: python -m grants validate {file}"), file=name))
    return 0


def _import_into_data(args: argparse.Namespace, speaker: Speaker) -> int:
    """The source's lots into lots/SOURCE.yaml beside grants.yaml, its record and new sectors
    into grants.yaml; written only if the whole data then passes the check."""
    from grants.importers import ImportError_, render_report
    from grants.importers.place import place

    say, lang = speaker.say, speaker.lang
    main = data_file(args.data)
    document = Path(args.document) if args.document else None
    try:
        _may_import(args, main)
        result = _import_table(args, lang)
        placed = place(result.imported, main, Path(args.file), replace=args.replace, document=document)
    except ImportError_ as error:
        return _refuse(say, error.message, **error.params)

    def locate(path: tuple[Any, ...] | None) -> tuple[str, int | None]:
        file, line = placed.locate(path)
        return str(relative(file)), line

    report = render_report(result, str(relative(placed.lot_file)), Path(args.file), lang, locate=locate)
    report_file = Path(args.report or f"{args.source}.import-report.txt")
    problems = _check(placed, lang)
    if problems:
        print(*problems, sep="\n", end="\n\n", file=sys.stderr)
        _tell_report(report, report_file, say)
        told = speaker.plural(
            "nothing was written: with this import the data would not pass the check ({n} problem above); "
            "correct the table or the data and import again",
            "nothing was written: with this import the data would not pass the check ({n} problems above); "
            "correct the table or the data and import again",
            len(problems),
        )
        print(told, file=sys.stderr)
        return 1
    try:
        _write(placed)
    except OSError as error:
        return _refuse(say, N_("{file} cannot be written: {why}"), file=main, why=error.strerror)
    _tell_report(report, report_file, say)
    _tell_written(args, placed, say)
    return 0


def _may_import(args: argparse.Namespace, main: Path) -> None:
    """Raise ImportError_ (message, its values) if the import cannot go into the data at all,
    before the table is read."""
    from grants.importers import ImportError_
    from grants.importers.place import existing

    if not main.is_file():
        raise ImportError_(N_("there is no data file {file}; give it with --data"), file=main)
    try:
        has_source, named = existing(main, args.source)
    except (OSError, UnicodeDecodeError):
        raise ImportError_(
            N_("{file} cannot be read; run python -m grants validate {file} to see why"), file=main
        ) from None
    if not args.replace:
        if has_source:
            message = N_("{file} has a source «{id}» already; give --replace to import it again over it")
            raise ImportError_(message, file=main, id=args.source)
        lot_file = main.parent / (named or f"lots/{args.source}.yaml")
        if lot_file.exists():
            raise ImportError_(N_("{file} exists already; give --replace to import over it"), file=lot_file)
    if args.document and not Path(args.document).is_file():
        raise ImportError_(N_("{file}: there is no such file"), file=Path(args.document))


def _tell_written(args: argparse.Namespace, placed: Placed, say: Say) -> None:
    """What was written where, and the new sectors that need an id."""
    main_name, lot_name = relative(placed.main), relative(placed.lot_file)
    message = N_(
        "{file}:{line}: a new sector «{id}» is added to sectors (the table names a sector the "
        "data did not have): give it a short Latin id here and in {lots}"
    )
    for index, sector in placed.new_sectors:
        line = placed.main_lines.get(("sectors", index), 0)
        print(say(message, file=main_name, line=line, id=sector["id"], lots=lot_name))
    if placed.replaced:
        message = N_("replaced: the source «{id}» in {file} and its lots in {lots}")
    else:
        message = N_("written: the source «{id}» at the end of sources in {file}, its lots in {lots}")
    print(say(message, id=args.source, file=main_name, lots=lot_name))
    print(say(N_("the data passes the check; next: look at each CHECK mark, then python -m grants validate")))


def _check(placed: Placed, lang: str) -> list[str]:
    """The errors the validator finds in the data as it would be with the import, told at the
    real files' names, in ``lang``: the new texts and the other lot files are checked in a folder
    of their own."""
    from grants.bundle import lot_file_names, parse
    from grants.problems import printable
    from grants.validate import check

    data_dir = placed.main.parent
    with tempfile.TemporaryDirectory(prefix="grants-import-") as tmp:
        stage = Path(tmp)
        (stage / "grants.yaml").write_text(placed.main_text, encoding="utf-8")
        for name in lot_file_names(parse(placed.main_text)):
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
            out.append(printable(dataclasses.replace(problem, file=relative(real)).format(loaded.data, lang)))
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
    told = H_("the source the lot belongs to, such as taraz-2026")
    parser.add_argument("--source", required=True, metavar="ID", help=told)
    told = H_("the data file (default data/grants.yaml)")
    parser.add_argument("--data", default=None, metavar=H_("FILE"), help=told)
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
        message = N_("{file} cannot be read; run python -m grants validate {file} to see why")
        print(say(message, file=relative(path)), file=sys.stderr)
        return 1
    data = data if isinstance(data, dict) else {}
    try:
        block = new_lot(data, args.source, lang)
    except LookupError:
        known = ", ".join(str(s.get("id")) for s in data.get("sources") or [] if isinstance(s, dict))
        message = N_("{file} has no source «{id}»; its sources: {known}")
        print(say(message, file=relative(path), id=args.source, known=known), file=sys.stderr)
        return 1
    sys.stdout.write(block)
    return 0
