"""``python -m grants``: commands for maintainers and CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from grants.cli_i18n import H_, requested, speaking
from grants.formatting import spaced
from grants.i18n import LANGUAGES, N_, Msg, language, plural, po_path, tell
from grants.problems import printable
from grants.validate import DEFAULT_DATA, I18N_LISTED, build, check


def _say(message: Msg, args: argparse.Namespace) -> str:
    """``message`` in the language of this run: ``--lang``, else the environment, else English."""
    return tell(message, language(getattr(args, "lang", None)))


def relative(path: Path) -> Path:
    """``path`` as from the folder the command runs in, if it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def data_file(given: str | None) -> Path:
    """The data file given, else the one of the repository the command runs in, else this one's."""
    if given:
        return Path(given)
    return Path("data/grants.yaml") if Path("data/grants.yaml").is_file() else DEFAULT_DATA


def cmd_validate(args: argparse.Namespace) -> int:
    path = relative(Path(args.path))
    lang = language(args.lang)
    if args.fix:
        from grants.validate import fix

        for file, changed in fix(path).items():
            told = plural(
                "{file}: replaced {n} look-alike character (spaces, quotes, invisible ones)",
                "{file}: replaced {n} look-alike characters (spaces, quotes, invisible ones)",
                changed,
                file=relative(Path(file)),
            )
            print(printable(tell(told, lang)))
    loaded, problems = check(path, strict_i18n=args.strict_i18n, all_warnings=args.all_warnings)
    for problem in problems:
        print(
            problem.format(loaded.data, lang), file=sys.stderr if problem.severity == "error" else sys.stdout
        )
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        told = plural(
            "{path}: {n} problem; nothing was published. Fix the lines above and run the check again.",
            "{path}: {n} problems; nothing was published. Fix the lines above and run the check again.",
            len(errors),
            path=path,
        )
        print(printable(tell(told, lang)), file=sys.stderr)
        return 1
    dataset = build(loaded.data, path)
    totals = ", ".join(f"{y.year}: {spaced(y.amount)} KZT" for y in dataset.total_by_year())
    warnings = len(problems)
    told = Msg(
        N_("{path}: valid: {lots}, {sources}; totals {totals}{warnings}"),
        path=printable(str(path)),
        lots=plural("{n} lot", "{n} lots", len(dataset.lots)),
        sources=plural("{n} source", "{n} sources", len(dataset.sources)),
        totals=totals,
        warnings=plural("; {n} warning", "; {n} warnings", warnings) if warnings else "",
    )
    print(tell(told, lang))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from grants.export import files
    from grants.problems import DataError
    from grants.validate import load_dataset

    try:
        dataset = load_dataset(args.data)
    except DataError as error:
        print(error.report(language(args.lang)), file=sys.stderr)
        return 1
    out = Path(args.folder)
    written = files(dataset)
    for name, content in written.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    told = plural("wrote {n} file to {folder}", "wrote {n} files to {folder}", len(written), folder=out)
    print(_say(told, args))
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from grants.diff import VersionError, compare, load_version, to_markdown
    from grants.translations import raw_coverage

    data = data_file(None)
    try:
        before = load_version(args.before, data)
        after = load_version(args.after, data)
    except VersionError as error:
        told = Msg(N_("cannot compare: {reason}"), reason=error.args[0] if error.args else str(error))
        print(_say(told, args), file=sys.stderr)
        return 1
    if after is None:
        told = Msg(N_("cannot compare: there is no data file at {where}"), where=args.after)
        print(_say(told, args), file=sys.stderr)
        return 1
    print(to_markdown(compare(before, after), args.before, args.after, raw_coverage(after)), end="")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from grants import schema_i18n

    lang = language(args.lang)
    if args.check:
        stale = schema_i18n.outdated()
        for path in stale:
            told = Msg(
                N_("{file}: out of date; run: {command}"), file=relative(path), command=schema_i18n.COMMAND
            )
            print(tell(told, lang), file=sys.stderr)
    else:
        stale = []
        for path in schema_i18n.write():
            print(tell(Msg(N_("wrote {file}"), file=relative(path)), lang))
    missing = 0
    for catalog_lang in schema_i18n.LANGUAGES:
        catalog = relative(po_path(catalog_lang, schema_i18n.DOMAIN))
        for problem in schema_i18n.untranslated(catalog_lang):
            print(f"{catalog}: {tell(problem, lang)}", file=sys.stderr)
            missing += 1
    if missing:
        told = plural(
            "{n} schema text needs a translation: write it as the msgstr in the catalog named above, "
            "then run {command} again",
            "{n} schema texts need a translation: write each as the msgstr in the catalog named above, "
            "then run {command} again",
            missing,
            command=schema_i18n.COMMAND,
        )
        print(tell(told, lang), file=sys.stderr)
    return 1 if stale or missing else 0


def cmd_preview(args: argparse.Namespace) -> int:
    # The one command that reaches into macros/: the preview's pages are the site's own lot
    # template, rendered by macros.render (which needs no MkDocs), not a second copy of it.
    from macros.preview import command

    return command(args)


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, told: str, **more: Any
) -> argparse.ArgumentParser:
    """The command ``name``: ``told`` is its line in ``python -m grants --help`` and the first
    line of its own ``--help``."""
    return sub.add_parser(name, help=told, description=told, **more)


def _versions(parser: argparse.ArgumentParser) -> None:
    """The two versions that ``diff`` and ``preview`` compare."""
    told = H_("the earlier version: a git branch or commit (main, HEAD~1) or a data file")
    parser.add_argument("before", metavar=H_("BEFORE"), help=told)
    told = H_("the later version: a git branch or commit (HEAD) or a data file")
    parser.add_argument("after", metavar=H_("AFTER"), help=told)


def parser() -> argparse.ArgumentParser:
    """``python -m grants``'s parser, its words in the language of :func:`grants.cli_i18n.speaking`."""
    main_parser = argparse.ArgumentParser(
        prog="python -m grants",
        description=H_(
            "Commands for the grants data: check it, import an official list's table, print an empty "
            "lot, compare two versions, preview the pages of changed lots, write the open-data files. "
            "Each command has its own --help."
        ),
    )
    # --lang before or after the command: `python -m grants --lang kk validate` or `... validate --lang kk`.
    lang_help = H_(
        "the language of the messages: kk, ru or en (default: the computer's language setting, "
        "LANGUAGE, LC_ALL, LC_MESSAGES or LANG, else en)"
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=lang_help)
    main_parser.add_argument("--lang", dest="global_lang", choices=LANGUAGES, default=None, help=lang_help)
    sub = main_parser.add_subparsers(dest="command", metavar=H_("COMMAND"), required=True)

    told = H_("check the data file and list every problem")
    validate = _command(sub, "validate", told, parents=[common])
    default = str(relative(DEFAULT_DATA))
    # argparse fills %(…)s in a help text: a % in the path is written %%.
    told = H_("the data file (default {file})").format(file=default.replace("%", "%%"))
    validate.add_argument("path", nargs="?", default=default, metavar=H_("FILE"), help=told)
    told = H_("treat a missing ru or en translation as an error")
    validate.add_argument("--strict-i18n", action="store_true", help=told)
    told = H_("list every text that lacks a translation (by default the first {n} and the counts)")
    validate.add_argument("--all-warnings", action="store_true", help=told.format(n=I18N_LISTED))
    told = H_(
        "first rewrite look-alike characters in the texts (non-breaking spaces, invisible ones, "
        "English quotes in Kazakh and Russian) in the file itself"
    )
    validate.add_argument("--fix", action="store_true", help=told)
    validate.set_defaults(func=cmd_validate)

    told = H_("write the open-data downloads (JSON, CSV, Data Package) to a folder")
    export = _command(sub, "export", told, parents=[common])
    export.add_argument("folder", metavar=H_("FOLDER"), help=H_("the folder to write the files to"))
    told = H_("the data file (default data/grants.yaml)")
    export.add_argument("--data", default=None, metavar=H_("FILE"), help=told)
    export.set_defaults(func=cmd_export)

    told = H_("what changed between two versions of the data, as Markdown")
    diff = _command(sub, "diff", told, parents=[common])
    _versions(diff)
    diff.set_defaults(func=cmd_diff)

    told = H_(
        "for developers, after changing a field's declaration in grants/model.py: write "
        "data/grants.schema.json, update the schema's Kazakh and Russian catalogs and write "
        "data/*.schema.kk.json and *.ru.json"
    )
    schema = _command(sub, "schema", told, parents=[common])
    told = H_("write nothing; fail if anything is out of date")
    schema.add_argument("--check", action="store_true", help=told)
    schema.set_defaults(func=cmd_schema)

    told = H_("write the pages of the lots a change adds or changes, as HTML files that open from a folder")
    preview = _command(sub, "preview", told)
    _versions(preview)
    told = H_("the folder to write index.html and the pages to")
    preview.add_argument("--out", required=True, metavar=H_("FOLDER"), help=told)
    told = H_("the pages' languages, separated by commas (default kk,ru)")
    preview.add_argument("--languages", default="kk,ru", metavar=H_("LANGUAGES"), help=told)
    told = H_("language of the messages (default: from LANG)")
    preview.add_argument("--lang", choices=LANGUAGES, help=told)
    preview.set_defaults(func=cmd_preview)

    from grants.importers.cli import add_import_arguments, add_new_lot_arguments

    told = H_(
        "read an official list's table (DOCX, XLSX, CSV) into the data: its lots to "
        "data/lots/ID.yaml, its record to data/grants.yaml"
    )
    add_import_arguments(_command(sub, "import", told))
    told = H_("print an empty lot, each field explained in a comment, to paste into the data")
    add_new_lot_arguments(_command(sub, "new-lot", told))
    return main_parser


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    # The help's and the errors' language is known before the parser is made (its own
    # words are made with it): --lang if the arguments have one, else the environment's.
    with speaking(language(requested(arguments))):
        args = parser().parse_args(arguments)
    if getattr(args, "lang", None) is None:  # given before the command, or not at all
        args.lang = args.global_lang
    status: int = args.func(args)
    return status
